import type { Doc, Entity, EntityKind, Mention, Token } from '../model/types.js';
import type { Country, Organisation, Person } from '../model/schema.js';
import { fold, type Knowledge, type NameEntry } from '../knowledge/index.js';
import { givenNames } from '../knowledge/names.js';
import { mainCountry } from './main-country.js';
import { nameCues } from '../knowledge/cues.js';
import { gazetteer } from '../knowledge/gazetteer.js';
import { lastTokenOf, tokenAt } from './doc.js';
import { inVocabulary } from './segment.js';
import { fallbackActor } from './actor-fallback.js';
import { datelineDash, datelineEnd } from './dateline.js';

// Words that stand before a name and say what the person is; they also give unknown people a role.
const TITLES = new Map<string, string>([
  ['president', 'head of state'], ['prime minister', 'head of government'], ['premier', 'head of government'],
  ['chancellor', 'head of government'], ['foreign minister', 'foreign minister'], ['defence minister', 'defence minister'],
  ['defense minister', 'defence minister'], ['secretary of state', 'foreign minister'], ['defense secretary', 'defence minister'],
  ['defence secretary', 'defence minister'], ['foreign secretary', 'foreign minister'], ['interior minister', 'interior minister'],
  ['minister', 'minister'], ['king', 'head of state'], ['queen', 'head of state'], ['emir', 'head of state'],
  ['crown prince', 'head of government'], ['supreme leader', 'head of state'], ['general', 'military commander'],
  ['gen.', 'military commander'], ['commander', 'military commander'], ['colonel', 'military commander'],
  ['ambassador', 'official'], ['envoy', 'official'], ['spokesman', 'official'], ['spokeswoman', 'official'],
  ['spokesperson', 'official'], ['senator', 'legislator'], ['sen.', 'legislator'], ['rep.', 'legislator'],
  ['governor', 'official'], ['mayor', 'official'], ['secretary-general', 'igo head'], ['secretary general', 'igo head'],
  ['vice president', 'official'], ['deputy prime minister', 'minister'], ['secretary', 'official'], ['undersecretary', 'official'],
  ['vice foreign minister', 'official'], ['deputy foreign minister', 'official'], ['deputy minister', 'official'], ['minister of state', 'minister'], ['leader', 'leader'], ['chief', 'official'], ['official', 'official'],
  ['captain', 'military commander'], ['capt.', 'military commander'], ['lt.', 'military commander'], ['lieutenant', 'military commander'],
  ['lt. gen.', 'military commander'], ['maj.', 'military commander'], ['major general', 'military commander'], ['brig.', 'military commander'],
  ['sergeant', 'military commander'], ['sgt.', 'military commander'], ['admiral', 'military commander'], ['adm.', 'military commander'],
  ['col.', 'military commander'], ['marshal', 'military commander'], ['field marshal', 'military commander'],
  ['national security adviser', 'official'], ['national security advisor', 'official'], ['security adviser', 'official'],
  ['adviser', 'official'], ['advisor', 'official'], ['attorney general', 'judiciary'], ['chief of staff', 'official'],
  ['prof.', ''], ['professor', ''], ['rev.', ''], ['reverend', ''], ['father', ''], ['sir', ''], ['lord', ''], ['lady', ''],
  ['mr.', ''], ['mrs.', ''], ['ms.', ''], ['mr', ''], ['ms', ''], ['dr.', ''], ['dr', ''], ['fr.', ''], ['fr', ''], ['sheikh', ''], ['judge', 'judiciary'],
]);

/**
 * The lower-case token a title can open with: each title's words up to a space or hyphen ("vice",
 * "secretary" of "secretary-general"), and the whole title. No title starts at a token not in here.
 */
const TITLE_STARTS = new Set([...TITLES.keys()].flatMap((k) => [k, ...[...k].flatMap((ch, i) => (ch === ' ' || ch === '-' ? [k.slice(0, i)] : []))]));

const ORG_WORDS = new Set([
  'ministry', 'council', 'party', 'front', 'army', 'forces', 'agency', 'office', 'committee', 'union', 'organisation',
  'organization', 'bank', 'company', 'corporation', 'group', 'university', 'association', 'court', 'movement', 'brigade',
  'brigades', 'institute', 'commission', 'parliament', 'assembly', 'federation', 'alliance', 'coalition', 'league',
  'foundation', 'society', 'service', 'services', 'authority', 'department', 'guard', 'police', 'news', 'times', 'post',
  'press', 'network', 'fund', 'program', 'programme', 'inc.', 'ltd', 'corp.', 'club', 'battalion', 'regiment', 'militia',
  'monitor', 'observatory', 'centre', 'center', 'tribunal', 'congress', 'senate', 'cabinet', 'government', 'administration',
]);

const SECTOR_KIND: Record<string, EntityKind> = {
  GOV: 'government', MIL: 'military', COP: 'police', REB: 'armed group', INS: 'armed group', OPP: 'opposition',
  CVL: 'civilians', REF: 'civilians', MED: 'media', JUD: 'government', LEG: 'government', SPY: 'government',
  BUS: 'company', NGO: 'ngo', IGO: 'igo', UAF: 'armed group',
};

/** Sectors whose people are, unless said otherwise, of the country they are in. */
const LOCAL_SECTORS = new Set(['REB', 'OPP']);
const REGION_WORDS = new Set(['northern', 'southern', 'eastern', 'western', 'central', 'north', 'south', 'east', 'west', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'north-eastern', 'north-western', 'south-eastern', 'south-western']);

function orgKind(kind: string): EntityKind {
  const k = kind.toLowerCase();
  if (k === 'igo' || k === 'armed group' || k === 'party' || k === 'media' || k === 'ngo' || k === 'government' || k === 'company') return k;
  return 'organisation';
}

function roleCode(role: string | null): string {
  if (!role) return '';
  if (role === 'defence minister' || role === 'military commander') return 'MIL';
  if (role === 'armed group leader') return 'REB';
  if (role === 'opposition leader') return 'OPP';
  if (role === 'legislator') return 'LEG';
  return 'GOV';
}

const isOrgWord = (w: string) => ORG_WORDS.has(w) || nameCues().orgWords.has(w);
const isPlaceWord = (w: string) => PLACE_SUFFIXES.has(w) || nameCues().placeWords.has(w);

const isCap = (t: Token) => /^[\p{Lu}]/u.test(t.text);
const NAME_JOINERS = new Set(['al', 'el', 'bin', 'ibn', 'de', 'da', 'van', 'von', 'der', 'la', 'du', 'abu', 'ben', 'bint']);

interface Ctx {
  doc: Doc;
  kb: Knowledge;
  folded: string;
  /** surface → entity id, defined in this article (acronyms, surnames of people already named) */
  local: Map<string, string>;
  /** token indexes already inside a mention */
  taken: Set<number>;
}

/**
 * Actor mentions and linking: names, aliases, demonyms, capitals used for governments, government
 * seats, people with the role they held on the article's date, organisations, acronyms defined in
 * the text, later surnames, and capitalised names the knowledge base does not know.
 */
export function actors(doc: Doc, kb: Knowledge): void {
  const ctx: Ctx = { doc, kb, folded: fold(doc.text), local: new Map(), taken: new Set() };
  for (const s of doc.sentences) {
    if (!s.claim) continue;
    // (a dateline names where the report was filed, not who acts: "OHRID, North Macedonia — …")
    for (let i = datelineEnd(doc, s.tokenStart, s.tokenEnd); i < s.tokenEnd; i++) {
      if (ctx.taken.has(i)) continue;
      const t = doc.tokens[i];
      // ("al-Qaeda", "el-Sisi": a name may open with a lower-case article joined to a capitalised word,
      // which only the knowledge base's names are trusted to start with)
      const particle = ARTICLE_PARTICLES.has(t.text) && doc.tokens[i + 1]?.text === '-' && doc.tokens[i + 1].start === t.end && isCap(doc.tokens[i + 2] ?? t);
      if (!isCap(t) && !/^[A-Z]/.test(ctx.folded[t.start]) && !particle) continue;
      const used = matchCompass(ctx, i) || matchKnown(ctx, i, s.tokenEnd, s.headline) || (particle ? 0 : matchUnknown(ctx, i, s.tokenEnd, s.headline));
      if (used > 0) for (let k = i; k < i + used; k++) ctx.taken.add(k);
    }
  }
  doc.mentions.sort((a, b) => a.start - b.start);
  appositiveCountry(doc);
}

/**
 * "Kim Yo Jong, the powerful sister of North Korean leader Kim Jong Un, demanded …", "Jane Doe, a
 * spokeswoman for the U.S. State Department, said …": a person the knowledge base lacks, whose
 * first mention is described by an apposition after a comma, is of the country the apposition names
 * first (a country, a nationality, or a known person's).
 */
function appositiveCountry(doc: Doc): void {
  const seen = new Set<string>();
  for (const m of doc.mentions) {
    if (seen.has(m.entityId)) continue;
    seen.add(m.entityId);
    const e = doc.entities.get(m.entityId);
    if (!e || e.kind !== 'person' || e.iso3 || e.linked) continue;
    const k = lastTokenOf(doc, m);
    const s = doc.sentences[doc.tokens[k]?.sentence ?? -1];
    if (!s || doc.tokens[k + 1]?.text !== ',' || !/^(the|a|an)$/i.test(doc.tokens[k + 2]?.text ?? '')) continue;
    let end = k + 3;
    while (end < s.tokenEnd && end < k + 16 && doc.tokens[end].text !== ',' && doc.tokens[end].text !== '.') end++;
    if (doc.tokens[end]?.text !== ',') continue;
    const from = doc.tokens[k + 2].start, to = doc.tokens[end].start;
    const inside = doc.mentions.find((x) => x.start >= from && x.end <= to && !!doc.entities.get(x.entityId)?.iso3);
    if (inside) e.iso3 = doc.entities.get(inside.entityId)!.iso3;
  }
}

const HALVES: Record<string, string> = { North: 'South', South: 'North' };

/**
 * "the North", "the South", "the West" (a compass word after "the", before no other name).
 * "South Korea said the North had fired …": where a country is one of two halves of a divided land
 * (a North and a South of the same name in the knowledge base) and the article has named either half,
 * "the North" and "the South" are those halves.
 */
function matchCompass(ctx: Ctx, i: number): number {
  const { doc, kb } = ctx;
  const t = doc.tokens[i];
  const next = doc.tokens[i + 1];
  if (doc.tokens[i - 1]?.lemma !== 'the' || (next && next.sentence === t.sentence && isCap(next))) return 0;
  // ("Russia accused the West": the Western powers, not a person named West)
  const west = t.text === 'West' ? kb.organisations.get('west') : undefined;
  if (west) {
    const e = orgEntity(west, doc.article.published);
    ensureEntity(ctx, e);
    addMention(ctx, t.start, t.end, e.id, 'alias', t.sentence);
    return 1;
  }
  const other = HALVES[t.text];
  if (!other) return REGIONS.has(t.text) ? 1 : 0;
  const before = doc.text.slice(0, t.start);
  for (const c of kb.countries.values()) {
    if (!c.name.startsWith(t.text + ' ')) continue;
    const stem = c.name.slice(t.text.length + 1);
    const twin = [...kb.countries.values()].find((x) => x.name === `${other} ${stem}`);
    if (!twin || !(before.includes(c.name) || before.includes(twin.name))) continue;
    addMention(ctx, t.start, t.end, countryEntity(ctx, c.id, null), 'half', t.sentence);
    return 1;
  }
  // ("rebels in the North": a part of a country, named by no one's name)
  return 1;
}

const REGIONS = new Set(['East', 'Northeast', 'Northwest', 'Southeast', 'Southwest']);

const ARTICLE_PARTICLES = new Set(['al', 'el', 'ad', 'ash', 'as', 'an', 'ar', 'at', 'az']);

function tokenEndingAt(doc: Doc, from: number, limit: number, end: number): number {
  // The number of tokens from `from` whose last token ends at or just after `end`.
  let k = from;
  while (k < limit && doc.tokens[k].end < end) k++;
  if (k >= limit) return limit - from;
  return k - from + 1;
}

function matchKnown(ctx: Ctx, i: number, limit: number, headline: boolean): number {
  const { doc, kb, folded } = ctx;
  const t = doc.tokens[i];
  // Acronyms and surnames defined earlier in this article come first.
  for (const [surface, entityId] of ctx.local) {
    if (folded.startsWith(surface, t.start) && !/[\p{L}\p{N}]/u.test(folded[t.start + surface.length] ?? '')) {
      const n = tokenEndingAt(doc, i, limit, t.start + surface.length);
      if (!localRefers(ctx, i, n, limit, surface)) continue;
      addMention(ctx, t.start, t.start + surface.length, entityId, surface.length <= 5 && /^[A-Z]+$/.test(surface) ? 'acronym' : 'coref', t.sentence);
      return n;
    }
  }
  // Among people sharing a name ("President Bush", "Kenyatta"), the one holding office on the
  // article's date comes first.
  const entries = kb.lookupAt(folded, t.start).slice().sort((a, b) => {
    if (b.surface.length !== a.surface.length) return b.surface.length - a.surface.length;
    const inOffice = (e: NameEntry) => {
      if (e.target.kind !== 'person' && e.target.kind !== 'surname') return 0;
      const p = kb.people.get(e.target.id);
      return p && kb.roleAt(p, doc.anchor) ? 1 : 0;
    };
    return inOffice(b) - inOffice(a);
  });
  for (const e of entries) {
    const end = t.start + e.surface.length;
    if ((e.target.kind === 'country' || e.target.kind === 'demonym') && opensOwnName(ctx, e.target.id, i, tokenEndingAt(doc, i, limit, end), limit)) return 0;
    // The match must end on a token boundary (possibly inside "M23-led" or "Iran's").
    const n = tokenEndingAt(doc, i, limit, end);
    const last = doc.tokens[i + n - 1];
    if (last && last.end !== end && !/^[-'’]/.test(doc.text.slice(end, end + 1))) continue;
    if (resolveEntry(ctx, e, i, n, t.start, end, headline)) {
      // "Known Name (KN)": the acronym means the same entity for the rest of the article.
      const open = doc.tokens[i + n], acr = doc.tokens[i + n + 1], close = doc.tokens[i + n + 2];
      const last = doc.mentions[doc.mentions.length - 1];
      if (open?.text === '(' && acr && /^[A-Z]{2,8}$/.test(acr.text) && close?.text === ')' && last) ctx.local.set(acr.text, last.entityId);
      return n;
    }
  }
  return 0;
}

/**
 * Whether a name met earlier in the article ("Okafor" after "Dara Okafor") refers back here. Not
 * when it starts a longer name ("Okafor Street", "Okafor Brothers Ltd") or another person's full
 * name, nor when a capitalised ordinary word opens a sentence ("Cable networks ...") unless a verb
 * follows, as after a surname.
 */
function localRefers(ctx: Ctx, i: number, n: number, limit: number, surface: string): boolean {
  if (/^[A-Z]{2,8}$/.test(surface)) return true;
  const { doc } = ctx;
  const next = doc.tokens[i + n];
  if (namesDate(doc, i, n)) return false;
  if (next && i + n < limit && isCap(next) && /^\p{L}/u.test(next.text) && (next.pos === 'PROPN' || next.pos === 'NOUN')) return false;
  if (opensSentence(doc, i) && n === 1 && inVocabulary(doc.tokens[i].text) && !(next && (next.pos === 'VERB' || next.pos === 'AUX' || next.text === "'s" || next.text === '’s'))) return false;
  // ("Houthi official X", "a Houthi military spokesman", after "Abdul-Malik al-Houthi": a surname that
  // also names a group, modifying a common word, is the group)
  if (next && i + n < limit && !isCap(next) && (next.pos === 'NOUN' || next.pos === 'ADJ') &&
    ctx.kb.lookupAt(ctx.folded, doc.tokens[i].start).some((o) => o.surface === surface && o.target.kind !== 'surname' && o.target.kind !== 'person')) return false;
  return true;
}

/** Whether token i starts its sentence, or a quotation or bracket inside it. */
function opensSentence(doc: Doc, i: number): boolean {
  const s = sentenceOfToken(doc, i);
  // (or the dash of a dateline before it: "NAIROBI, Kenya (AP) — Police detained …")
  return i === s.tokenStart || ['“', '"', '‘', "'", '('].includes(doc.tokens[i - 1]?.text ?? '') ||
    (i - s.tokenStart <= 10 && datelineDash(doc, s.tokenStart, s.tokenEnd) === i - 1);
}

function sentenceOfToken(doc: Doc, i: number) {
  return doc.sentences[doc.tokens[i].sentence];
}

/** Words that say a title is no longer held. */
const FORMER = new Set(['former', 'ex', 'late', 'onetime', 'one-time', 'erstwhile']);

/**
 * Whether the title starting at token k is one held before: "former" or "ex-" opens it, perhaps
 * before a country word ("Former Philippine President", "the ex-Prime Minister").
 */
function formerTitle(doc: Doc, k: number, sentence: number): boolean {
  for (let q = k - 1, steps = 0; q >= 0 && steps < 4 && doc.tokens[q].sentence === sentence; q--, steps++) {
    const w = doc.tokens[q].text.toLowerCase();
    if (FORMER.has(w)) return true;
    if (w === '-' ) continue;
    const pos = doc.tokens[q].upos ?? doc.tokens[q].pos;
    if (pos !== 'PROPN' && pos !== 'ADJ' && w !== "'s" && w !== '’s') return false;
  }
  return false;
}

/** Checks the title words just before token i ("Foreign Minister", "President"). */
function titleBefore(doc: Doc, i: number): { role: string; start: number; tokens: number } | null {
  const s = sentenceOfToken(doc, i);
  for (const len of [4, 3, 2, 1]) {
    if (i - len < s.tokenStart) continue;
    const words = doc.tokens.slice(i - len, i).map((x) => x.text.toLowerCase()).join(' ').replace(/ - /g, '-');
    const role = TITLES.get(words);
    if (role !== undefined) return { role, start: doc.tokens[i - len].start, tokens: len };
  }
  return null;
}

/** The entities of the mentions that end on the token before k, in k's sentence. */
/**
 * The state the text speaks of just before offset `at`: that of the latest state-bound mention in the
 * sentence, else in the paragraph's sentences before it. Null when none, or when the sentence names
 * several states.
 */
function stateInView(ctx: Ctx, at: number): string | null {
  const { doc } = ctx;
  const k = tokenAt(doc, at);
  const s = doc.tokens[k]?.sentence ?? -1;
  const iso = (m: Mention) => doc.entities.get(m.entityId)?.iso3 ?? null;
  const inSentence = doc.mentions.filter((m) => m.sentence === s && m.end <= at && iso(m));
  const states = new Set(inSentence.map(iso));
  if (states.size > 1) return null;
  if (states.size === 1) return [...states][0];
  const block = doc.sentences[s]?.block;
  const before = doc.mentions.filter((m) => m.sentence < s && m.sentence >= s - 3 && doc.sentences[m.sentence].block === block && iso(m));
  return before.length ? iso(before[before.length - 1]) : null;
}

function entitiesBefore(ctx: Ctx, k: number): Entity[] {
  const prev = ctx.doc.tokens[k - 1];
  if (!prev || prev.sentence !== ctx.doc.tokens[k].sentence) return [];
  return ctx.doc.mentions.filter((m) => m.end === prev.end).flatMap((m) => ctx.doc.entities.get(m.entityId) ?? []);
}

/**
 * Whether the body noun at token k already names its country ("his Iranian counterpart in Ankara",
 * "Swedish officials in Baghdad"): then the place after it is where the body is, not whose it is.
 */
const ownCountry = (ctx: Ctx, k: number) => entitiesBefore(ctx, k).some((e) => !!e.iso3);
/** Organisations that have national chapters named by a country after their name. */
const CHAPTER_KINDS = new Set(['ngo', 'igo', 'company', 'media']);

function resolveEntry(ctx: Ctx, e: NameEntry, i: number, n: number, start: number, end: number, headline: boolean): boolean {
  const { doc, kb } = ctx;
  const sent = doc.tokens[i].sentence;
  const next = doc.tokens[i + n];
  if ((e.target.kind === 'country' || e.target.kind === 'demonym' || e.target.kind === 'capital') && insideLongerName(ctx, i, n, headline)) return false;
  switch (e.target.kind) {
    case 'country': {
      // "Amnesty International Kenya", "Transparency International Sri Lanka": a country right after an
      // organisation's name names its national chapter, not a second actor
      if (doc.tokens[i - 1]?.end < doc.tokens[i].start && entitiesBefore(ctx, i).some((x) => CHAPTER_KINDS.has(x.kind))) return false;
      // "Authorities in Iran", "security forces in Syria": that country's state body; "militants in
      // northern Mali", "protesters in Georgia": its own rebels or protesters.
      const inAt = doc.tokens[i - 1] && REGION_WORDS.has(doc.tokens[i - 1].text.toLowerCase()) ? i - 2 : i - 1;
      const body = doc.tokens[inAt]?.lemma === 'in' ? doc.tokens[inAt - 1] : undefined;
      const bodySec = body && !headline ? bodySector(ctx, inAt - 1) : undefined;
      // ("troops in Ukraine" are troops stationed there, so only civil state bodies count.)
      // (nor diplomats: "the Swedish embassy in Iraq" is Sweden's; nor refugees, who are mostly not)
      const local = !!bodySec && (['GOV', 'COP'].includes(bodySec.sector) ? bodySec.id !== 'gov-diplomats' : LOCAL_SECTORS.has(bodySec.sector));
      if (body && bodySec && local && body.sentence === doc.tokens[i].sentence && !ownCountry(ctx, inAt - 1)) {
        addMention(ctx, body.start, end, countryEntity(ctx, e.target.id, bodySec.sector), 'name', sent);
        return true;
      }
      // "Kenya-led force": the country leads; it does not name the force's sector.
      const head = next?.text === '-' ? null : sectorAfter(ctx, i + n);
      addMention(ctx, start, end, countryEntity(ctx, e.target.id, head?.sector ?? null), e.via, sent, head);
      return true;
    }
    case 'demonym': {
      // "ethnic Albanians in Serbia" are a people, not the state of Albania.
      if (doc.tokens[i - 1]?.lemma === 'ethnic') {
        const from = doc.tokens[i - 1];
        const name = doc.text.slice(from.start, end);
        const id = `local:${fold(name).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
        ensureEntity(ctx, { id, name, kind: 'group', iso3: null, role: 'ethnic group', cameo: null, linked: false });
        addMention(ctx, from.start, end, id, 'ethnic', sent);
        return true;
      }
      // "Arab" and other region words are never listed as demonyms, so every match is a country.
      const head = next?.text === '-' ? null : sectorAfter(ctx, i + n);
      addMention(ctx, start, end, countryEntity(ctx, e.target.id, head?.sector ?? 'GOV', !head), 'demonym', sent, head);
      return true;
    }
    case 'capital': {
      // A capital names the government only when it acts: "Moscow said", "Beijing's response".
      const prev = doc.tokens[i - 1];
      const compound = next?.text === '-' && ['lead', 'back', 'ally', 'sponsor', 'support', 'arm', 'fund'].includes(doc.tokens[i + n + 1]?.lemma ?? '');
      // "Beijing warned Washington": the object of a verb of saying or dealing, not of movement.
      const object = prev && prev.pos === 'VERB' && !MOVEMENT.has(prev.lemma);
      // "Beirut again rejected": adverbs may stand between the capital and its verb.
      let v = i + n;
      while (doc.tokens[v] && doc.tokens[v].pos === 'ADV' && v < i + n + 2) v++;
      const verbNext = doc.tokens[v];
      // "Washington, along with its allies, demanded …": the parse finds the subject past what stands between.
      const last = doc.tokens[i + n - 1];
      const subject = last.deprel === 'nsubj' && last.head != null && last.head >= 0 && doc.tokens[last.head].pos === 'VERB';
      // ("was rebuffed by Pristina": a passive's agent acts too)
      const agent = prev?.lemma === 'by' && last.deprel === 'obl:agent';
      // ("agreed with Naypyitaw on a ceasefire", "talks with Kinshasa": the other party one deals with)
      const partyHead = last.head != null && last.head >= 0 ? doc.tokens[last.head].lemma.toLowerCase() : '';
      const dealtWith = prev?.lemma === 'with' && DEALING.has(partyHead);
      const acts = compound || object || subject || agent || dealtWith || (next && (next.text === "'s" || next.text === '’s')) || (verbNext && (verbNext.pos === 'VERB' || verbNext.pos === 'AUX'));
      const placeCue = prev && ['in', 'to', 'from', 'near', 'at', 'outside', 'into', 'via'].includes(prev.lemma);
      // "the authorities in Minsk", "officials in Beijing": the government of that capital.
      const body = prev?.lemma === 'in' ? doc.tokens[i - 2] : undefined;
      const sec = body ? bodySector(ctx, i - 2) : undefined;
      // (not diplomats: "the Swedish embassy in Baghdad", "envoys in Moscow" are foreign ones)
      if (body && sec && (sec.sector === 'GOV' || sec.sector === 'COP' || sec.sector === 'JUD') && sec.id !== 'gov-diplomats' && !headline && !ownCountry(ctx, i - 2)) {
        addMention(ctx, body.start, end, countryEntity(ctx, e.target.id, sec.sector), 'capital', sent);
        return true;
      }
      // "a Moscow court jailed …", "Tbilisi police detained …": a capital's court or police is the state's
      const local = next?.text === '-' ? null : sectorAfter(ctx, i + n);
      if (local && (local.sector === 'JUD' || local.sector === 'COP') && local.start === next?.start && !placeCue && !ownCountry(ctx, i - 1)) {
        addMention(ctx, start, end, countryEntity(ctx, e.target.id, local.sector), 'capital', sent, local);
        return true;
      }
      if (!acts || placeCue || headline) return false;
      addMention(ctx, start, end, countryEntity(ctx, e.target.id, 'GOV'), 'capital', sent);
      return true;
    }
    case 'institution': {
      const inst = kb.institutions.get(e.target.id)!;
      // ("Colombia's president asked Congress to …": a name many states' bodies go by is the body of
      // the state the text is about at that point, when that is another state)
      // (only states whose own body goes by that name: "Ukraine urged Congress" is the US Congress)
      if (inst.sharedWith.length && e.surface === inst.name) {
        const other = stateInView(ctx, start);
        if (other && inst.sharedWith.includes(other)) {
          addMention(ctx, start, end, countryEntity(ctx, other, inst.sector ?? 'GOV'), e.via, sent);
          return true;
        }
      }
      ensureEntity(ctx, {
        id: inst.id, name: inst.name, kind: (inst.kind as EntityKind) || 'government', iso3: inst.iso3, role: inst.sector ?? null,
        cameo: inst.cameo ?? `${inst.iso3}${inst.sector ?? 'GOV'}`, linked: true,
      });
      addMention(ctx, start, end, inst.id, e.via, sent);
      return true;
    }
    case 'organisation': {
      const org = kb.organisations.get(e.target.id)!;
      // "Iran Air Force" is not the airline Iran Air: a company's name running on into a head word
      // of another name ("Force", "Guard", "Ministry") is part of that name.
      if (org.kind === 'company' && next && isCap(next) && (isOrgWord(next.text.toLowerCase()) || kb.sectorWords.has(next.text.toLowerCase()))) return false;
      // A lower-case-looking acronym match ("Hts") is not the organisation.
      ensureEntity(ctx, orgEntity(org, ctx.doc.anchor));
      addMention(ctx, start, end, org.id, e.via, sent);
      if (/^[A-Z]{2,}$/.test(e.surface)) ctx.local.set(e.surface, org.id);
      return true;
    }
    case 'person':
    case 'surname': {
      const p = kb.people.get(e.target.id)!;
      const title = titleBefore(doc, i);
      if (e.target.kind === 'surname') {
        if (namesDate(doc, i, n)) return false;
        const seen = doc.entities.has(p.id);
        // A bare surname also names the one person of that name in office on the article's date
        // ("Clinton" in 1998, "Bush" in 1991).
        const rank = (id: string) => {
          const r = kb.roleAt(kb.people.get(id)!, doc.anchor)?.role;
          return r === 'head of state' ? 3 : r === 'head of government' ? 2 : r ? 1 : 0;
        };
        const mine = rank(p.id);
        const soleHolder = mine > 0 && !kb.lookupAt(ctx.folded, start).some((o) =>
          o.target.kind === 'surname' && o.target.id !== p.id && o.surface === e.surface && rank(o.target.id) >= mine);
        if (!seen && !p.surnameAlone && !title && !soleHolder) return false;
        // A famous surname still yields to the namesake (a father, a son) who held office on the date.
        if (!seen && !title && p.surnameAlone && !kb.roleAt(p, doc.anchor) && kb.lookupAt(ctx.folded, start).some((o) =>
          o.target.kind === 'surname' && o.target.id !== p.id && o.surface === e.surface && !!kb.roleAt(kb.people.get(o.target.id)!, doc.anchor))) return false;
        // A surname followed by more capitalised words is someone else's longer name (so is one
        // followed by a particle of a name: "Abdullah al-Khulaifi", "Ahmed bin Salman").
        const after = doc.tokens[i + n + 1];
        if (next && isCap(next) && next.pos === 'PROPN') return false;
        if (next && NAME_JOINERS.has(next.text.toLowerCase()) && after && after.sentence === next.sentence && (after.text === '-' || isCap(after))) return false;
        // "Houthi supporters": a word that also names a group, modifying a common noun, is the group.
        if (next && !isCap(next) && next.pos === 'NOUN' && kb.lookupAt(ctx.folded, start).some((o) => o.surface === e.surface && o.target.kind !== 'surname' && o.target.kind !== 'person')) return false;
      }
      const pe = personEntity(ctx, p);
      ensureEntity(ctx, pe);
      // Someone acting for an organisation brings it along: events can name the UN for its Secretary-General.
      const org = pe.parent ? kb.organisations.get(pe.parent) : undefined;
      if (org) ensureEntity(ctx, orgEntity(org, ctx.doc.anchor));
      // "the Maduro government", "Putin's forces": the person's name stands for a state body.
      const sec = pe.iso3 && ctx.kb.countries.has(pe.iso3) ? sectorAfter(ctx, i + n) : null;
      const adj = doc.tokens[i + n];
      const adjacentSector = !!adj && (adj.start === sec?.start || ((adj.text === "'s" || adj.text === '’s') && doc.tokens[i + n + 1]?.start === sec?.start));
      if (sec && (sec.sector === 'GOV' || sec.sector === 'MIL') && adjacentSector) {
        addMention(ctx, start, end, countryEntity(ctx, pe.iso3!, sec.sector), e.via, sent, sec);
      } else addMention(ctx, start, end, p.id, e.via, sent);
      if (p.surname) ctx.local.set(fold(p.surname), p.id);
      return true;
    }
  }
  return false;
}

const MOVEMENT = new Set(['visit', 'arrive', 'reach', 'fly', 'travel', 'return', 'leave', 'enter', 'attack', 'strike', 'shell', 'bomb', 'hit', 'capture', 'seize', 'besiege', 'tour', 'land', 'flee', 'move', 'relocate', 'evacuate', 'liberate', 'surround', 'encircle',
  'recapture', 'retake', 'take', 'overrun', 'occupy', 'storm', 'raid', 'target', 'pound', 'bombard', 'blockade', 'control', 'hold', 'defend', 'approach', 'march', 'invade']);

const NAME_PREFIXES = new Set(['new', 'south', 'north', 'east', 'west', 'western', 'eastern', 'northern', 'southern', 'latin', 'native', 'central', 'lake', 'gulf', 'upper', 'lower', 'greater', 'little', 'saint', 'st.', 'port', 'fort', 'mount', 'cape']);

/**
 * "Latin America", "New Mexico", "Indian Ocean", "Jordan Valley": a country word glued to other
 * capitalised words is part of a longer name, not the country.
 */
function insideLongerName(ctx: Ctx, i: number, n: number, headline: boolean): boolean {
  const { doc } = ctx;
  const s = sentenceOfToken(doc, i);
  const prev = i > s.tokenStart ? doc.tokens[i - 1] : null;
  if (prev && NAME_PREFIXES.has(prev.text.toLowerCase()) && isCap(prev)) return true;
  if (headline) return false;
  const next = doc.tokens[i + n];
  if (next && next.sentence === s.index && isCap(next) && (next.pos === 'PROPN' || next.pos === 'NOUN') && !ctx.kb.sectorWords.has(next.text.toLowerCase())
    && !ctx.kb.lookupAt(ctx.folded, next.start).length && !TITLES.has(next.text.toLowerCase())) {
    const after = doc.tokens[i + n + 1];
    // "Ocean", "Valley", "Sea": geographic or institutional names continue with a capitalised noun.
    if (next.pos === 'PROPN' && /^(Ocean|Sea|Valley|Basin|Delta|River|Lake|Gulf|Strait|Peninsula|Times|Post|Airways|Airlines|Club|Cup|League|Street)$/.test(next.text)) return true;
    // "Canadian Dental Association", "Polish Academy of Arts": capitalised words up to an
    // organisation's head word make one name, unless they are a state body ("Russian Air Force").
    const run: string[] = [];
    for (let q = i + n; q < s.tokenEnd && run.length < 4 && isCap(doc.tokens[q]); q++) run.push(doc.tokens[q].text.toLowerCase());
    const sector = run.some((_, a) => run.some((__, b) => b >= a && ctx.kb.sectorWords.has(run.slice(a, b + 1).join(' '))));
    // ("Latvian Academy of Music": a head word first is a name when "of" goes on with it.)
    const ofNext = doc.tokens[i + n + run.length]?.text === 'of';
    if (!sector && run.some((w, q) => (q > 0 || ofNext) && isOrgWord(w))) return true;
    void after;
  }
  return false;
}

/** A sector noun right after a country word: "Russian troops", "Iranian foreign ministry", "Syrian state media". */
const sectorStartsOf = new WeakMap<Map<string, unknown>, Set<string>>();

/** The first words of the knowledge base's sector words ("security" of "security forces"). */
function sectorStarts(kb: Knowledge): Set<string> {
  let out = sectorStartsOf.get(kb.sectorWords);
  if (!out) sectorStartsOf.set(kb.sectorWords, (out = new Set([...kb.sectorWords.keys()].map((w) => w.split(' ')[0]))));
  return out;
}

/**
 * The sector of the people named by the noun at k with the word before it, where that word says who
 * they are: "opposition leaders in Egypt" are its opposition, "student leaders" students, while
 * "leaders in Egypt" alone are its government.
 */
function bodySector(ctx: Ctx, k: number): ReturnType<Knowledge['sectorOf']> {
  const { doc, kb } = ctx;
  const t = doc.tokens[k];
  const alone = kb.sectorOf(t);
  // (only for a noun that names people itself: "an official holiday in France" names none)
  const before = doc.tokens[k - 1];
  if (alone && before && before.sentence === t.sentence && (before.pos === 'NOUN' || before.pos === 'ADJ' || before.pos === 'PROPN')) {
    const two = kb.sectorOf({ text: `${before.text.toLowerCase()} ${t.text.toLowerCase()}`, lemma: `${before.lemma} ${t.lemma}` });
    if (two) return two;
    const own = kb.sectorOf(before);
    if (own && own.sector !== alone.sector) return own;
  }
  return alone;
}

/**
 * "the Sudan Liberation Army", "the Iraqi Communist Party": a country or nationality that opens a
 * longer name of capitalised words ending in an organisation's head word, with a word that names no
 * body of the state ("Afghan National Army" is the state's), is the first word of that name.
 */
function opensOwnName(ctx: Ctx, iso3: string, i: number, n: number, limit: number): boolean {
  const { doc } = ctx;
  let k = i + n;
  while (k < limit && k < i + n + 6 && (/^\p{Lu}\p{Ll}/u.test(doc.tokens[k].text) || (/^['’]s$/.test(doc.tokens[k].text) && k > i + n))) k++;
  if (k === i + n || !ORG_HEADS.has(doc.tokens[k - 1].text.toLowerCase())) return false;
  if (!doc.tokens.slice(i + n, k - 1).some((w) => /^\p{Lu}/u.test(w.text) && !STATE_BODY_WORDS.has(w.text.toLowerCase()))) return false;
  // (but "Chinese People's Liberation Army": the country's own body, known by the rest of the name)
  const rest = ctx.kb.lookupAt(ctx.folded, doc.tokens[i + n].start).find((x) => x.target.kind === 'organisation');
  return !(rest && ctx.kb.organisations.get(rest.target.id)?.iso3 === iso3);
}

const ORG_HEADS = new Set(['army', 'movement', 'front', 'party', 'union', 'council', 'alliance', 'congress', 'force', 'forces', 'league', 'organisation', 'organization', 'brigade', 'brigades']);

/** Verbs and nouns of dealing with another party: their "with" phrase names one. */
const DEALING = new Set(['agree', 'negotiate', 'talk', 'talks', 'meet', 'deal', 'sign', 'cooperate', 'cooperation', 'relations', 'relation', 'ties', 'agreement', 'accord',
  'ceasefire', 'truce', 'dialogue', 'negotiation', 'negotiations', 'meeting', 'pact', 'treaty', 'settle', 'reconcile', 'normalise', 'normalize', 'clash', 'split', 'break', 'dispute', 'row', 'spat', 'tension', 'tensions']);

/** Capitalised words that may stand between a country and its body's noun ("Afghan National Army", "Saudi Royal Air Force"). */
const STATE_BODY_WORDS = new Set(['national', 'federal', 'royal', 'central', 'special', 'armed', 'presidential', 'republican', 'state', 'security', 'defence', 'defense',
  'interior', 'foreign', 'military', 'naval', 'air', 'border', 'coast', 'civil', 'supreme', 'high', 'joint', 'general', 'chief', 'main', 'intelligence', 'police', 'army', 'navy',
  'ground', 'land', 'marine', 'marines', 'guard', 'guards', 'corps', 'ministry', 'command', 'forces', 'force', 'service', 'services', 'operations', 'staff', 'home', 'emergency']);

function sectorAfter(ctx: Ctx, j: number): (Mention['head'] & { sector: string; kind: string }) | null {
  const { doc, kb } = ctx;
  const limit = sentenceOfToken(doc, Math.max(0, j - 1)).tokenEnd;
  // Allow one or two modifiers in between ("Russian state-run media", "Iranian and Arabic media").
  const starts = sectorStarts(kb);
  for (let skip = 0; skip <= 3 && j + skip < limit; skip++) {
    // (no sector word starts at a token whose form and lemma open none)
    const t0 = doc.tokens[j + skip];
    const low = t0?.text.toLowerCase();
    const opens = !t0 || starts.has(low) || starts.has(t0.lemma) || low.includes(' ') || t0.lemma.includes(' ');
    for (const len of opens ? [3, 2, 1] : []) {
      const toks = doc.tokens.slice(j + skip, j + skip + len);
      if (toks.length < len) continue;
      const words = toks.map((x) => x.text.toLowerCase()).join(' ');
      const lemmas = toks.map((x) => x.lemma).join(' ');
      // (by its lemma, only a noun: "Protests in Iran forced the government" name no forces)
      const last = toks[len - 1];
      const sec = kb.sectorWords.get(words) ?? ((last.upos ?? last.pos) === 'VERB' ? undefined : kb.sectorWords.get(lemmas));
      if (sec) {
        // "Russian government" but not "Russian tanks of the government": only modifiers may stand between.
        const between = doc.tokens.slice(j, j + skip);
        const ok = (b: Token, k: number) => ['ADJ', 'CCONJ', 'PUNCT', 'NOUN', 'PROPN'].includes(b.pos) || b.text === "'s" || b.text === '’s' ||
          (b.pos === 'VERB' && doc.tokens[k - 1]?.text === '-');
        if (between.some((b, k) => !ok(b, j + k) || b.text === ',' || b.lemma === 'of')) return null;
        // ("Colombia's National Liberation Army": a capitalised word between that says nothing of a
        // state's body is part of a name, not of the country's "army")
        // (a body written in lower case stays the state's whatever names it: "the Sandinista government")
        if (/^\p{Lu}/u.test(toks[0].text) && between.some((b) => /^\p{Lu}/u.test(b.text) && !STATE_BODY_WORDS.has(b.text.toLowerCase()))) return null;
        // "Guyana's President Irfaan Ali", "U.S. Secretary of State Antony Blinken": a title before a
        // name; the person is the actor and the country stays the country.
        let after = j + skip + len;
        // ("the Sudan People's Liberation Army": nor is a capitalised sector word with a name after its possessive)
        if (/^\p{Lu}/u.test(toks[0].text) && /^['’]s$/.test(doc.tokens[after]?.text ?? '')) after++;
        while (after < limit && ['of', 'state', 'defense', 'defence', 'foreign', 'affairs'].includes(doc.tokens[after].text.toLowerCase())) after++;
        const nameNext = doc.tokens[after];
        const inHeadline = doc.sentences[doc.tokens[j].sentence]?.headline;
        if (!inHeadline && nameNext && after < limit && /^\p{Lu}/u.test(nameNext.text) && nameNext.pos === 'PROPN' && !ctx.kb.sectorWords.has(nameNext.text.toLowerCase())) return null;
        return { start: toks[0].start, end: toks[toks.length - 1].end, text: doc.text.slice(toks[0].start, toks[toks.length - 1].end), sector: sec.sector, kind: sec.kind };
      }
    }
    const b = doc.tokens[j + skip];
    if (!b || b.text === ',' || !(['ADJ', 'CCONJ', 'PUNCT', 'NOUN', 'PROPN'].includes(b.pos) || b.text === "'s" || b.text === '’s' || (b.pos === 'VERB' && doc.tokens[j + skip - 1]?.text === '-'))) break;
  }
  return null;
}

function countryEntity(ctx: Ctx, iso3: string, sector: string | null, plainCountry = false): string {
  const c = ctx.kb.countries.get(iso3)!;
  if (!sector || plainCountry) {
    ensureEntity(ctx, { id: c.id, name: c.name, kind: 'country', iso3: c.id, role: null, cameo: c.cameo ?? c.id, linked: true });
    return c.id;
  }
  const a = sectorActor(c, sector);
  ensureEntity(ctx, { id: a.id, name: a.name, kind: a.kind, iso3: c.id, role: a.label, cameo: a.id, linked: true, parent: c.id });
  return a.id;
}

/** A country's sector as an actor: "KENCOP", "Kenya (police)", of kind police. */
export function sectorActor(c: Country, sector: string): { id: string; name: string; kind: EntityKind; label: string } {
  const label = SECTOR_LABEL[sector] ?? sector.toLowerCase();
  return { id: `${c.cameo ?? c.id}${sector}`, name: `${c.name} (${label})`, kind: SECTOR_KIND[sector] ?? 'group', label };
}

const SECTOR_LABEL: Record<string, string> = {
  GOV: 'government', MIL: 'military', COP: 'police', REB: 'rebels', INS: 'insurgents', OPP: 'opposition',
  CVL: 'civilians', REF: 'refugees', MED: 'media', JUD: 'judiciary', LEG: 'legislature', SPY: 'intelligence',
  BUS: 'business', NGO: 'NGOs', EDU: 'education', HLH: 'health', LAB: 'labour',
  UAF: 'unidentified armed group', CRM: 'criminals', REL: 'religious',
};

/** The organisation as it was on the article's day (the Taliban govern Afghanistan from August 2021). */
function orgEntity(org: Organisation, day: string | null): Entity {
  const p = day ? org.periods?.find((x) => x.from <= day && (!x.to || day <= x.to)) : undefined;
  return {
    id: org.id, name: org.name, kind: orgKind(p?.kind ?? org.kind), iso3: org.iso3 ?? null, role: p?.sector ?? org.sector ?? null,
    cameo: p?.cameo ?? org.cameo ?? null, linked: true, parent: org.parent ?? null,
  };
}

function personEntity(ctx: Ctx, p: Person): Entity {
  const role = ctx.kb.roleAt(p, ctx.doc.anchor);
  let iso3 = role?.iso3 ?? p.iso3 ?? null;
  let cameo: string | null = iso3;
  if (role?.org) {
    // Someone acting for an organisation acts for it, not for the country of their passport.
    const org = ctx.kb.organisations.get(role.org);
    if (org?.cameo) cameo = org.cameo;
    if (org) iso3 = org.iso3 ?? null;
  } else if (role && iso3) cameo = `${iso3}${roleCode(role.role)}`;
  return { id: p.id, name: p.name, kind: 'person', iso3, role: role?.role ?? null, cameo, linked: true, parent: role?.org ?? null };
}

function ensureEntity(ctx: Ctx, e: Entity): void {
  if (!ctx.doc.entities.has(e.id)) ctx.doc.entities.set(e.id, e);
}

function addMention(ctx: Ctx, start: number, end: number, entityId: string, via: string, sentence: number, head?: Mention['head'] | null): void {
  const m: Mention = { start, end, text: ctx.doc.text.slice(start, end), entityId, sentence, via };
  if (head) {
    m.head = { start: head.start, end: head.end, text: head.text };
    // The head belongs to this mention ("Syrian Air Force"): it is no name of its own, nor are the
    // capitalised words between ("Somali National Army", "Haitian National Police").
    if (/^\p{Lu}/u.test(head.text)) {
      const toks = ctx.doc.tokens;
      let k = tokenAt(ctx.doc, head.start);
      for (let b = k - 1; b >= 0 && toks[b].start >= end && /^\p{Lu}/u.test(toks[b].text); b--) ctx.taken.add(b);
      for (; k >= 0 && k < toks.length && toks[k].start < head.end; k++) ctx.taken.add(k);
    }
  }
  ctx.doc.mentions.push(m);
}

/**
 * Capitalised names the knowledge base does not know: "Foreign Minister Jane Doe" (a person with a
 * role), "the Southern Transitional Council (STC)" (an organisation, with its acronym), a bare
 * two-word name.
 */
function matchUnknown(ctx: Ctx, i0: number, limit: number, headline: boolean): number {
  const { doc } = ctx;
  if (headline) return 0;
  const s = sentenceOfToken(doc, i0);
  // A title is not a name; the name after it is handled at its own token ("Foreign Minister Jane Doe").
  let i = i0;
  const opening = doc.tokens[i0].text.toLowerCase();
  if (TITLE_STARTS.has(opening) || opening.includes(' ')) {
    for (const len of [4, 3, 2, 1]) {
      const words = doc.tokens.slice(i0, i0 + len).map((x) => x.text.toLowerCase()).join(' ').replace(/ - /g, '-');
      if (i0 + len < limit && TITLES.has(words) && isCap(doc.tokens[i0 + len])) return 0;
    }
  }
  let j = i;
  const parts: Token[] = [];
  let orgish = false;
  // A capitalised "The" inside a sentence belongs to the name after it ("a song by The Lanterns"),
  // unless that name is one the knowledge base knows without it.
  const nextTok = doc.tokens[i0 + 1];
  if (doc.tokens[i0].text === 'The' && i0 > s.tokenStart && !['“', '"', '‘', "'", '(', ':', ';'].includes(doc.tokens[i0 - 1].text) && nextTok && i0 + 1 < limit &&
    isCap(nextTok) && /\p{L}/u.test(nextTok.text) && !ctx.kb.lookupAt(ctx.folded, nextTok.start).length) {
    parts.push(doc.tokens[i0]);
    j++;
  }
  while (j < limit) {
    const t = doc.tokens[j];
    if (isCap(t) && /[\p{L}]/u.test(t.text) && (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'VERB' || /^[A-Z]{2,}$/.test(t.text)) && !(parts.length && ctx.kb.lookupAt(ctx.folded, t.start).some((e) => e.target.kind !== 'surname' && e.target.kind !== 'capital' && !continuesName(ctx, parts, e)))) {
      parts.push(t);
      if (isOrgWord(t.text.toLowerCase())) orgish = true;
      j++;
      continue;
    }
    const low = t.text.toLowerCase();
    const nx = doc.tokens[j + 1];
    const nx2 = doc.tokens[j + 2];
    // Middle initials and suffixes: "George F. Hauser", "Andrew J. Evans Jr."
    if (parts.length && (/^[A-Z]\.$/.test(t.text) || /^(Jr|Sr)\.?$/.test(t.text) || /^(II|III|IV)$/.test(t.text))) {
      parts.push(t);
      j++;
      continue;
    }
    // "Khalifa al-Haftar", "Ansar al-Sharia": a particle, a hyphen and a capitalised word
    if (parts.length && NAME_JOINERS.has(low) && nx?.text === '-' && nx2 && j + 2 < limit && isCap(nx2)) {
      parts.push(t, nx);
      j += 2;
      continue;
    }
    // (A hyphen joins only when it is inside a word: " - " is a dash between two names.)
    const hyphen = t.text === '-' && t.start === parts[parts.length - 1].end && nx?.start === t.end;
    if (parts.length && (NAME_JOINERS.has(low) || hyphen) && nx && j + 1 < limit && isCap(nx)) {
      parts.push(t);
      j++;
      continue;
    }
    // "Office for the Coordination of Humanitarian Affairs", "Ministry of Defence"
    if (parts.length && orgish && ORG_JOINERS.has(low)) {
      let k = j;
      while (k < limit && ORG_JOINERS.has(doc.tokens[k].text.toLowerCase())) k++;
      // A name that already ends in its head word is complete: "Riverside Rowing Club of Boston",
      // "Leeds Evening News and Bristol Courier" are two names.
      const complete = parts.length >= 2 && isOrgWord(parts[parts.length - 1].text.toLowerCase());
      if (complete && (low === 'and' || (k < limit && startsName(ctx, k, limit)))) break;
      if (k < limit && k - j <= 2 && isCap(doc.tokens[k]) && !MONTHS_DAYS.has(doc.tokens[k].text.toLowerCase())) {
        for (let q = j; q < k; q++) parts.push(doc.tokens[q]);
        j = k;
        continue;
      }
    }
    break;
  }
  while (parts.length && (parts[parts.length - 1].text === '-' || ORG_JOINERS.has(parts[parts.length - 1].text.toLowerCase()))) parts.pop();
  // ("Jailed Kurdish politicians …": a past participle that opens the sentence and modifies the noun
  // after it, by the parse, is a common word capitalised, not the start of a name)
  if (parts.length >= 2 && i === s.tokenStart && parts[0] === doc.tokens[i] && parts[0].upos === 'VERB' && parts[0].xpos === 'VBN' &&
    parts[0].deprel === 'amod' && (parts[0].head ?? -1) > i && inVocabulary(parts[0].text)) {
    parts.shift();
    i++;
  }
  if (!parts.length) return 0;
  const given = givenNames(ctx.kb);
  // "Brigadier General Anna K. Smith", "Junior Tom Baxter", "Dr Okafor": ranks, offices
  // and jobs written before a name are not part of it, and say the name is a person's.
  let roleCue = false;
  if (!orgish) {
    const role = (w: string) => TITLES.has(w) || TITLE_PARTS.has(w) || nameCues().roleWords.has(w.replace(/\.$/, ''));
    // The last role word among the first three ("Deputy Sheriff Paul Grant").
    let k = 0;
    for (let q = 0; q < Math.min(3, parts.length - 1); q++) if (role(parts[q].text.toLowerCase())) k = q + 1;
    const rest = parts.slice(k);
    const personLike = given.has(rest[0]?.text) || (rest.length >= 2 && rest.length <= 3 && rest.every((p) => /^\p{Lu}\p{Ll}/u.test(p.text) || /^[A-Z]\.$/.test(p.text)));
    if (k > 0 && personLike && !/^\p{Lu}\p{Ll}+[^su\W]s$/u.test(rest[rest.length - 1].text)) {
      parts.splice(0, k);
      i = doc.tokens.indexOf(parts[0]);
      roleCue = true;
    }
  }
  const first = parts[0];
  const n = parts.length;
  const text = doc.text.slice(first.start, parts[n - 1].end);
  const words = parts.map((p) => p.text.toLowerCase());
  const sentenceInitial = opensSentence(doc, i);
  // A lone capitalised word at the start of a sentence is usually just a capitalised common word.
  // A given name alone is a person ("Marta signed ..."); at the start of a sentence only when a
  // verb or a possessive follows, where a capitalised common word rarely stands.
  const after = doc.tokens[j];
  const loneGiven = n === 1 && first.pos === 'PROPN' && given.has(first.text) && (!sentenceInitial ||
    (!!after && j < limit && (after.pos === 'VERB' || after.pos === 'AUX' || after.text === "'s" || after.text === '’s')));
  // "Okafor joined the club", "Lindqvist's brother": an unknown single name as the subject of a
  // verb or an owner is most often a person.
  // Not plurals, abstract nouns ("Kindness matters"), a noun after "the", or a known town.
  const subject = n === 1 && first.pos === 'PROPN' && /^\p{Lu}\p{Ll}{2,}$/u.test(first.text) && !!after && j < limit && (after.pos === 'VERB' || after.pos === 'AUX' || after.text === "'s" || after.text === '’s') &&
    !/([^siu]s|ness|ship|ment|tion|sion|ity|ism|ance|ence|ing|ure|ess|ogy|ics|dom|hood)$/.test(first.text) && doc.tokens[i - 1]?.pos !== 'DET' &&
    !isOrgWord(words[0]) && !ctx.kb.sectorWords.has(words[0]) && !TITLES.has(words[0]) &&
    // (nor a common word opening the sentence: "Gunfire killed two protesters")
    !(sentenceInitial && inVocabulary(first.text)) && !majorPlace(first.text, 50_000);
  // "the Falcons", "the Wagnerites": a lone capitalised plural after "the" names a team or group,
  // unless it is a place ("the Balkans").
  const theGroup = n === 1 && doc.tokens[i - 1]?.text === 'the' && /^\p{Lu}\p{Ll}+[^su\W]s$/u.test(first.text) && !sentenceInitial && after?.text !== 'of' &&
    !gazetteer().lookup(first.text).some((h) => h.tier === 0);
  const described = describedAs(ctx, j, limit) ?? namedAfter(doc, i, s.tokenStart);
  if (n === 1 && (sentenceInitial || first.pos !== 'PROPN') && !loneGiven && !subject && !theGroup && !described) {
    // An all-capital word that is also an English word ("ERA", "AIDS", "VIP") is no acronym of a name.
    if (!/^[A-Z]{2,6}$/.test(first.text) || inVocabulary(first.text)) return 0;
  }
  if (parts.every((p) => p.pos !== 'PROPN' && !/^[A-Z]{2,}$/.test(p.text))) return 0;
  // The added head words ("Force", "Board", "Team") name an organisation only with the rest of its name.
  if (n === 1 && !ORG_WORDS.has(words[0]) && nameCues().orgWords.has(words[0])) return 0;
  if (TITLES.has(words.join(' ')) || words.every((w) => TITLE_PARTS.has(w) || TITLES.has(w) || w === '-')) return 0;
  if (MONTHS_DAYS.has(words[0]) && n === 1) return 0;
  const title = titleBefore(doc, i);
  const next = doc.tokens[j];
  const speaks = !!next && (next.lemma === 'say' || next.lemma === 'tell' || (next.text === ',' && doc.tokens[j + 1]?.pos === 'DET'));
  let kind: EntityKind = 'unknown';
  const lastWord = words[words.length - 1];
  const plural = n >= 2 && /^\p{Lu}\p{Ll}+[^su\W]s$/u.test(parts[n - 1].text);
  if (described) kind = described;
  else if (n >= 2 && isPlaceWord(lastWord)) kind = 'place';
  // "the Middle Shabelle region", "Ituri province", "Kpata village": a lower-case place noun after the name
  else if (after && j < limit && PLACE_NOUNS_AFTER.has(after.text)) kind = 'place';
  else if (orgish || words.some((w) => isOrgWord(w))) kind = 'organisation';
  // "East Harlow", "Lake Merrow", "Upper Dunmore" (but "North Dunmore Rangers")
  else if (n >= 2 && nameCues().placePrefixes.has(words[0]) && !plural) kind = 'place';
  else if (title && title.role !== '' && n <= 4) kind = 'person';
  else if (/^[A-Z]{3,6}$/.test(text)) kind = 'organisation';
  else if (n >= 2 && wordCount(parts) <= 4 && (given.has(first.text) || (title && n <= 4) || (speaks && n <= 3))) kind = 'person';
  else if ((roleCue || title) && n <= 4) kind = 'person';
  // "Dunmore Rangers", "Red Foxes": a name headed by a plural noun names a team, band or group.
  else if (plural) kind = 'organisation';
  else if (theGroup) kind = 'organisation';
  else if (loneGiven || subject) kind = 'person';
  else if (n === 1 && ctx.local.has(fold(first.text))) return 0;
  else if (placeByContext(doc, i, parts, after && j < limit ? after : null)) kind = 'place';
  else if (personByShape(parts)) kind = 'person';
  if (kind === 'unknown' && n < 2) return 0;
  // "the 47th Mechanised Brigade", "3 Air Division": a unit's number is part of its name.
  const num = doc.tokens[i - 1];
  const numbered = kind === 'organisation' && !!num && num.sentence === first.sentence && /^\d{1,4}(st|nd|rd|th)?$/.test(num.text) &&
    words.some((w) => nameCues().unitWords.has(w));
  const from = numbered ? num.start : first.start;
  const name = doc.text.slice(from, parts[n - 1].end);
  const id = `local:${fold(name).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  // (a bare surname two people named share stays the first's: "Rodrigo Duterte … his daughter, Sara
  // Duterte, … Duterte withdrew": the writer names the second in full)
  if (kind === 'person' && !ctx.local.has(fold(parts[n - 1].text))) ctx.local.set(fold(parts[n - 1].text), id);
  // An acronym defined in brackets right after: "Southern Transitional Council (STC)".
  const open = doc.tokens[j];
  const acr = doc.tokens[j + 1];
  const close = doc.tokens[j + 2];
  if (open?.text === '(' && acr && /^[A-Z]{2,8}$/.test(acr.text) && close?.text === ')') {
    // "The International Labor Office (ILO)": a name the knowledge base lacks, spelled out by an
    // organisation's acronym it knows, is that organisation when the initials agree
    const known = initials(words) === acr.text ? ctx.kb.lookupAt(ctx.folded, acr.start).find((e) => e.target.kind === 'organisation' && e.surface === fold(acr.text)) : undefined;
    const org = known ? ctx.kb.organisations.get(known.target.id) : undefined;
    if (org) {
      ensureEntity(ctx, orgEntity(org, ctx.doc.anchor));
      addMention(ctx, from, parts[n - 1].end, org.id, 'acronym', first.sentence);
      return j - i0;
    }
    ctx.local.set(acr.text, id);
    if (kind === 'person' || kind === 'unknown') kind = 'organisation';
  }
  // "Guyana's President Irfaan Ali", "Cypriot President Nikos Christodoulides": the country before the title.
  let iso3: string | null = null;
  // ("Arab League Secretary-General X", "Hamas commander X": or the body before the title, whose member he is)
  let body: Entity | undefined;
  if (kind === 'person') {
    const before = ctx.doc.mentions.filter((m) => m.sentence === first.sentence && m.end <= first.start).pop();
    const e = before ? ctx.doc.entities.get(before.entityId) : undefined;
    const member = !!e && MEMBER_BODIES.has(e.kind) && before?.via !== 'demonym';
    if (before && (e?.iso3 || member) && (e!.kind === 'country' || e!.kind === 'government' || before.via === 'demonym' || member)) {
      const between = doc.tokens.filter((t) => t.start >= before.end && t.end <= first.start);
      // ("Philippine Justice Minister X": a portfolio written before the title word is part of the title)
      const titleWord = (t: Token) => TITLES.has(t.text.toLowerCase()) || TITLE_PARTS.has(t.text.toLowerCase());
      // (or the body he heads, named by a common noun: "Egyptian intelligence chief X", "Kenyan police chief X")
      const portfolio = (t: Token) => (/^\p{Lu}\p{Ll}+$/u.test(t.text) || !!ctx.kb.sectorWords.get(t.text.toLowerCase())) && !ctx.doc.mentions.some((m) => m.start <= t.start && t.end <= m.end);
      const last = between[between.length - 1];
      // ("Canadian diplomat X", "American journalist X": a nationality and a calling say whose citizen he is)
      const calling = (t: Token) => before.via === 'demonym' && CALLINGS.has(t.lemma.toLowerCase());
      if (between.length <= 4 && (between.length || !member) && between.every((t) => t.text === "'s" || t.text === '’s' || t.text === '-' || titleWord(t) || calling(t) || (!!last && titleWord(last) && portfolio(t)))) {
        iso3 = e!.iso3;
        if (member) body = e;
      }
    }
  }
  // ("Kenya's Ethics and Anti-Corruption Commission": a body the knowledge base lacks, owned by a
  // country, is that country's)
  if (kind === 'organisation' && !iso3) {
    const before = ctx.doc.mentions.filter((m) => m.sentence === first.sentence && m.end <= first.start).pop();
    const e = before ? ctx.doc.entities.get(before.entityId) : undefined;
    const between = before ? doc.tokens.filter((t) => t.start >= before.end && t.end <= first.start) : [];
    const owned = between.length >= 1 && (between[0].text === "'s" || between[0].text === '’s') && between.slice(1).every((t) => isCap(t) || t.text === 'and');
    if (e?.kind === 'country' && owned) iso3 = e.iso3;
    // ("the Nepalese Communist Front", "the United Revolutionary Front of Nepal", "the Popular Front
    // for the Liberation of Somalia": a country its name opens with or ends on is its country)
    iso3 ??= countryOpening(ctx, parts) ?? countryAfterOf(ctx, j);
  }
  // ("Former Philippine President X", "ex-Prime Minister X": a title held before is no role now)
  const held = !!title && formerTitle(doc, tokenAt(doc, title.start), first.sentence);
  let role = kind === 'person' && !held ? (title?.role || null) : null;
  let cameo = body ? body.cameo : iso3 && title?.role && !held ? `${iso3}${roleCode(title.role)}` : null;
  const known = iso3 ? null : fallbackActor(ctx.kb, doc.text.slice(first.start, parts[n - 1].end), kind, doc.anchor);
  if (known && (kind === 'unknown' || (kind === 'person') === (known.kind === 'person'))) {
    kind = known.kind;
    iso3 = known.iso3;
    role ??= known.role;
    cameo = known.cameo;
  }
  ensureEntity(ctx, { id, name, kind, iso3, role, cameo, linked: false, ...(body ? { parent: body.id } : {}) });
  addMention(ctx, from, parts[n - 1].end, id, 'unlinked', first.sentence);
  return j - i0;
}

/**
 * "The Zapatista National Liberation Army": a known organisation whose name is made of common name
 * words only ("National Liberation Army") after a capitalised word no dictionary knows is the end of
 * another, longer name.
 */
function continuesName(ctx: Ctx, parts: Token[], e: NameEntry): boolean {
  const words = e.surface.split(/\s+/);
  return (e.target.kind === 'organisation' || e.target.kind === 'institution') && words.every((w) => GENERIC_NAME_WORDS.has(w.toLowerCase())) &&
    parts.some((p) => p.pos === 'PROPN' && !GENERIC_NAME_WORDS.has(p.text.toLowerCase()) && (!inVocabulary(p.text) || !!countryNamed(ctx, p.start, p.end)));
}

const GENERIC_NAME_WORDS = new Set(['national', "people's", 'peoples', 'popular', 'democratic', 'united', 'revolutionary', 'islamic', 'liberation', 'patriotic',
  'socialist', 'communist', 'federal', 'republican', 'free', 'unity', 'union', 'front', 'party', 'movement', 'army', 'council', 'alliance', 'congress',
  'forces', 'armed', 'resistance', 'salvation', 'defence', 'defense', 'progressive', 'liberal', 'labour', 'labor', 'workers', "workers'", 'freedom',
  'justice', 'development', 'independence', 'solidarity', 'action', 'new', 'green', 'guard', 'brigade', 'brigades', 'league', 'organisation', 'organization']);

/** The country a name opens with ("Nepalese", "South African"), its words before the last, if any. */
function countryOpening(ctx: Ctx, parts: Token[]): string | null {
  for (let k = parts.length - 2; k >= 0; k--) {
    const c = countryNamed(ctx, parts[0].start, parts[k].end);
    if (c) return c;
  }
  return null;
}

/** The country a name or demonym that spans exactly [start, end) stands for, if any. */
function countryNamed(ctx: Ctx, start: number, end: number): string | null {
  const e = ctx.kb.lookupAt(ctx.folded, start).find((x) => start + x.surface.length === end && (x.target.kind === 'country' || x.target.kind === 'demonym'));
  return e && ctx.kb.countries.has(e.target.id) ? e.target.id : null;
}

/**
 * The country named at the end of the phrase that continues a name at token j with "of" ("… of
 * Nepal", "… for the Liberation of Somalia"): capitalised words and "for", "the", "of", "and" only.
 */
function countryAfterOf(ctx: Ctx, j: number): string | null {
  const toks = ctx.doc.tokens;
  const sentence = toks[j - 1]?.sentence;
  let k = j;
  let found: string | null = null;
  while (k < toks.length && k < j + 8 && toks[k].sentence === sentence) {
    const t = toks[k];
    if (t.text === 'of' && /^\p{Lu}/u.test(toks[k + 1]?.text ?? '')) {
      const c = countryNamed(ctx, toks[k + 1].start, toks[k + 1].end);
      // (the country must end the phrase: "… of Nepal's", "… of Nepal said", not "… of Nepal Telecom")
      if (c && !/^\p{Lu}/u.test(toks[k + 2]?.text ?? '')) found = c;
      if (found) return found;
    }
    if (!/^(of|for|the|and)$/.test(t.text) && !/^\p{Lu}\p{Ll}/u.test(t.text)) break;
    k++;
  }
  return null;
}

/** Callings named between a nationality and a person's name ("British aid worker X"). */
const CALLINGS = new Set(['diplomat', 'journalist', 'reporter', 'correspondent', 'photographer', 'activist', 'businessman', 'businesswoman',
  'tourist', 'student', 'academic', 'researcher', 'scholar', 'writer', 'author', 'blogger', 'lawyer', 'doctor', 'nurse', 'aid', 'worker',
  'missionary', 'pastor', 'priest', 'engineer', 'teacher', 'filmmaker', 'artist', 'dissident', 'citizen', 'national', 'executive', 'pilot',
  'soldier', 'veteran', 'contractor', 'former', 'retired', 'jailed', 'detained', 'freelance', 'rights', 'human', 'environmental', 'opposition', 'tycoon']);

/** Bodies whose members are named by title after the body's name: "Hamas commander X", "UN envoy X". */
const MEMBER_BODIES = new Set<string>(['igo', 'ngo', 'armed group', 'party', 'military', 'police', 'media']);

const INITIAL_SKIP = new Set(['of', 'for', 'the', 'and', 'on', 'in', '&']);
/** "International Labor Office" → "ILO": the initials of a name's words, short words left out. */
function initials(words: string[]): string {
  return words.filter((w) => !INITIAL_SKIP.has(w)).map((w) => w[0]?.toUpperCase() ?? '').join('');
}

/**
 * What the words right after a name say it is: "Tarvel is a village in ...", "Jon Brisk, a
 * lawmaker from ...", "Velox was an American rock band". The head noun of the description
 * (the last noun of its first run of modifiers and nouns) types the name.
 */
function describedAs(ctx: Ctx, j: number, limit: number): 'person' | 'place' | 'organisation' | null {
  const toks = ctx.doc.tokens;
  let k = j;
  const t = toks[k];
  if (!t || k >= limit) return null;
  // "Velox was founded in 1998", "Okafor (born 1961)", "Lindqvist died": what happens to it.
  const v = t.lemma === 'be' || t.text === '(' ? toks[k + 1] : t;
  if (v && k + 1 < limit && (v.pos === 'VERB' || v.text === 'born') && (v !== t || t.pos === 'VERB')) {
    const byVerb = nameCues().kindVerbs.get(v.lemma) ?? nameCues().kindVerbs.get(v.text.toLowerCase());
    if (byVerb) return byVerb;
  }
  if (t.text === ',') k++;
  else if (t.lemma === 'be' && (t.pos === 'AUX' || t.pos === 'VERB')) k++;
  else return null;
  if (toks[k] && /^(also|now|still|currently)$/i.test(toks[k].text)) k++;
  if (!toks[k] || k >= limit || !/^(a|an|the)$/i.test(toks[k].text)) return null;
  k++;
  let head = -1;
  for (let q = k; q < limit && q < k + 7; q++) {
    const x = toks[q];
    if (x.pos === 'NOUN') head = q;
    else if (!(x.pos === 'ADJ' || x.pos === 'PROPN' || x.pos === 'NUM' || x.text === '-' || (x.pos === 'VERB' && /(ed|ing)$/.test(x.text)) || x.pos === 'ADV')) break;
  }
  return head < 0 ? null : nounKind(toks[head], head > k ? toks[head - 1] : null);
}

/** What a noun, or the two-word noun it ends ("radio station"), says a name is. */
function nounKind(noun: Token, before: Token | null): 'person' | 'place' | 'organisation' | null {
  const kinds = nameCues().kindNouns;
  const w = noun.text.toLowerCase();
  return (before ? kinds.get(`${before.text.toLowerCase()} ${w}`) : undefined) ?? kinds.get(w) ?? kinds.get(noun.lemma) ?? null;
}

/** A noun that says what the name after it is: "the band Velox", "jazz singer Ana Oro", "the village of Tarvelo". */
function namedAfter(doc: Doc, i: number, sentenceStart: number): 'person' | 'place' | 'organisation' | null {
  let k = i - 1;
  if (k > sentenceStart && doc.tokens[k].text === 'of' && nameCues().kindNouns.get(doc.tokens[k - 1].text) === 'place') return 'place';
  if (k < sentenceStart) return null;
  const t = doc.tokens[k];
  if (!/^\p{Ll}/u.test(t.text) || t.pos !== 'NOUN') return null;
  const prev = k > sentenceStart ? doc.tokens[k - 1] : null;
  return nounKind(t, prev && /^\p{Ll}/u.test(prev.text) ? prev : null);
}

const LOCATIVE = new Set(['in', 'near', 'outside', 'around', 'across']);

/**
 * A name nothing else types is a place after a locative preposition ("fighting in Velyka Tarna"),
 * when it ends in a word that is only a name (fields and currencies follow "in" too) and does not
 * run on into a known name ("in New Jersey"). ("the town of X" is typed by namedAfter.)
 */
function placeByContext(doc: Doc, i: number, parts: Token[], after: Token | null): boolean {
  if (after && isCap(after)) return false;
  const prev = doc.tokens[i - 1];
  if (!prev || prev.sentence !== doc.tokens[i].sentence || !LOCATIVE.has(prev.text)) return false;
  return !inVocabulary(parts[parts.length - 1].text);
}

/** Words of a name, without hyphens and particles ("Jean-Luc de la Croix" has four). */
const wordCount = (parts: Token[]) => parts.filter((p, k) => p.text !== '-' && !(k > 0 && NAME_JOINERS.has(p.text.toLowerCase()))).length;

const NAME_WORD = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
/** A country, an admin-1 region or a town of at least `minPopulation` people goes by this name. */
const majorPlace = (w: string, minPopulation: number) =>
  gazetteer().lookup(w).some((h) => h.tier === 0 && (h.place.featureType === 'country' || h.place.featureType === 'admin1' || h.place.population >= minPopulation));

/**
 * Two or three plain capitalised words ending in one that is no English word ("Dara Okonkwo",
 * "Lin Weiming") are a person's name: titles of works, events and products are made of
 * ordinary words, and a last word that is a sizeable place makes a place or a team instead.
 */
function personByShape(parts: Token[]): boolean {
  const n = wordCount(parts);
  if (n < 2 || n > 4 || parts.length > 6) return false;
  // Particles may stand between the words ("Luis de Arroyo", "Anke van Dijk").
  if (!parts.every((p, k) => NAME_WORD.test(p.text) || /^[A-Z]\.$/.test(p.text) || (k > 0 && k < parts.length - 1 && (p.text === '-' || NAME_JOINERS.has(p.text.toLowerCase()))))) return false;
  const last = parts[parts.length - 1].text;
  if (last.length < 3 || last.includes('-') || inVocabulary(last)) return false;
  if (parts[0].text === 'The' || majorPlace(last, 20_000)) return false;
  return true;
}

// Names ending in these words are places, not actors: "Hay Street", "Aabenraa County", "Subiaco Oval".
const PLACE_SUFFIXES = new Set([
  'street', 'avenue', 'road', 'boulevard', 'square', 'county', 'parish', 'district', 'province', 'region', 'city', 'hills',
  'valley', 'river', 'lake', 'mountain', 'mountains', 'island', 'islands', 'bay', 'beach', 'stadium', 'oval', 'hall', 'airport',
  'bridge', 'camp', 'harbour', 'harbor', 'port', 'peninsula', 'desert', 'forest', 'canyon', 'creek', 'springs', 'heights',
  'governorate', 'oblast', 'prefecture', 'municipality', 'township', 'village', 'strait', 'sea', 'ocean', 'gulf', 'coast',
]);

const PLACE_NOUNS_AFTER = new Set(['region', 'province', 'district', 'county', 'governorate', 'oblast', 'prefecture', 'municipality', 'township', 'village', 'town', 'state', 'department', 'territory', 'commune', 'locality', 'neighbourhood', 'neighborhood', 'suburb', 'camp',
  // (a facility named after someone is a place: "Ben Gurion airport", "Zaporizhzhia nuclear plant")
  'airport', 'airbase', 'port', 'harbour', 'harbor', 'hospital', 'refinery', 'dam', 'bridge', 'prison', 'crossing', 'checkpoint', 'stadium', 'square']);

const TITLE_PARTS = new Set(['junior', 'acting', 'interim', 'former', 'outgoing', 'vice', 'secretary-general', 'general', 'under', 'assistant', 'foreign', 'defence', 'defense', 'prime', 'minister', 'secretary', 'of', 'state', 'deputy', 'vice', 'envoy', 'special', 'interior', 'army', 'chief', 'military', 'spokesman', 'spokeswoman', 'official', 'ambassador', 'president', 'leader', 'commander', 'general', 'opposition', 'senior']);

// ("in" is left out: "Harlow University in Kent" is an organisation and a place.)
const ORG_JOINERS = new Set(['of', 'for', 'the', 'and', 'on', 'de', 'du', 'des']);

/** Whether the capitalised words from token k are a name of their own: a known place or another organisation. */
function startsName(ctx: Ctx, k: number, limit: number): boolean {
  const toks = ctx.doc.tokens;
  let e = k;
  while (e < limit && e - k < 4 && isCap(toks[e])) e++;
  if (e === k) return false;
  if (toks.slice(k, e).some((t) => isOrgWord(t.text.toLowerCase()))) return true;
  const gaz = gazetteer();
  for (let q = e; q > k; q--) {
    const surface = ctx.doc.text.slice(toks[k].start, toks[q - 1].end);
    if (gaz.lookup(surface).some((h) => h.tier === 0 && h.place.featureType !== 'landmark')) return true;
  }
  return false;
}

/** "on May 24", "since May": a month or weekday that a surname shares, naming a date. */
function namesDate(doc: Doc, i: number, n: number): boolean {
  if (n !== 1 || !MONTHS_DAYS.has(doc.tokens[i].text.toLowerCase())) return false;
  const next = doc.tokens[i + 1];
  const prev = doc.tokens[i - 1];
  return (!!next && /^\d/.test(next.text)) || (!!prev && DATE_WORDS.has(prev.text.toLowerCase()));
}

const DATE_WORDS = new Set(['on', 'in', 'since', 'until', 'till', 'by', 'before', 'after', 'from', 'to', 'early', 'late', 'mid', 'last', 'next', 'this', 'of', 'during', 'through']);
const MONTHS_DAYS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'dec.', 'jan.', 'feb.', 'aug.', 'sept.',
  'oct.', 'nov.',
]);

/**
 * After the places stage: an unlinked name that the gazetteer resolved as a place ("El Fasher",
 * "Khan Younis") is a place, not an actor.
 */
export function dropPlaceNames(doc: Doc): void {
  // (Or inside a place's name: "Frankfurt am Main" has no person "Frankfurt".)
  const inPlace = (m: Mention) => doc.places.some((p) => p.start <= m.start && m.end <= p.end);
  const drop = new Set<string>();
  doc.mentions = doc.mentions.filter((m) => {
    const e = doc.entities.get(m.entityId);
    // (and a country inside a sea's or region's name no state owns: "the Indian Ocean", "the South China Sea")
    const inStatelessPlace = e?.kind === 'country' && doc.places.some((p) => !p.iso3 && p.featureType === 'region' && p.start <= m.start && m.end <= p.end && p.end - p.start > m.end - m.start);
    if (inStatelessPlace || (e && !e.linked && (e.kind === 'unknown' || e.kind === 'place' || e.kind === 'person') && inPlace(m) && (e.kind !== 'person' || m.via === 'unlinked'))) {
      drop.add(m.entityId);
      return false;
    }
    return true;
  });
  for (const id of drop) if (!doc.mentions.some((m) => m.entityId === id)) doc.entities.delete(id);
}

/** Words of a local office between a place and a name: "Katsina state police spokesman X". */
const LOCAL_OFFICE = new Set(['state', 'province', 'provincial', 'regional', 'district', 'county', 'city', 'municipal', 'local', 'police', 'deputy', 'commissioner', "'s", '’s']);
const LOCAL_PLACES = new Set(['city', 'admin1', 'admin2']);

/**
 * After the places stage: "Katsina governor Dikko Radda", "Kharkiv regional governor Oleh Synehubov":
 * an unlinked person whose title is introduced by a town or province serves that place's country.
 */
export function localOfficials(doc: Doc): void {
  const toks = doc.tokens;
  for (const m of doc.mentions) {
    const e = doc.entities.get(m.entityId);
    if (!e || e.kind !== 'person' || e.iso3 || e.linked) continue;
    const i = tokenAt(doc, m.start);
    let titled = false;
    for (let k = i - 1; k >= Math.max(0, i - 6) && toks[k].sentence === toks[i].sentence; k--) {
      const w = toks[k].text.toLowerCase();
      const place = doc.places.find((p) => p.end === toks[k].end && LOCAL_PLACES.has(p.featureType));
      if (place) {
        if (titled && place.iso3) {
          e.iso3 = place.iso3;
          if (e.role && !e.cameo) e.cameo = `${place.iso3}${roleCode(e.role)}`;
        }
        break;
      }
      if (TITLES.has(w)) titled = true;
      else if (!TITLE_PARTS.has(w) && !LOCAL_OFFICE.has(w)) break;
    }
  }
  // "President Abdelaziz Bouteflicka threatened to impose a curfew in Algiers": a head of state or
  // government whom nothing else places leads the country the article is about, where one leads
  const home = mainCountry(doc);
  if (!home) return;
  for (const e of doc.entities.values()) {
    if (e.kind !== 'person' || e.iso3 || e.linked || (e.role !== 'head of state' && e.role !== 'head of government')) continue;
    e.iso3 = home;
    e.cameo ??= `${home}${roleCode(e.role)}`;
  }
}

const GROUP_HEADS = new Set([
  'alliance', 'group', 'militia', 'coalition', 'movement', 'organisation', 'organization', 'force', 'forces', 'rebels',
  'party', 'agency', 'bloc', 'faction', 'army', 'insurgents', 'jihadists', 'fighters', 'network', 'outfit', 'junta',
  'government', 'administration', 'council', 'front', 'brigade', 'brigades', 'militants', 'insurgency', 'organization',
]);

/**
 * Descriptor coreference: "the Tutsi-led rebel group March 23 Movement (M23)" teaches that
 * "a Tutsi-led rebel group" elsewhere in the article is M23, before or after that sentence.
 */
export function descriptorCoref(doc: Doc): void {
  const toks = doc.tokens;
  const descriptors = new Map<string, string>(); // "rebel alliance" → entity id
  for (const m of doc.mentions) {
    const e = doc.entities.get(m.entityId);
    if (!e || e.kind === 'country' || e.kind === 'person' || e.kind === 'place') continue;
    const i = tokenAt(doc, m.start);
    if (i < 2) continue;
    const head = toks[i - 1];
    if (!GROUP_HEADS.has(head.lemma) && !GROUP_HEADS.has(head.text.toLowerCase())) continue;
    const prev = toks[i - 2];
    if (head.sentence !== toks[i].sentence || /^\p{Lu}/u.test(head.text)) continue;
    const key = `${prev.text === '-' || prev.pos === 'DET' ? '' : prev.lemma + ' '}${head.lemma}`;
    if (!descriptors.has(key)) descriptors.set(key, m.entityId);
  }
  if (!descriptors.size) return;
  const taken = new Set(doc.mentions.map((m) => m.start));
  for (let i = 1; i < toks.length; i++) {
    const head = toks[i];
    if (!GROUP_HEADS.has(head.lemma) && !GROUP_HEADS.has(head.text.toLowerCase())) continue;
    const sentence = doc.sentences[head.sentence];
    if (!sentence?.claim) continue;
    const prev = toks[i - 1];
    const two = `${prev.lemma} ${head.lemma}`;
    const id = descriptors.get(two) ?? null;
    if (!id) continue;
    // Not the apposition itself ("the ... group March 23 Movement")
    const next = toks[i + 1];
    if (next && taken.has(next.start)) continue;
    // The phrase must be introduced by a determiner within a few words: "a Tutsi-led rebel group".
    let k = i - 1;
    while (k > sentence.tokenStart && i - k < 6 && toks[k].pos !== 'DET') k--;
    if (toks[k].pos !== 'DET') continue;
    const start = toks[k + 1].start;
    if (doc.mentions.some((m) => m.start < head.end && start < m.end)) continue;
    doc.mentions.push({ start, end: head.end, text: doc.text.slice(start, head.end), entityId: id, sentence: head.sentence, via: 'descriptor' });
  }
  doc.mentions.sort((a, b) => a.start - b.start);
}
