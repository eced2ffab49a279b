import type { AttributionRef, Doc, Entity, Mention, Sentence, Token } from '../model/types.js';
import { mainCountry } from './main-country.js';
import type { Knowledge } from '../knowledge/index.js';
import { mentionsIn } from './doc.js';
import { spacedDash } from './dateline.js';
import { referent } from './event-coref.js';
import { span } from '../syntax/tree.js';

export const PUNCT_STOP = new Set([',', ';', ':', '.', '(', ')', '“', '”', '"', '—', '–']);
const SPEECH = new Set(['say', 'tell', 'report', 'announce', 'state', 'claim', 'add', 'confirm', 'note', 'write', 'quote', 'cite', 'allege', 'deny']);


// The figures and the events stages both ask; mentions no longer change after the places stage.
const cache = new WeakMap<Sentence, AttributionRef[]>();

/** Who the sentence credits: "according to X", "X said", "said X", with "which cites Y" chains. */
export function attributionIn(doc: Doc, s: Sentence, kb: Knowledge): AttributionRef[] {
  let found = cache.get(s);
  if (!found) {
    found = findAttribution(doc, s, kb);
    cache.set(s, found);
  }
  return found;
}

function findAttribution(doc: Doc, s: Sentence, kb: Knowledge): AttributionRef[] {
  const out: AttributionRef[] = [];
  const toks = doc.tokens;
  const inSentence = mentionsIn(doc, s.index);
  const mentionAt = (k: number) => inSentence.find((m) => m.start <= toks[k].start && toks[k].start < m.end);
  const nounPhrase = (from: number): { name: string; entityId: string | null; to: number } | null => {
    // The noun phrase after "according to" / before "said": prefer a linked mention inside it.
    let k = from;
    let end = from;
    // "Iran's state-run IRNA news agency": a participle glued by a hyphen is part of the phrase.
    while (end < s.tokenEnd && !PUNCT_STOP.has(toks[end].text) && !(toks[end].pos === 'VERB' && end > from + 1 && toks[end - 1].text !== '-') && toks[end].lemma !== 'which' && toks[end].lemma !== 'who') end++;
    if (end === from) return null;
    let best: Mention | undefined;
    for (k = from; k < end; k++) {
      const m = mentionAt(k);
      if (m) {
        const e = doc.entities.get(m.entityId);
        // The speaker is the most specific mention: "Iran's state-run IRNA news agency" is IRNA.
        if (!best || (e && e.kind !== 'country')) best = m;
      }
    }
    const text = doc.text.slice(toks[from].start, toks[end - 1].end).replace(/^(the|a|an)\s+/i, '');
    if (best) {
      const e = doc.entities.get(best.entityId)!;
      // "Colombia's migration agency": a country word with a head noun after it names a body of that
      // country; the phrase says more than the country's name.
      const state = e && (e.kind === 'country' || e.kind === 'government' || e.kind === 'military' || e.kind === 'police');
      const tail = toks.slice(from, end).filter((x) => x.start >= best!.end && (x.pos === 'NOUN' || x.pos === 'PROPN'));
      if (state && tail.length) return { name: text, entityId: best.entityId, to: end };
      return { name: e?.name ?? best.text, entityId: best.entityId, to: end };
    }
    return { name: text, entityId: null, to: end };
  };
  const plainNP = (a: number, b: number) => b >= a && b - a < 7 && toks.slice(a, b + 1).every((x) => ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(x.pos) || x.text === "'s" || x.text === '’s' || x.text === '-');
  // "..., the regional governor, Ivan Petrenko, said" and "Ivan Petrenko, the governor, said": a name and
  // its title set off by commas before the speech verb; the speaker is the name.
  const appositiveSpeaker = (comma: number): { name: string; entityId: string | null; to: number } | null => {
    let c1 = comma - 1;
    while (c1 > s.tokenStart && toks[c1].text !== ',' && comma - c1 <= 8) c1--;
    if (toks[c1].text !== ',' || !plainNP(c1 + 1, comma - 1)) return null;
    let c0 = c1 - 1;
    while (c0 >= s.tokenStart && !PUNCT_STOP.has(toks[c0].text) && c1 - c0 <= 8) c0--;
    if (c0 >= s.tokenStart && toks[c0].text !== ',' && toks[c0].text !== '”' && toks[c0].text !== '"') return null;
    if (!plainNP(c0 + 1, c1 - 1)) return null;
    const halves: [number, number][] = [[c0 + 1, c1 - 1], [c1 + 1, comma - 1]];
    const ms = halves.map(([a, b]) => inSentence.find((m) => m.start >= toks[a].start && m.end <= toks[b].end && doc.entities.get(m.entityId)?.kind !== 'country'));
    const m = ms.find((x) => x && doc.entities.get(x.entityId)?.kind === 'person') ?? ms.find(Boolean);
    if (m) return { name: doc.entities.get(m.entityId)?.name ?? m.text, entityId: m.entityId, to: comma + 1 };
    // An unknown name: the half that is a proper name
    const named = halves.find(([a, b]) => toks.slice(a, b + 1).every((x) => x.pos === 'PROPN'));
    if (!named) return null;
    return { name: doc.text.slice(toks[named[0]].start, toks[named[1]].end), entityId: null, to: comma + 1 };
  };
  // "the regional administration, which earlier reported 12 deaths, said": the verb's subject stands before the relative clause
  const relativeSubject = (comma: number): { name: string; entityId: string | null; to: number } | null => {
    let c1 = comma - 1;
    while (c1 > s.tokenStart && toks[c1].text !== ',' && comma - c1 <= 12) c1--;
    if (toks[c1].text !== ',' || !['which', 'who'].includes(toks[c1 + 1]?.lemma ?? '')) return null;
    const np = phraseBefore(doc, s, c1);
    return np ? { ...np, to: comma + 1 } : null;
  };
  // (a phrase that names someone or something that reports: a name, people of a sector, "sources",
  // "a report"; not a reason, "citing security concerns")
  const namesSource = (a: number, b: number): boolean => {
    if (b < a) return false;
    if (inSentence.some((m) => m.start >= toks[a].start && m.end <= toks[b].end)) return true;
    const head = toks[b];
    return REPORTERS.has(head.lemma.toLowerCase()) || !!kb.sectorOf(head);
  };
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    const t = toks[k];
    let src: { name: string; entityId: string | null; to: number; relativeFrom?: number } | null = null;
    if (t.lemma === 'accord' && toks[k + 1]?.lemma === 'to') src = nounPhrase(k + 2);
    // "a territory claimed by the front", "a report cited by officials": a passive participle, no speaker
    else if (SPEECH.has(t.lemma) && t.pos === 'VERB' && toks[k + 1]?.lemma !== 'by') {
      // "X said" (X before) or "said X" (inverted, after a comma or quote)
      const prev = toks[k - 1];
      // Inverted "..., said the ministry." only when a plain noun phrase follows and ends the clause.
      let q = k + 1;
      while (q < s.tokenEnd && (['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(toks[q].pos) || toks[q].text === "'s" || toks[q].text === '-')) q++;
      const inverted = q > k + 1 && (q >= s.tokenEnd || PUNCT_STOP.has(toks[q].text) || toks[q].lemma === 'on' || toks[q].lemma === 'in');
      // (not when the parse finds the verb's subject before it: "X, the ombudsman, said talks on Y had …")
      const subjectBefore = toks.slice(s.tokenStart, k).some((x) => x.head === k && (x.deprel === 'nsubj' || x.deprel === 'nsubj:pass'));
      // (", citing security reasons": a participle cites a source only when it names one)
      const citing = /ing$/.test(t.text) && (t.lemma === 'cite' || t.lemma === 'quote');
      if (prev && (prev.text === ',' || prev.text === '”' || prev.text === '"') && inverted && !subjectBefore) {
        if (!citing || namesSource(k + 1, q - 1)) src = nounPhrase(k + 1);
      }
      else if (prev?.text === ',' && k - 1 > s.tokenStart) src = appositiveSpeaker(k - 1) ?? relativeSubject(k - 1);
      else {
        let j = k - 1;
        // "The Tigray People's Liberation Front (TPLF) said": a bracketed acronym belongs to the subject.
        while (j >= s.tokenStart && (toks[j].upos ?? toks[j].pos) !== 'VERB') {
          if (toks[j].text === ')') {
            let o = j - 1;
            while (o >= s.tokenStart && toks[o].text !== '(' && j - o < 8) o--;
            if (o >= s.tokenStart && toks[o].text === '(') {
              j = o - 1;
              continue;
            }
          }
          if (PUNCT_STOP.has(toks[j].text)) break;
          // ("KHARTOUM, March 4 (Reuters) - Sudan's army said": a dash set apart by spaces ends a dateline)
          if (j > s.tokenStart && spacedDash(doc, j)) break;
          // "..., while officials said": the subject starts after the conjunction
          if (CLAUSE_OPENERS.has(toks[j].lemma) && toks[j].pos !== 'NOUN') break;
          // (", and Ukraine's air force said": a coordinator after a comma opens the clause)
          if ((toks[j].lemma === 'and' || toks[j].lemma === 'but') && toks[j - 1]?.text === ',') break;
          j--;
        }
        // The subject's head mention is the first one of the phrase, not a name inside an "of" phrase.
        const inPhrase = inSentence.filter((x) => x.end <= t.start && x.start >= toks[Math.max(j + 1, s.tokenStart)].start);
        const m = inPhrase.find((x) => doc.entities.get(x.entityId)?.kind !== 'country') ?? inPhrase[0];
        if (m) {
          // the whole subject phrase when a state is only its modifier ("the Houthi military spokesman")
          const e = doc.entities.get(m.entityId);
          const phraseToks = toks.slice(Math.max(j + 1, s.tokenStart), k);
          const state = e && (e.kind === 'country' || e.kind === 'government' || e.kind === 'military' || e.kind === 'police');
          const noun = (x: Token) => x.pos === 'NOUN' || x.pos === 'PROPN';
          const tail = phraseToks.filter((x) => x.start >= m.end && noun(x));
          // "the Hamas-run health ministry in Gaza": a state named after the head noun only places it
          const head = phraseToks.filter((x) => x.end <= m.start && noun(x) && x.pos === 'NOUN');
          const phrase = phraseToks.length ? doc.text.slice(phraseToks[0].start, phraseToks[phraseToks.length - 1].end).replace(/^(the|a|an)\s+/i, '') : '';
          // A name that only modifies the head ("a Houthi military spokesman") is not the speaker itself.
          const modifier = tail.length > 0 || (state && head.length > 0);
          src = { name: modifier && phrase ? phrase : e?.name ?? m.text, entityId: m.entityId, to: k };
        }
        else if (j + 2 === k && SPEAKER_PRONOUNS.has(toks[j + 1].text.toLowerCase())) {
          // "He said the gunmen also abducted ...": the speaker the pronoun stands for, where it resolves
          const e = doc.entities.get(referent(doc, j + 1, kb)?.[0]?.entityId ?? '');
          if (e) src = { name: e.name, entityId: e.id, to: k };
        }
        else if (j + 1 < k) {
          const relative = RELATIVES.has(toks[j + 1].lemma) && j + 2 < k;
          if (relative) j++;
          const phrase = doc.text.slice(toks[j + 1].start, toks[k - 1].end).replace(/^(the|a|an)\s+/i, '');
          // A plain noun phrase ("the coast guard", "rights groups", "a war monitor") is a source too.
          const np = toks.slice(j + 1, k);
          const head = np[np.length - 1];
          // ("his spokesman", "their lawyers": the owner, where it resolves, names whose)
          const possessive = POSSESSIVES.has(np[0]?.text.toLowerCase() ?? '');
          const owner = possessive ? referent(doc, j + 1, kb)?.[0] : undefined;
          const rest = possessive ? np.slice(1) : np;
          // (the parse's tag before the tokenizer's: "the military" is a noun there, an adjective here)
          const headPos = head ? head.upos ?? head.pos : '';
          if (rest.length && rest.length <= 6 && head && (headPos === 'NOUN' || headPos === 'PROPN') && rest.every((x) => (['DET', 'ADJ', 'NOUN', 'PROPN', 'PUNCT', 'NUM'].includes(x.pos) || x.text === "'s" || x.text === '’s') && x.text !== ',')) {
            const e = owner ? doc.entities.get(owner.entityId) : undefined;
            const restText = doc.text.slice(rest[0].start, rest[rest.length - 1].end);
            // ("…, the ethnic armed group said": a definite description of a body told before is that body)
            const described = !possessive ? doc.entities.get(referent(doc, k - 1, kb)?.[0]?.entityId ?? '') : undefined;
            src = e ? { name: `${e.name}'s ${restText}`, entityId: e.id, to: k }
              : described ? { name: described.name, entityId: described.id, to: k }
              : { name: phrase, entityId: null, to: k };
            if (relative) src.relativeFrom = j;
          }
        }
      }
    }
    if (!src) continue;
    const outlet = src.entityId ? undefined : stateOutlet(doc, src.name);
    const ref: AttributionRef = outlet ? { name: outlet.name, entityId: outlet.id, via: [] } : { name: src.name, entityId: src.entityId, via: [] };
    // ", which cites Iranian and Arabic media coverage" / "citing X"
    for (let j = src.to; j < Math.min(s.tokenEnd, src.to + 4); j++) {
      if (toks[j].lemma === 'cite' || toks[j].lemma === 'quote') {
        const np = nounPhrase(j + 1);
        if (np) ref.via.push(...splitCoordinated(doc, s, j + 1, np.to, kb));
        break;
      }
    }
    if (!out.some((o) => o.name === ref.name)) {
      // A reporting clause that ends the sentence ("..., the ministry said on Monday.") or "according
      // to" covers the whole sentence; a speech verb with its own complement covers its own part.
      const rest = toks.slice(k + 1, s.tokenEnd);
      // (a verb as either tagger reads it: wink's "shot" is a noun, the parser's "were wounded" an adjective)
      const final = t.lemma === 'accord' || (rest.length <= 8 && !rest.some((x) => x.pos === 'VERB' || x.upos === 'VERB'));
      // (", which critics say mirrors ...": a speaker in a relative clause speaks for that clause only)
      const relative = src.relativeFrom !== undefined ? [src.relativeFrom, s.tokenEnd - 1] as [number, number] : null;
      reach.set(ref, { at: k, final, within: t.lemma === 'accord' ? null : relative ?? modifierClause(doc, k) });
      out.push(ref);
    }
  }
  return out;
}

/** Nouns for those who report, and for what they report in */
const REPORTERS = new Set(['source', 'witness', 'report', 'statement', 'document', 'data', 'figure', 'record', 'footage', 'letter', 'survey', 'study', 'analysis', 'estimate', 'tally', 'analyst', 'expert', 'monitor', 'observer', 'spokesman', 'spokeswoman', 'spokesperson', 'agency', 'outlet', 'website', 'channel', 'broadcast', 'interview', 'post', 'tweet', 'communique', 'bulletin', 'memo', 'intelligence', 'testimony', 'account']);
const POSSESSIVES = new Set(['his', 'her', 'its', 'their']);
const SPEAKER_PRONOUNS = new Set(['he', 'she', 'they']);
const CLAUSE_OPENERS = new Set(['while', 'whereas', 'but', 'although', 'though', 'because']);
const reach = new WeakMap<AttributionRef, { at: number; final: boolean; within: [number, number] | null }>();
const MODIFIER_CLAUSES = new Set(['acl', 'acl:relcl']);
const RELATIVES = new Set(['which', 'who', 'whom']);

/** Whether source r credits what token i says (a speaker inside a modifying clause speaks for it alone). */
export function credits(r: AttributionRef, i: number): boolean {
  const w = reach.get(r)?.within;
  return !w || (w[0] <= i && i <= w[1]);
}

/**
 * "a law which critics say mirrors Russian legislation": a speech verb inside a clause that modifies a
 * noun credits only that clause (its tokens' span), not the sentence it is set in.
 */
function modifierClause(doc: Doc, k: number): [number, number] | null {
  for (let v = k, hops = 0; v >= 0 && hops < 3; v = doc.tokens[v].head ?? -1, hops++) {
    if (MODIFIER_CLAUSES.has(doc.tokens[v].deprel ?? '')) return span(doc, v);
  }
  return null;
}
const CONTRAST = new Set(['while', 'whereas', 'but']);

/**
 * The part of a sentence a token is in: parts are split at ", while", ", whereas", ", but", at ", and"
 * before a new subject ("X condemned the strike, and Y said ...") and at semicolons.
 */
function part(doc: Doc, s: Sentence, i: number): number {
  let n = 0;
  for (let k = s.tokenStart + 1; k <= i && k < s.tokenEnd; k++) {
    const t = doc.tokens[k];
    const after = doc.tokens[k + 1];
    const newSubject = t.lemma === 'and' && !!after && !['VERB', 'AUX', 'ADV', 'PART', 'SCONJ', 'PUNCT'].includes(after.pos) && after.lemma !== 'that';
    if (t.text === ';' || ((CONTRAST.has(t.lemma) || newSubject) && doc.tokens[k - 1].text === ',')) n++;
  }
  return n;
}

/** The source credited for what token i says: a speaker of its own part of the sentence, else one covering the whole sentence. */
export function attributionAt(doc: Doc, s: Sentence, kb: Knowledge, i: number): AttributionRef | null {
  const refs = attributionIn(doc, s, kb).filter((r) => credits(r, i));
  if (refs.length <= 1 && refs.every((r) => reach.get(r)?.final !== false)) return refs[0] ?? null;
  const mine = part(doc, s, i);
  return refs.find((r) => { const x = reach.get(r); return x && part(doc, s, x.at) === mine; }) ??
    refs.find((r) => reach.get(r)?.final) ?? null;
}

/**
 * The sources credited for what token i says, of those the sentence names: the speakers of its own
 * part, else those whose verb closes the sentence ("…, X said.") and so covers all of it.
 */
export function creditedAt(doc: Doc, s: Sentence, refs: AttributionRef[], i: number): AttributionRef[] {
  const mine = refs.filter((r) => credits(r, i));
  if (!mine.length) return mine;
  const here = part(doc, s, i);
  const same = mine.filter((r) => part(doc, s, reach.get(r)?.at ?? i) === here);
  return same.length ? same : mine.filter((r) => reach.get(r)?.final);
}

const STATE_OUTLET = /^(the )?state(-run| run|-owned)? (media|news agency|television|tv|broadcaster|radio)$/i;

/**
 * "…, state media said" in an article that names the state's news agency ("The Korean Central News
 * Agency (KCNA) said …"): the state's outlet the article names, when it names one of the state it is about.
 */
function stateOutlet(doc: Doc, name: string): Entity | undefined {
  if (!STATE_OUTLET.test(name.trim())) return undefined;
  // (of the state the article is about, where one leads; else the one state's outlet it names)
  const home = mainCountry(doc);
  const outlets = [...doc.entities.values()].filter((e) => e.kind === 'media' && !!e.iso3 && (!home || e.iso3 === home));
  return outlets.length === 1 ? outlets[0] : undefined;
}

/** "Iranian and Arabic media coverage" → [Iranian media, Arabic media]. */
function splitCoordinated(doc: Doc, s: Sentence, from: number, to: number, _kb: Knowledge): { name: string; entityId: string | null }[] {
  const toks = doc.tokens.slice(from, to);
  const andAt = toks.findIndex((t) => t.lemma === 'and' || t.lemma === 'or');
  const inSentence = mentionsIn(doc, s.index);
  const mentionFor = (t: Token) => inSentence.find((m) => m.start <= t.start && t.start < m.end);
  if (andAt > 0) {
    const left = toks.slice(0, andAt);
    const right = toks.slice(andAt + 1);
    const rightHeadIdx = right.findIndex((t) => t.pos === 'NOUN');
    const head = rightHeadIdx >= 0 ? right[rightHeadIdx].text : '';
    const leftName = left.map((t) => t.text).join(' ') + (left.some((t) => t.pos === 'NOUN') ? '' : ` ${head}`);
    const rightName = right.slice(0, rightHeadIdx >= 0 ? rightHeadIdx + 1 : right.length).map((t) => t.text).join(' ');
    return [
      { name: leftName.trim(), entityId: left.map(mentionFor).find(Boolean)?.entityId ?? null },
      { name: rightName.trim(), entityId: right.map(mentionFor).find(Boolean)?.entityId ?? null },
    ];
  }
  return [{ name: toks.map((t) => t.text).join(' '), entityId: toks.map(mentionFor).find(Boolean)?.entityId ?? null }];
}


/**
 * "the regional administration, which earlier reported 12 deaths, said ...": a number inside a
 * relative clause whose verb is a speech verb is credited to the phrase the clause describes.
 */
export function relativeSpeaker(doc: Doc, s: Sentence, at: number): { name: string; entityId: string | null } | null {
  const toks = doc.tokens;
  let rel = -1;
  for (let k = at - 1; k > s.tokenStart && k >= at - 8; k--) {
    if (toks[k].text === ',' || PUNCT_STOP.has(toks[k].text)) {
      if (toks[k + 1] && (toks[k + 1].lemma === 'which' || toks[k + 1].lemma === 'who') && toks[k].text === ',') rel = k;
      break;
    }
  }
  if (rel < 0) return null;
  let v = rel + 2;
  while (v < at && (toks[v].pos === 'ADV' || toks[v].pos === 'AUX')) v++;
  if (v >= at || !SPEECH.has(toks[v].lemma)) return null;
  return phraseBefore(doc, s, rel);
}

/** The plain noun phrase that ends right before token `end` ("the regional administration"), credited by its mention. */
function phraseBefore(doc: Doc, s: Sentence, end: number): { name: string; entityId: string | null } | null {
  const toks = doc.tokens;
  let from = end - 1;
  while (from > s.tokenStart && !PUNCT_STOP.has(toks[from - 1].text) && toks[from - 1].pos !== 'VERB' && !['while', 'and', 'but', 'whereas'].includes(toks[from - 1].lemma) && end - from < 7) from--;
  const np = toks.slice(from, end);
  if (!np.length || !np.every((x) => ['DET', 'ADJ', 'NOUN', 'PROPN'].includes(x.pos) || x.text === "'s" || x.text === '’s')) return null;
  const m = mentionsIn(doc, s.index).find((x) => x.start >= np[0].start && x.end <= np[np.length - 1].end);
  const phrase = doc.text.slice(np[0].start, np[np.length - 1].end).replace(/^(the|a|an)\s+/i, '');
  const e = m ? doc.entities.get(m.entityId) : undefined;
  return { name: e && e.kind !== 'country' ? e.name : phrase, entityId: m?.entityId ?? null };
}
