/**
 * Feature hashing. Features are 32-bit hashes of a template id and integer atoms (word hashes,
 * tag ids, label ids, distances), so no feature strings are built while parsing and the model
 * stores no vocabulary.
 */

/** FNV-1a over the UTF-16 code units of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes one more atom into a running hash (murmur3-style round). */
export function mix(h: number, a: number): number {
  let k = Math.imul(a | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Final avalanche; never returns 0, which the runtime tables use for "empty". */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) || 1;
}

/**
 * Each template's opening round, mix(seed, template), worked out once: a feature's hash starts from
 * its template, and hashing costs a round less. Templates are numbered below TEMPLATES.
 */
const TEMPLATES = 256;
const SEEDED = Int32Array.from({ length: TEMPLATES }, (_, t) => mix(0x9e3779b1, t));
const seeded = (t: number) => (t >= 0 && t < TEMPLATES ? SEEDED[t] : mix(0x9e3779b1, t));

export function feat1(t: number, a: number): number {
  return finish(mix(seeded(t), a));
}
export function feat2(t: number, a: number, b: number): number {
  return finish(mix(mix(seeded(t), a), b));
}
export function feat3(t: number, a: number, b: number, c: number): number {
  return finish(mix(mix(mix(seeded(t), a), b), c));
}
export function feat4(t: number, a: number, b: number, c: number, d: number): number {
  return finish(mix(mix(mix(mix(seeded(t), a), b), c), d));
}

/**
 * Moves the features written into `from` (places 0 to `size` - 1; a hash is never 0) to `out`
 * from `k` on, in order, and clears their places. Returns the new count.
 */
export function compact(from: Uint32Array, size: number, out: Uint32Array, k: number): number {
  for (let i = 0; i < size; i++) {
    const h = from[i];
    if (h === 0) continue;
    out[k++] = h;
    from[i] = 0;
  }
  return k;
}

/** A small deterministic PRNG (mulberry32): training shuffles and explores with a fixed seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const x = items[i];
    items[i] = items[j];
    items[j] = x;
  }
  return items;
}
