/**
 * A greedy averaged-perceptron part-of-speech tagger: XPOS (Penn tags, which tell a past
 * participle from a past tense, as passives need) from the word, its affixes and shape and the
 * tags before it; then UPOS from the same features plus the XPOS tags around it. The tags of
 * the tokenizer's own lexicon-based tagger (wink), which eventwire has for every token anyway,
 * are features too: they carry what a large vocabulary knows about words the treebank lacks.
 */
import { compact, feat1, feat2, feat3, hashString, rng, shuffle } from './hash.js';
import { argmax, FeatureCounts, Trainer } from './perceptron.js';
import type { SparseModel } from './sparse.js';
import { coarseOf, fineOf, type WordClusters } from './clusters.js';

export interface TaggerModel {
  xposNames: string[];
  uposNames: string[];
  xpos: SparseModel;
  upos: SparseModel;
  /** word clusters the features use (absent in models trained without them) */
  clusters?: WordClusters;
}

export interface Tagged {
  xpos: string[];
  upos: string[];
}

/** Per-word atoms, hashed once per sentence. */
interface Atoms {
  lower: Uint32Array;
  exact: Uint32Array;
  suf1: Uint32Array;
  suf2: Uint32Array;
  suf3: Uint32Array;
  suf4: Uint32Array;
  pre1: Uint32Array;
  pre3: Uint32Array;
  shape: Uint32Array;
  /** the tokenizer's tag of each word (hashed), or a constant when there is none */
  hint: Uint32Array;
  /** fine and coarse word cluster + 1 (0: unknown word, or no clusters) */
  fine: Uint32Array;
  coarse: Uint32Array;
}

const PAD = 0x5a5a5a5a;
const HINT_NONE = hashString('-');

export function wordShape(w: string): string {
  let out = '';
  let last = -1;
  const end = Math.min(w.length, 40);
  for (let i = 0; i < end; i++) {
    const c = w.charCodeAt(i);
    let k: number;
    if (c >= 97 && c <= 122) k = 120; // x
    else if (c >= 65 && c <= 90) k = 88; // X
    else if (c >= 48 && c <= 57) k = 100; // d
    else if (c < 128) k = c;
    else {
      const ch = w[i];
      k = ch.toLowerCase() !== ch ? 88 : ch.toUpperCase() !== ch ? 120 : c;
    }
    if (k !== last) out += String.fromCharCode(k);
    last = k;
  }
  return out;
}

/** Hashes of a word's forms, affixes and shape, kept for the words met most recently. */
const wordCache = new Map<string, Uint32Array>();

function wordAtoms(w: string): Uint32Array {
  let v = wordCache.get(w);
  if (v) return v;
  const l = w.toLowerCase();
  v = Uint32Array.of(
    hashString(l), hashString(w), hashString(l.slice(-1)), hashString(l.slice(-2)), hashString(l.slice(-3)),
    hashString(l.slice(-4)), hashString(w.slice(0, 1)), hashString(l.slice(0, 3)), hashString(wordShape(w)),
  );
  if (wordCache.size >= 200_000) wordCache.clear();
  wordCache.set(w, v);
  return v;
}

function atoms(forms: string[], hints?: string[], clusters?: WordClusters): Atoms {
  const n = forms.length;
  const a: Atoms = {
    lower: new Uint32Array(n), exact: new Uint32Array(n), suf1: new Uint32Array(n), suf2: new Uint32Array(n),
    suf3: new Uint32Array(n), suf4: new Uint32Array(n), pre1: new Uint32Array(n), pre3: new Uint32Array(n), shape: new Uint32Array(n), hint: new Uint32Array(n),
    fine: new Uint32Array(n), coarse: new Uint32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const v = wordAtoms(forms[i]);
    a.lower[i] = v[0];
    a.exact[i] = v[1];
    a.suf1[i] = v[2];
    a.suf2[i] = v[3];
    a.suf3[i] = v[4];
    a.suf4[i] = v[5];
    a.pre1[i] = v[6];
    a.pre3[i] = v[7];
    a.shape[i] = v[8];
    a.hint[i] = hints ? hashString(hints[i] ?? '-') : HINT_NONE;
    if (clusters) {
      const c = clusters.get(v[0]);
      a.fine[i] = fineOf(c);
      a.coarse[i] = coarseOf(c);
    }
  }
  return a;
}

/** The lower-cased word's hash, as the parser's features use it. */
export function wordHash(w: string): number {
  return wordAtoms(w)[0];
}

const at = (arr: Uint32Array, i: number) => (i >= 0 && i < arr.length ? arr[i] : PAD);

/** Features of word i given the two tags before it (class ids + 1, 0 before the start). */
function features(a: Atoms, i: number, t1: number, t2: number, out: Uint32Array): number {
  wordFeatures(a, i, out);
  contextFeatures(a, i, out);
  tagFeatures(a, i, t1, t2, out);
  return XPOS_FEATURES;
}

const XPOS_FEATURES = 52;
const UPOS_FEATURES = 61;

/**
 * Each template's place among a word's features: the parts below write into their templates'
 * places, so the features keep one order whichever parts are asked for (float weights, summed in
 * that order, give the same scores every time). See compact().
 */
const slot = (template: number) => (template <= 38 ? template : template >= 50 ? template - 11 : template + 12);

/** Features of the word's own form (and the bias): the same wherever the word occurs. */
function wordFeatures(a: Atoms, i: number, out: Uint32Array): void {
  out[slot(0)] = feat1(0, 0);
  out[slot(1)] = feat1(1, a.lower[i]);
  out[slot(2)] = feat1(2, a.exact[i]);
  out[slot(3)] = feat1(3, a.suf1[i]);
  out[slot(4)] = feat1(4, a.suf2[i]);
  out[slot(5)] = feat1(5, a.suf3[i]);
  out[slot(6)] = feat1(6, a.suf4[i]);
  out[slot(7)] = feat1(7, a.pre1[i]);
  out[slot(8)] = feat1(8, a.pre3[i]);
  out[slot(9)] = feat1(9, a.shape[i]);
  // Clusters generalise over words the treebank has few or no examples of.
  out[slot(56)] = feat1(56, a.fine[i]);
  out[slot(57)] = feat1(57, a.coarse[i]);
  out[slot(62)] = feat2(62, a.fine[i], a.suf2[i]);
}

/** Features of the words and the tokenizer's tags around word i. */
function contextFeatures(a: Atoms, i: number, out: Uint32Array): void {
  prevWordFeatures(a, i - 1, out);
  nextWordFeatures(a, i + 1, out);
  hintFeatures(a, i, out);
  pairFeatures(a, i, out);
}

/** Features of word j as the word before the one tagged: the same for every occurrence of its form. */
function prevWordFeatures(a: Atoms, j: number, out: Uint32Array): void {
  out[slot(14)] = feat1(14, at(a.lower, j));
  out[slot(15)] = feat1(15, at(a.suf3, j));
  out[slot(21)] = feat1(21, at(a.shape, j));
  out[slot(60)] = feat1(60, at(a.coarse, j));
}

/** Features of word j as the word after the one tagged. */
function nextWordFeatures(a: Atoms, j: number, out: Uint32Array): void {
  out[slot(17)] = feat1(17, at(a.lower, j));
  out[slot(18)] = feat1(18, at(a.suf3, j));
  out[slot(20)] = feat1(20, at(a.shape, j));
  out[slot(27)] = feat1(27, at(a.suf2, j));
  out[slot(59)] = feat1(59, at(a.fine, j));
}

/** The tokenizer's tags of word i and the two after it, each alone. */
function hintFeatures(a: Atoms, i: number, out: Uint32Array): void {
  out[slot(30)] = feat1(30, a.hint[i]);
  out[slot(36)] = feat1(36, at(a.hint, i + 1));
  out[slot(37)] = feat1(37, at(a.hint, i + 2));
}

/** Context features that join two or more atoms (or look two words away). */
function pairFeatures(a: Atoms, i: number, out: Uint32Array): void {
  out[slot(16)] = feat1(16, at(a.lower, i - 2));
  out[slot(19)] = feat1(19, at(a.lower, i + 2));
  out[slot(22)] = feat2(22, at(a.lower, i - 1), a.lower[i]);
  out[slot(23)] = feat2(23, a.lower[i], at(a.lower, i + 1));
  out[slot(25)] = feat2(25, i === 0 ? 1 : 0, a.shape[i]);
  out[slot(28)] = feat2(28, at(a.lower, i - 1), at(a.lower, i + 1));
  out[slot(31)] = feat2(31, a.hint[i], at(a.hint, i + 1));
  out[slot(32)] = feat2(32, a.hint[i], at(a.hint, i - 1));
  out[slot(33)] = feat2(33, a.hint[i], a.lower[i]);
  out[slot(34)] = feat2(34, a.hint[i], a.suf3[i]);
  out[slot(38)] = feat3(38, a.hint[i], at(a.hint, i + 1), at(a.hint, i + 2));
  // What follows decides many tags the words before cannot ("police arrested dozens": a past
  // tense, not a participle); the tokenizer's tags stand in for the tags not yet chosen.
  out[slot(53)] = feat3(53, a.suf3[i], at(a.hint, i + 1), at(a.hint, i + 2));
  out[slot(55)] = feat3(55, a.lower[i], at(a.lower, i + 1), at(a.hint, i + 2));
  out[slot(61)] = feat2(61, a.fine[i], at(a.hint, i + 1));
}

/** Features of the tags chosen for the two words before (t1, t2) with word i. */
function tagFeatures(a: Atoms, i: number, t1: number, t2: number, out: Uint32Array): void {
  tagPairFeatures(t1, t2, out);
  tagWordFeatures(a, i, t1, t2, out);
}

/** The tags before alone: the same wherever they occur. */
function tagPairFeatures(t1: number, t2: number, out: Uint32Array): void {
  out[slot(10)] = feat1(10, t1);
  out[slot(11)] = feat1(11, t2);
  out[slot(12)] = feat2(12, t1, t2);
}

function tagWordFeatures(a: Atoms, i: number, t1: number, t2: number, out: Uint32Array): void {
  out[slot(13)] = feat2(13, t1, a.lower[i]);
  out[slot(24)] = feat2(24, t1, a.suf3[i]);
  out[slot(26)] = feat2(26, t1, at(a.lower, i + 1));
  out[slot(29)] = feat3(29, t1, a.suf2[i], a.shape[i]);
  out[slot(35)] = feat2(35, t1, a.hint[i]);
  out[slot(50)] = feat2(50, t1, at(a.hint, i + 1));
  out[slot(51)] = feat3(51, t1, a.suf2[i], at(a.hint, i + 1));
  out[slot(52)] = feat3(52, t1, a.lower[i], at(a.hint, i + 1));
  out[slot(54)] = feat3(54, t2, t1, at(a.hint, i + 1));
  out[slot(58)] = feat2(58, t1, a.coarse[i]);
}

/** UPOS features: the word's own, plus the XPOS tags of it and its neighbours. */
function uposFeatures(a: Atoms, x: Int32Array, i: number, u1: number, out: Uint32Array): number {
  features(a, i, u1, 0, out);
  xposFeatures(a, x, i, u1, out);
  return UPOS_FEATURES;
}

/** The XPOS tags chosen for word i and its neighbours, as UPOS features. */
function xposFeatures(a: Atoms, x: Int32Array, i: number, u1: number, out: Uint32Array): void {
  out[slot(40)] = feat1(40, x[i] + 1);
  xposContextFeatures(a, x, i, u1, out);
}

function xposContextFeatures(a: Atoms, x: Int32Array, i: number, u1: number, out: Uint32Array): void {
  const xi = x[i] + 1;
  const xp = i > 0 ? x[i - 1] + 1 : 0;
  const xn = i + 1 < x.length ? x[i + 1] + 1 : 0;
  out[slot(41)] = feat2(41, xi, a.lower[i]);
  out[slot(42)] = feat2(42, xi, xp);
  out[slot(43)] = feat2(43, xi, xn);
  out[slot(44)] = feat3(44, xi, xp, xn);
  out[slot(45)] = feat2(45, xi, a.suf3[i]);
  out[slot(46)] = feat3(46, xi, u1, xn);
  out[slot(47)] = feat2(47, xi, at(a.lower, i + 1));
  out[slot(48)] = feat2(48, xi, at(a.lower, i - 1));
}

const FEATS = new Uint32Array(96);
/** features in their templates' places, zero elsewhere (see compact) */
const PLACED = new Uint32Array(UPOS_FEATURES);

export function tag(model: TaggerModel, forms: string[], hints?: string[]): Tagged {
  const n = forms.length;
  const a = atoms(forms, hints, model.clusters);
  const x = new Int32Array(n);
  const u = new Int32Array(n);
  if (model.xpos.quantised && model.upos.quantised) tagQuantised(model, forms, a, x, u);
  else tagWithFloats(model, a, x, u);
  return {
    xpos: Array.from(x, (c) => model.xposNames[c]),
    upos: Array.from(u, (c) => model.uposNames[c]),
  };
}

/** Tags from all of each word's features (models with float weights, fresh from training). */
function tagWithFloats(model: TaggerModel, a: Atoms, x: Int32Array, u: Int32Array): void {
  const n = x.length;
  const xs = new Float32Array(model.xposNames.length);
  const us = new Float32Array(model.uposNames.length);
  for (let i = 0; i < n; i++) {
    const k = features(a, i, i > 0 ? x[i - 1] + 1 : 0, i > 1 ? x[i - 2] + 1 : 0, FEATS);
    xs.fill(0);
    model.xpos.score(FEATS, k, xs);
    x[i] = argmax(xs);
  }
  for (let i = 0; i < n; i++) {
    const k = uposFeatures(a, x, i, i > 0 ? u[i - 1] + 1 : 0, FEATS);
    us.fill(0);
    model.upos.score(FEATS, k, us);
    u[i] = argmax(us);
  }
}

/**
 * Weight sums that tagging adds up again and again, kept per model (XPOS classes, then UPOS): each
 * recent form's as the word tagged, as the word before and as the word after it; each tokenizer
 * tag's as the word's own and as the next two words'; each pair of tags before a word.
 */
interface Sums {
  /** xpos classes + upos classes: the length of one role's sums */
  width: number;
  /** form → [own | as the word before | as the word after] */
  forms: Map<string, Int32Array>;
  /** hint hash → [own | next word's | the word after next's] */
  hints: Map<number, Int32Array>;
  /** the roles of a place past either end: [word before | word after | hint after | hint after next] */
  pads: Int32Array | null;
  /** XPOS sums of tagPairFeatures by (t1, t2); UPOS sums of tagPairFeatures(u1, 0) and the XPOS tag by (u1, XPOS) */
  xposTags: Int32Array;
  xposTagsDone: Uint8Array;
  uposTags: Int32Array;
  uposTagsDone: Uint8Array;
}

const sumsOf = new WeakMap<TaggerModel, Sums>();
const FORMS_KEPT = 6_000;

function modelSums(model: TaggerModel): Sums {
  let s = sumsOf.get(model);
  if (s) return s;
  const xc = model.xposNames.length;
  const uc = model.uposNames.length;
  s = {
    width: xc + uc, forms: new Map(), hints: new Map(), pads: null,
    xposTags: new Int32Array((xc + 1) * (xc + 1) * xc), xposTagsDone: new Uint8Array((xc + 1) * (xc + 1)),
    uposTags: new Int32Array((uc + 1) * (xc + 1) * uc), uposTagsDone: new Uint8Array((uc + 1) * (xc + 1)),
  };
  sumsOf.set(model, s);
  return s;
}

/** Adds the weights of the features placed in PLACED (then cleared) to `v` from `at`: XPOS, then UPOS. */
function addPlaced(model: TaggerModel, v: Int32Array, at: number): void {
  const k = compact(PLACED, UPOS_FEATURES, FEATS, 0);
  model.xpos.addWeights(FEATS, k, v, at);
  model.upos.addWeights(FEATS, k, v, at + model.xposNames.length);
}

function formRoles(model: TaggerModel, s: Sums, form: string, a: Atoms, i: number): Int32Array {
  let v = s.forms.get(form);
  if (v) return v;
  v = new Int32Array(3 * s.width);
  wordFeatures(a, i, PLACED);
  addPlaced(model, v, 0);
  prevWordFeatures(a, i, PLACED);
  addPlaced(model, v, s.width);
  nextWordFeatures(a, i, PLACED);
  addPlaced(model, v, 2 * s.width);
  if (s.forms.size >= FORMS_KEPT) s.forms.clear();
  s.forms.set(form, v);
  return v;
}

function hintRoles(model: TaggerModel, s: Sums, hint: number): Int32Array {
  let v = s.hints.get(hint);
  if (v) return v;
  v = new Int32Array(3 * s.width);
  [30, 36, 37].forEach((t, r) => {
    PLACED[slot(t)] = feat1(t, hint);
    addPlaced(model, v!, r * s.width);
  });
  s.hints.set(hint, v);
  return v;
}

function padRoles(model: TaggerModel, s: Sums, a: Atoms): Int32Array {
  if (s.pads) return s.pads;
  const v = new Int32Array(4 * s.width);
  prevWordFeatures(a, -1, PLACED);
  addPlaced(model, v, 0);
  nextWordFeatures(a, a.lower.length, PLACED);
  addPlaced(model, v, s.width);
  PLACED[slot(36)] = feat1(36, PAD);
  addPlaced(model, v, 2 * s.width);
  PLACED[slot(37)] = feat1(37, PAD);
  addPlaced(model, v, 3 * s.width);
  return (s.pads = v);
}

/** Offset of the XPOS sums of the tags before a word (t1, t2: class ids + 1, 0 before the start). */
function xposTagSums(model: TaggerModel, s: Sums, t1: number, t2: number): number {
  const xc = model.xposNames.length;
  const key = t1 * (xc + 1) + t2;
  if (!s.xposTagsDone[key]) {
    tagPairFeatures(t1, t2, PLACED);
    const k = compact(PLACED, UPOS_FEATURES, FEATS, 0);
    model.xpos.addWeights(FEATS, k, s.xposTags, key * xc);
    s.xposTagsDone[key] = 1;
  }
  return key * xc;
}

/** Offset of the UPOS sums of the UPOS tag before (u1) and the word's own XPOS tag (xi, id + 1). */
function uposTagSums(model: TaggerModel, s: Sums, u1: number, xi: number): number {
  const uc = model.uposNames.length;
  const key = u1 * (model.xposNames.length + 1) + xi;
  if (!s.uposTagsDone[key]) {
    tagPairFeatures(u1, 0, PLACED);
    PLACED[slot(40)] = feat1(40, xi);
    const k = compact(PLACED, UPOS_FEATURES, FEATS, 0);
    model.upos.addWeights(FEATS, k, s.uposTags, key * uc);
    s.uposTagsDone[key] = 1;
  }
  return key * uc;
}

const PAIR_FEATS = 14;

/** The best class from whole-number sums, compared as the float scores they stand for (so ties fall as in argmax). */
function best(sums: Int32Array, classes: number, scale: number, scores: Float32Array): number {
  for (let c = 0; c < classes; c++) scores[c] = sums[c] * scale;
  let top = 0;
  for (let c = 1; c < classes; c++) if (scores[c] > scores[top]) top = c;
  return top;
}

/**
 * The same tags as tagWithFloats, with less work: the features of one form, one tokenizer tag or
 * the tags before a word alone are summed once (see Sums) and the rest hashed once for both
 * taggers. Quantised weights are whole numbers, so summing them in pieces gives the very same scores.
 */
function tagQuantised(model: TaggerModel, forms: string[], a: Atoms, x: Int32Array, u: Int32Array): void {
  const n = x.length;
  const xc = model.xposNames.length;
  const uc = model.uposNames.length;
  const s = modelSums(model);
  const w = s.width;
  const pads = padRoles(model, s, a);
  const roles: Int32Array[] = new Array(n);
  const hints: Int32Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    roles[i] = formRoles(model, s, forms[i], a, i);
    hints[i] = hintRoles(model, s, a.hint[i]);
  }
  // Each word's sums from its own form, its neighbours' and the tokenizer's tags.
  const base = new Int32Array(w * n);
  const pair = new Uint32Array(PAIR_FEATS * n);
  for (let i = 0; i < n; i++) {
    const own = roles[i], h = hints[i];
    const prev = i > 0 ? roles[i - 1] : pads, prevAt = i > 0 ? w : 0;
    const next = i + 1 < n ? roles[i + 1] : pads, nextAt = i + 1 < n ? 2 * w : w;
    const hn = i + 1 < n ? hints[i + 1] : pads, hnAt = i + 1 < n ? w : 2 * w;
    const hn2 = i + 2 < n ? hints[i + 2] : pads, hn2At = i + 2 < n ? 2 * w : 3 * w;
    for (let c = 0; c < w; c++) base[w * i + c] = own[c] + prev[prevAt + c] + next[nextAt + c] + h[c] + hn[hnAt + c] + hn2[hn2At + c];
    pairFeatures(a, i, PLACED);
    compact(PLACED, UPOS_FEATURES, pair, PAIR_FEATS * i);
  }
  const sums = new Int32Array(Math.max(xc, uc));
  const scores = new Float32Array(Math.max(xc, uc));
  for (let i = 0; i < n; i++) {
    const t1 = i > 0 ? x[i - 1] + 1 : 0;
    const t2 = i > 1 ? x[i - 2] + 1 : 0;
    const tags = xposTagSums(model, s, t1, t2);
    for (let c = 0; c < xc; c++) sums[c] = base[w * i + c] + s.xposTags[tags + c];
    for (let j = 0; j < PAIR_FEATS; j++) FEATS[j] = pair[PAIR_FEATS * i + j];
    tagWordFeatures(a, i, t1, t2, PLACED);
    model.xpos.addWeights(FEATS, compact(PLACED, UPOS_FEATURES, FEATS, PAIR_FEATS), sums);
    x[i] = best(sums, xc, model.xpos.scale, scores);
  }
  for (let i = 0; i < n; i++) {
    const u1 = i > 0 ? u[i - 1] + 1 : 0;
    const tags = uposTagSums(model, s, u1, x[i] + 1);
    for (let c = 0; c < uc; c++) sums[c] = base[w * i + xc + c] + s.uposTags[tags + c];
    for (let j = 0; j < PAIR_FEATS; j++) FEATS[j] = pair[PAIR_FEATS * i + j];
    tagWordFeatures(a, i, u1, 0, PLACED);
    xposContextFeatures(a, x, i, u1, PLACED);
    model.upos.addWeights(FEATS, compact(PLACED, UPOS_FEATURES, FEATS, PAIR_FEATS), sums);
    u[i] = best(sums, uc, model.upos.scale, scores);
  }
}

export interface TagExample {
  forms: string[];
  xpos: string[];
  upos: string[];
  /** the tokenizer's tags, as `tag` will be given them */
  hints?: string[];
}

export interface TrainOptions {
  epochs?: number;
  seed?: number;
  prune?: number;
  /** features seen fewer times than this along the gold tags get no weight */
  minCount?: number;
  clusters?: WordClusters;
  log?: (line: string) => void;
}

export function trainTagger(data: TagExample[], opts: TrainOptions = {}): TaggerModel {
  const epochs = opts.epochs ?? 10;
  const random = rng(opts.seed ?? 1);
  const xposNames = [...new Set(data.flatMap((s) => s.xpos))].sort();
  const uposNames = [...new Set(data.flatMap((s) => s.upos))].sort();
  const xid = new Map(xposNames.map((t, i) => [t, i]));
  const uid = new Map(uposNames.map((t, i) => [t, i]));
  const xt = new Trainer(xposNames.length);
  const ut = new Trainer(uposNames.length);
  const xs = new Float64Array(xposNames.length);
  const us = new Float64Array(uposNames.length);
  const prepared = data.map((s) => ({ a: atoms(s.forms, s.hints, opts.clusters), x: s.xpos.map((t) => xid.get(t)!), u: s.upos.map((t) => uid.get(t)!) }));
  const order = prepared.map((_, i) => i);
  if ((opts.minCount ?? 1) > 1) {
    const xc = new FeatureCounts();
    const uc = new FeatureCounts();
    for (const { a, x, u } of prepared) {
      const gx = Int32Array.from(x);
      for (let i = 0; i < x.length; i++) {
        xc.add(FEATS, features(a, i, i > 0 ? x[i - 1] + 1 : 0, i > 1 ? x[i - 2] + 1 : 0, FEATS));
        uc.add(FEATS, uposFeatures(a, gx, i, i > 0 ? u[i - 1] + 1 : 0, FEATS));
      }
    }
    xt.restrict(xc, opts.minCount!);
    ut.restrict(uc, opts.minCount!);
  }
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random);
    let right = 0;
    let total = 0;
    for (const k of order) {
      const { a, x: gx, u: gu } = prepared[k];
      const n = gx.length;
      const px = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const f = features(a, i, i > 0 ? px[i - 1] + 1 : 0, i > 1 ? px[i - 2] + 1 : 0, FEATS);
        xt.score(FEATS, f, xs);
        const guess = argmax(xs);
        if (guess !== gx[i]) xt.update(FEATS, f, gx[i], guess);
        else xt.tick();
        px[i] = guess;
      }
      // UPOS learns from predicted XPOS, as it will see them.
      let pu = 0;
      for (let i = 0; i < n; i++) {
        const f = uposFeatures(a, px, i, pu, FEATS);
        ut.score(FEATS, f, us);
        const guess = argmax(us);
        if (guess !== gu[i]) ut.update(FEATS, f, gu[i], guess);
        else ut.tick();
        if (guess === gu[i]) right++;
        total++;
        pu = guess + 1;
      }
    }
    opts.log?.(`tagger epoch ${e + 1}: UPOS ${(right / total).toFixed(4)} on train`);
  }
  return { xposNames, uposNames, xpos: xt.averaged(opts.prune ?? 0), upos: ut.averaged(opts.prune ?? 0), clusters: opts.clusters };
}
