// JSON Lines: one article per line with `url`, `title`, `published`, `text` or `html`, `source`.
// A broken line is reported with its line number and the other lines are still read.
import type { Article, Message } from '../model/types.js';
import { buildArticle, type RawBlock, type ReaderContext } from './build.js';
import { classifyBlocks, type Candidate } from './classify.js';
import { htmlFragmentBlocks, looksLikeHtml, readHtml } from './html.js';
import { textCandidates, textParagraphs } from './text.js';
import { inputProblem } from './nesting.js';
import { makeMessage } from './util.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);

/**
 * Read JSON Lines. Errors: `bad-json` (a line that is not a JSON object, with its line number),
 * `missing-field` (no `text` or `html`; field `text`). Blank lines are skipped.
 */
export function readJsonl(text: string, ctx: ReaderContext): { articles: Article[]; messages: Message[] } {
  const articles: Article[] = [];
  const messages: Message[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = { file: ctx.file, line: i + 1 };
    // one record that the readers cannot handle is reported with its line; the others are read
    try {
      readRecord(line, i + 1, ctx, articles, messages);
    } catch (err) {
      messages.push(makeMessage('error', 'bad-record', `could not read this record: ${inputProblem(err)}; line skipped`, where));
    }
  });
  return { articles, messages };
}

/** One JSON Lines record: an article, or a message naming its line. */
function readRecord(line: string, lineNo: number, ctx: ReaderContext, articles: Article[], messages: Message[]): void {
  const where = { file: ctx.file, line: lineNo };
  if (!line.trim()) return;
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (err) {
    const why = (err as Error).message.replace(/\s+/g, ' ');
    messages.push(makeMessage('error', 'bad-json', `not valid JSON (${why}); line skipped`, where));
    return;
  }
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
    messages.push(makeMessage('error', 'bad-json', `expected a JSON object, got ${Array.isArray(rec) ? 'an array' : rec === null ? 'null' : typeof rec}; line skipped`, where));
    return;
  }
  const r = rec as Record<string, unknown>;
  const body = str(r.text) ?? str(r.content) ?? str(r.body);
  const html = str(r.html) ?? str(r.content_html);
  if (!body && !html) {
    messages.push(makeMessage('error', 'missing-field', 'record has no "text" (or "html") field with article text; line skipped', { ...where, field: 'text' }));
    return;
  }
  const title = str(r.title) ?? str(r.headline);
  const published = str(r.published) ?? str(r.date) ?? str(r.pubDate) ?? str(r.published_at) ?? str(r.publishedAt);
  const url = str(r.url) ?? str(r.link);
  const source = str(r.source) ?? str(r.site) ?? str(r.publisher);
  const byline = str(r.byline) ?? str(r.author);
  const language = str(r.language) ?? str(r.lang);
  const origin = { file: ctx.file, line: lineNo, ...(ctx.encoding ? { encoding: ctx.encoding } : {}) };

  if (!body && html && /<(?:html|body|head)[\s>]/i.test(html)) {
    // A whole page: the HTML reader (readability, meta tags); the record's own fields win.
    const res = readHtml(html, { ...ctx, file: ctx.file, published: published ?? ctx.published, url: url ?? ctx.url, source: source ?? ctx.source });
    for (const m of res.messages) messages.push(makeMessage(m.level, m.code, m.message.replace(`${ctx.file}: `, ''), where));
    for (const a of res.articles) {
      const blocks = a.blocks.map((b) => ({ kind: b.kind, text: a.text.slice(b.start, b.end) }));
      articles.push(buildArticle({
        format: 'jsonl', blocks, title: title ?? a.title, published: a.published, url: a.url, source: a.source,
        byline: byline ?? a.byline, language: language ?? a.language, origin, messages: [...ctx.messages], rejoin: false,
      }));
    }
    return;
  }
  let cands: Candidate[];
  if (body) cands = textCandidates(textParagraphs(body), false);
  else cands = looksLikeHtml(html!) ? htmlFragmentBlocks(html!) : textCandidates(textParagraphs(html!), false);
  const cls = classifyBlocks(cands);
  const blocks: RawBlock[] = cls.blocks.map((c) => ({ kind: c.kind, text: c.text }));
  articles.push(
    buildArticle({
      format: 'jsonl',
      blocks,
      title,
      // for a file of many records, the options fill in only what a record does not give
      published: published ?? ctx.published ?? cls.published,
      url: url ?? ctx.url ?? cls.url,
      source: source ?? ctx.source ?? null,
      byline: byline ?? cls.byline,
      language,
      origin,
      messages: [...ctx.messages],
    }),
  );
}
