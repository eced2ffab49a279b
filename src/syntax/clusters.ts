/**
 * Word clusters (see build-clusters.ts): each known lower-cased word has a fine and a coarse
 * cluster. Looked up by the word's hash, which the tagger computes anyway, so the model carries
 * no strings and the lookup builds none.
 */
import { hashString } from './hash.js';

export class WordClusters {
  /** open-addressing table: word hash (0 = empty) and (fine + 1) | (coarse + 1) << 16 */
  private readonly slots: Uint32Array;
  private readonly vals: Uint32Array;
  private readonly mask: number;

  constructor(readonly keys: Uint32Array, readonly fine: Uint16Array, readonly coarse: Uint8Array) {
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    this.slots = new Uint32Array(cap);
    this.vals = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let r = 0; r < keys.length; r++) {
      let i = keys[r] & this.mask;
      while (this.slots[i] !== 0 && this.slots[i] !== keys[r]) i = (i + 1) & this.mask;
      if (this.slots[i] === keys[r]) continue;
      this.slots[i] = keys[r];
      this.vals[i] = (fine[r] + 1) | ((coarse[r] + 1) << 16);
    }
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
