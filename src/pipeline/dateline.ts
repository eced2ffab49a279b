/**
 * Wire datelines ("KYIV, Ukraine (AP) —", "KHARTOUM, March 4 (Reuters) - "), read two ways: the
 * actors and attribution stages skip everything up to a spaced dash after a word in capitals
 * (datelineEnd, spacedDash); the parse stage, which reshapes the tree, reads one apart only where
 * the dateline is a known place before a capitalised word (datelineDash).
 */
import type { Doc } from '../model/types.js';
import { gazetteer } from '../knowledge/gazetteer.js';

/** Whether token k is a dash set apart by a space before it: "Reuters) - Sudan". */
export function spacedDash(doc: Doc, k: number): boolean {
  return /^[-–—]$/.test(doc.tokens[k].text) && k > 0 && doc.tokens[k].start > doc.tokens[k - 1].end;
}

/**
 * The first token after a wire dateline that opens a sentence ("OHRID, North Macedonia — ",
 * "KHARTOUM, March 4 (Reuters) - "): a place in capitals, what may follow it up to a dash set apart
 * by spaces, within the first ten tokens. The sentence's first token when there is none.
 */
export function datelineEnd(doc: Doc, from: number, to: number): number {
  const first = doc.tokens[from];
  if (!first || !/^\p{Lu}{3,}$/u.test(first.text.replace(/[-'’.]/g, ''))) return from;
  for (let k = from + 1; k < Math.min(to, from + 10); k++) {
    const t = doc.tokens[k];
    if (spacedDash(doc, k)) return k + 1;
    if (t.text === '.' || t.text === '"' || t.text === '“') return from;
  }
  return from;
}

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
