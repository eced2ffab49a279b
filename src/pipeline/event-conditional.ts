/**
 * Threats told as conditions: "the United States will respond if Iran attacks Israel", "Should Russia
 * use nuclear weapons, NATO would respond", "China would take countermeasures if the Philippines
 * deployed the missiles". An act of response or force announced under a condition another actor must
 * meet is a threat (CAMEO 13, PLOVER THREATEN) by the one who announces it against the one the
 * condition names. Conflictual triggers of the lexicon in such a clause are turned into threats where
 * they are built (event-build.ts); this module adds the verbs of response the lexicon has no event
 * for on their own ("respond", "retaliate", "take countermeasures").
 */
import type { Doc, Sentence } from '../model/types.js';
import type { Trigger } from '../model/schema.js';
import { children } from '../syntax/tree.js';
import { conditionOf } from './event-modality.js';
import type { TriggerMatch } from './event-triggers.js';

/** Verbs that announce a response. */
const RESPONSE_VERBS = new Set(['respond', 'retaliate', 'react', 'act', 'punish', 'hit', 'strike']);
/** "take countermeasures", "take action": a light verb with a response as its object. */
const RESPONSE_NOUNS = new Set(['countermeasure', 'measure', 'action', 'step', 'response', 'retaliation', 'reprisal']);
const MODALS = new Set(['will', 'would', "'ll", 'shall', 'may', 'might', 'could']);

const CONDITIONAL_THREAT: Trigger = {
  id: 'conditional-threat', pattern: 'respond ... if', pos: 'verb', type: 'THREATEN', mode: null, context: null,
  cameo: '130', target: ['obj', 'against', 'on'], targetRequired: false, confidence: 0.7,
};

function response(doc: Doc, v: number): number[] | null {
  const lemma = doc.tokens[v].lemma.toLowerCase();
  if (RESPONSE_VERBS.has(lemma)) return [v];
  if (lemma !== 'take') return null;
  const obj = children(doc, v, 'obj').find((k) => RESPONSE_NOUNS.has(doc.tokens[k].lemma.toLowerCase()));
  return obj === undefined ? null : [v, obj];
}

/** Response verbs under a modal and a condition, where no other trigger speaks for the verb. */
export function conditionalTriggers(doc: Doc, s: Sentence, taken: TriggerMatch[]): TriggerMatch[] {
  if (s.headline) return [];
  const covered = new Set(taken.flatMap((m) => m.tokens));
  const out: TriggerMatch[] = [];
  for (let v = s.tokenStart; v < s.tokenEnd; v++) {
    if ((doc.tokens[v].upos ?? doc.tokens[v].pos) !== 'VERB' || covered.has(v)) continue;
    const words = response(doc, v);
    if (!words || !children(doc, v, 'aux').some((a) => MODALS.has(doc.tokens[a].text.toLowerCase()))) continue;
    if (conditionOf(doc, v) < 0) continue;
    out.push({ c: { trigger: CONDITIONAL_THREAT, steps: [], length: words.length }, tokens: words, head: v });
  }
  return out;
}
