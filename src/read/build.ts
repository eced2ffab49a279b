// Assemble an Article from a list of blocks: the stored text, exact block offsets, content hash,
// date normalisation and the messages every reader owes (`date-unknown`).
import { createHash } from 'node:crypto';
import type { Article, Block, BlockKind, InputFormat, Message } from '../model/types.js';
import { NON_CLAIM_BLOCKS } from '../model/types.js';
import { normaliseDate } from './date.js';
import { canonicalUrl, sourceFromUrl } from './url.js';
import { collapse, makeMessage } from './util.js';

export { normaliseDate, parseDateLine } from './date.js';

/** What a format reader gets besides the text. */
export interface ReaderContext {
  file: string;
  encoding: string | null;
  /** File-level messages (e.g. the encoding warning) every article of the file carries. */
  messages: Message[];
  published?: string;
  url?: string;
  source?: string;
}

export interface RawBlock {
  kind: BlockKind;
  text: string;
  /** Override the claim flag (default: false for NON_CLAIM_BLOCKS kinds, true otherwise). */
  claim?: boolean;
}

export interface BuildInput {
  format: InputFormat;
  /** Body blocks in reading order; a 'title' block among them is moved to the front. */
  blocks: RawBlock[];
  title?: string | null;
  /** Raw date string (any form normaliseDate understands) or an ISO date. */
  published?: string | null;
  url?: string | null;
  source?: string | null;
  byline?: string | null;
  language?: string | null;
  origin?: Article['origin'];
  /** Messages already collected for this article (encoding, ...). */
  messages?: Message[];
  /** Re-join paragraphs broken mid-sentence (default true). */
  rejoin?: boolean;
}

/** Characters that may close a paragraph; a paragraph ending otherwise may continue in the next one. */
const CLOSING = /[.!?:”"’'»)\]…]$/u;

/** Merge a paragraph that stops mid-sentence with the next one when that starts lower-case. */
export function rejoinBroken(blocks: RawBlock[]): RawBlock[] {
  // Parts are joined once at the end: repeated concatenation and testing would be quadratic.
  const out: { block: RawBlock; parts: string[] }[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.block.kind === 'paragraph' &&
      b.kind === 'paragraph' &&
      prev.block.claim !== false &&
      b.claim !== false &&
      !CLOSING.test(prev.parts[prev.parts.length - 1]) &&
      /^\p{Ll}/u.test(b.text)
    ) {
      prev.parts.push(b.text);
    } else out.push({ block: b, parts: [b.text] });
  }
  return out.map(({ block, parts }) => ({ ...block, text: parts.join(' ') }));
}

/** sha256 (hex) of the text with white space collapsed: the same content read twice hashes the same. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/** Join blocks into the stored text; each block's [start, end) indexes exactly its text. */
export function assemble(blocks: RawBlock[]): { text: string; blocks: Block[] } {
  let text = '';
  const out: Block[] = [];
  for (const b of blocks) {
    if (out.length) text += '\n\n';
    const start = text.length;
    text += b.text;
    out.push({ kind: b.kind, start, end: text.length, claim: b.claim ?? !NON_CLAIM_BLOCKS.has(b.kind) });
  }
  return { text, blocks: out };
}

/** Build the Article record. Never invents a date: no date → published=null and a `date-unknown` warning. */
export function buildArticle(input: BuildInput): Article {
  const origin = { ...(input.origin ?? {}) };
  const where = { file: origin.file, line: origin.line };
  // feed items are named by their 1-based position in the feed
  const item = origin.item !== undefined ? `item ${origin.item + 1}: ` : '';
  const messages: Message[] = [...(input.messages ?? [])];

  let blocks = input.blocks
    .map((b) => ({ ...b, text: collapse(b.text) }))
    .filter((b) => b.text.length > 0);
  let title = input.title ? collapse(input.title) : null;
  const titleIndex = blocks.findIndex((b) => b.kind === 'title');
  if (titleIndex >= 0) {
    const [t] = blocks.splice(titleIndex, 1);
    title = title ?? t.text;
    // further 'title' blocks are headings
    blocks = blocks.map((b) => (b.kind === 'title' ? { ...b, kind: 'heading' as const } : b));
  }
  if (title) {
    // A first heading that repeats the title (HTML pages often have both) is dropped.
    const first = blocks[0];
    if (first && first.kind === 'heading' && first.text.toLowerCase() === title.toLowerCase()) blocks.shift();
  }
  if (input.rejoin !== false) blocks = rejoinBroken(blocks);
  if (title) blocks.unshift({ kind: 'title', text: title });
  const { text, blocks: outBlocks } = assemble(blocks);

  let published: string | null = null;
  if (input.published) {
    published = normaliseDate(input.published);
    if (!published) {
      messages.push(makeMessage('warning', 'date-unparsed', `${item}publication date "${collapse(input.published).slice(0, 60)}" is not a recognisable date; ignored`, where));
    }
  }
  if (!published) {
    messages.push(makeMessage('warning', 'date-unknown', `${item}no publication date found; stored with published=null`, where));
  }

  const url = input.url ? canonicalUrl(input.url) : null;
  const source = input.source ? collapse(input.source) : url ? sourceFromUrl(url) : null;
  if (!outBlocks.some((b) => b.claim && b.kind !== 'title')) {
    messages.push(makeMessage('warning', 'no-body', `${item}no body text besides title, captions and metadata`, where));
  }
  return {
    url: url || null,
    title: title || null,
    published,
    source: source || null,
    byline: input.byline ? collapse(input.byline) : null,
    language: input.language ? input.language.toLowerCase().split(/[-_]/)[0] : 'en',
    text,
    blocks: outBlocks,
    format: input.format,
    origin,
    contentHash: contentHash(text),
    messages,
  };
}
