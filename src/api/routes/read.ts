// Read-only routes: health, articles, events, entities. Open to everyone.
import type { FastifyInstance } from 'fastify';
import type { ApiOptions } from '../context.js';
import { HttpError, parseQuery, schemas } from '../params.js';
import { eventJson, findEvents, pageEvents, pageMerged, reviewQueue } from '../query.js';
import { mergeReasons } from '../../merge/why.js';

const EXCERPT = 300;

export function readRoutes(app: FastifyInstance, opts: ApiOptions): void {
  const { store } = opts;

  app.get('/api/health', async (req) => {
    parseQuery(schemas.none, req.query);
    return { status: 'ok', store: store.kind, counts: await store.counts() };
  });

  app.get('/api/articles', async (req) => {
    const q = parseQuery(schemas.articles, req.query);
    const items = await store.listArticles(q);
    return { items, limit: q.limit, offset: q.offset, next: items.length === q.limit ? q.offset + q.limit : null };
  });

  app.get<{ Params: { id: string } }>('/api/articles/:id', async (req) => {
    parseQuery(schemas.none, req.query);
    if (!/^\d{1,15}$/.test(req.params.id)) throw new HttpError(400, "invalid parameter 'id': expected an article number", 'id');
    const a = await store.getArticle(Number(req.params.id));
    if (!a) throw new HttpError(404, `no article ${req.params.id}`);
    return a;
  });

  app.get('/api/events', async (req) => {
    const q = parseQuery(schemas.events, req.query);
    const { items, next, total } = await pageEvents(store, q, q.sort, q.limit, q.cursor);
    return { items: items.map(eventJson), total, next };
  });

  app.get<{ Params: { id: string } }>('/api/events/:id', async (req) => {
    parseQuery(schemas.none, req.query);
    const m = /^(\d{1,15})-(.{1,200})$/.exec(req.params.id);
    if (!m) throw new HttpError(400, "invalid parameter 'id': expected ARTICLE-EVENT, e.g. 1-e1", 'id');
    const evs = await store.listEvents({ articleId: Number(m[1]), limit: -1 });
    const e = evs.find((x) => x.id === req.params.id);
    if (!e) throw new HttpError(404, `no event ${req.params.id}`);
    const article = await store.getArticle(e.articleId);
    let excerpt = null;
    if (article && e.evidence.length) {
      const s = Math.max(0, Math.min(...e.evidence.map((x) => x.start)) - EXCERPT);
      const t = Math.min(article.text.length, Math.max(...e.evidence.map((x) => x.end)) + EXCERPT);
      excerpt = { start: s, end: t, text: article.text.slice(s, t) };
    }
    return {
      event: eventJson(e),
      evidence: e.evidence,
      article: article ? { id: article.id, title: article.title, url: article.url, source: article.source, published: article.published } : null,
      excerpt,
    };
  });

  // Merged events: one per real-world event, with its sources counted and its figures side by side.
  app.get('/api/merged-events', async (req) => {
    const q = parseQuery(schemas.merged, req.query);
    const { items, next, total } = await pageMerged(store, q, q.sort, q.limit, q.cursor);
    return { items: items.map(eventJson), total, next };
  });

  app.get<{ Params: { id: string } }>('/api/merged-events/:id', async (req) => {
    parseQuery(schemas.none, req.query);
    const id = req.params.id;
    if (!id || id.length > 200) throw new HttpError(400, "invalid parameter 'id'", 'id');
    const m = await store.getMerged(id);
    if (!m) throw new HttpError(404, `no merged event ${id}`);
    const why = mergeReasons(m.reports);
    return { ...eventJson(m), reports: m.reports.map((r) => ({ ...eventJson(r), why: m.reports.length > 1 ? why.get(r.id) : null })) };
  });

  // Unreviewed events, lowest confidence first, with the list's filters.
  app.get('/api/review-queue', async (req) => {
    const q = parseQuery(schemas.reviewQueue, req.query);
    const r = await reviewQueue(store, q, q.view === 'merged', q.limit, q.offset);
    return { ...r, items: r.items.map(eventJson) };
  });

  app.get('/api/corrections', async (req) => {
    const q = parseQuery(schemas.corrections, req.query);
    return { items: await store.listCorrections(q.event) };
  });

  app.get('/api/entities', async (req) => {
    const q = parseQuery(schemas.entities, req.query);
    return { items: await store.listEntities(q) };
  });

  app.get<{ Params: { id: string } }>('/api/entities/:id', async (req) => {
    parseQuery(schemas.none, req.query);
    const id = req.params.id;
    if (!id || id.length > 200) throw new HttpError(400, "invalid parameter 'id'", 'id');
    const evs = (await findEvents(store, { actor: id }, true))
      .filter((e) => e.source.some((a) => a.id === id) || e.target.some((a) => a.id === id));
    const row = (await store.listEntities({ limit: -1 })).find((x) => x.id === id);
    const ref = evs.flatMap((e) => [...e.source, ...e.target]).find((a) => a.id === id);
    if (!row && !ref) throw new HttpError(404, `no entity ${id}`);
    const entity = row ?? { id, name: ref!.name, kind: null, iso3: ref!.iso3 ?? null, mentions: 0, articles: 0 };
    const overTime = new Map<string, Record<string, number>>();
    const co = new Map<string, { id: string; name: string; iso3: string | null; events: number }>();
    for (const e of evs) {
      const d = e.date?.from?.slice(0, 10) ?? 'undated';
      const c = overTime.get(d) ?? {};
      c[e.type] = (c[e.type] ?? 0) + 1;
      overTime.set(d, c);
      const others = new Map([...e.source, ...e.target].filter((a) => a.id !== id).map((a) => [a.id, a]));
      for (const a of others.values()) {
        const x = co.get(a.id) ?? { id: a.id, name: a.name, iso3: a.iso3 ?? null, events: 0 };
        x.events++;
        co.set(a.id, x);
      }
    }
    return {
      entity,
      events: evs.map(eventJson),
      timeline: [...overTime].map(([date, counts]) => ({ date, counts })),
      coActors: [...co.values()].sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1)),
    };
  });
}
