/**
 * Parser features: the words, tags, arc labels, distances, valencies and label sets around the
 * top of the stack and the front of the buffer (the feature set of Zhang and Nivre 2011, for a
 * greedy parser). Each is a hash of its template number and atoms.
 */
import { feat1, feat2, feat3, feat4, hashString } from './hash.js';
import { wordHash } from './tagger.js';
import type { State } from './transition.js';
import { coarseOf, fineOf, type WordClusters } from './clusters.js';

/** Word and tag atoms of a sentence; index 0 is the root. */
export interface SentenceAtoms {
  word: Uint32Array;
  /** Penn tags */
  tag: Uint32Array;
  /** Universal tags: coarser, so their combinations are seen more often */
  utag: Uint32Array;
  /** fine and coarse word clusters + 1 (0 for unknown words and the root) */
  fine: Uint32Array;
  coarse: Uint32Array;
  /** the tokenizer's own tags: a second opinion where the tagger errs */
  hint: Uint32Array;
}

const ROOT_WORD = 0x7f7f7f7f;
const NONE = 0x3c3c3c3c;

export function sentenceAtoms(forms: string[], tags: string[], utags: string[], clusters?: WordClusters, hints?: string[]): SentenceAtoms {
  const n = forms.length;
  const word = new Uint32Array(n + 1);
  const tag = new Uint32Array(n + 1);
  const utag = new Uint32Array(n + 1);
  const fine = new Uint32Array(n + 1);
  const coarse = new Uint32Array(n + 1);
  const hint = new Uint32Array(n + 1);
  word[0] = ROOT_WORD;
  hint[0] = ROOT_WORD;
  tag[0] = ROOT_WORD;
  utag[0] = ROOT_WORD;
  for (let i = 0; i < n; i++) {
    word[i + 1] = wordHash(forms[i]);
    tag[i + 1] = hashString(tags[i]);
    utag[i + 1] = hashString(utags[i]);
    hint[i + 1] = hints ? hashString(hints[i]) : NONE;
    if (clusters) {
      const c = clusters.get(word[i + 1]);
      fine[i + 1] = fineOf(c);
      coarse[i + 1] = coarseOf(c);
    }
  }
  return { word, tag, utag, fine, coarse, hint };
}

export const MAX_FEATURES = 120;

function W(word: Uint32Array, i: number): number {
  return i >= 0 ? word[i] : NONE;
}
function P(tag: Uint32Array, i: number): number {
  return i >= 0 ? tag[i] : NONE;
}
function L(labels: Int32Array, i: number): number {
  return i > 0 ? labels[i] + 1 : 0;
}
function kid(arr: Int32Array, i: number): number {
  return i > 0 && arr[i] !== 0 ? arr[i] : -1;
}

/**
 * All features of a state: those of the buffer's front words and of the stack's top word alone,
 * which the parser works out once per word (bufferFeatures, stackWordFeatures), and the rest.
 */
export function parserFeatures(st: State, a: SentenceAtoms, out: Uint32Array): number {
  stateFeatures(st, a, out);
  bufferFeatures(a, st.b, st.n, out);
  stackWordFeatures(a, st.s(0), out);
  return PARSER_FEATURES;
}

/** How many features parserFeatures gives: one per template, 0 to 115 but 12. */
export const PARSER_FEATURES = 115;

/**
 * Each template's place among a state's features: the parts below write into their templates'
 * places, so whichever parts are asked for, the features keep one order (which float weights,
 * summed in that order, need to give the same scores every time).
 */
const slot = (template: number) => (template < 12 ? template : template - 1);


/** Features of the first three words of the buffer (b0 = `b`), and the bias. */
export function bufferFeatures(a: SentenceAtoms, b: number, n: number, out: Uint32Array): void {
  const { word, tag, utag, fine } = a;
  const b0 = b <= n ? b : -1;
  const b1 = b + 1 <= n ? b + 1 : -1;
  const b2 = b + 2 <= n ? b + 2 : -1;
  const b0w = W(word, b0), b0p = P(tag, b0), b1w = W(word, b1), b1p = P(tag, b1), b2p = P(tag, b2);
  out[slot(0)] = feat1(0, 0);
  out[slot(4)] = feat1(4, b0w);
  out[slot(5)] = feat1(5, b0p);
  out[slot(6)] = feat2(6, b0w, b0p);
  out[slot(7)] = feat1(7, b1w);
  out[slot(8)] = feat1(8, b1p);
  out[slot(9)] = feat2(9, b1w, b1p);
  out[slot(10)] = feat1(10, W(word, b2));
  out[slot(11)] = feat1(11, b2p);
  out[slot(20)] = feat2(20, b0p, b1p);
  out[slot(21)] = feat3(21, b0p, b1p, b2p);
  out[slot(87)] = feat3(87, P(utag, b0), P(utag, b1), P(utag, b2));
  out[slot(95)] = feat1(95, P(fine, b0));
  out[slot(96)] = feat1(96, P(fine, b1));
}

/** Features of the word on top of the stack (`s0`) alone. */
export function stackWordFeatures(a: SentenceAtoms, s0: number, out: Uint32Array): void {
  const s0w = W(a.word, s0), s0p = P(a.tag, s0);
  out[slot(1)] = feat1(1, s0w);
  out[slot(2)] = feat1(2, s0p);
  out[slot(3)] = feat2(3, s0w, s0p);
  out[slot(94)] = feat1(94, P(a.fine, s0));
}

/** The features that depend on more than one word's place, or on the arcs made so far. */
export function stateFeatures(st: State, a: SentenceAtoms, out: Uint32Array): void {
  const word = a.word;
  const tag = a.tag;
  const labels = st.labels;
  const n = st.n;
  const s0 = st.s(0);
  const s1 = st.s(1);
  const b0 = st.b <= n ? st.b : -1;
  const b1 = st.b + 1 <= n ? st.b + 1 : -1;
  const s0h = s0 > 0 && st.heads[s0] >= 0 ? st.heads[s0] : -1;
  const s0h2 = s0h > 0 && st.heads[s0h] >= 0 ? st.heads[s0h] : -1;
  const s0l = kid(st.l1, s0);
  const s0l2 = kid(st.l2, s0);
  const s0r = kid(st.r1, s0);
  const s0r2 = kid(st.r2, s0);
  const b0l = kid(st.l1, b0);
  const b0l2 = kid(st.l2, b0);
  const gap = b0 > 0 && s0 > 0 ? b0 - s0 : 0;
  const d = gap > 9 ? 10 : gap > 4 ? 5 : gap;
  const vl = s0 > 0 ? Math.min(st.nLeft[s0], 5) : 0;
  const vr = s0 > 0 ? Math.min(st.nRight[s0], 5) : 0;
  const bvl = b0 > 0 ? Math.min(st.nLeft[b0], 5) : 0;
  const sl = s0 > 0 ? st.leftSet[s0] % 4294967296 : 0;
  const sr = s0 > 0 ? st.rightSet[s0] % 4294967296 : 0;
  const bl = b0 > 0 ? st.leftSet[b0] % 4294967296 : 0;
  const s0w = W(word, s0), s0p = P(tag, s0), b0w = W(word, b0), b0p = P(tag, b0), b1p = P(tag, b1);
  out[slot(13)] = feat4(13, s0w, s0p, b0w, b0p);
  out[slot(14)] = feat3(14, s0w, s0p, b0w);
  out[slot(15)] = feat3(15, s0w, b0w, b0p);
  out[slot(16)] = feat3(16, s0w, s0p, b0p);
  out[slot(17)] = feat3(17, s0p, b0w, b0p);
  out[slot(18)] = feat2(18, s0w, b0w);
  out[slot(19)] = feat2(19, s0p, b0p);
  out[slot(22)] = feat3(22, s0p, b0p, b1p);
  out[slot(23)] = feat3(23, P(tag, s0h), s0p, b0p);
  out[slot(24)] = feat3(24, s0p, P(tag, s0l), b0p);
  out[slot(25)] = feat3(25, s0p, P(tag, s0r), b0p);
  out[slot(26)] = feat3(26, s0p, b0p, P(tag, b0l));
  out[slot(27)] = feat2(27, s0w, d);
  out[slot(28)] = feat2(28, s0p, d);
  out[slot(29)] = feat2(29, b0w, d);
  out[slot(30)] = feat2(30, b0p, d);
  out[slot(31)] = feat3(31, s0w, b0w, d);
  out[slot(32)] = feat3(32, s0p, b0p, d);
  out[slot(33)] = feat2(33, s0w, vr);
  out[slot(34)] = feat2(34, s0p, vr);
  out[slot(35)] = feat2(35, s0w, vl);
  out[slot(36)] = feat2(36, s0p, vl);
  out[slot(37)] = feat2(37, b0w, bvl);
  out[slot(38)] = feat2(38, b0p, bvl);
  out[slot(39)] = feat1(39, W(word, s0h));
  out[slot(40)] = feat1(40, P(tag, s0h));
  out[slot(41)] = feat1(41, L(labels, s0));
  out[slot(42)] = feat1(42, W(word, s0l));
  out[slot(43)] = feat1(43, P(tag, s0l));
  out[slot(44)] = feat1(44, L(labels, s0l));
  out[slot(45)] = feat1(45, W(word, s0r));
  out[slot(46)] = feat1(46, P(tag, s0r));
  out[slot(47)] = feat1(47, L(labels, s0r));
  out[slot(48)] = feat1(48, W(word, b0l));
  out[slot(49)] = feat1(49, P(tag, b0l));
  out[slot(50)] = feat1(50, L(labels, b0l));
  out[slot(51)] = feat1(51, W(word, s0h2));
  out[slot(52)] = feat1(52, P(tag, s0h2));
  out[slot(53)] = feat1(53, L(labels, s0h));
  out[slot(54)] = feat1(54, W(word, s0l2));
  out[slot(55)] = feat1(55, P(tag, s0l2));
  out[slot(56)] = feat1(56, L(labels, s0l2));
  out[slot(57)] = feat1(57, W(word, s0r2));
  out[slot(58)] = feat1(58, P(tag, s0r2));
  out[slot(59)] = feat1(59, L(labels, s0r2));
  out[slot(60)] = feat1(60, W(word, b0l2));
  out[slot(61)] = feat1(61, P(tag, b0l2));
  out[slot(62)] = feat1(62, L(labels, b0l2));
  out[slot(63)] = feat3(63, s0p, P(tag, s0l), P(tag, s0l2));
  out[slot(64)] = feat3(64, s0p, P(tag, s0r), P(tag, s0r2));
  out[slot(65)] = feat3(65, s0p, P(tag, s0h), P(tag, s0h2));
  out[slot(66)] = feat3(66, b0p, P(tag, b0l), P(tag, b0l2));
  out[slot(67)] = feat2(67, s0w, sr);
  out[slot(68)] = feat2(68, s0p, sr);
  out[slot(69)] = feat2(69, s0w, sl);
  out[slot(70)] = feat2(70, s0p, sl);
  out[slot(71)] = feat2(71, b0w, bl);
  out[slot(72)] = feat2(72, b0p, bl);
  out[slot(73)] = feat1(73, P(tag, s1));
  out[slot(74)] = feat1(74, W(word, s1));
  out[slot(75)] = feat3(75, P(tag, s1), s0p, b0p);
  out[slot(76)] = feat3(76, s0h >= 0 ? 1 : 0, s0p, b0p);
  out[slot(77)] = feat3(77, L(labels, s0), s0p, b0p);
  out[slot(78)] = feat3(78, s0p, L(labels, s0l), b0p);
  out[slot(79)] = feat3(79, s0p, L(labels, s0r), b0p);
  out[slot(80)] = feat3(80, b0p, L(labels, b0l), s0p);
  out[slot(81)] = feat3(81, P(tag, b0 > 1 ? b0 - 1 : -1), b0p, s0p);
  out[slot(82)] = feat3(82, P(tag, s0 > 0 && s0 < n ? s0 + 1 : -1), s0p, b0p);
  out[slot(83)] = feat2(83, st.rootChild ? 1 : 0, b0p);
  const utag = a.utag;
  const s0u = P(utag, s0), b0u = P(utag, b0), b1u = P(utag, b1);
  out[slot(84)] = feat2(84, s0u, b0u);
  out[slot(85)] = feat3(85, s0u, b0u, b1u);
  out[slot(86)] = feat3(86, P(utag, s1), s0u, b0u);
  out[slot(88)] = feat3(88, s0w, s0u, b0u);
  out[slot(89)] = feat3(89, s0u, b0w, b0u);
  out[slot(90)] = feat3(90, s0u, b0u, d);
  out[slot(91)] = feat3(91, P(utag, s0h), s0u, b0u);
  out[slot(92)] = feat3(92, s0u, P(utag, s0l), P(utag, s0r));
  out[slot(93)] = feat3(93, b0u, P(utag, b0l), L(labels, b0l));
  // Word clusters stand in for words seen too rarely in the treebank to have weights of their own.
  const fine = a.fine;
  const coarse = a.coarse;
  const s0f = P(fine, s0), b0f = P(fine, b0), s0c = P(coarse, s0), b0c = P(coarse, b0);
  out[slot(97)] = feat2(97, s0c, b0c);
  out[slot(98)] = feat2(98, s0f, b0p);
  out[slot(99)] = feat2(99, s0p, b0f);
  out[slot(100)] = feat3(100, s0c, b0c, d);
  out[slot(101)] = feat2(101, P(fine, s0h), b0p);
  out[slot(102)] = feat3(102, s0u, b0c, b1u);
  out[slot(103)] = feat2(103, s0f, L(labels, s0l));
  // Where a phrase attaches turns on the head, the case word and the phrase's own head together
  // ("ate … with a fork", "the man with a hat"): b0's first dependent is its case word.
  const cw = W(word, b0l);
  out[slot(104)] = feat3(104, s0w, cw, b0w);
  out[slot(105)] = feat3(105, s0p, cw, b0w);
  out[slot(106)] = feat3(106, s0w, cw, b0p);
  out[slot(107)] = feat3(107, s0f, cw, b0f);
  out[slot(108)] = feat4(108, s0c, cw, b0c, d);
  out[slot(109)] = feat3(109, W(word, s0h), cw, b0w);
  out[slot(110)] = feat4(110, s0u, cw, b0u, P(utag, s0h));
  // The tokenizer tags with a model of its own; where the two taggers disagree, its tag often
  // tells which reading the parse should keep.
  const hint = a.hint;
  const s0t = P(hint, s0), b0t = P(hint, b0);
  out[slot(111)] = feat2(111, s0t, b0t);
  out[slot(112)] = feat3(112, s0t, b0t, P(hint, b1));
  out[slot(113)] = feat3(113, s0p, s0t, b0p);
  out[slot(114)] = feat3(114, s0p, b0p, b0t);
  out[slot(115)] = feat3(115, s0u, b0t, P(hint, b0l));
}

/** Room for the labeller's own features after the move features. */
export const LABEL_EXTRA = 10;

/**
 * Features for naming an arc, beyond those that chose the move: the dependent's first word
 * (its case or marker: "by", "of", "that") against the head and the head's dependents so far,
 * which tell an agent from an oblique and a clause's kind ("killed by", "was … by" with aux:pass).
 */
export function labelExtras(st: State, a: SentenceAtoms, head: number, dep: number, dir: number, out: Uint32Array, k: number): number {
  const word = a.word;
  const utag = a.utag;
  const dl = kid(st.l1, dep);
  const dlw = W(word, dl);
  const hu = P(utag, head), du = P(utag, dep);
  const hl = head > 0 ? st.leftSet[head] % 4294967296 : 0;
  const dr = dep > 0 ? st.rightSet[dep] % 4294967296 : 0;
  out[k++] = feat3(120, dir, dlw, hu);
  out[k++] = feat3(121, dir, dlw, hl);
  out[k++] = feat4(122, dir, dlw, du, hu);
  out[k++] = feat3(123, dir, W(word, head), dlw);
  out[k++] = feat3(124, dir, hl, du);
  out[k++] = feat4(125, dir, L(st.labels, dl), du, hu);
  out[k++] = feat3(126, dir, P(a.fine, head), P(a.fine, dep));
  out[k++] = feat3(127, dir, dr, du);
  out[k++] = feat4(128, dir, P(a.tag, head), P(a.tag, dep), dlw);
  return k;
}
