/**
 * Averaged perceptron over hashed features, in its training form (dense rows, with the running
 * sums that averaging needs); `averaged()` gives the read-only form of sparse.ts.
 */
import { SparseModel } from './sparse.js';

/** A growable map from feature hash (never 0) to row, in insertion order. */
export class KeyTable {
  private slots = new Uint32Array(1 << 16);
  private rowOf = new Int32Array(1 << 16);
  private keys = new Uint32Array(1 << 15);
  private size = 0;

  get(key: number): number {
    const mask = this.slots.length - 1;
    let i = key & mask;
    for (;;) {
      const k = this.slots[i];
      if (k === key) return this.rowOf[i];
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  keyOf(row: number): number {
    return this.keys[row];
  }

  set(key: number, row: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    let i = key & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = key;
    this.rowOf[i] = row;
    if (row >= this.keys.length) {
      const k = new Uint32Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
    }
    this.keys[row] = key;
    this.size++;
  }

  private grow(): void {
    const old = this.slots;
    const oldRows = this.rowOf;
    this.slots = new Uint32Array(old.length * 2);
    this.rowOf = new Int32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (let j = 0; j < old.length; j++) {
      if (old[j] === 0) continue;
      let i = old[j] & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = old[j];
      this.rowOf[i] = oldRows[j];
    }
  }
}

/** How often each feature occurs along the gold path of the training data. */
export class FeatureCounts {
  private readonly index = new KeyTable();
  private counts = new Int32Array(1 << 16);
  private size = 0;

  add(feats: Uint32Array, n: number): void {
    for (let f = 0; f < n; f++) {
      let r = this.index.get(feats[f]);
      if (r < 0) {
        r = this.size++;
        this.index.set(feats[f], r);
        if (r >= this.counts.length) {
          const c = new Int32Array(this.counts.length * 2);
          c.set(this.counts);
          this.counts = c;
        }
      }
      this.counts[r]++;
    }
  }

  count(key: number): number {
    const r = this.index.get(key);
    return r < 0 ? 0 : this.counts[r];
  }
}

/** Training weights. Rows are allocated for a feature the first time an update touches it. */
export class Trainer {
  readonly classes: number;
  private readonly index = new KeyTable();
  private w: Float64Array;
  private total: Float64Array;
  private stamp: Float64Array;
  private rows = 0;
  private time = 0;
  private allowed: FeatureCounts | null = null;
  private minCount = 0;

  constructor(classes: number) {
    if (classes > 255) throw new Error(`a perceptron has at most 255 classes (got ${classes})`);
    this.classes = classes;
    this.w = new Float64Array(1024 * classes);
    this.total = new Float64Array(1024 * classes);
    this.stamp = new Float64Array(1024 * classes);
  }

  score(feats: Uint32Array, n: number, out: Float64Array): void {
    out.fill(0);
    const C = this.classes;
    for (let f = 0; f < n; f++) {
      const r = this.index.get(feats[f]);
      if (r < 0) continue;
      const base = r * C;
      for (let c = 0; c < C; c++) out[c] += this.w[base + c];
    }
  }

  /** Only features seen at least `min` times in `counts` get weights (rare ones only overfit). */
  restrict(counts: FeatureCounts, min: number): void {
    this.allowed = counts;
    this.minCount = min;
  }

  private rowFor(key: number): number {
    let r = this.index.get(key);
    if (r >= 0) return r;
    if (this.allowed && this.allowed.count(key) < this.minCount) return -1;
    r = this.rows++;
    if (this.rows * this.classes > this.w.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.w = grow(this.w);
      this.total = grow(this.total);
      this.stamp = grow(this.stamp);
    }
    this.index.set(key, r);
    return r;
  }

  private bump(i: number, delta: number): void {
    this.total[i] += (this.time - this.stamp[i]) * this.w[i];
    this.stamp[i] = this.time;
    this.w[i] += delta;
  }

  /** One mistake: the true class gains, the guessed one loses, on every feature. */
  update(feats: Uint32Array, n: number, truth: number, guess: number): void {
    this.time++;
    if (truth === guess) return;
    const C = this.classes;
    for (let f = 0; f < n; f++) {
      const r = this.rowFor(feats[f]);
      if (r < 0) continue;
      const base = r * C;
      this.bump(base + truth, 1);
      this.bump(base + guess, -1);
    }
  }

  /** Counts an example that needed no update (averaging weighs weights by how long they stood). */
  tick(): void {
    this.time++;
  }

  /**
   * The averaged weights as a sparse model. Weights whose magnitude is below `prune` times the
   * largest are dropped, as are features left with none.
   */
  averaged(prune = 0): SparseModel {
    const C = this.classes;
    const avg = new Float64Array(this.rows * C);
    let max = 0;
    for (let i = 0; i < avg.length; i++) {
      const t = this.total[i] + (this.time - this.stamp[i]) * this.w[i];
      avg[i] = this.time ? t / this.time : 0;
      if (Math.abs(avg[i]) > max) max = Math.abs(avg[i]);
    }
    const cut = max * prune;
    const keys: number[] = [];
    const starts: number[] = [0];
    const cls: number[] = [];
    const wts: number[] = [];
    for (let r = 0; r < this.rows; r++) {
      const key = this.index.keyOf(r);
      const before = cls.length;
      for (let c = 0; c < C; c++) {
        const v = avg[r * C + c];
        if (v !== 0 && Math.abs(v) >= cut) {
          cls.push(c);
          wts.push(v);
        }
      }
      if (cls.length > before) {
        keys.push(key);
        starts.push(cls.length);
      }
    }
    return new SparseModel(C, Uint32Array.from(keys), Uint32Array.from(starts), Uint8Array.from(cls), Float32Array.from(wts));
  }
}

/** Index of the highest score among the allowed classes (all when `allowed` is absent). */
export function argmax(scores: ArrayLike<number>, allowed?: ArrayLike<number>): number {
  let best = -1;
  let bestScore = -Infinity;
  if (allowed) {
    for (let k = 0; k < allowed.length; k++) {
      const c = allowed[k];
      if (scores[c] > bestScore) {
        bestScore = scores[c];
        best = c;
      }
    }
  } else {
    for (let c = 0; c < scores.length; c++) {
      if (scores[c] > bestScore) {
        bestScore = scores[c];
        best = c;
      }
    }
  }
  return best;
}
