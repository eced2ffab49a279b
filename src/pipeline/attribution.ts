import type { AttributionRef, Doc, Mention, Sentence, Token } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { mentionsIn } from './doc.js';

export const PUNCT_STOP = new Set([',', ';', ':', '.', '(', ')', '“', '”', '"', '—', '–']);
const SPEECH = new Set(['say', 'tell', 'report', 'announce', 'state', 'claim', 'add', 'confirm', 'note', 'write', 'quote', 'cite', 'allege']);


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
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    const t = toks[k];
    let src: { name: string; entityId: string | null; to: number } | null = null;
    if (t.lemma === 'accord' && toks[k + 1]?.lemma === 'to') src = nounPhrase(k + 2);
    // "a territory claimed by the front", "a report cited by officials": a passive participle, no speaker
    else if (SPEECH.has(t.lemma) && t.pos === 'VERB' && toks[k + 1]?.lemma !== 'by') {
      // "X said" (X before) or "said X" (inverted, after a comma or quote)
      const prev = toks[k - 1];
      // Inverted "..., said the ministry." only when a plain noun phrase follows and ends the clause.
      let q = k + 1;
      while (q < s.tokenEnd && (['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(toks[q].pos) || toks[q].text === "'s" || toks[q].text === '-')) q++;
      const inverted = q > k + 1 && (q >= s.tokenEnd || PUNCT_STOP.has(toks[q].text) || toks[q].lemma === 'on' || toks[q].lemma === 'in');
      if (prev && (prev.text === ',' || prev.text === '”' || prev.text === '"') && inverted) src = nounPhrase(k + 1);
      else if (prev?.text === ',' && k - 1 > s.tokenStart) src = appositiveSpeaker(k - 1);
      else {
        let j = k - 1;
        // "The Tigray People's Liberation Front (TPLF) said": a bracketed acronym belongs to the subject.
        while (j >= s.tokenStart && toks[j].pos !== 'VERB') {
          if (toks[j].text === ')') {
            let o = j - 1;
            while (o >= s.tokenStart && toks[o].text !== '(' && j - o < 8) o--;
            if (o >= s.tokenStart && toks[o].text === '(') {
              j = o - 1;
              continue;
            }
          }
          if (PUNCT_STOP.has(toks[j].text)) break;
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
        else if (j + 1 < k) {
          const phrase = doc.text.slice(toks[j + 1].start, toks[k - 1].end).replace(/^(the|a|an)\s+/i, '');
          // A plain noun phrase ("the coast guard", "rights groups", "a war monitor") is a source too.
          const np = toks.slice(j + 1, k);
          const head = np[np.length - 1];
          if (np.length <= 6 && head && (head.pos === 'NOUN' || head.pos === 'PROPN') && np.every((x) => (['DET', 'ADJ', 'NOUN', 'PROPN', 'PUNCT', 'NUM'].includes(x.pos) || x.text === "'s" || x.text === '’s') && x.text !== ',')) {
            src = { name: phrase, entityId: null, to: k };
          }
        }
      }
    }
    if (!src) continue;
    const ref: AttributionRef = { name: src.name, entityId: src.entityId, via: [] };
    // ", which cites Iranian and Arabic media coverage" / "citing X"
    for (let j = src.to; j < Math.min(s.tokenEnd, src.to + 4); j++) {
      if (toks[j].lemma === 'cite' || toks[j].lemma === 'quote') {
        const np = nounPhrase(j + 1);
        if (np) ref.via.push(...splitCoordinated(doc, s, j + 1, np.to, kb));
        break;
      }
    }
    if (!out.some((o) => o.name === ref.name)) out.push(ref);
  }
  return out;
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

