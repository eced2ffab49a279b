// Markdown as news clippers scrape it: `# Title`, a date line, a photo with its caption and credit,
// the body, "Related article" links, a contributor line and the original URL. Block structure is
// read line by line; inline markup is reduced to plain text so the stored text holds no syntax.
import type { Article, BlockKind, Message } from '../model/types.js';
import { buildArticle, type RawBlock, type ReaderContext } from './build.js';
import { classifyBlocks, type Candidate } from './classify.js';
import { isHttpUrl } from './url.js';
import { decodeEntities, trimEndOf } from './util.js';

/** Markdown inline syntax → plain text: links keep their text, emphasis its content, escapes their character. */
export function mdInline(raw: string): string {
  const held: string[] = [];
  const hold = (s: string) => `\uE000${held.push(s) - 1}\uE001`;
  let s = raw;
  s = s.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_a, _t, code: string) => hold(code.trim()));
  s = s.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_a, ch: string) => hold(ch));
  s = s.replace(/\\$/gm, ''); // hard line break
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/!\[[^\]]*\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)|\[[^\]]*\])/g, '');
  // links, repeatedly for linked images inside links: [text](url "title"), [text][ref], [text][]
  for (let i = 0; i < 3; i++) {
    s = s.replace(/\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)/g, '$1');
    s = s.replace(/\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[[^\]]*\]/g, '$1');
  }
  s = s.replace(/<((?:https?|ftp):\/\/[^\s<>]+)>/gi, (_a, u: string) => hold(u));
  s = s.replace(/<([^\s<>@]+@[^\s<>@]+\.[a-z]{2,})>/gi, (_a, u: string) => hold(u));
  s = s.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
  for (let i = 0; i < 2; i++) {
    // spans are bounded (1,000 characters) so unmatched markers cannot make this quadratic
    s = s.replace(/~~(?=\S)([\s\S]{0,1000}?\S)~~/g, '$1');
    s = s.replace(/\*\*(?=\S)([\s\S]{0,1000}?\S)\*\*/g, '$1');
    s = s.replace(/(^|[^\p{L}\p{N}_])__(?=\S)([\s\S]{0,1000}?\S)__(?![\p{L}\p{N}_])/gu, '$1$2');
    s = s.replace(/\*([^\s*](?:[^*]{0,1000}?[^\s*])?)\*/g, '$1');
    s = s.replace(/(^|[^\p{L}\p{N}_])_([^\s_](?:[^_]{0,1000}?[^\s_])?)_(?![\p{L}\p{N}_])/gu, '$1$2');
  }
  s = decodeEntities(s);
  return s.replace(/\uE000(\d+)\uE001/g, (_a, i: string) => held[Number(i)]);
}

/** The bold/italic run that ends a block ("... Aleppo. **Jane Doe / EPA**"), as plain text. */
function emphasisTail(raw: string): string | undefined {
  const t = raw.trim();
  const m =
    /(?:\*\*|__)([^*_\s](?:[^*\n]*?[^*\s])?)(?:\*\*|__)[\s.]*$/.exec(t) ??
    /(?<![*\w\\])[*_]([^\s*_](?:[^*_\n]*?[^\s*_])?)[*_][\s.]*$/.exec(t);
  return m ? mdInline(m[1]).trim() : undefined;
}

/** A block that is one link, emphasised or not; tested on trimmed text (no `^\s*` to rescan). */
const LINK_ONLY = /^[*_]{0,2}\s*(?:\[(?:[^\[\]]|\[[^\[\]]*\])+\]\([^)]*\)|<https?:\/\/[^\s<>]+>)\s*[*_]{0,2}$/i;

/** Lines with the two or more spaces that mark a hard line break taken off (all but the last line). */
function hardBreaks(lines: string[]): string[] {
  return lines.map((l, i) => {
    if (i === lines.length - 1 || !l.endsWith('  ')) return l;
    return trimEndOf(l, ' ');
  });
}

interface MdBlock {
  kind: 'paragraph' | 'heading' | 'quote' | 'list' | 'code' | 'table';
  level?: number;
  lines: string[];
  afterImage?: boolean;
}

interface FrontMatter {
  title?: string;
  published?: string;
  url?: string;
  byline?: string;
  source?: string;
  language?: string;
}

/** YAML front matter (`---` ... `---`) with flat `key: value` pairs, as web clippers write it. */
function frontMatter(text: string): { fm: FrontMatter; body: string } {
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { fm: {}, body: text };
  const fm: FrontMatter = {};
  const lines = m[1].split('\n');
  for (let i = 0; i < lines.length; i++) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(lines[i]);
    if (!kv) continue;
    const key = kv[1].toLowerCase();
    let value = kv[2].trim();
    if (!value) {
      const item = /^\s*-\s*(.+)$/.exec(lines[i + 1] ?? '');
      if (item) value = item[1].trim();
    }
    value = value.replace(/^\[(.*)\]$/, '$1').split(/,\s*(?=["'])/)[0].trimEnd().replace(/^["']|["']$/g, '').replace(/^\[\[|\]\]$/g, '').trim();
    if (!value) continue;
    if (key === 'title') fm.title = value;
    else if (['published', 'date', 'pubdate', 'published_at', 'publishdate', 'date_published'].includes(key)) fm.published = value;
    else if (['url', 'source', 'link', 'canonical', 'original_url', 'source_url'].includes(key) && isHttpUrl(value)) fm.url = value;
    else if (['author', 'authors', 'byline', 'by'].includes(key)) fm.byline = value;
    else if (['site', 'site_name', 'publisher', 'outlet'].includes(key)) fm.source = value;
    else if (['lang', 'language'].includes(key)) fm.language = value;
  }
  return { fm, body: text.slice(m[0].length) };
}

const IMAGE_LINE = /^\s*(?:\[\s*)?!\[[^\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)(?:\s*\]\([^)]*\))?/;
const HTML_MEDIA_LINE = /^\s*(?:<\/?(?:img|figure|picture|source|video|iframe)\b[^>]*>\s*)+$/i;

/** Split Markdown into raw blocks (CommonMark block rules, simplified for clipped articles). */
function blocksOf(body: string): MdBlock[] {
  const lines = body.split('\n');
  const out: MdBlock[] = [];
  let cur: MdBlock | null = null;
  let pendingImage = false;
  const flush = () => {
    if (cur) out.push(cur);
    cur = null;
  };
  const open = (b: MdBlock) => {
    flush();
    if (pendingImage) b.afterImage = true;
    pendingImage = false;
    cur = b;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) {
      flush();
      continue;
    }
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      const code: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j].trim().startsWith(fence[1])) code.push(lines[j++]);
      open({ kind: 'code', lines: code });
      flush();
      i = j;
      continue;
    }
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) {
      open({ kind: 'heading', level: atx[1].length, lines: [atx[2] ?? ''] });
      flush();
      continue;
    }
    const c = cur as MdBlock | null;
    const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
    if (setext && c && c.kind === 'paragraph') {
      c.kind = 'heading';
      c.level = setext[1][0] === '=' ? 1 : 2;
      flush();
      continue;
    }
    if (/^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$/.test(line)) {
      flush();
      continue;
    }
    const quote = /^ {0,3}>[ \t]?(.*)$/.exec(line);
    if (quote) {
      const content = quote[1].replace(/^(?:\s*>\s?)+/, '');
      if (!content.trim()) {
        flush();
        continue;
      }
      if (!c || c.kind !== 'quote') open({ kind: 'quote', lines: [] });
      (cur as MdBlock | null)!.lines.push(content);
      continue;
    }
    const item = /^(\s*)(?:[-*+•]|\d{1,3}[.)])[ \t]+(\S.*)$/.exec(line);
    if (item) {
      open({ kind: 'list', lines: [item[2]] });
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      if (/^\|?[\s:|-]+\|?$/.test(line.trim()) && line.includes('-')) continue; // table rule row
      open({ kind: 'table', lines: [line] });
      flush();
      continue;
    }
    const img = IMAGE_LINE.exec(line);
    if (img || HTML_MEDIA_LINE.test(line)) {
      const rest = img ? line.slice(img[0].length) : '';
      flush();
      pendingImage = true;
      if (rest.trim()) open({ kind: 'paragraph', lines: [rest.trim()] });
      continue;
    }
    if (/^ {0,3}\[[^\]]+\]:\s*\S+/.test(line) || /^\s*<!--.*-->\s*$/.test(line)) {
      flush();
      continue;
    }
    if (c && (c.kind === 'paragraph' || c.kind === 'list' || c.kind === 'quote')) c.lines.push(line.trim());
    else open({ kind: 'paragraph', lines: [line.trim()] });
  }
  flush();
  return out;
}

/** Read one Markdown article. */
export function readMarkdown(text: string, ctx: ReaderContext): { articles: Article[]; messages: Message[] } {
  const { fm, body } = frontMatter(text);
  const mdBlocks = blocksOf(body);
  const cands: Candidate[] = [];
  let haveTitle = false;
  const hasH1 = mdBlocks.some((b) => b.kind === 'heading' && b.level === 1);
  for (const [i, b] of mdBlocks.entries()) {
    const raw = b.kind === 'code' ? b.lines.join('\n') : hardBreaks(b.lines).join('\n');
    if (b.kind === 'code') {
      cands.push({ kind: 'paragraph', text: raw, fixed: true });
      continue;
    }
    if (b.kind === 'table') {
      const cells = raw.trim().replace(/^\||\|$/g, '').split('|').map((x) => mdInline(x).trim()).filter(Boolean);
      cands.push({ kind: 'list', text: cells.join(' | '), fixed: true });
      continue;
    }
    const plain = mdInline(raw);
    let kind: BlockKind = b.kind;
    if (b.kind === 'heading') {
      // The first level-one heading is the title; without one, a heading that opens the file.
      if (!haveTitle && !fm.title && (b.level === 1 || (!hasH1 && i === 0))) {
        kind = 'title';
        haveTitle = true;
      }
    }
    cands.push({
      kind,
      text: plain,
      tail: b.kind === 'paragraph' || b.kind === 'quote' ? emphasisTail(raw) : undefined,
      afterImage: b.afterImage,
      linkOnly: LINK_ONLY.test(raw.trim()),
      fixed: kind === 'title',
    });
  }
  const cls = classifyBlocks(cands);
  const blocks: RawBlock[] = cls.blocks.map((c) => ({ kind: c.kind, text: c.text }));
  if (fm.title && !haveTitle) blocks.unshift({ kind: 'title', text: mdInline(fm.title) });
  const article = buildArticle({
    format: 'markdown',
    blocks,
    published: ctx.published ?? fm.published ?? cls.published,
    url: ctx.url ?? fm.url ?? cls.url,
    source: ctx.source ?? fm.source ?? null,
    byline: fm.byline ?? cls.byline,
    language: fm.language,
    origin: { file: ctx.file, ...(ctx.encoding ? { encoding: ctx.encoding } : {}) },
    messages: [...ctx.messages],
  });
  return { articles: [article], messages: [] };
}
