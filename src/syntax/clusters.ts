/**
 * Word clusters (see build-clusters.ts): each known lower-cased word has a fine and a coarse
 * cluster. Looked up by the word's hash, which the tagger computes anyway, so the model carries
 * no strings and the lookup builds none.
 */
import { hashString } from './hash.js';

/** The lookup table alone (shared memory), to hand to analysis threads. */
export interface ClustersRuntime {
  slots: Uint32Array;
  vals: Uint32Array;
}

export class WordClusters {
  /** open-addressing table: word hash (0 = empty) and (fine + 1) | (coarse + 1) << 16 */
  private readonly slots: Uint32Array;
  private readonly vals: Uint32Array;
  private readonly mask: number;

  constructor(readonly keys: Uint32Array, readonly fine: Uint16Array, readonly coarse: Uint8Array, table?: ClustersRuntime) {
    if (table) {
      this.slots = table.slots;
      this.vals = table.vals;
      this.mask = table.slots.length - 1;
      return;
    }
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    this.slots = new Uint32Array(new SharedArrayBuffer(cap * 4));
    this.vals = new Uint32Array(new SharedArrayBuffer(cap * 4));
    this.mask = cap - 1;
    for (let r = 0; r < keys.length; r++) {
      let i = keys[r] & this.mask;
      while (this.slots[i] !== 0 && this.slots[i] !== keys[r]) i = (i + 1) & this.mask;
      if (this.slots[i] === keys[r]) continue;
      this.slots[i] = keys[r];
      this.vals[i] = (fine[r] + 1) | ((coarse[r] + 1) << 16);
    }
  }

  runtime(): ClustersRuntime {
    return { slots: this.slots, vals: this.vals };
  }

  /** Clusters that look words up in a table built elsewhere; they cannot be written to a model file. */
  static fromRuntime(r: ClustersRuntime): WordClusters {
    return new WordClusters(new Uint32Array(0), new Uint16Array(0), new Uint8Array(0), r);
  }

  /** `word<TAB>fine<TAB>coarse` lines; a line that does not fit is an error naming it */
  static fromText(text: string, file = '<clusters>'): WordClusters {
    const keys: number[] = [];
    const fine: number[] = [];
    const coarse: number[] = [];
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!line) return;
      const [w, f, c] = line.split('\t');
      const fi = Number(f);
      const ci = Number(c);
      if (!w || !Number.isInteger(fi) || !Number.isInteger(ci) || fi < 0 || fi > 65534 || ci < 0 || ci > 254) {
        throw new Error(`${file}:${i + 1}: expected word<TAB>fine cluster<TAB>coarse cluster`);
      }
      const k = hashString(w) || 1;
      keys.push(k);
      fine.push(fi);
      coarse.push(ci);
    });
    return new WordClusters(Uint32Array.from(keys), Uint16Array.from(fine), Uint8Array.from(coarse));
  }

  /** (fine + 1) | (coarse + 1) << 16 for a lower-cased word's hash; 0 for a word not known */
  get(hash: number): number {
    let i = hash & this.mask;
    for (;;) {
      const k = this.slots[i];
      if (k === hash) return this.vals[i];
      if (k === 0) return 0;
      i = (i + 1) & this.mask;
    }
  }
}

export const fineOf = (v: number) => v & 0xffff;
export const coarseOf = (v: number) => v >>> 16;
