import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { Article, Doc, Sentence, Token } from '../model/types.js';
import { winkModel } from './wink-model.js';
import { IRREGULAR_PAST, prefixed } from '../syntax/past-forms.js';

// wink-nlp and its model are required on first use, not at import: loading the model costs more
// than anything else a one-article command does on its main thread, and `extract` has it done on
// another thread (segment-thread.ts).
const require = createRequire(import.meta.url);

// One wink-nlp instance for the process: loading the model costs ~100 ms.
let nlp: ReturnType<typeof winkNLP> | null = null;
/**
 * The annotations eventwire reads: sentence boundaries, and the part-of-speech tags lemmas are
 * chosen by. Entities, negation and sentiment (wink's default pipe runs them too) are never read,
 * and none of them changes a token, a tag or a boundary; leaving them out nearly halves the cost of
 * reading a text.
 */
const WINK_PIPE = ['sbd', 'pos'];
/** Lexeme ids below this are the model's own vocabulary; words met in text get ids above it. */
let vocabularySize = 0;
export function getNlp(): ReturnType<typeof winkNLP> {
  if (!nlp) {
    nlp = (require('wink-nlp') as typeof winkNLP)(winkModel() as any, WINK_PIPE);
    // Before any text is read, the first unseen word gets the first id past the vocabulary.
    vocabularySize = nlp.readDoc('qzxjqvkwz').tokens().out(nlp.its.uniqueId)[0] as unknown as number;
  }
  return nlp;
}

const vocabularyCache = new Map<string, boolean>();
/**
 * Whether a word, written in lower case, is in the English vocabulary of the language model.
 * Capitalised words that are not ("Okonkwo", "Lindqvist") are names and nothing else, which
 * tells an unknown person's name from a title made of ordinary words ("Silent Harbour").
 */
export function inVocabulary(word: string): boolean {
  const w = word.toLowerCase();
  let v = vocabularyCache.get(w);
  if (v === undefined) {
    const n = getNlp();
    const ids = n.readDoc(w).tokens().out(n.its.uniqueId) as unknown as number[];
    // (A word the tokeniser cuts in pieces, at an accented letter, is no entry of the vocabulary.)
    v = ids.length === 1 ? ids[0] < vocabularySize : !/^\p{L}+$/u.test(w);
    if (vocabularyCache.size > 50_000) vocabularyCache.clear();
    vocabularyCache.set(w, v);
  }
  return v;
}

const prefixedLemmas = new Map<string, string>();

/**
 * "retook", "undertook", "rebuilt": a prefixed irregular past form the tokenizer's lexicon lacks,
 * which it leaves as its own lemma, has the prefix and the lemma of the irregular verb ("retake").
 */
function prefixedPast(word: string, lemma: string): string {
  const low = word.toLowerCase();
  if (lemma !== low) return lemma;
  const p = prefixed(low);
  if (!p || IRREGULAR_PAST.has(low) || !IRREGULAR_PAST.has(p[1])) return lemma;
  const [prefix, stem] = p;
  let base = prefixedLemmas.get(stem);
  if (base === undefined) {
    const n = getNlp();
    base = String(n.readDoc(stem).tokens().out(n.its.lemma as any)[0] ?? stem).toLowerCase();
    prefixedLemmas.set(stem, base);
  }
  return base === stem ? lemma : prefix + base;
}

/**
 * "Thousands protest in Buenos Aires against budget cuts": a text that is one short line with no
 * closing punctuation and no title (a feed item's headline, a pasted title) is written in the
 * headline style, as a title is.
 */
function loneHeadline(doc: Doc, blocks: Article['blocks'], block: number, first: number): boolean {
  if (blocks.length !== 1 || block !== 0 || blocks[0].kind !== 'paragraph' || first !== 0) return false;
  const last = doc.tokens[doc.tokens.length - 1];
  const words = doc.tokens.length;
  return words >= 3 && words <= 16 && !/[.!?:;,"”’)]/.test(last.text) && last.end >= blocks[0].end - 1 && /^\p{Lu}/u.test(doc.tokens[0].text);
}

const LETTERS = /^\p{L}+$/u;
const ASCII = /^[A-Za-z]*$/;

/**
 * Sentences and tokens with POS and lemmas. The whole text is read once (per-call overhead in
 * wink-nlp is high, and its bulk `out` calls are far cheaper than per-token ones); sentences are
 * then cut at block boundaries, so a sentence never spans a caption and a paragraph, and every
 * sentence knows whether it may carry a claim.
 */
export function segment(doc: Doc): void {
  // (the key holds the whole text: built only when another thread has left a segmentation)
  const done = segmented.size ? segmented.get(segmentKey(doc)) : undefined;
  if (done) {
    segmented.delete(segmentKey(doc));
    // (one by one: a long article has more tokens than a call takes arguments)
    for (const t of done.tokens) doc.tokens.push(t);
    for (const s of done.sentences) doc.sentences.push(s);
    for (const [w, v] of done.vocabulary) vocabularyCache.set(w, v);
    return;
  }
  const n = getNlp();
  const its = n.its;
  const text = doc.text;
  if (!text.trim()) return;
  const wd = n.readDoc(text);
  const tokens = wd.tokens();
  const values = tokens.out() as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const pos = tokens.out(its.pos) as string[];
  const lemmas = tokens.out(its.lemma as any) as string[];
  const types = tokens.out(its.type) as string[];
  // wink-nlp keeps every character: a token's offset is the running sum of preceding spaces and values.
  const starts: number[] = new Array(values.length);
  let at = 0;
  for (let k = 0; k < values.length; k++) {
    at += spaces[k].length;
    starts[k] = at;
    at += values[k].length;
  }
  const spans = wd.sentences().out(its.span) as unknown as [number, number][];
  const blocks = doc.article.blocks.length
    ? doc.article.blocks
    : [{ kind: 'paragraph' as const, start: 0, end: text.length, claim: true }];
  let b = 0;
  const blockOf = (offset: number) => {
    while (b < blocks.length - 1 && offset >= blocks[b].end) b++;
    // blocks are sorted; offsets only grow
    return b;
  };
  let current: { block: number; first: number } | null = null;
  const close = () => {
    if (!current || doc.tokens.length === current.first) {
      current = null;
      return;
    }
    const index = doc.sentences.length;
    const first = current.first;
    for (let k = first; k < doc.tokens.length; k++) doc.tokens[k].sentence = index;
    const block = blocks[current.block];
    const s: Sentence = {
      index,
      start: doc.tokens[first].start,
      end: doc.tokens[doc.tokens.length - 1].end,
      tokenStart: first,
      tokenEnd: doc.tokens.length,
      block: current.block,
      claim: block.claim,
      headline: block.kind === 'title' || loneHeadline(doc, blocks, current.block, first),
    };
    doc.sentences.push(s);
    current = null;
  };
  for (const [a, z] of spans) {
    for (let k = a; k <= z; k++) {
      const value = values[k];
      if (types[k] === 'tabCRLF' || !value.trim()) continue;
      const start = starts[k];
      const blk = blockOf(start);
      // Text between blocks (blank lines) belongs to none; a token outside every block is skipped.
      if (start < blocks[blk].start || start >= blocks[blk].end) continue;
      if (current && current.block !== blk) close();
      if (!current) current = { block: blk, first: doc.tokens.length };
      // The tokeniser cuts words at some accented letters ("Erdoğan", "Miličević" come out in
      // three pieces); pieces of one word, with no space between them, are glued back.
      const prev = doc.tokens.length > current.first ? doc.tokens[doc.tokens.length - 1] : null;
      if (prev && prev.end === start && LETTERS.test(value) && LETTERS.test(prev.text) && !(ASCII.test(value) && ASCII.test(prev.text))) {
        prev.text += value;
        prev.end = start + value.length;
        prev.lemma = prev.text.toLowerCase();
        if (prev.pos === 'X' || /^\p{Lu}/u.test(prev.text)) prev.pos = /^\p{Lu}/u.test(prev.text) ? 'PROPN' : pos[k] === 'X' ? 'NOUN' : pos[k];
        continue;
      }
      const tok: Token = { start, end: start + value.length, text: value, lemma: prefixedPast(value, String(lemmas[k]).toLowerCase()), pos: pos[k], sentence: -1 };
      doc.tokens.push(tok);
    }
    close();
  }
  close();
}

// ------------------------------------------------------------------ segmented elsewhere

/** A document's segmentation made on another thread, with the vocabulary answers for its words. */
export interface Segmentation {
  key: string;
  tokens: Token[];
  sentences: Sentence[];
  /** `inVocabulary` of each distinct word of the tokens, lower case */
  vocabulary: [string, boolean][];
}

const segmentKey = (doc: Doc): string => `${JSON.stringify(doc.article.blocks)}\u0000${doc.text}`;
const segmented = new Map<string, Segmentation>();

/** Segments a document as `segment` does, for another thread to take over with `useSegmentation`. */
export function segmentation(doc: Doc): Segmentation {
  segment(doc);
  const words = new Set(doc.tokens.map((t) => t.text.toLowerCase()));
  return { key: segmentKey(doc), tokens: doc.tokens, sentences: doc.sentences, vocabulary: [...words].map((w) => [w, inVocabulary(w)]) };
}

/**
 * The next `segment` of a document with the same text and blocks takes this segmentation instead
 * of reading the text with wink-nlp (once), and `inVocabulary` answers its words without the model.
 */
export function useSegmentation(s: Segmentation): void {
  segmented.set(s.key, s);
}
