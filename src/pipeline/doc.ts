import type { Article, Doc, Mention } from '../model/types.js';

/** A fresh analysis document for an article; stages fill it in. */
export function createDoc(article: Article): Doc {
  const anchor = article.published && /^\d{4}-\d{2}-\d{2}/.test(article.published) ? article.published.slice(0, 10) : null;
  return {
    article,
    text: article.text,
    anchor,
    tokens: [],
    sentences: [],
    entities: new Map(),
    mentions: [],
    places: [],
    times: [],
    figures: [],
    events: [],
    messages: [],
  };
}

/** An article record for a bare text (tests, `extract` on plain text). */
export function textArticle(text: string, published: string | null = null, title: string | null = null): Article {
  const blocks: Article['blocks'] = [];
  let body = text;
  let offset = 0;
  if (title) {
    body = `${title}\n\n${text}`;
    blocks.push({ kind: 'title', start: 0, end: title.length, claim: true });
    offset = title.length + 2;
  }
  // Paragraphs are separated by blank lines.
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (!m[0].trim()) continue;
    blocks.push({ kind: 'paragraph', start: offset + m.index, end: offset + m.index + m[0].length, claim: true });
  }
  return {
    url: null, title, published, source: null, byline: null, language: 'en', text: body, blocks,
    format: 'text', origin: {}, contentHash: '', messages: [],
  };
}

const startIndex = new WeakMap<Doc, Map<number, number>>();

/** The index of the token that starts at `offset`, or -1. */
export function tokenAt(doc: Doc, offset: number): number {
  let m = startIndex.get(doc);
  if (!m || m.size !== doc.tokens.length) {
    // (a loop, not a list of pairs: every stage after the parse asks, and documents run to thousands of tokens)
    m = new Map();
    for (let i = 0; i < doc.tokens.length; i++) m.set(doc.tokens[i].start, i);
    startIndex.set(doc, m);
  }
  return m.get(offset) ?? -1;
}

/** The index of the last token of a span that starts a token ([start, end): a mention, a time), or -1. */
export function lastTokenOf(doc: Doc, span: { start: number; end: number }): number {
  let k = tokenAt(doc, span.start);
  while (k >= 0 && doc.tokens[k + 1] && doc.tokens[k + 1].end <= span.end) k++;
  return k;
}

/** The actor mentions whose span holds token k. */
export function mentionsOver(doc: Doc, k: number): Mention[] {
  const t = doc.tokens[k];
  return doc.mentions.filter((x) => x.start <= t.start && t.end <= x.end);
}

const bySentence = new WeakMap<Doc, { count: number; map: Map<number, Mention[]> }>();

/** The actor mentions of one sentence, in text order. */
export function mentionsIn(doc: Doc, sentence: number): Mention[] {
  let c = bySentence.get(doc);
  if (!c || c.count !== doc.mentions.length) {
    const map = new Map<number, Mention[]>();
    for (const m of doc.mentions) {
      const list = map.get(m.sentence) ?? [];
      list.push(m);
      map.set(m.sentence, list);
    }
    for (const list of map.values()) list.sort((a, b) => a.start - b.start);
    c = { count: doc.mentions.length, map };
    bySentence.set(doc, c);
  }
  return c.map.get(sentence) ?? [];
}
