/**
 * Pronouns and definite descriptions as event arguments: "he", "she", "it", "they", "its", "the
 * group", "the ministry", "the militia" stand for the most recent compatible actor (a person for
 * "he"/"she", a state body for "the ministry", an armed group or organisation for "the group"),
 * looked for earlier in the same sentence, in the sentence before, or earlier in the same
 * paragraph. A subject is preferred to other mentions (the actor a text is about stays the
 * subject), and an object pronoun never stands for the subject of its own verb ("X accused him").
 * What finds no compatible actor stays unresolved. References are resolved left to right, so
 * "The group said it fired" reaches the group's antecedent through "the group".
 */
import type { Doc, Entity, EntityKind, Mention } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { lastTokenOf } from './doc.js';
import { baseRel, children, conjuncts, head, span } from '../syntax/tree.js';
import { mainCountry } from './main-country.js';
import { sectorActor } from './actors.js';

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his']);
const SINGULAR_PRONOUNS = new Set(['it', 'its']);
const PLURAL_PRONOUNS = new Set(['they', 'them', 'their']);
/** Nouns that, with "the", name an organisation told before without its name. */
const ORGANISATION_NOUNS = new Set(['group', 'militia', 'movement', 'organisation', 'organization', 'alliance', 'coalition', 'faction', 'party', 'bloc']);
const MEDIA_NOUNS = new Set(['broadcaster', 'newspaper', 'channel', 'outlet', 'station', 'paper', 'daily', 'network', 'agency', 'magazine', 'website']);
const STATES_BODY_NOUNS = new Set(['organisation', 'organization', 'alliance', 'coalition', 'bloc']);
const ORGANISATION_KINDS = new Set<EntityKind>(['armed group', 'party', 'opposition', 'ngo', 'igo', 'company']);
/** The kinds of actor a state-sector description may stand for ("the ministry": a government). */
const SECTOR_KINDS: Record<string, EntityKind[]> = {
  GOV: ['government', 'country'],
  MIL: ['military', 'country'],
  COP: ['police', 'country'],
  REB: ['armed group'],
};
/** The kind of entity a state force's own word names ("the army", "the police"). */
const FORCE_KINDS: Record<string, EntityKind> = { MIL: 'military', COP: 'police' };
/** Relations inside a noun phrase: climbing them from a mention reaches the phrase's head. */
const NP_INTERNAL = new Set(['amod', 'compound', 'flat', 'nmod:poss', 'det', 'nummod', 'case']);
const SUBJECT_RELS = new Set(['nsubj', 'nsubj:pass']);
const OBJECT_RELS = new Set(['obj', 'iobj', 'obl']);

/** Sectors whose words name a person ("the foreign minister", "the army commander"). */
const PERSON_SECTORS = new Set(['gov-leaders', 'gov-officials', 'gov-diplomats', 'gov-spokespeople', 'mil-commanders']);

/** Whether an antecedent fits: its entity, and whether its phrase names one person, several, or neither. */
type Fits = (e: Entity, person: 'one' | 'several' | null) => boolean;

interface Candidate {
  mention: Mention;
  /** token index of the phrase's head, and whether that phrase is a subject */
  at: number;
  subject: boolean;
  /** the mention only modifies the phrase's head ("Hamas" in "Hamas political leader Ismail Haniyeh") */
  modifier?: boolean;
  sentence: number;
  person: 'one' | 'several' | null;
  /** known only for a reference resolved before: "it" is one, "they" several */
  plural?: boolean;
}

const resolved = new WeakMap<Doc, Map<number, Mention[]>>();

/** What a referring token may stand for, or null when it is no pronoun or definite description. */
function compatibility(doc: Doc, k: number, kb: Knowledge): Fits | null {
  const t = doc.tokens[k];
  const pos = t.upos ?? t.pos;
  // (asked of every token outside a name: the part of speech rules out most before any lower-casing)
  if (pos !== 'PRON' && pos !== 'DET' && pos !== 'NOUN') return null;
  const low = t.text.toLowerCase();
  if (pos === 'PRON' || pos === 'DET') {
    // (an object pronoun may stand for an event as well as an actor: "condemned them" is left to
    // the event's own reading of its object; "him" and "her" stand only for people)
    if (OBJECT_RELS.has(baseRel(t.deprel)) && !PERSON_PRONOUNS.has(low)) return null;
    if (PERSON_PRONOUNS.has(low)) return (e, person) => e.kind === 'person' || person === 'one';
    if (SINGULAR_PRONOUNS.has(low)) return (e, person) => e.kind !== 'person' && e.kind !== 'media' && !person;
    if (PLURAL_PRONOUNS.has(low)) return (e, person) => e.kind !== 'person' && e.kind !== 'media' && person !== 'one';
    return null;
  }
  if (pos !== 'NOUN') return null;
  // (only an organisation noun or a singular state-sector word can refer: asked first, as the cheaper question)
  if (!ORGANISATION_NOUNS.has(t.lemma) && !MEDIA_NOUNS.has(t.lemma) && (low !== t.lemma || !SECTOR_KINDS[kb.sectorOf(t)?.sector ?? ''])) return null;
  // only "the X" with nothing else naming it: "the group", "the foreign ministry"
  const dets = children(doc, k, 'det');
  if (dets.length !== 1 || doc.tokens[dets[0]].lemma !== 'the') return null;
  if (children(doc, k, 'nmod:poss', 'compound', 'flat', 'appos').length) return null;
  if (children(doc, k, 'amod').some((c) => /^\p{Lu}/u.test(doc.tokens[c].text))) return null;
  // ("the group", "the militia" are no body of states: an intergovernmental body is "the alliance",
  // "the organisation")
  if (ORGANISATION_NOUNS.has(t.lemma)) return (e, person) => ORGANISATION_KINDS.has(e.kind) && !person && (e.kind !== 'igo' || STATES_BODY_NOUNS.has(t.lemma));
  // ("accusing the broadcaster of spreading false information": a news outlet named before)
  if (MEDIA_NOUNS.has(t.lemma)) return (e, person) => e.kind === 'media' && !person;
  const sector = kb.sectorOf(t);
  const kinds = sector ? SECTOR_KINDS[sector.sector] : undefined;
  // (a singular state body: "the ministry", "the army"; "the officials" are people, not a body)
  if (!kinds || low !== t.lemma) return null;
  return (e, person) => kinds.includes(e.kind) && !person;
}

/**
 * The head of the noun phrase a mention belongs to, whether that phrase is a subject, and whether
 * its head word names a person ("Iran's foreign minister") or several ("Iranian officials").
 */
function phraseRole(doc: Doc, m: Mention, kb: Knowledge): Pick<Candidate, 'at' | 'subject' | 'person' | 'modifier'> {
  let k = lastTokenOf(doc, m);
  if (k < 0) return { at: -1, subject: false, person: null };
  const own = k;
  for (let step = 0; step < 4 && NP_INTERNAL.has(doc.tokens[k].deprel ?? '') && head(doc, k) >= 0; step++) k = head(doc, k);
  const t = doc.tokens[k];
  const sector = kb.sectorWords.get(t.text.toLowerCase());
  const person = t.end > m.end && sector && PERSON_SECTORS.has(sector.id) ? (t.text.toLowerCase() === t.lemma ? 'one' : 'several') : null;
  // (a body's name that only modifies a person's title: "Hamas political leader Ismail Haniyeh")
  const modifier = k !== own && !!person;
  return { at: k, subject: SUBJECT_RELS.has(t.deprel ?? ''), person, modifier };
}

/** The verb whose subject is `k`'s clause-mate subject: used to keep an object from its own subject. */
function ownSubject(doc: Doc, k: number): number {
  const rel = baseRel(doc.tokens[k].deprel);
  // ("Iran fired missiles at its territory": the owner of what an act is aimed at is not its doer)
  if (rel === 'nmod:poss' || doc.tokens[k].deprel === 'nmod:poss') {
    const n = head(doc, k);
    const v = n >= 0 ? head(doc, n) : -1;
    if (v < 0 || baseRel(doc.tokens[n].deprel) !== 'obl') return -1;
    // ("at" aims only what is fired: "demolished tunnels at its test site" is where, and its own)
    const cw = caseOf(doc, n);
    if (cw !== 'against' && !(AIMED.has(cw) && FIRING.has(doc.tokens[v].lemma))) return -1;
    return children(doc, v, 'nsubj')[0] ?? -1;
  }
  if ((rel !== 'obj' && rel !== 'iobj' && rel !== 'obl') || head(doc, k) < 0) return -1;
  return children(doc, head(doc, k), 'nsubj')[0] ?? -1;
}
const AIMED = new Set(['at', 'on', 'into', 'toward', 'towards']);
const FIRING = new Set(['fire', 'shoot', 'launch', 'lob', 'hurl', 'aim', 'direct', 'drop']);
const caseOf = (doc: Doc, n: number) => children(doc, n, 'case').map((c) => doc.tokens[c].text.toLowerCase()).join(' ');

/** A plural pronoun stands for a whole coordination: "Niger, Mali and Burkina Faso said they ...". */
function coordinated(doc: Doc, pick: Candidate, candidates: Candidate[]): Mention[] {
  const heads = new Set([pick.at, ...conjuncts(doc, pick.at)]);
  const out = candidates.filter((c) => c.sentence === pick.sentence && heads.has(c.at)).map((c) => c.mention);
  return out.length ? [...new Set(out)] : [pick.mention];
}

/**
 * Whether an offset falls inside one of these mentions (sorted by start): the last mention to start
 * at or before it, and the furthest end of all up to there, found by halving, not by a scan of every
 * mention for every token.
 */
function coverage(mentions: Mention[]): (offset: number) => boolean {
  const reach: number[] = [];
  for (const m of mentions) reach.push(Math.max(m.end, reach[reach.length - 1] ?? -Infinity));
  return (offset) => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid].start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && reach[lo - 1] > offset;
  };
}

function resolveAll(doc: Doc, kb: Knowledge): Map<number, Mention[]> {
  const out = new Map<number, Mention[]>();
  const candidates: Candidate[] = [];
  const mentions = [...doc.mentions].sort((a, b) => a.start - b.start);
  const inMention = coverage(mentions);
  let mi = 0;
  for (const s of doc.sentences) {
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const t = doc.tokens[k];
      // the mentions that end before this token become candidates
      while (mi < mentions.length && mentions[mi].end <= t.start) {
        const m = mentions[mi++];
        const e = doc.entities.get(m.entityId);
        // (news outlets are referred to only by what they are: "the broadcaster", never "it" or "the group")
        if (e) candidates.push({ mention: m, ...phraseRole(doc, m, kb), sentence: m.sentence });
      }
      if (inMention(t.start)) continue;
      const group = numberedGroup(doc, k, candidates, s.index);
      if (group) {
        out.set(k, group);
        continue;
      }
      const ally = relationalState(doc, k, out, candidates, s.index);
      if (ally) {
        out.set(k, [ally.mention]);
        continue;
      }
      const fits = compatibility(doc, k, kb);
      if (!fits) continue;
      const pos = t.upos ?? t.pos;
      const forceKind = pos === 'NOUN' ? FORCE_KINDS[kb.sectorOf(t)?.sector ?? ''] : undefined;
      const bound = ownSubject(doc, k);
      // (never a name inside the description itself: "the al-Qaeda-linked group" is not al-Qaeda)
      const phraseStart = doc.tokens[span(doc, k)[0]].start;
      const usable = (c: Candidate) => {
        if (c.sentence < s.index - 1 && doc.sentences[c.sentence].block !== s.block) return false;
        if (pos === 'NOUN' && c.mention.start >= phraseStart) return false;
        if (bound >= 0 && c.sentence === s.index && c.at === bound) return false;
        if (c.plural !== undefined && c.plural !== PLURAL_PRONOUNS.has(t.text.toLowerCase()) && (pos === 'PRON' || pos === 'DET')) return false;
        const e = doc.entities.get(c.mention.entityId);
        // ("Hamas leader X …, the group said": the body named in a title, in the same sentence, is a
        // body for a description; a state's people, "French officials", stay people)
        return !!e && (fits(e, c.person) || (!!c.modifier && pos === 'NOUN' && c.sentence === s.index && e.kind !== 'country' && e.kind !== 'government' && fits(e, null)));
      };
      // Sentence by sentence back from this one: a subject first, else the first mention of it.
      let pick: Candidate | undefined;
      for (let i = candidates.length - 1; i >= 0 && !pick; i--) {
        const sent = candidates[i].sentence;
        const same = candidates.filter((c) => c.sentence === sent && usable(c));
        if (sent < s.index - 1 && doc.sentences[sent].block !== s.block) break;
        // (a description in the sentence of its antecedent is not that sentence's subject: "the United
        // States lifted sanctions on Venezuela after the government agreed" — a pronoun would be)
        // ("Israeli troops killed two Palestinians in Jenin, the army said": a force named as such is
        // "the army" or "the police" before any country, wherever it stands)
        const force = forceKind ? [...same].reverse().find((c) => doc.entities.get(c.mention.entityId)?.kind === forceKind) : undefined;
        pick = force ?? (sent !== s.index ? same.find((c) => c.subject) ?? same[0]
          : pos === 'NOUN' ? [...same].reverse().find((c) => !c.subject || c.modifier)
          : [...same].reverse().find((c) => c.subject) ?? same[same.length - 1]);
        while (i > 0 && candidates[i - 1].sentence === sent) i--;
      }
      // ("Guaidó, whom the United States recognise as Venezuela's interim president, blamed Maduro's
      // forces … The government denied": "the government", of the states the sentence before names, is
      // the one whose people and bodies that sentence is about, not the first named)
      // (or "the federal government", "the interim government": lower-case adjectives between)
      let d = k - 1;
      while (d > k - 3 && doc.tokens[d] && doc.tokens[d].deprel === 'amod' && doc.tokens[d].head === k && !/^\p{Lu}/u.test(doc.tokens[d].text)) d--;
      const theGovernment = t.lemma === 'government' && pos === 'NOUN' && doc.tokens[d]?.lemma === 'the';
      if (pick && theGovernment) {
        const home = salientState(doc, candidates, s.index);
        const e = doc.entities.get(pick.mention.entityId);
        if (home && e?.iso3 !== home) {
          // (the state itself, also where it is named in a person's title: "Venezuela's interim president")
          const state = (c: Candidate) => {
            const x = doc.entities.get(c.mention.entityId);
            return x?.iso3 === home && (x.kind === 'country' || x.kind === 'government');
          };
          pick = [...candidates].reverse().find((c) => c.sentence >= s.index - 1 && state(c)) ?? pick;
        }
      }
      if (!pick && theGovernment) {
        const gov = homeGovernment(doc, kb, k, salientState(doc, candidates, s.index));
        if (gov) out.set(k, [gov]);
        continue;
      }
      if (!pick) continue;
      const ms = PLURAL_PRONOUNS.has(t.text.toLowerCase()) ? coordinated(doc, pick, candidates) : [pick.mention];
      out.set(k, ms);
      // the reference is itself a mention for the references after it
      for (const m of ms) candidates.push({ mention: m, at: k, subject: SUBJECT_RELS.has(t.deprel ?? ''), sentence: s.index, person: PERSON_PRONOUNS.has(t.text.toLowerCase()) ? 'one' : null, plural: PLURAL_PRONOUNS.has(t.text.toLowerCase()) || (t.lemma !== t.text.toLowerCase() && pos === 'NOUN') });
    }
  }
  return out;
}

/**
 * "India's opposition leader criticised the government": where no state is named to stand for, "the
 * government" is that of the state the sentence's actors belong to (its opposition, its people),
 * a reference the text leaves to the reader. It is no mention of the article's, but the actor stands.
 */
function homeGovernment(doc: Doc, kb: Knowledge, k: number, iso3: string | null): Mention | null {
  const c = iso3 ? kb.countries.get(iso3) : undefined;
  if (!c) return null;
  const a = sectorActor(c, 'GOV');
  if (!doc.entities.has(a.id)) doc.entities.set(a.id, { id: a.id, name: a.name, kind: a.kind, iso3: c.id, role: a.label, cameo: a.id, linked: true, parent: c.id });
  const t = doc.tokens[k];
  return { start: t.start, end: t.end, text: t.text, entityId: a.id, sentence: t.sentence, via: 'coref' };
}

const RELATIONAL = new Set(['ally', 'partner', 'neighbour', 'neighbor']);

/**
 * "The United States said it stood with its ally": a state's ally, partner or neighbour, named
 * by no name, is the state the article is about, when that is another state named nearby.
 */
function relationalState(doc: Doc, k: number, out: Map<number, Mention[]>, candidates: Candidate[], at: number): Candidate | null {
  const t = doc.tokens[k];
  if ((t.upos ?? t.pos) !== 'NOUN' || !RELATIONAL.has(t.text.toLowerCase())) return null;
  const poss = children(doc, k, 'nmod:poss').find((c) => ['its', 'their'].includes(doc.tokens[c].text.toLowerCase()));
  if (poss === undefined) return null;
  const owner = out.get(poss)?.[0];
  const ownerIso = owner ? doc.entities.get(owner.entityId)?.iso3 : null;
  if (!ownerIso) return null;
  const state = (c: Candidate) => {
    const e = doc.entities.get(c.mention.entityId);
    return c.sentence >= at - 1 && !!e?.iso3 && e.iso3 !== ownerIso && (e.kind === 'country' || e.kind === 'government') ? e.iso3 : null;
  };
  // (the one other state named in this sentence and the one before, else the article's own)
  const others = new Set(candidates.map(state).filter(Boolean));
  const home = others.size === 1 ? [...others][0] : mainCountry(doc);
  if (!home || home === ownerIso) return null;
  return [...candidates].reverse().find((c) => state(c) === home) ?? null;
}

/** The state most of the actors named in sentence `at` and the one before belong to, if one leads. */
function salientState(doc: Doc, candidates: Candidate[], at: number): string | null {
  const count = new Map<string, number>();
  for (const c of candidates) {
    const iso3 = c.sentence >= at - 1 ? doc.entities.get(c.mention.entityId)?.iso3 : null;
    if (iso3) count.set(iso3, (count.get(iso3) ?? 0) + 1);
  }
  const [a, b] = [...count.values()].sort((x, y) => y - x);
  return a && a > (b ?? 0) ? [...count].find(([, n]) => n === a)![0] : null;
}

const NUMBERS: Record<string, number> = { two: 2, both: 2, three: 3, four: 4, five: 5 };
const PERSON_GROUP_NOUNS = new Set(['leader', 'president', 'minister', 'head', 'premier']);
const STATE_GROUP_NOUNS = new Set(['country', 'nation', 'state', 'government', 'neighbour', 'neighbor']);
const ANY_GROUP_NOUNS = new Set(['side', 'party']);
const ACTING_KINDS = new Set<EntityKind>(['country', 'government', 'military', 'police', 'armed group', 'organisation', 'igo', 'party', 'opposition', 'person']);

/**
 * "The three leaders agreed", "the two countries", "both sides": a counted definite description
 * stands for as many different actors of its kind, when the sentence before it (or its own, before
 * it) names exactly that many.
 */
function numberedGroup(doc: Doc, k: number, candidates: Candidate[], sentence: number): Mention[] | null {
  const t = doc.tokens[k];
  if ((t.upos ?? t.pos) !== 'NOUN' || t.lemma === t.text.toLowerCase()) return null;
  const words = children(doc, k, 'nummod', 'det', 'det:predet').map((c) => doc.tokens[c].lemma);
  const count = words.map((w) => NUMBERS[w]).find(Boolean);
  // ("the three leaders", "both sides": definite; "three leaders" may be any three)
  const definite = words.includes('the') || words.includes('both') || doc.tokens[k - 1]?.lemma === 'both';
  if (!count || !definite) return null;
  const fits = (e: Entity) => PERSON_GROUP_NOUNS.has(t.lemma) ? e.kind === 'person'
    : STATE_GROUP_NOUNS.has(t.lemma) ? e.kind === 'country' || e.kind === 'government'
    : ANY_GROUP_NOUNS.has(t.lemma) ? e.kind !== 'media' && e.kind !== 'place' : false;
  // (this sentence's, with the sentence before's when it names fewer: "He told reporters the two
  // leaders had agreed", "he" being one of the two named before)
  const seen = new Map<string, Mention>();
  for (const back of [sentence, sentence - 1]) {
    for (const c of candidates) {
      const e = doc.entities.get(c.mention.entityId);
      if (c.sentence === back && e && fits(e) && !seen.has(e.id)) seen.set(e.id, c.mention);
    }
    if (seen.size === count) return [...seen.values()];
    if (seen.size > count) break;
  }
  // ("The leaders of Kosovo and Serbia agreed …" … "both leaders accepted the plan": or the last two
  // fitting parties named together, coordinated, earlier in the article)
  // ("the leaders of Kosovo and Serbia": leaders stand for their states here)
  // (within the three sentences before, in the same paragraph; parties that can act)
  const party = (e: Entity) => ACTING_KINDS.has(e.kind) && (fits(e) || (PERSON_GROUP_NOUNS.has(t.lemma) && (e.kind === 'country' || e.kind === 'government')));
  if (count !== 2) return null;
  for (let i = candidates.length - 1; i > 0; i--) {
    const a = candidates[i];
    const ea = doc.entities.get(a.mention.entityId);
    if (a.sentence < sentence - 3 || doc.sentences[a.sentence].block !== doc.sentences[sentence].block) break;
    if (!ea || !party(ea) || a.sentence > sentence) continue;
    const b = candidates.slice(0, i).reverse().find((c) => c.sentence === a.sentence && conjuncts(doc, c.at).includes(a.at));
    const eb = b ? doc.entities.get(b.mention.entityId) : undefined;
    if (b && eb && party(eb) && eb.id !== ea.id) return [b.mention, a.mention];
  }
  return null;
}

/** The actor a pronoun or definite description at token k stands for, or null. */
export function referent(doc: Doc, k: number, kb: Knowledge): Mention[] | null {
  let map = resolved.get(doc);
  if (!map) resolved.set(doc, (map = resolveAll(doc, kb)));
  return map.get(k) ?? null;
}
