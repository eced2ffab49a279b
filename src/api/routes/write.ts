// POST /api/articles: analyse and store articles sent as JSON, or fetched by URL (src/net/fetch.ts). Needs `Authorization: Bearer <token>`;
// writes are rate-limited per client IP.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { knowledge } from '../../knowledge/index.js';
import { analyzeBounded } from '../../analysis/bounds.js';
import { FetchError, fetchUrl, type Fetched } from '../../net/fetch.js';
import { readBuffer } from '../../read/index.js';
import { requireToken, tokenOwner } from '../auth.js';
import { NewCorrectionSchema } from '../../model/schema.js';
import { ReviewError } from '../../review/corrections.js';
import type { ApiOptions } from '../context.js';
import { HttpError, parseQuery, schemas } from '../params.js';
import { eventJson } from '../query.js';
import { SplitError } from '../../merge/engine.js';

const MAX_ARTICLES = 100;

const articleBody = z.strictObject({
  url: z.string().max(4000).optional(),
  title: z.string().max(2000).optional(),
  published: z.string().max(100).optional(),
  source: z.string().max(500).optional(),
  text: z.string().optional(),
  html: z.string().optional(),
});
const body = z.union([articleBody, z.array(articleBody).min(1).max(MAX_ARTICLES)]);
const splitBody = z.strictObject({ reports: z.array(z.string().min(1).max(200)).min(1).max(10_000) });

/** Validates a JSON body; throws HttpError(400) naming the first bad field. */
function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.filter((p) => typeof p === 'string').join('.') || 'body';
  throw new HttpError(400, `invalid body field '${field}': ${issue.message}`, field);
}

/** Fixed one-minute windows per IP. */
export class RateLimiter {
  private hits = new Map<string, { start: number; count: number }>();
  constructor(private readonly perMinute: number) {}
  /** Seconds to wait, or 0 when the request may go ahead. */
  take(key: string, now = Date.now()): number {
    let w = this.hits.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (now - v.start >= 60_000) this.hits.delete(k);
      w = { start: now, count: 0 };
      this.hits.set(key, w);
    }
    if (w.count >= this.perMinute) return Math.ceil((w.start + 60_000 - now) / 1000);
    w.count++;
    return 0;
  }

}

export function writeRoutes(app: FastifyInstance, opts: ApiOptions): void {
  const { store } = opts;
  const limiter = new RateLimiter(opts.writesPerMinute ?? 60);
  const failures = new RateLimiter(opts.authFailuresPerMinute ?? 30);
  const tooMany = (reply: { header(k: string, v: string): unknown }, wait: number, what: string) => {
    reply.header('retry-after', String(wait));
    return new HttpError(429, `too many ${what}; try again later`);
  };

  // Authentication comes first, so requests without a valid token never use up a token holder's
  // writes, nor lock a valid token out; their failures are limited on their own, per client IP.
  const guard = async (req: FastifyRequest, reply: { header(k: string, v: string): unknown }) => {
    try {
      await requireToken(req, opts, 'writes');
    } catch (err) {
      const wait = failures.take(req.ip);
      throw wait ? tooMany(reply, wait, 'failed authentications') : err;
    }
    const wait = limiter.take(req.ip);
    if (wait) throw tooMany(reply, wait, 'writes');
  };

  // Auth and the rate limit run before the body is read.
  app.post('/api/articles', { onRequest: guard }, async (req) => {
    parseQuery(schemas.none, req.query);
    const data = parseBody(body, req.body);
    const items = Array.isArray(data) ? data : [data];
    const where = (i: number) => (items.length > 1 ? ` (article ${i})` : '');
    items.forEach((it, i) => {
      if (!it.text?.trim() && !it.html?.trim() && !it.url) throw new HttpError(400, `an article needs "text", "html" or "url"${where(i)}`, 'text');
    });
    // Articles given only by URL are fetched first (all of them), so a refused fetch stores nothing.
    const fetched = new Map<number, Fetched>();
    for (const [i, it] of items.entries()) {
      if (it.text?.trim() || it.html?.trim()) continue;
      try {
        fetched.set(i, await fetchUrl(it.url!, { allowPrivate: opts.allowPrivateFetch ?? false }));
      } catch (err) {
        if (err instanceof FetchError) throw new HttpError(400, `cannot fetch url${where(i)}: ${err.message}`, 'url');
        throw err;
      }
    }
    const kb = opts.kb ?? knowledge();
    const results = [];
    for (const [i, it] of items.entries()) {
      const page = fetched.get(i);
      const r = page
        ? readBuffer(page.body, 'page.html', { url: page.finalUrl, published: it.published, source: it.source })
        : readBuffer(Buffer.from(JSON.stringify(it) + '\n'), `request-${i}.jsonl`, { format: 'jsonl' });
      const errors = r.messages.filter((m) => m.level === 'error');
      const article = r.articles[0];
      if (!article) {
        results.push({ index: i, status: 'error', errors: errors.map((m) => m.message), events: [] });
        continue;
      }
      const analysis = opts.analysis ? await opts.analysis.analyze(article) : analyzeBounded(article, kb);
      const res = await store.putArticle(article, analysis);
      const events = await store.listEvents({ articleId: res.id, limit: -1 });
      results.push({
        index: i, id: res.id, status: res.status, ...(res.supersedes ? { supersedes: res.supersedes } : {}),
        title: article.title, published: article.published,
        warnings: [...r.messages, ...analysis.messages].filter((m) => m.level === 'warning').map((m) => m.message),
        ...(analysis.messages.some((m) => m.level === 'error')
          ? { errors: analysis.messages.filter((m) => m.level === 'error').map((m) => m.message) } : {}),
        events: events.map(eventJson),
      });
    }
    return { articles: results };
  });

  // A wrong merge, undone: the named reports leave the merged event and never join those left behind.
  app.post<{ Params: { id: string } }>('/api/merged-events/:id/split', { onRequest: guard }, async (req) => {
    parseQuery(schemas.none, req.query);
    const { reports } = parseBody(splitBody, req.body);
    try {
      return await store.splitMerged(req.params.id, reports);
    } catch (err) {
      if (!(err instanceof SplitError)) throw err;
      const missing = /^no merged event/.test(err.message);
      throw new HttpError(missing ? 404 : 400, err.message, missing ? undefined : 'reports');
    }
  });

  // An analyst's review: confirm or reject an event, or correct one field; recorded with the token's name.
  app.post('/api/corrections', { onRequest: guard }, async (req) => {
    parseQuery(schemas.none, req.query);
    const c = parseBody(NewCorrectionSchema, req.body);
    try {
      return await store.addCorrection(c, await tokenOwner(req, opts));
    } catch (err) {
      if (err instanceof ReviewError) throw new HttpError(404, err.message);
      throw err;
    }
  });
}
