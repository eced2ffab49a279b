// RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: one article per item or entry. HTML content goes
// through the HTML reader's block extraction; plain-text content is split into paragraphs.
import { createRequire } from 'node:module';
import type { XMLParser as XMLParserClass, XMLValidator as XMLValidatorApi } from 'fast-xml-parser';
import type { Article, InputFormat, Message } from '../model/types.js';
import { buildArticle, type RawBlock, type ReaderContext } from './build.js';
import { classifyBlocks, type Candidate } from './classify.js';
import { htmlFragmentBlocks, looksLikeHtml } from './html.js';
import { textCandidates, textParagraphs } from './text.js';
import { isHttpUrl, sourceFromUrl } from './url.js';
import { inputProblem } from './nesting.js';
import { collapse, decodeEntities, makeMessage } from './util.js';

// fast-xml-parser takes about 50 ms to load: only feed input loads it (its CommonJS build).
const require = createRequire(import.meta.url);
let xml: { parser: XMLParserClass; validator: typeof XMLValidatorApi } | null = null;
function loadXml(): { parser: XMLParserClass; validator: typeof XMLValidatorApi } {
  const fxp = require('fast-xml-parser') as { XMLParser: typeof XMLParserClass; XMLValidator: typeof XMLValidatorApi };
  return { parser: new fxp.XMLParser(PARSER_OPTIONS), validator: fxp.XMLValidator };
}

const PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name: string) => name === 'item' || name === 'entry' || name === 'link',
  // Atom content keeps its raw markup: type="xhtml" content is XML we want as HTML, not as objects.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
};

type Node = unknown;

/** All text inside a parsed node (attributes excluded). */
function flat(v: Node): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(flat).join(' ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, x]) => flat(x))
      .join(' ');
  }
  return '';
}

const attr = (v: Node, name: string): string | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? ((v as Record<string, unknown>)[`@_${name}`] as string | undefined) : undefined;

/** Plain one-line text of a title-like node: entities decoded, tags removed. */
function plainLine(v: Node): string {
  return collapse(decodeEntities(flat(v).replace(/<[^<>]*>/g, ' ')));
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** Candidate blocks of item content that may be HTML or plain text. */
function contentCandidates(content: string): Candidate[] {
  if (!content.trim()) return [];
  if (looksLikeHtml(content)) return htmlFragmentBlocks(content);
  return textCandidates(textParagraphs(decodeEntities(content)), false);
}

/** Raw Atom content (a stop node): unwrap CDATA, decode escaped markup for type html/text. */
function atomContent(v: Node): string {
  if (v === undefined || v === null) return '';
  const type = (attr(v, 'type') ?? 'text').toLowerCase();
  let raw = typeof v === 'object' ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v);
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1];
  if (type === 'xhtml' || type.includes('xhtml')) return raw;
  raw = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  const decoded = decodeEntities(raw);
  // type="text" content is shown as is: escape nothing, but keep its line structure as paragraphs
  return type === 'html' || type.includes('html') ? decoded : decoded.replace(/</g, '&lt;');
}

interface Item {
  title: string;
  link: string | null;
  published: string | null;
  content: string;
  author: string | null;
  source: string | null;
}

function rssItems(channel: Record<string, unknown>, items: Record<string, unknown>[]): Item[] {
  return items.map((it) => {
    const links = asArray(it.link as Node[]).map((l) => flat(l).trim()).filter(isHttpUrl);
    const guid = it.guid;
    const guidUrl = guid && attr(guid, 'isPermaLink') !== 'false' && isHttpUrl(flat(guid).trim()) ? flat(guid).trim() : null;
    const date = flat(it.pubDate ?? it['dc:date'] ?? it.published ?? it.updated ?? '').trim() || null;
    const content = flat(it['content:encoded'] ?? it.description ?? '');
    const author = plainLine(it['dc:creator'] ?? it.author ?? '') || null;
    const src = plainLine(it.source ?? '') || null;
    return { title: plainLine(it.title ?? ''), link: links[0] ?? guidUrl, published: date, content, author, source: src };
  });
}

function atomItems(entries: Record<string, unknown>[]): Item[] {
  return entries.map((e) => {
    const links = asArray(e.link as Node[]);
    const alt = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate') ?? links[0];
    const href = alt ? (attr(alt, 'href') ?? flat(alt)).trim() : '';
    const date = flat(e.published ?? e.issued ?? e.updated ?? e.modified ?? '').trim() || null;
    const content = atomContent(e.content) || atomContent(e.summary);
    const author = asArray(e.author as Node[]).map((a) => plainLine((a as Record<string, unknown>)?.name ?? a)).filter(Boolean).join(', ') || null;
    return { title: plainLine(e.title ?? ''), link: isHttpUrl(href) ? href : null, published: date, content, author, source: null };
  });
}

/**
 * Read an RSS or Atom feed. Errors: `bad-xml` (malformed XML, with line), `not-a-feed`.
 * Warning: `no-items` for a well-formed feed without items.
 */
export function readFeed(text: string, ctx: ReaderContext): { articles: Article[]; messages: Message[]; format: InputFormat | null } {
  const where = { file: ctx.file };
  xml ??= loadXml();
  const valid = xml.validator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const e = valid.err;
    return {
      articles: [],
      format: null,
      messages: [makeMessage('error', 'bad-xml', `malformed XML feed (column ${e.col}): ${e.msg.replace(/\.$/, "")}; no article read`, { file: ctx.file, line: e.line })],
    };
  }
  let doc: Record<string, any>;
  try {
    doc = xml.parser.parse(text) as Record<string, any>;
  } catch (err) {
    return { articles: [], format: null, messages: [makeMessage('error', 'bad-xml', `malformed XML feed: ${(err as Error).message}; no article read`, where)] };
  }

  let format: InputFormat;
  let items: Item[];
  let feedTitle: string | null = null;
  let language: string | null = null;
  if (doc.rss || doc['rdf:RDF']) {
    format = 'rss';
    const channel = (doc.rss?.channel ?? doc['rdf:RDF']?.channel ?? {}) as Record<string, unknown>;
    const rawItems = asArray((channel.item ?? doc['rdf:RDF']?.item) as Record<string, unknown>[]);
    items = rssItems(channel, rawItems);
    feedTitle = plainLine(channel.title ?? '') || null;
    language = flat(channel.language ?? channel['dc:language'] ?? '').trim() || null;
  } else if (doc.feed) {
    format = 'atom';
    const feed = doc.feed as Record<string, unknown>;
    items = atomItems(asArray(feed.entry as Record<string, unknown>[]));
    feedTitle = plainLine(feed.title ?? '') || null;
    language = attr(feed, 'xml:lang') ?? null;
  } else {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '(none)';
    return { articles: [], format: null, messages: [makeMessage('error', 'not-a-feed', `XML root element <${root}> is neither RSS (<rss>, <rdf:RDF>) nor Atom (<feed>); no article read`, where)] };
  }

  if (!items.length) {
    return { articles: [], format, messages: [makeMessage('warning', 'no-items', `${format === 'rss' ? 'RSS' : 'Atom'} feed has no items; no article read`, where)] };
  }

  const articles: Article[] = [];
  const messages: Message[] = [];
  items.forEach((it, index) => {
    // one item that cannot be read is reported by its number; the others are read
    try {
      articles.push(itemArticle(it, index));
    } catch (err) {
      messages.push(makeMessage('error', 'bad-item', `item ${index + 1}: could not read it: ${inputProblem(err)}; item skipped`, where));
    }
  });
  return { articles, format, messages };

  function itemArticle(it: Item, index: number): Article {
    const cls = classifyBlocks(contentCandidates(it.content));
    const blocks: RawBlock[] = cls.blocks.map((c) => ({ kind: c.kind, text: c.text }));
    return buildArticle({
      format,
      blocks,
      title: it.title || null,
      // for a feed of many items, the options fill in only what an item does not give
      published: it.published ?? ctx.published ?? null,
      url: it.link ?? cls.url ?? null,
      source: ctx.source ?? it.source ?? (it.link ? sourceFromUrl(it.link) : null) ?? feedTitle,
      byline: it.author ?? cls.byline,
      language,
      origin: { file: ctx.file, item: index, ...(ctx.encoding ? { encoding: ctx.encoding } : {}) },
      messages: [...ctx.messages],
    });
  }
}
