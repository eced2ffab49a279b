import type { Article, Doc } from '../model/types.js';

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
