// The readers: bytes in one of eventwire's input formats → Article records plus messages.
// readFile/readBuffer never throw for bad input; every problem becomes a message naming the file.
import { inputProblem } from './nesting.js';
import { readFile as fsReadFile, stat } from 'node:fs/promises';
import type { Article, InputFormat, Message } from '../model/types.js';
import type { ReaderContext } from './build.js';
import { decode, DEFAULT_MAX_BYTES } from './decode.js';
import { detectFormat } from './detect.js';
import { readFeed } from './feed.js';
import { readHtml } from './html.js';
import { readJsonl } from './jsonl.js';
import { readMarkdown } from './markdown.js';
import { readText } from './text.js';
import { makeMessage } from './util.js';

export { canonicalUrl, sourceFromUrl } from './url.js';
export { detectFormat } from './detect.js';
export { normaliseDate, parseDateLine } from './date.js';
export { contentHash } from './build.js';
export { DEFAULT_MAX_BYTES } from './decode.js';

export interface ReadOptions {
  /** Refuse inputs larger than this many bytes (default 20 MB). */
  maxBytes?: number;
  /**
   * Publication date, URL and source name supplied by the caller. For single-article formats
   * (markdown, html, text) they override what the file says; for feeds and JSON Lines they fill in
   * only what an item or record does not give.
   */
  published?: string;
  url?: string;
  source?: string;
  /** Force the input format instead of detecting it. */
  format?: InputFormat;
}

export interface ReadResult {
  file: string;
  /** The format read, or null when the input could not be read at all (binary, empty, too large ...). */
  format: InputFormat | null;
  articles: Article[];
  /** File-level messages followed by every article's own messages (each message once). */
  messages: Message[];
}

/** Read a file. Never throws for bad input: unreadable files, bad bytes and bad records become messages. */
export async function readFile(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return failed(path, 'not-a-file', 'is a directory, not a file; not read');
    if (st.size > maxBytes) return failed(path, 'too-large', `file is ${st.size} bytes, over the limit of ${maxBytes} bytes; not read`);
    const buf = await fsReadFile(path);
    return readBuffer(buf, path, opts);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.message;
    return failed(path, e.code === 'ENOENT' ? 'not-found' : 'read-failed', `cannot read file: ${why}`);
  }
}

function failed(file: string, code: string, text: string): ReadResult {
  return { file, format: null, articles: [], messages: [makeMessage('error', code, text, { file })] };
}

/** Read bytes already in memory; `name` is the file name used for format detection and messages. */
export function readBuffer(buf: Buffer, name: string, opts: ReadOptions = {}): ReadResult {
  const decoded = decode(buf, name, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (decoded.text === null) return { file: name, format: null, articles: [], messages: decoded.messages };
  const text = decoded.text;
  const format = opts.format ?? detectFormat(text, name) ?? 'text';
  const ctx: ReaderContext = {
    file: name,
    encoding: decoded.encoding,
    messages: decoded.messages,
    published: opts.published,
    url: opts.url,
    source: opts.source,
  };
  let articles: Article[] = [];
  let messages: Message[] = [];
  let readAs: InputFormat | null = format;
  try {
    switch (format) {
      case 'markdown':
        ({ articles, messages } = readMarkdown(text, ctx));
        break;
      case 'html':
        ({ articles, messages } = readHtml(text, ctx));
        break;
      case 'rss':
      case 'atom': {
        const r = readFeed(text, ctx);
        ({ articles, messages } = r);
        readAs = r.format ?? format;
        break;
      }
      case 'jsonl':
        ({ articles, messages } = readJsonl(text, ctx));
        break;
      case 'text':
        ({ articles, messages } = readText(text, ctx));
        break;
    }
  } catch (err) {
    // A parser that gives up must not take the caller down with it, and what it says is about the input.
    messages = [makeMessage('error', 'read-failed', `could not read as ${format}: ${inputProblem(err)}`, { file: name })];
    articles = [];
  }
  const all: Message[] = [...decoded.messages, ...messages];
  for (const a of articles) for (const m of a.messages) if (!all.includes(m)) all.push(m);
  return { file: name, format: readAs, articles, messages: all };
}
