import type { Doc } from '../model/types.js';
import { gazetteer } from '../knowledge/gazetteer.js';

const DASHES = new Set(['—', '–', '--', '-']);

/**
 * The dash that ends a dateline opening a paragraph ("KYIV, Ukraine (AP) —", "WASHINGTON (Reuters) -",
 * "BUJUMBURA —"): within its first ten tokens, after a place written in capitals and only names,
 * commas, brackets and abbreviations, before a capitalised word; -1 when there is none
 * ("NATO — the alliance's …" is an apposition).
 */
export function datelineDash(doc: Doc, from: number, to: number): number {
  const first = doc.tokens[from]?.text ?? '';
  if (!/^\p{Lu}[\p{Lu}.'’-]+$/u.test(first) || first.length < 3) return -1;
  let place = '';
  for (let k = from + 1; k < Math.min(to - 1, from + 10); k++) {
    const w = doc.tokens[k].text;
    if (DASHES.has(w)) {
      place ||= doc.text.slice(doc.tokens[from].start, doc.tokens[k - 1].end);
      const named = gazetteer().lookup(place.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (x) => x.toUpperCase())).length > 0;
      return named && /^[\p{Lu}"“‘']/u.test(doc.tokens[k + 1].text) ? k : -1;
    }
    if (!place && (w === ',' || w === '(')) place = doc.text.slice(doc.tokens[from].start, doc.tokens[k - 1].end);
    if (!/^(\p{Lu}[\p{L}.'’-]*|,|\(|\)|\.)$/u.test(w)) return -1;
  }
  return -1;
}
