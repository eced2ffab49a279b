/**
 * A greedy arc-eager dependency parser: one averaged perceptron picks the move, a second picks
 * the label of each arc from the same features conjoined with the arc's direction. Trained with
 * the dynamic oracle and exploration, so it learns to recover from its own earlier mistakes.
 */
import { compact, finish, mix, rng, shuffle } from './hash.js';
import { argmax, FeatureCounts, Trainer } from './perceptron.js';
import type { SparseModel } from './sparse.js';
import { LEFT, MOVES, REDUCE, RIGHT, SHIFT, State } from './transition.js';
import { LABEL_EXTRA, MAX_FEATURES, PARSER_FEATURES, bufferFeatures, labelExtras, parserFeatures, sentenceAtoms, stackWordFeatures, stateFeatures, type SentenceAtoms } from './features.js';
import type { WordClusters } from './clusters.js';
import { repairTree } from './repair.js';

export interface ParserModel {
  labels: string[];
  /** label ids seen on leftward and rightward arcs */
  leftLabels: Int32Array;
  rightLabels: Int32Array;
  moves: SparseModel;
  labeler: SparseModel;
  /** word clusters the features use (absent in models trained without them) */
  clusters?: WordClusters;
}

export interface Parsed {
  /** 0 = root, else 1-based word index */
  heads: number[];
  deprels: string[];
}

const FEATS = new Uint32Array(MAX_FEATURES);
const LFEATS = new Uint32Array(MAX_FEATURES + LABEL_EXTRA);
/** features in their templates' places (see compact), zero elsewhere */
const PLACED = new Uint32Array(PARSER_FEATURES);
const ALL_MOVES = [SHIFT, REDUCE, LEFT, RIGHT];

/**
 * Features for naming the arc a move makes: the move's features joined with its direction, then
 * the labeller's own (see labelExtras). Returns their count.
 */
function arcFeatures(st: State, atoms: SentenceAtoms, feats: Uint32Array, n: number, move: number, out: Uint32Array): number {
  for (let i = 0; i < n; i++) out[i] = finish(mix(feats[i], move));
  const head = move === LEFT ? st.b : st.s(0);
  const dep = move === LEFT ? st.s(0) : st.b;
  return labelExtras(st, atoms, head, dep, move, out, n);
}

function validMoves(st: State, out: number[]): number[] {
  out.length = 0;
  for (const m of ALL_MOVES) if (st.valid(m)) out.push(m);
  return out;
}

/**
 * Words left without a head when the buffer runs out attach to the root word, so every sentence
 * gets one tree. Without a root, the first headless verb becomes it (a greedy parse that stalls
 * on a fronted name must not make the name the root of its own verb), else the first headless word;
 * a headless noun or pronoun before a subjectless root verb is its subject.
 */
function finishTree(st: State, utags: string[], labels: string[]): void {
  const rootLabel = Math.max(0, labels.indexOf('root'));
  const depLabel = Math.max(0, labels.indexOf('dep'));
  const subjLabel = labels.indexOf('nsubj');
  let root = st.rootChild;
  let verb = 0;
  for (let d = 1; d <= st.n && !verb; d++) if (st.heads[d] === -1 && utags[d - 1] === 'VERB') verb = d;
  // A verb left over after a non-verbal root took the root's place: the root was a fronted word.
  if (verb && root && utags[root - 1] !== 'VERB' && utags[root - 1] !== 'AUX') {
    st.heads[root] = -1;
    root = 0;
  }
  if (!root) {
    root = verb;
    for (let d = 1; d <= st.n && !root; d++) if (st.heads[d] === -1) root = d;
    if (!root) return;
    st.heads[root] = 0;
    st.labels[root] = rootLabel;
  }
  let subject = false;
  for (let d = 1; d <= st.n; d++) if (st.heads[d] === root && labels[st.labels[d]]?.startsWith('nsubj')) subject = true;
  for (let d = 1; d <= st.n; d++) {
    if (st.heads[d] !== -1) continue;
    st.heads[d] = root;
    const nominal = utags[d - 1] === 'NOUN' || utags[d - 1] === 'PROPN' || utags[d - 1] === 'PRON';
    if (d < root && nominal && !subject && subjLabel >= 0 && utags[root - 1] === 'VERB') {
      st.labels[d] = subjLabel;
      subject = true;
    } else st.labels[d] = depLabel;
  }
}

/** `hints`: the tokenizer's own tags, as the parser was trained with them (see winkHints). */
export function parse(model: ParserModel, forms: string[], tags: string[], utags: string[], hints?: string[]): Parsed {
  const n = forms.length;
  const st = new State(n);
  const atoms = sentenceAtoms(forms, tags, utags, model.clusters, hints);
  const rootLabel = Math.max(0, model.labels.indexOf('root'));
  if (model.moves.quantised) parseQuantised(model, st, atoms, rootLabel);
  else parseWithFloats(model, st, atoms, rootLabel);
  finishTree(st, utags, model.labels);
  const heads = Array.from(st.heads.subarray(1));
  const deprels = Array.from(st.labels.subarray(1), (l) => model.labels[l] ?? 'dep');
  repairTree(heads, deprels, forms, tags);
  return { heads, deprels };
}

/** The label of the arc `move` makes (LEFT or RIGHT), from the move's features (`k` of FEATS). */
function arcLabel(model: ParserModel, st: State, atoms: SentenceAtoms, k: number, move: number, rootLabel: number, lscores: Float32Array): number {
  if (move === RIGHT && st.s(0) === 0) return rootLabel;
  const lk = arcFeatures(st, atoms, FEATS, k, move, LFEATS);
  lscores.fill(0);
  model.labeler.score(LFEATS, lk, lscores);
  return argmax(lscores, move === LEFT ? model.leftLabels : model.rightLabels);
}

/** Scores each move from all of the state's features (models with float weights, fresh from training). */
function parseWithFloats(model: ParserModel, st: State, atoms: SentenceAtoms, rootLabel: number): void {
  const scores = new Float32Array(MOVES);
  const lscores = new Float32Array(model.labels.length);
  const valid: number[] = [];
  while (!st.done) {
    const k = parserFeatures(st, atoms, FEATS);
    scores.fill(0);
    model.moves.score(FEATS, k, scores);
    const move = argmax(scores, validMoves(st, valid));
    st.apply(move, move === LEFT || move === RIGHT ? arcLabel(model, st, atoms, k, move, rootLabel, lscores) : -1);
  }
}

const BUFFER_FEATS = 14;
const STACK_FEATS = 4;

/**
 * The same parse as parseWithFloats, with less work: the features of the buffer's front and of the
 * stack's top word alone are hashed and summed once per word, not at every move (a word is at the
 * buffer's front or the top of the stack for several moves). Quantised weights are whole numbers,
 * so summing them in pieces gives the very same scores.
 */
function parseQuantised(model: ParserModel, st: State, atoms: SentenceAtoms, rootLabel: number): void {
  const n = st.n;
  const moves = model.moves;
  const bufferSums = new Int32Array(MOVES * (n + 1));
  const stackSums = new Int32Array(MOVES * (n + 1));
  const bufferFeats = new Uint32Array(BUFFER_FEATS * (n + 1));
  const stackFeats = new Uint32Array(STACK_FEATS * (n + 1));
  for (let w = 0; w <= n; w++) {
    if (w > 0) {
      bufferFeatures(atoms, w, n, PLACED);
      compact(PLACED, PARSER_FEATURES, bufferFeats, BUFFER_FEATS * w);
      moves.addWeights(bufferFeats.subarray(BUFFER_FEATS * w), BUFFER_FEATS, bufferSums, MOVES * w);
    }
    stackWordFeatures(atoms, w, PLACED);
    compact(PLACED, PARSER_FEATURES, stackFeats, STACK_FEATS * w);
    moves.addWeights(stackFeats.subarray(STACK_FEATS * w), STACK_FEATS, stackSums, MOVES * w);
  }
  const sums = MOVE_SUMS;
  const valid: number[] = [];
  while (!st.done) {
    const b = st.b;
    const s0 = st.s(0);
    stateFeatures(st, atoms, PLACED);
    const k = compact(PLACED, PARSER_FEATURES, FEATS, 0);
    for (let m = 0; m < MOVES; m++) sums[m] = bufferSums[MOVES * b + m] + stackSums[MOVES * s0 + m];
    moves.addWeights(FEATS, k, sums);
    const move = wholeArgmax(sums, validMoves(st, valid));
    let label = -1;
    if (move === LEFT || move === RIGHT) {
      // The labeller reads all of the move's features.
      let all = k;
      for (let j = 0; j < BUFFER_FEATS; j++) FEATS[all++] = bufferFeats[BUFFER_FEATS * b + j];
      for (let j = 0; j < STACK_FEATS; j++) FEATS[all++] = stackFeats[STACK_FEATS * s0 + j];
      label = quantisedArcLabel(model, st, atoms, all, move, rootLabel);
    }
    st.apply(move, label);
  }
}

const MOVE_SUMS = new Int32Array(MOVES);
const LABEL_SUMS = new Int32Array(256);

/**
 * The allowed class with the highest whole-number sum, the first of equals: the very class argmax
 * picks from the float scores (sum × scale, rounded to 32 bits). Scaling by a positive factor keeps
 * the order, and no two sums round to one score: a sum is at most 256 features × 32,767 < 2^23, so
 * sums one apart are `scale` apart, more than a 32-bit float's spacing at that size.
 */
function wholeArgmax(sums: Int32Array, allowed: ArrayLike<number>): number {
  let best = -1;
  let top = 0;
  for (let k = 0; k < allowed.length; k++) {
    const c = allowed[k];
    if (best < 0 || sums[c] > top) {
      top = sums[c];
      best = c;
    }
  }
  return best;
}

/** arcLabel for quantised models: the labeller's whole-number sums, with no float scores. */
function quantisedArcLabel(model: ParserModel, st: State, atoms: SentenceAtoms, k: number, move: number, rootLabel: number): number {
  if (move === RIGHT && st.s(0) === 0) return rootLabel;
  const lk = arcFeatures(st, atoms, FEATS, k, move, LFEATS);
  const sums = LABEL_SUMS;
  sums.fill(0, 0, model.labeler.classes);
  model.labeler.addWeights(LFEATS, lk, sums);
  return wholeArgmax(sums, move === LEFT ? model.leftLabels : model.rightLabels);
}

export interface TreeExample {
  forms: string[];
  /** the tags the parser will see: predicted (jackknifed) for training, as at run time */
  tags: string[];
  utags: string[];
  /** the tokenizer's tags */
  hints?: string[];
  heads: number[];
  deprels: string[];
}

export interface ParserTrainOptions {
  epochs?: number;
  seed?: number;
  /** probability of following the model's own wrong move once exploration starts */
  explore?: number;
  prune?: number;
  /** features seen fewer times than this along the oracle's path get no weight */
  minCount?: number;
  clusters?: WordClusters;
  log?: (line: string) => void;
}

/** Features along the oracle's own path (always a least-cost move, gold labels), counted. */
function countFeatures(prepared: { atoms: SentenceAtoms; gold: Int32Array; glabel: Int32Array }[], rootLabel: number): [FeatureCounts, FeatureCounts] {
  const moves = new FeatureCounts();
  const labels = new FeatureCounts();
  const costs = new Int32Array(MOVES);
  const valid: number[] = [];
  for (const { atoms, gold, glabel } of prepared) {
    const st = new State(gold.length - 1);
    while (!st.done) {
      const f = parserFeatures(st, atoms, FEATS);
      moves.add(FEATS, f);
      validMoves(st, valid);
      st.costs(gold, costs);
      let best = valid[0];
      for (const m of valid) if (costs[m] < costs[best]) best = m;
      let label = -1;
      if (best === LEFT || best === RIGHT) {
        const h = best === LEFT ? st.b : st.s(0);
        const d = best === LEFT ? st.s(0) : st.b;
        label = h === 0 ? rootLabel : glabel[d];
        if (h !== 0) {
          labels.add(LFEATS, arcFeatures(st, atoms, FEATS, f, best, LFEATS));
        }
      }
      st.apply(best, label);
    }
  }
  return [moves, labels];
}

export function trainParser(data: TreeExample[], opts: ParserTrainOptions = {}): ParserModel {
  const epochs = opts.epochs ?? 12;
  const explore = opts.explore ?? 0.9;
  const random = rng(opts.seed ?? 7);
  const labels = [...new Set(data.flatMap((s) => s.deprels))].sort();
  const lid = new Map(labels.map((l, i) => [l, i]));
  const left = new Set<number>();
  const right = new Set<number>();
  for (const s of data) {
    s.heads.forEach((h, i) => {
      if (h === 0) return;
      (h > i + 1 ? left : right).add(lid.get(s.deprels[i])!);
    });
  }
  const rootLabel = lid.get('root') ?? 0;
  const moves = new Trainer(MOVES);
  const labeler = new Trainer(labels.length);
  const scores = new Float64Array(MOVES);
  const lscores = new Float64Array(labels.length);
  const costs = new Int32Array(MOVES);
  const valid: number[] = [];
  const leftLabels = Int32Array.from([...left].sort((a, b) => a - b));
  const rightLabels = Int32Array.from([...right].sort((a, b) => a - b));
  const prepared = data.map((s) => ({
    atoms: sentenceAtoms(s.forms, s.tags, s.utags, opts.clusters, s.hints),
    gold: Int32Array.from([-1, ...s.heads]),
    glabel: Int32Array.from([-1, ...s.deprels.map((l) => lid.get(l)!)]),
  }));
  const order = prepared.map((_, i) => i);
  if ((opts.minCount ?? 1) > 1) {
    const [mc, lc] = countFeatures(prepared, rootLabel);
    moves.restrict(mc, opts.minCount!);
    labeler.restrict(lc, opts.minCount!);
  }
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random);
    let right = 0;
    let total = 0;
    for (const k of order) {
      const { atoms, gold, glabel } = prepared[k];
      const n = gold.length - 1;
      const st = new State(n);
      while (!st.done) {
        const f = parserFeatures(st, atoms, FEATS);
        moves.score(FEATS, f, scores);
        validMoves(st, valid);
        const guess = argmax(scores, valid);
        st.costs(gold, costs);
        let min = Infinity;
        for (const m of valid) if (costs[m] < min) min = costs[m];
        let best = -1;
        for (const m of valid) if (costs[m] === min && (best < 0 || scores[m] > scores[best])) best = m;
        if (costs[guess] > min) moves.update(FEATS, f, best, guess);
        else moves.tick();
        const next = costs[guess] === min || (e > 0 && random() < explore) ? guess : best;
        let label = -1;
        if (next === LEFT || next === RIGHT) {
          const h = next === LEFT ? st.b : st.s(0);
          const d = next === LEFT ? st.s(0) : st.b;
          if (h === 0) label = rootLabel;
          else {
            const lf = arcFeatures(st, atoms, FEATS, f, next, LFEATS);
            labeler.score(LFEATS, lf, lscores);
            label = argmax(lscores, next === LEFT ? leftLabels : rightLabels);
            if (gold[d] === h) {
              if (label !== glabel[d]) labeler.update(LFEATS, lf, glabel[d], label);
              else labeler.tick();
              label = glabel[d];
            }
          }
        }
        st.apply(next, label);
      }
      finishTree(st, data[k].utags, labels);
      for (let d = 1; d <= n; d++) {
        total++;
        if (st.heads[d] === gold[d]) right++;
      }
    }
    opts.log?.(`parser epoch ${e + 1}: UAS ${(right / total).toFixed(4)} on train (with exploration)`);
  }
  return {
    labels,
    leftLabels,
    rightLabels,
    moves: moves.averaged(opts.prune ?? 0),
    labeler: labeler.averaged(opts.prune ?? 0),
    clusters: opts.clusters,
  };
}
