/**
 * Scores the tagger and parser on a treebank with gold tokenisation and predicted tags, as the
 * CoNLL 2018 scorer does (punctuation included): UAS, LAS, UPOS/XPOS accuracy, and the labelled
 * recall of the relations the event stage reads.
 */
import type { TreeSentence } from './conllu.js';
import type { SyntaxModel } from './model-io.js';
import { readSentence } from './read.js';
import { winkHints } from './hints.js';

export const EVENT_RELATIONS = ['nsubj', 'nsubj:pass', 'obj', 'iobj', 'obl', 'obl:agent', 'ccomp', 'xcomp', 'acl:relcl', 'conj', 'appos'];

export interface TreebankScores {
  sentences: number;
  words: number;
  uas: number;
  las: number;
  upos: number;
  xpos: number;
  /** labelled recall (right head and right label) of each relation, with its gold count */
  recall: Record<string, { recall: number; gold: number }>;
  /** words per second, tagging and parsing */
  wordsPerSecond: number;
}

export function evaluateTreebank(model: SyntaxModel, sentences: TreeSentence[]): TreebankScores {
  let words = 0, uas = 0, las = 0, upos = 0, xpos = 0;
  const gold = new Map<string, number>();
  const hit = new Map<string, number>();
  // The tokenizer's tags come with the tokens at run time: they are not part of the parse's cost.
  for (const s of sentences) s.hints ??= winkHints(s);
  const t0 = performance.now();
  for (const s of sentences) {
    const r = readSentence(model, s.forms, s.hints);
    for (let i = 0; i < s.forms.length; i++) {
      words++;
      if (r.upos[i] === s.upos[i]) upos++;
      if (r.xpos[i] === s.xpos[i]) xpos++;
      const rel = s.deprels[i];
      gold.set(rel, (gold.get(rel) ?? 0) + 1);
      if (r.heads[i] !== s.heads[i]) continue;
      uas++;
      if (r.deprels[i] === rel) {
        las++;
        hit.set(rel, (hit.get(rel) ?? 0) + 1);
      }
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const recall: TreebankScores['recall'] = {};
  for (const r of EVENT_RELATIONS) {
    const g = gold.get(r) ?? 0;
    recall[r] = { recall: g ? (hit.get(r) ?? 0) / g : 0, gold: g };
  }
  const ratio = (x: number) => (words ? x / words : 0);
  return { sentences: sentences.length, words, uas: ratio(uas), las: ratio(las), upos: ratio(upos), xpos: ratio(xpos), recall, wordsPerSecond: words / Math.max(seconds, 1e-9) };
}

export function formatScores(name: string, s: TreebankScores): string[] {
  const f = (x: number) => x.toFixed(3);
  return [
    `${name}: UAS ${f(s.uas)} LAS ${f(s.las)} UPOS ${f(s.upos)} XPOS ${f(s.xpos)} (${s.sentences} sentences, ${s.words} words)`,
    `${name} relation recall: ` + EVENT_RELATIONS.map((r) => `${r} ${f(s.recall[r].recall)}`).join(', '),
  ];
}
