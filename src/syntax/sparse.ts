/**
 * The read-only form of a perceptron that the tagger and parser score with: for each feature
 * hash, the classes it has a weight for. A model keeps its rows (keys, row starts, classes,
 * weights) for writing the model file, and builds a scoring table from them:
 *
 * - quantised, at most four classes (the parser's moves): the weights sit in the slot itself,
 *   [key, w0 | w1 << 16, w2 | w3 << 16], so a feature costs one memory access;
 * - quantised, fewer than 64 classes: slots [key, first entry << 6 | entry count] and entries
 *   (weight << 8 | class), one cache line to find a feature and one to read it;
 * - otherwise (float weights while training): key → row, then the row's classes and weights.
 *
 * The quantised tables live in SharedArrayBuffers, so the analysis threads of one process can
 * score with the tables the main thread built (see `runtime()` and `fromRuntime()`).
 */

/** A scoring table without the rows it was built from: what analysis threads receive. */
export interface SparseRuntime {
  classes: number;
  scale: number;
  kind: 'inline' | 'packed';
  mask: number;
  table: Int32Array | Uint32Array;
  entries: Int32Array | null;
}

const EMPTY_U32 = new Uint32Array(0);

/** Scratch for scoring: each feature's home slot (then the rows found), what the slot held, class sums. */
const MAX_SCORED = 256;
const HOME = new Int32Array(MAX_SCORED);
const SEEN = new Int32Array(MAX_SCORED);
/** the features not found among the recent ones (see `recent`) */
const MISSED = new Int32Array(MAX_SCORED);

/** Slots of the recent-features caches: 12 and 8 bytes each, well inside a core's second-level cache. */
const RECENT_INLINE = 1 << 17;
const RECENT_PACKED = 1 << 16;
const recentSlot = (key: number, size: number) => (key >>> 7) & (size - 1);
const SUMS = new Int32Array(256);
/** class sums of a packed table (always fewer than 64 classes), zero between calls */
const PACKED_SUMS = new Int32Array(64);

function shared<T extends Int32Array | Uint32Array>(make: (b: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(bytes));
}

export class SparseModel {
  readonly classes: number;
  readonly scale: number;
  readonly rowStart: Uint32Array;
  readonly cls: Uint8Array;
  /** weights, or quantised weights that `scale` turns into weights */
  readonly weight: Float32Array | Int16Array;
  private readonly rowKeys: Uint32Array;
  private readonly kind: 'inline' | 'packed' | 'rows';
  private readonly mask: number;
  private readonly table: Int32Array | Uint32Array;
  private readonly entries: Int32Array | null = null;
  /** for the `rows` kind: each slot's row */
  private readonly rowOf: Int32Array | null = null;
  /** false for a model made from another's scoring table: it has no rows to write */
  readonly writable: boolean = true;
  /**
   * The features this thread looked up most recently, with what the table holds for them ([key,
   * weights] for inline tables, [key, row] for packed ones; an absent feature with zeros), in a slot
   * chosen by the key. A sentence's features repeat (the same words and tags meet in many states, and
   * absent neighbours give the same features), but scattered over a table of many megabytes each one
   * costs a trip to memory; most are found here instead.
   */
  private recent: Int32Array | null = null;

  constructor(classes: number, keys: Uint32Array, rowStart: Uint32Array, cls: Uint8Array, weight: Float32Array | Int16Array, scale = 1) {
    this.classes = classes;
    this.scale = scale;
    this.rowKeys = keys;
    this.rowStart = rowStart;
    this.cls = cls;
    this.weight = weight;
    if (weight instanceof Int16Array && classes <= 4) {
      const cap = SparseModel.scoringCapacity(keys.length);
      const t = shared((b) => new Int32Array(b), cap * 12);
      const mask = cap - 1;
      for (let r = 0; r < keys.length; r++) {
        let i = keys[r] & mask;
        while (t[3 * i] !== 0) i = (i + 1) & mask;
        t[3 * i] = keys[r] | 0;
        for (let j = rowStart[r]; j < rowStart[r + 1]; j++) {
          const c = cls[j];
          t[3 * i + 1 + (c >> 1)] |= c & 1 ? weight[j] << 16 : weight[j] & 0xffff;
        }
      }
      this.kind = 'inline';
      this.table = t;
      this.mask = mask;
    } else if (weight instanceof Int16Array && classes < 64 && rowStart[keys.length] < 1 << 26) {
      const cap = SparseModel.scoringCapacity(keys.length);
      const mask = cap - 1;
      const entries = shared((b) => new Int32Array(b), weight.length * 4);
      const start = SparseModel.longestFirst(rowStart, keys.length);
      for (let r = 0; r < keys.length; r++) {
        for (let j = rowStart[r], to = start[r]; j < rowStart[r + 1]; j++, to++) entries[to] = (weight[j] << 8) | cls[j];
      }
      const t = shared((b) => new Uint32Array(b), cap * 8);
      for (let r = 0; r < keys.length; r++) {
        let i = keys[r] & mask;
        while (t[2 * i] !== 0) i = (i + 1) & mask;
        t[2 * i] = keys[r];
        t[2 * i + 1] = (start[r] << 6) | (rowStart[r + 1] - rowStart[r]);
      }
      this.kind = 'packed';
      this.table = t;
      this.entries = entries;
      this.mask = mask;
    } else {
      const cap = SparseModel.capacityFor(keys.length);
      const mask = cap - 1;
      const t = new Uint32Array(cap);
      const rowOf = new Int32Array(cap);
      for (let r = 0; r < keys.length; r++) {
        let i = keys[r] & mask;
        while (t[i] !== 0) i = (i + 1) & mask;
        t[i] = keys[r];
        rowOf[i] = r;
      }
      this.kind = 'rows';
      this.table = t;
      this.rowOf = rowOf;
      this.mask = mask;
    }
  }

  /**
   * Where each row's entries go in a packed table: the longest rows first. A feature with weights
   * for many classes is one training met often, as is reading: most entries read come from a few
   * hundred kilobytes of such rows, which side by side share fewer cache lines with rows rarely read
   * (8% less time per labelled arc in a replay of 35,000 arcs).
   */
  private static longestFirst(rowStart: Uint32Array, rows: number): Uint32Array {
    const from = new Uint32Array(65);
    for (let r = 0; r < rows; r++) from[rowStart[r + 1] - rowStart[r]] += rowStart[r + 1] - rowStart[r];
    for (let len = 64, at = 0; len >= 0; len--) {
      const size = from[len];
      from[len] = at;
      at += size;
    }
    const start = new Uint32Array(rows);
    for (let r = 0; r < rows; r++) {
      const len = rowStart[r + 1] - rowStart[r];
      start[r] = from[len];
      from[len] += len;
    }
    return start;
  }

  /**
   * Size of a scoring table: a power of two at most three quarters full. Fuller tables would probe
   * further for absent features; emptier ones take longer to build and crowd the caches.
   */
  static scoringCapacity(features: number): number {
    let cap = 1;
    while (cap * 0.75 < features) cap <<= 1;
    return cap;
  }

  /** hash table size for a number of features: a power of two, at most half full (the file's row order) */
  static capacityFor(features: number): number {
    let cap = 1;
    while (cap < features * 2) cap <<= 1;
    return cap;
  }

  /** The scoring table alone, to hand to another thread (quantised models only). */
  runtime(): SparseRuntime {
    if (this.kind === 'rows') throw new Error('only a quantised model has a shareable scoring table');
    return { classes: this.classes, scale: this.scale, kind: this.kind, mask: this.mask, table: this.table, entries: this.entries };
  }

  /** A model that scores with a table built elsewhere; it has no rows, so it cannot be written. */
  static fromRuntime(r: SparseRuntime): SparseModel {
    const m = Object.create(SparseModel.prototype) as SparseModel;
    Object.assign(m, {
      classes: r.classes, scale: r.scale, kind: r.kind, mask: r.mask, table: r.table, entries: r.entries, rowOf: null, writable: false, recent: null,
      rowKeys: EMPTY_U32, rowStart: Uint32Array.of(0), cls: new Uint8Array(0), weight: new Int16Array(0),
    });
    return m;
  }

  /** the feature hash of each row */
  keys(): Uint32Array {
    return this.rowKeys;
  }

  get features(): number {
    return this.rowStart.length - 1;
  }

  /** true for the quantised tables, whose weights `addWeights` can sum as whole numbers */
  get quantised(): boolean {
    return this.kind !== 'rows';
  }

  /** Adds the weights of `n` features to `out` (length = classes), which the caller zeroes. */
  score(feats: Uint32Array, n: number, out: Float32Array): void {
    if (this.kind === 'rows') {
      this.scoreRows(feats, n, out);
      return;
    }
    const acc = SUMS;
    acc.fill(0, 0, this.classes);
    this.addWeights(feats, n, acc);
    for (let c = 0; c < out.length; c++) out[c] += acc[c] * this.scale;
  }

  /**
   * Adds the quantised weights of `n` features to `acc` (whole numbers; × scale gives the scores).
   * Whole numbers sum exactly in any order, so a caller may add some features' sums once and reuse them.
   */
  addWeights(feats: Uint32Array, n: number, acc: Int32Array, at = 0): void {
    if (n > MAX_SCORED) throw new Error(`at most ${MAX_SCORED} features are scored at once (got ${n})`);
    if (this.kind === 'inline') this.addInline(feats, n, acc, at);
    else if (this.kind === 'packed') this.addPacked(feats, n, acc, at);
    else throw new Error('only a quantised model sums whole-number weights');
  }

  /*
   * The tables are larger than the processor's caches, so a feature costs a memory access; probed
   * one after another, each waits for the last, as whether a slot holds the key decides what comes
   * next. Scoring therefore first reads the home slot of every feature in one loop with no branch
   * on what it finds, so the reads overlap, and only then resolves them from the cache.
   */
  private addInline(feats: Uint32Array, n: number, acc: Int32Array, at: number): void {
    const t = this.table as Int32Array;
    const mask = this.mask;
    const recent = (this.recent ??= new Int32Array(3 * RECENT_INLINE));
    const home = HOME;
    const seen = SEEN;
    const missed = MISSED;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    let m = 0;
    for (let f = 0; f < n; f++) {
      const key = feats[f] | 0;
      const r = 3 * recentSlot(key, RECENT_INLINE);
      if (recent[r] !== key) {
        missed[m++] = key;
        continue;
      }
      const x = recent[r + 1];
      const y = recent[r + 2];
      a0 += (x << 16) >> 16;
      a1 += x >> 16;
      a2 += (y << 16) >> 16;
      a3 += y >> 16;
    }
    for (let f = 0; f < m; f++) {
      const i = missed[f] & mask;
      home[f] = i;
      seen[f] = t[3 * i];
    }
    for (let f = 0; f < m; f++) {
      const key = missed[f];
      let i = home[f];
      let k = seen[f];
      while (k !== key && k !== 0) {
        i = (i + 1) & mask;
        k = t[3 * i];
      }
      const x = k === 0 ? 0 : t[3 * i + 1];
      const y = k === 0 ? 0 : t[3 * i + 2];
      const r = 3 * recentSlot(key, RECENT_INLINE);
      recent[r] = key;
      recent[r + 1] = x;
      recent[r + 2] = y;
      a0 += (x << 16) >> 16;
      a1 += x >> 16;
      a2 += (y << 16) >> 16;
      a3 += y >> 16;
    }
    const c = this.classes;
    acc[at] += a0;
    if (c > 1) acc[at + 1] += a1;
    if (c > 2) acc[at + 2] += a2;
    if (c > 3) acc[at + 3] += a3;
  }

  private addPacked(feats: Uint32Array, n: number, acc: Int32Array, at: number): void {
    const table = this.table as Uint32Array;
    const entries = this.entries!;
    const mask = this.mask;
    const recent = (this.recent ??= new Int32Array(2 * RECENT_PACKED));
    const home = HOME;
    const seen = SEEN;
    const missed = MISSED;
    // The rows found (a row is never 0: it has at least one entry), then (second round of
    // overlapping reads) the first entry of each.
    let found = 0;
    let m = 0;
    for (let f = 0; f < n; f++) {
      const key = feats[f] | 0;
      const r = 2 * recentSlot(key, RECENT_PACKED);
      if (recent[r] !== key) missed[m++] = key;
      else if (recent[r + 1] !== 0) home[found++] = recent[r + 1];
    }
    for (let f = 0; f < m; f++) seen[f] = table[2 * (missed[f] & mask)];
    for (let f = 0; f < m; f++) {
      const key = missed[f];
      let i = key & mask;
      let k = seen[f] | 0;
      while (k !== key && k !== 0) {
        i = (i + 1) & mask;
        k = table[2 * i] | 0;
      }
      const row = k === 0 ? 0 : table[2 * i + 1];
      const r = 2 * recentSlot(key, RECENT_PACKED);
      recent[r] = key;
      recent[r + 1] = row;
      if (row !== 0) home[found++] = row;
    }
    for (let r = 0; r < found; r++) seen[r] = entries[home[r] >>> 6];
    // The rows are summed into one fixed 64-class array (a packed table has fewer classes), four
    // entries a step: a third less time than adding each entry to the caller's array at its offset.
    const sums = PACKED_SUMS;
    for (let r = 0; r < found; r++) {
      const v = home[r];
      let j = v >>> 6;
      const end = j + (v & 63);
      for (; j + 3 < end; j += 4) {
        const e0 = entries[j], e1 = entries[j + 1], e2 = entries[j + 2], e3 = entries[j + 3];
        sums[e0 & 63] += e0 >> 8;
        sums[e1 & 63] += e1 >> 8;
        sums[e2 & 63] += e2 >> 8;
        sums[e3 & 63] += e3 >> 8;
      }
      for (; j < end; j++) {
        const e = entries[j];
        sums[e & 63] += e >> 8;
      }
    }
    for (let c = 0; c < this.classes; c++) {
      acc[at + c] += sums[c];
      sums[c] = 0;
    }
  }

  private scoreRows(feats: Uint32Array, n: number, out: Float32Array): void {
    const { rowStart, cls, weight, mask } = this;
    const table = this.table as Uint32Array;
    const rowOf = this.rowOf!;
    for (let f = 0; f < n; f++) {
      const key = feats[f];
      let i = key & mask;
      let r = -1;
      for (;;) {
        const k = table[i];
        if (k === key) {
          r = rowOf[i];
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
      if (r < 0) continue;
      for (let j = rowStart[r], end = rowStart[r + 1]; j < end; j++) out[cls[j]] += weight[j];
    }
    if (this.scale !== 1) for (let c = 0; c < out.length; c++) out[c] *= this.scale;
  }
}
