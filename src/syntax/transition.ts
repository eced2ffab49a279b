/**
 * The arc-eager transition system (Nivre 2003) with the root at the bottom of the stack, a
 * single-root constraint, and the dynamic oracle's move costs (Goldberg and Nivre 2012): how many
 * gold arcs a move makes unreachable, so training can go on from the parser's own mistakes.
 */

export const SHIFT = 0;
export const REDUCE = 1;
export const LEFT = 2;
export const RIGHT = 3;
export const MOVES = 4;

/** Parser state over words 1..n (0 is the root). */
export class State {
  readonly n: number;
  readonly stack: Int32Array;
  sp = 0;
  /** next word of the buffer; the buffer is empty when b > n */
  b = 1;
  readonly heads: Int32Array;
  readonly labels: Int32Array;
  /** the two leftmost and two rightmost dependents of each word (0 = none) */
  readonly l1: Int32Array;
  readonly l2: Int32Array;
  readonly r1: Int32Array;
  readonly r2: Int32Array;
  readonly nLeft: Int32Array;
  readonly nRight: Int32Array;
  /** the labels of each word's left and right dependents, as bit sets over label ids */
  readonly leftSet: Float64Array;
  readonly rightSet: Float64Array;
  rootChild = 0;

  constructor(n: number) {
    this.n = n;
    this.stack = new Int32Array(n + 2);
    this.stack[0] = 0;
    this.sp = 1;
    this.heads = new Int32Array(n + 1).fill(-1);
    this.labels = new Int32Array(n + 1).fill(-1);
    this.l1 = new Int32Array(n + 1);
    this.l2 = new Int32Array(n + 1);
    this.r1 = new Int32Array(n + 1);
    this.r2 = new Int32Array(n + 1);
    this.nLeft = new Int32Array(n + 1);
    this.nRight = new Int32Array(n + 1);
    this.leftSet = new Float64Array(n + 1);
    this.rightSet = new Float64Array(n + 1);
  }

  get done(): boolean {
    return this.b > this.n;
  }

  /** the i-th word from the top of the stack, or -1 */
  s(i: number): number {
    return this.sp - 1 - i >= 0 ? this.stack[this.sp - 1 - i] : -1;
  }

  valid(move: number): boolean {
    const s0 = this.stack[this.sp - 1];
    switch (move) {
      case SHIFT:
        return this.b <= this.n;
      case REDUCE:
        return s0 !== 0 && this.heads[s0] !== -1;
      case LEFT:
        return this.b <= this.n && s0 !== 0 && this.heads[s0] === -1;
      case RIGHT:
        return this.b <= this.n && (s0 !== 0 || this.rootChild === 0);
    }
    return false;
  }

  private arc(h: number, d: number, label: number): void {
    this.heads[d] = h;
    this.labels[d] = label;
    // label ids past 52 share a bit: the sets only feed features
    const bit = 2 ** Math.min(label, 52);
    if (h === 0) {
      this.rootChild = d;
      return;
    }
    if (d < h) {
      this.nLeft[h]++;
      if (this.l1[h] === 0 || d < this.l1[h]) {
        this.l2[h] = this.l1[h];
        this.l1[h] = d;
      } else if (this.l2[h] === 0 || d < this.l2[h]) this.l2[h] = d;
      if (Math.floor(this.leftSet[h] / bit) % 2 === 0) this.leftSet[h] += bit;
    } else {
      this.nRight[h]++;
      if (d > this.r1[h]) {
        this.r2[h] = this.r1[h];
        this.r1[h] = d;
      } else if (d > this.r2[h]) this.r2[h] = d;
      if (Math.floor(this.rightSet[h] / bit) % 2 === 0) this.rightSet[h] += bit;
    }
  }

  apply(move: number, label: number): void {
    const s0 = this.stack[this.sp - 1];
    switch (move) {
      case SHIFT:
        this.stack[this.sp++] = this.b++;
        break;
      case REDUCE:
        this.sp--;
        break;
      case LEFT:
        this.arc(this.b, s0, label);
        this.sp--;
        break;
      case RIGHT:
        this.arc(s0, this.b, label);
        this.stack[this.sp++] = this.b++;
        break;
    }
  }

  /**
   * Gold arcs lost by each move, given gold heads (`gold[d]` for d in 1..n). Words still on the
   * stack can only get a head from the buffer's front; words in the buffer can still get any.
   */
  costs(gold: Int32Array, out: Int32Array): void {
    const s0 = this.stack[this.sp - 1];
    const b = this.b;
    const n = this.n;
    const onStack = (k: number) => {
      for (let i = 0; i < this.sp; i++) if (this.stack[i] === k) return true;
      return false;
    };
    // dependents of s0 still in the buffer
    let s0DepsInBuffer = 0;
    if (s0 !== 0) for (let k = b; k <= n; k++) if (gold[k] === s0) s0DepsInBuffer++;
    out[SHIFT] = out[REDUCE] = out[LEFT] = out[RIGHT] = 0;
    if (b <= n) {
      // SHIFT: b loses a head on the stack and its headless dependents there.
      let c = onStack(gold[b]) ? 1 : 0;
      for (let i = 1; i < this.sp; i++) {
        const k = this.stack[i];
        if (this.heads[k] === -1 && gold[k] === b) c++;
      }
      out[SHIFT] = c;
      // RIGHT s0 -> b: b loses any other reachable head, and its headless dependents on the stack.
      const gb = gold[b];
      c = gb !== s0 && (gb > b || onStack(gb)) ? 1 : 0;
      for (let i = 1; i < this.sp; i++) {
        const k = this.stack[i];
        if (this.heads[k] === -1 && gold[k] === b) c++;
      }
      out[RIGHT] = c;
      // LEFT b -> s0: s0 loses a head further in the buffer and all its dependents there.
      if (s0 !== 0) {
        const gs = gold[s0];
        out[LEFT] = (gs !== b && gs > b ? 1 : 0) + s0DepsInBuffer;
      }
    }
    out[REDUCE] = s0DepsInBuffer;
  }
}
