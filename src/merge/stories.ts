// Near-duplicate articles (wire copies, syndicated stories, lightly edited re-posts) are one story.
// MinHash over word shingles of the article's own reporting estimates the Jaccard similarity of two
// articles; locality-sensitive hashing in bands finds the few stored articles worth comparing, so the
// cost of grouping a new article does not grow with the size of the store.
import type { Article } from '../model/types.js';

/** Words per shingle: long enough that two different reports of one event rarely share many. */
const SHINGLE = 5;
export const HASHES = 64;
/**
 * Candidates come from 8 bands of 4 rows (the first 32 hashes): a pair at similarity 0.7 is found
 * with probability 0.89, at 0.8 with 0.985; all 64 hashes then estimate the similarity. Each band is
 * a row to write per article, so fewer bands is cheaper ingest.
 */
export const BANDS = 8;
const ROWS = 4;
/** Estimated Jaccard similarity from which two articles are one story. */
export const SAME_STORY = 0.5;

/** 32-bit FNV-1a of a string. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: a cheap, well-mixed permutation of 32-bit values. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2f)));

/**
 * The text that makes an article's story: its claim blocks, without the headline (sites retitle wire
 * copies) and without captions, credits, related links and bylines (each site adds its own).
 */
export function storyText(article: Pick<Article, 'text' | 'blocks'>): string {
  const parts: string[] = [];
  for (const b of article.blocks) {
    if (!b.claim || b.kind === 'title' || b.kind === 'heading') continue;
    parts.push(article.text.slice(b.start, b.end));
  }
  return parts.join('\n');
}

/** The MinHash signature of a text, or null when it has no words. */
export function signature(text: string): number[] | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  const sig = new Array<number>(HASHES).fill(0xffffffff);
  const n = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    const h = fnv(words.slice(i, i + SHINGLE).join(' '));
    for (let k = 0; k < HASHES; k++) {
      const v = mix(h ^ SEEDS[k]);
      if (v < sig[k]) sig[k] = v;
    }
  }
  return sig;
}

/** The estimated Jaccard similarity of two signatures. */
export function similarity(a: number[], b: number[]): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/**
 * One key per band: the band's number in the high bits, a hash of its rows in the low 32, so keys of
 * different bands never collide and every key is a safe integer.
 */
export function bandKeys(sig: number[]): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]);
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

/** Signatures are stored as hex text: 8 digits per hash. */
export function encodeSignature(sig: number[]): string {
  return sig.map((v) => v.toString(16).padStart(8, '0')).join('');
}

export function decodeSignature(s: string): number[] | null {
  if (s.length !== HASHES * 8) return null;
  const out: number[] = [];
  for (let k = 0; k < HASHES; k++) out.push(parseInt(s.slice(k * 8, k * 8 + 8), 16));
  return out;
}
