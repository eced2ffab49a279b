// HTML pages: metadata from <head> (title, byline, site, publication time, canonical URL, language),
// the main content from @mozilla/readability over linkedom, and body blocks from the content's
// elements (p → paragraph, h2–h6 → heading, blockquote → quote, li → list, figcaption → caption).
import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import type { parseHTML as ParseHTML } from 'linkedom';
import { MAX_HTML_DEPTH, capNesting } from './nesting.js';
import type { Article, BlockKind, Message } from '../model/types.js';
import { buildArticle, type RawBlock, type ReaderContext } from './build.js';
import { classifyBlocks, type Candidate } from './classify.js';
import { normaliseDate } from './date.js';
import { canonicalUrl, isHttpUrl } from './url.js';
import { collapse, makeMessage } from './util.js';

// linkedom and Readability take about 0.3 s to load: only HTML input loads them (their CommonJS builds).
const require = createRequire(import.meta.url);
let loaded: { parseHTML: typeof ParseHTML; Readability: typeof ReadabilityClass } | null = null;
const parseHTML: typeof ParseHTML = (...a) => (loaded ??= load()).parseHTML(...a);
function load() {
  return { parseHTML: require('linkedom').parseHTML as typeof ParseHTML, Readability: require('@mozilla/readability').Readability as typeof ReadabilityClass };
}

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas',
  'button', 'select', 'input', 'textarea', 'img', 'picture', 'source', 'head', 'title', 'meta', 'link', 'form',
  'nav', 'label', 'option', 'map', 'area', 'track', 'dialog', 'base', 'param',
]);
/** Page chrome, skipped when walking a whole page body (not readability's content). */
const CHROME = new Set(['header', 'footer', 'aside', 'menu']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li',
  'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'caption',
]);
const EMPHASIS = new Set(['strong', 'b', 'em', 'i', 'small', 'cite']);

interface Ctx {
  kind: BlockKind;
  /** the kind is certain (figcaption, class="caption") */
  fixed: boolean;
}

/** The block kind an element sets for the text inside it. */
function kindOf(el: Element, parent: Ctx): Ctx {
  const tag = el.localName;
  if (tag === 'figcaption' || tag === 'caption') return { kind: 'caption', fixed: true };
  if (/^h[1-6]$/.test(tag)) return parent.fixed ? parent : { kind: 'heading', fixed: false };
  if (parent.fixed) return parent;
  const hint = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('itemprop') ?? ''}`.toLowerCase();
  if (/caption/.test(hint)) return { kind: 'caption', fixed: true };
  if (/credit|copyright/.test(hint)) return { kind: 'credit', fixed: true };
  if (/related|read-?more|see-?also|recommended/.test(hint)) return { kind: 'related', fixed: true };
  if (tag === 'li' || tag === 'dt' || tag === 'dd') return { kind: 'list', fixed: false };
  if (tag === 'blockquote') return { kind: 'quote', fixed: false };
  return parent;
}

/**
 * Walk an element's content into candidate blocks. Text and inline elements accumulate; a block
 * element ends the current block. A bold/italic run that ends a block is kept as its `tail`.
 */
export function elementBlocks(root: Element, opts: { skipChrome?: boolean } = {}): Candidate[] {
  const out: Candidate[] = [];
  let buf = '';
  let emph: { start: number; end: number } | null = null;
  let imageSeen = false;

  const flush = (ctx: Ctx) => {
    const raw = buf;
    const e = emph;
    buf = '';
    emph = null;
    const parts = raw.split(/\n[ \t\u00A0]*\n/);
    parts.forEach((part, i) => {
      const text = collapse(part);
      if (!text) return;
      const c: Candidate = { kind: ctx.kind, text, fixed: ctx.fixed || undefined };
      if (i === parts.length - 1 && e) {
        const tail = collapse(raw.slice(e.start, e.end));
        const after = raw.slice(e.end).replace(/[\s.]/g, '');
        if (tail && !after) c.tail = tail;
      }
      if (imageSeen) c.afterImage = true;
      imageSeen = false;
      out.push(c);
    });
  };

  const walk = (el: Element, ctx: Ctx) => {
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === 3) {
        buf += node.textContent ?? '';
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      const tag = child.localName;
      if (tag === 'img' || tag === 'picture') {
        if (!collapse(buf)) imageSeen = true;
        continue;
      }
      if (SKIP.has(tag)) continue;
      if (child.getAttribute('hidden') !== null || child.getAttribute('aria-hidden') === 'true') continue;
      if (opts.skipChrome && CHROME.has(tag)) continue;
      if (tag === 'br') {
        buf += '\n';
        continue;
      }
      if (tag === 'td' || tag === 'th') {
        walk(child, ctx);
        buf += ' | ';
        continue;
      }
      if (BLOCK.has(tag)) {
        flush(ctx);
        const inner = kindOf(child, ctx);
        walk(child, inner);
        if (tag === 'tr') {
          buf = buf.trimEnd();
          if (buf.endsWith('|')) buf = buf.slice(0, -1).trimEnd();
        }
        flush(inner);
        continue;
      }
      if (EMPHASIS.has(tag)) {
        const start = buf.length;
        walk(child, ctx);
        if (collapse(buf.slice(start))) emph = { start, end: buf.length };
        continue;
      }
      walk(child, ctx);
    }
  };
  walk(root, { kind: 'paragraph', fixed: false });
  flush({ kind: 'paragraph', fixed: false });
  return out;
}

/** Make a fragment or a page parseable as a whole document (linkedom misplaces bare fragments). */
function wrapHtml(html: string): string {
  if (/<html[\s>]/i.test(html) || /<body[\s>]/i.test(html)) return html;
  return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

/** Candidate blocks of an HTML fragment (feed item content, JSON Lines `html`). */
export function htmlFragmentBlocks(html: string): Candidate[] {
  const { document } = parseHTML(wrapHtml(capNesting(html).html));
  const body = document.body ?? document.documentElement;
  return body ? elementBlocks(body) : [];
}

/** True when a string holds HTML markup rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  return /<\/?(?:p|div|br|a|b|i|em|strong|span|h[1-6]|ul|ol|li|blockquote|figure|figcaption|img|table|section|article)\b[^>]*>/i.test(s);
}

// ------------------------------------------------------------------ metadata

export interface PageMeta {
  /** og:title, twitter:title or the JSON-LD headline */
  title: string | null;
  /** <title>, else the first <h1> */
  docTitle: string | null;
  /** text of the first <h1> */
  h1: string | null;
  byline: string | null;
  siteName: string | null;
  published: string | null;
  url: string | null;
  language: string | null;
}

function jsonLdObjects(doc: Document): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, any>;
      out.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script'))) {
    if (!/ld\+json/i.test(s.getAttribute('type') ?? '')) continue;
    try {
      visit(JSON.parse((s.textContent ?? '').trim()));
    } catch {
      /* a broken JSON-LD block is ignored */
    }
  }
  return out;
}

const names = (v: unknown): string | null => {
  if (!v) return null;
  if (typeof v === 'string') return isHttpUrl(v) ? null : v;
  if (Array.isArray(v)) return v.map(names).filter(Boolean).join(', ') || null;
  if (typeof v === 'object' && typeof (v as any).name === 'string') return (v as any).name;
  return null;
};

/** Metadata from <head>, JSON-LD and <time> elements. */
export function pageMeta(doc: Document, baseUrl?: string): PageMeta {
  const meta = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? m.getAttribute('http-equiv') ?? '').toLowerCase().trim();
    const content = m.getAttribute('content');
    if (key && content && content.trim() && !meta.has(key)) meta.set(key, content.trim());
  }
  const ld = jsonLdObjects(doc);
  const typeOf = (o: Record<string, any>) => [o['@type']].flat().join(' ');
  const art = ld.find((o) => /Article|Posting|Report/i.test(typeOf(o))) ?? ld.find((o) => o.datePublished || o.headline) ?? {};

  const first = (...vals: (string | null | undefined)[]) => {
    for (const v of vals) if (v && collapse(v)) return collapse(v);
    return null;
  };

  const timeEl =
    doc.querySelector('time[pubdate]') ?? doc.querySelector('time[itemprop="datePublished"]') ?? doc.querySelector('article time[datetime]') ?? doc.querySelector('time[datetime]');
  const dates = [
    meta.get('article:published_time'), meta.get('og:published_time'), meta.get('og:article:published_time'),
    typeof art.datePublished === 'string' ? art.datePublished : null, meta.get('datepublished'),
    meta.get('publishdate'), meta.get('pubdate'), meta.get('publish-date'), meta.get('publish_date'), meta.get('date'),
    meta.get('dc.date'), meta.get('dc.date.issued'), meta.get('dcterms.created'), meta.get('dcterms.date'),
    meta.get('sailthru.date'), meta.get('parsely-pub-date'), meta.get('article.published'),
    timeEl?.getAttribute('datetime'), typeof art.dateCreated === 'string' ? art.dateCreated : null,
  ];
  let published: string | null = null;
  for (const d of dates) if (d && (published = normaliseDate(d))) break;

  const canonicalHref = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const ogUrl = meta.get('og:url') ?? null;
  const ldUrl = typeof art.url === 'string' ? art.url : typeof art.mainEntityOfPage === 'string' ? art.mainEntityOfPage : art.mainEntityOfPage?.['@id'];
  let url: string | null = null;
  for (const u of [canonicalHref, ogUrl, ldUrl]) {
    if (!u) continue;
    try {
      const abs = new URL(u, baseUrl ?? ogUrl ?? undefined).toString();
      if (isHttpUrl(abs)) {
        url = canonicalUrl(abs);
        break;
      }
    } catch {
      /* relative URL without a base */
    }
  }

  const authorMeta = meta.get('author') ?? meta.get('article:author') ?? meta.get('byl') ?? meta.get('dc.creator') ?? meta.get('sailthru.author');
  const h1 = doc.querySelector('h1')?.textContent;
  const lang = doc.documentElement?.getAttribute('lang') ?? meta.get('content-language') ?? meta.get('og:locale') ?? (typeof art.inLanguage === 'string' ? art.inLanguage : null);
  return {
    title: first(meta.get('og:title'), meta.get('twitter:title'), typeof art.headline === 'string' ? art.headline : null),
    docTitle: first(doc.querySelector('title')?.textContent, h1),
    h1: first(h1),
    byline: first(authorMeta && !isHttpUrl(authorMeta) ? authorMeta : null, names(art.author)),
    siteName: first(meta.get('og:site_name'), names(art.publisher), meta.get('application-name')),
    published,
    url,
    language: lang ? collapse(lang).split(/[-_]/)[0].toLowerCase() || null : null,
  };
}

// ------------------------------------------------------------------ the reader

/** Read one HTML page. Error `no-content` when the page holds no readable text. */
export function readHtml(text: string, ctx: ReaderContext): { articles: Article[]; messages: Message[] } {
  const where = { file: ctx.file };
  const capped = capNesting(text);
  const html = wrapHtml(capped.html);
  const nesting = capped.dropped
    ? [makeMessage('warning', 'deep-html', `HTML nested deeper than ${MAX_HTML_DEPTH} elements: ${capped.dropped} tag(s) below that depth ignored, their text kept`, where)]
    : [];
  const { document } = parseHTML(html);
  if (!document.documentElement) {
    return { articles: [], messages: [...nesting, makeMessage('error', 'no-content', 'HTML markup is broken (no document element can be built from it); no article read', where)] };
  }
  const meta = pageMeta(document, ctx.url);

  let cands: Candidate[] = [];
  let readTitle: string | null = null;
  let readByline: string | null = null;
  let readPublished: string | null = null;
  try {
    const r = new (loaded ??= load()).Readability(document, { keepClasses: true, charThreshold: 200 }).parse();
    if (r?.content) {
      const { document: cdoc } = parseHTML(wrapHtml(r.content));
      if (cdoc.body) cands = elementBlocks(cdoc.body);
    }
    readTitle = r?.title ? collapse(r.title) : null;
    readByline = r?.byline ? collapse(r.byline) : null;
    readPublished = r?.publishedTime ?? null;
  } catch {
    cands = [];
  }
  const hasBody = (cs: Candidate[]) => cs.some((c) => c.kind === 'paragraph' || c.kind === 'quote' || c.kind === 'list');
  if (!hasBody(cands)) {
    // Readability found nothing (or failed): fall back to the page body without its chrome.
    const { document: fresh } = parseHTML(html);
    const body = fresh.body ?? fresh.documentElement;
    cands = body ? elementBlocks(body, { skipChrome: true }) : [];
  }
  if (!hasBody(cands)) {
    return { articles: [], messages: [...nesting, makeMessage('error', 'no-content', 'HTML page holds no readable article text; no article read', where)] };
  }

  const title = meta.title ?? readTitle ?? meta.docTitle;
  // The page's own headline inside the content repeats the title (readability turns h1 into h2).
  const variants = new Set([title, readTitle, meta.h1, meta.docTitle].filter((t): t is string => !!t).map((t) => t.toLowerCase()));
  const firstText = cands.findIndex((c) => c.kind !== 'caption' && c.kind !== 'credit');
  if (firstText >= 0 && cands[firstText].kind === 'heading' && variants.has(cands[firstText].text.toLowerCase())) cands.splice(firstText, 1);
  const cls = classifyBlocks(cands);
  const blocks: RawBlock[] = cls.blocks.map((c) => ({ kind: c.kind, text: c.text }));
  // A byline already known from the page metadata is not repeated as a body block.
  const byline = meta.byline ?? readByline ?? cls.byline;
  const article = buildArticle({
    format: 'html',
    blocks,
    title,
    published: ctx.published ?? meta.published ?? normaliseDate(readPublished) ?? cls.published,
    url: ctx.url ?? meta.url ?? cls.url,
    source: ctx.source ?? meta.siteName,
    byline,
    language: meta.language,
    origin: { file: ctx.file, ...(ctx.encoding ? { encoding: ctx.encoding } : {}) },
    messages: [...ctx.messages, ...nesting],
  });
  return { articles: [article], messages: [] };
}
