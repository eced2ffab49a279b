// Bounds on what the costly stages are given. The stored text is never changed: the analysis reads a
// copy in which a garbage run (a "word" of thousands of characters) or an overlong sentence is
// blanked out with spaces of the same length, so every offset still indexes the stored text, and a
// warning says what was left out. Real sentences are far below these limits.
import type { Knowledge } from '../knowledge/index.js';
import type { Article, Message } from '../model/types.js';
import { analyze, toAnalysis } from '../pipeline/index.js';
import type { Analysis } from '../store/store.js';

/** Longer runs without white space are no words (the tokeniser's cost grows with their square). */
export const MAX_WORD_CHARS = 300;
/** Longer sentences are not analysed (clause structure and lists cost more than linear time). */
export const MAX_SENTENCE_CHARS = 3000;

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\f' || c === '\v';

/** Spans [start, end) of the text that the analysis should not read, with why. */
export function overlongSpans(text: string, blockEnds: number[] = []): { start: number; end: number; what: 'word' | 'sentence' }[] {
  const out: { start: number; end: number; what: 'word' | 'sentence' }[] = [];
  const ends = new Set(blockEnds);
  let word = -1;
  let sentence = 0;
  const endSentence = (i: number) => {
    if (i - sentence > MAX_SENTENCE_CHARS) out.push({ start: sentence, end: i, what: 'sentence' });
    sentence = i;
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i] : ' ';
    if (isSpace(c)) {
      if (word >= 0 && i - word > MAX_WORD_CHARS) out.push({ start: word, end: i, what: 'word' });
      word = -1;
    } else if (word < 0) word = i;
    // a sentence ends after . ! ? followed by a space, at a line break and at a block's end
    if (c === '\n' || ends.has(i) || (isSpace(c) && i > 0 && '.!?'.includes(text[i - 1])) || i === text.length) endSentence(i);
  }
  // a long word inside a long sentence is covered by the sentence
  return out.filter((s) => s.what === 'sentence' || !out.some((t) => t.what === 'sentence' && t.start <= s.start && s.end <= t.end));
}

/** The article as the analysis reads it, and the warnings about what it leaves out. */
export function boundedArticle(article: Article): { article: Article; messages: Message[] } {
  const spans = overlongSpans(article.text, article.blocks.map((b) => b.end));
  if (!spans.length) return { article, messages: [] };
  let text = '';
  let from = 0;
  for (const s of spans) {
    text += article.text.slice(from, s.start) + ' '.repeat(s.end - s.start);
    from = s.end;
  }
  text += article.text.slice(from);
  const messages: Message[] = spans.map((s) => ({
    level: 'warning', code: s.what === 'word' ? 'long-word' : 'long-sentence',
    message: s.what === 'word'
      ? `${s.end - s.start} characters without a space at offset ${s.start} (over ${MAX_WORD_CHARS}): not analysed`
      : `a sentence of ${s.end - s.start} characters at offset ${s.start} (over ${MAX_SENTENCE_CHARS}): not analysed`,
  }));
  return { article: { ...article, text }, messages };
}

/** The analysis of an article within the bounds above. */
export function analyzeBounded(article: Article, kb?: Knowledge): Analysis {
  const b = boundedArticle(article);
  const a = toAnalysis(analyze(b.article, { kb }));
  return b.messages.length ? { ...a, messages: [...b.messages, ...a.messages] } : a;
}
