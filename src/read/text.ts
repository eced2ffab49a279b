// Plain text: paragraphs split on blank lines (or on line breaks when the text has no blank lines).
// The publication date and URL come from the options, or from a date line / URL line in the text.
import type { Article, Message } from '../model/types.js';
import { buildArticle, type RawBlock, type ReaderContext } from './build.js';
import { bylineName, classifyBlocks, type Candidate } from './classify.js';
import { parseDateLine } from './date.js';
import { joinLines } from './util.js';

/** Split plain text into paragraph strings. */
export function textParagraphs(text: string): string[] {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (!t) return [];
  const parts = /\n[ \t\u00A0]*\n/.test(t) ? t.split(/\n[ \t\u00A0]*(?:\n[ \t\u00A0]*)+/) : t.split('\n');
  return parts.map((p) => joinLines(p).trim()).filter(Boolean);
}

/** Candidates for plain-text paragraphs, with a title guess: a short first line with no closing punctuation. */
export function textCandidates(paragraphs: string[], guessTitle: boolean): Candidate[] {
  const cands: Candidate[] = paragraphs.map((p) => ({ kind: 'paragraph' as const, text: p }));
  if (guessTitle && cands.length > 1) {
    const first = cands[0].text;
    if (first.length <= 160 && !/[.!?:,;]$/.test(first) && /^[\p{Lu}\p{N}"“‘']/u.test(first) && !/^https?:/i.test(first) && !parseDateLine(first) && !bylineName(first)) {
      cands[0] = { kind: 'title', text: first, fixed: true };
    }
  }
  return cands;
}

/** Read one plain-text article. */
export function readText(text: string, ctx: ReaderContext): { articles: Article[]; messages: Message[] } {
  const cls = classifyBlocks(textCandidates(textParagraphs(text), true));
  const blocks: RawBlock[] = cls.blocks.map((c) => ({ kind: c.kind, text: c.text }));
  const article = buildArticle({
    format: 'text',
    blocks,
    published: ctx.published ?? cls.published,
    url: ctx.url ?? cls.url,
    source: ctx.source ?? null,
    byline: cls.byline,
    origin: { file: ctx.file, ...(ctx.encoding ? { encoding: ctx.encoding } : {}) },
    messages: [...ctx.messages],
  });
  return { articles: [article], messages: [] };
}
