import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { EXPORT_FORMATS } from '../src/export/index.js';
import type { SqliteStore } from '../src/store/sqlite.js';
import { startServer } from './helpers/server.js';

let base = '';
let store: SqliteStore;
let app: FastifyInstance;
let close = async () => {};

async function get(path: string) {
  const r = await fetch(base + path);
  const type = r.headers.get('content-type') ?? '';
  return { status: r.status, type, headers: r.headers, body: /^application\/(geo\+)?json/.test(type) ? await r.json() : await r.text() } as
    { status: number; type: string; headers: Headers; body: any };
}

async function post(body: unknown, token?: string, raw?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const r = await fetch(base + '/api/articles', { method: 'POST', headers, body: raw ?? JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
}

before(async () => {
  ({ base, store, app, close } = await startServer({ webRoot: null, writesPerMinute: 1000 }));
});
after(() => close());

describe('reads', () => {
  test('health reports the store and its counts', async () => {
    const r = await get('/api/health');
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'ok');
    assert.equal(r.body.store, 'sqlite');
    assert.equal(r.body.counts.articles, 4);
    assert.ok(r.body.counts.events > 10);
  });

  test('articles: list, search, dates, source, paging, one article with its analysis', async () => {
    const all = await get('/api/articles');
    assert.equal(all.body.items.length, 4);
    const s = await get('/api/articles?search=Qatar');
    assert.deepEqual(s.body.items.map((a: any) => a.id), [1]);
    const since = await get('/api/articles?since=2024-01-01&until=2024-12-31');
    assert.deepEqual(since.body.items.map((a: any) => a.id), [1]);
    assert.equal((await get('/api/articles?source=themoscowtimes.com')).body.items.length >= 1, true);
    const p1 = await get('/api/articles?limit=2');
    const p2 = await get('/api/articles?limit=2&offset=2');
    assert.equal(p1.body.next, 2);
    assert.deepEqual([...p1.body.items, ...p2.body.items].map((a: any) => a.id).sort(), all.body.items.map((a: any) => a.id).sort());
    const one = await get('/api/articles/1');
    assert.equal(one.status, 200);
    assert.match(one.body.title, /Syria Rebel Offensive/);
    assert.ok(one.body.text.length > 1000);
    assert.ok(one.body.blocks.length > 3);
    assert.ok(one.body.analysis.mentions.length > 5);
    assert.ok(one.body.analysis.events.length > 3);
    assert.equal((await get('/api/articles/999')).status, 404);
    const bad = await get('/api/articles/abc');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, 'id');
  });

  test('events: filters', async () => {
    const all = (await get('/api/events?limit=1000')).body;
    assert.equal(all.total, (await store.counts()).events);
    assert.equal(all.items.length, all.total);
    const assaults = (await get('/api/events?type=assault&limit=1000')).body.items;
    assert.ok(assaults.length > 0 && assaults.every((e: any) => e.type === 'ASSAULT' && e.quad === 4));
    const possible = (await get('/api/events?modality=possible')).body.items;
    assert.ok(possible.some((e: any) => e.id === '1-e1') && possible.every((e: any) => e.modality === 'possible'));
    const qat = (await get('/api/events?country=qat')).body.items;
    assert.ok(qat.length > 0 && qat.every((e: any) => [...e.source, ...e.target].some((a: any) => a.iso3 === 'QAT')));
    const doha = (await get('/api/events?place=Doha')).body.items;
    assert.deepEqual(doha.map((e: any) => e.id), ['1-e1']);
    const actor = (await get('/api/events?actor=RUS&limit=1000')).body.items;
    assert.ok(actor.length > 0 && actor.every((e: any) => [...e.source, ...e.target].some((a: any) => a.id === 'RUS' || /RUS/i.test(a.name))));
    const dated = (await get('/api/events?since=2024-11-01&until=2024-12-31&limit=1000')).body.items;
    assert.ok(dated.length > 0 && dated.every((e: any) => e.date && e.date.to >= '2024-11-01' && e.date.from <= '2024-12-31'));
    // a box around Qatar: the planned talks in Doha and nothing outside it
    const box = (await get('/api/events?bbox=50,24,52,27&limit=1000')).body.items;
    assert.ok(box.some((e: any) => e.id === '1-e1'));
    assert.ok(box.every((e: any) => e.place && e.place.lon >= 50 && e.place.lon <= 52 && e.place.lat >= 24 && e.place.lat <= 27));
    const text = (await get('/api/events?q=Doha%20talks&limit=1000')).body.items;
    assert.ok(text.some((e: any) => e.id === '1-e1'));
    assert.ok(text.length < all.total);
  });

  test('events: sorted by date, cursor pagination walks every event once', async () => {
    const all = (await get('/api/events?limit=1000')).body.items;
    const dates = all.filter((e: any) => e.date).map((e: any) => e.date.from);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const asc = (await get('/api/events?limit=1000&sort=date')).body.items.filter((e: any) => e.date).map((e: any) => e.date.from);
    assert.deepEqual(asc, [...asc].sort());
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: any = (await get(`/api/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`)).body;
      assert.ok(r.items.length <= 7);
      seen.push(...r.items.map((e: any) => e.id));
      cursor = r.next;
      pages++;
    } while (cursor && pages < 100);
    assert.deepEqual(seen, all.map((e: any) => e.id));
    assert.equal(pages, Math.ceil(all.length / 7));
    const bad = await get('/api/events?cursor=nonsense');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, 'cursor');
  });

  test('one event with its evidence and an article excerpt', async () => {
    const r = await get('/api/events/1-e1');
    assert.equal(r.status, 200);
    assert.equal(r.body.event.id, '1-e1');
    assert.equal(r.body.event.place.name, 'Doha');
    assert.equal(r.body.article.id, 1);
    assert.ok(r.body.evidence.length > 0);
    const article = (await get('/api/articles/1')).body;
    for (const ev of r.body.evidence) {
      assert.equal(article.text.slice(ev.start, ev.end), ev.text);
      assert.ok(r.body.excerpt.text.includes(ev.text));
    }
    assert.equal(article.text.slice(r.body.excerpt.start, r.body.excerpt.end), r.body.excerpt.text);
    assert.equal((await get('/api/events/1-e999')).status, 404);
    assert.equal((await get('/api/events/x')).status, 400);
  });

  test('entities: list, and one with its events over time and co-actors', async () => {
    const list = (await get('/api/entities?country=RUS')).body.items;
    assert.ok(list.some((e: any) => e.id === 'RUS'));
    assert.equal((await get('/api/entities?limit=2')).body.items.length, 2);
    const r = await get('/api/entities/RUS');
    assert.equal(r.status, 200);
    assert.equal(r.body.entity.id, 'RUS');
    assert.ok(r.body.events.length > 0);
    assert.ok(r.body.events.every((e: any) => [...e.source, ...e.target].some((a: any) => a.id === 'RUS')));
    const counted = r.body.timeline.reduce((n: number, d: any) => n + Object.values(d.counts).reduce((a: number, b: any) => a + b, 0), 0);
    assert.equal(counted, r.body.events.length);
    assert.ok(r.body.coActors.length > 0 && !r.body.coActors.some((a: any) => a.id === 'RUS'));
    assert.equal((await get('/api/entities/no-such-entity')).status, 404);
  });

  test('timeline: counts per day and per week by type add up to the dated events', async () => {
    const all = (await get('/api/events?limit=1000')).body.items;
    const dated = all.filter((e: any) => e.date).length;
    for (const interval of ['day', 'week']) {
      const t = (await get(`/api/stats/timeline?interval=${interval}`)).body;
      assert.equal(t.interval, interval);
      const sum = t.buckets.reduce((n: number, b: any) => n + b.total, 0);
      assert.equal(sum, dated);
      assert.equal(t.undated, all.length - dated);
      for (const b of t.buckets) assert.equal(Object.values(b.counts).reduce((x: number, y: any) => x + y, 0), b.total);
      if (interval === 'week') assert.ok(t.buckets.every((b: any) => new Date(b.date + 'T00:00:00Z').getUTCDay() === 1));
    }
    const consult = (await get('/api/stats/timeline?type=CONSULT')).body;
    assert.deepEqual(consult.types, ['CONSULT']);
    const bad = await get('/api/stats/timeline?interval=month');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, 'interval');
  });

  test('network: weighted actor edges by type and quad', async () => {
    const n = (await get('/api/network')).body;
    assert.ok(n.nodes.length > 3 && n.edges.length > 0);
    const ids = new Set(n.nodes.map((x: any) => x.id));
    for (const e of n.edges) {
      assert.ok(ids.has(e.source) && ids.has(e.target));
      assert.equal(Object.values(e.byType).reduce((a: number, b: any) => a + b, 0), e.weight);
      assert.equal(e.cooperative + e.conflictual, e.weight);
    }
    const assault = (await get('/api/network?type=ASSAULT')).body;
    assert.ok(assault.edges.every((e: any) => e.conflictual === e.weight && Object.keys(e.byType).join() === 'ASSAULT'));
  });

  test('network: the top N actors and the edges among them, with or without their event ids and counts by type', async () => {
    const all = (await get('/api/network')).body;
    assert.equal(all.actors, all.nodes.length);
    assert.ok(all.edges.every((e: any) => Array.isArray(e.events) && e.events.length === Math.min(50, e.weight)));
    const top = (await get('/api/network?top=3&edgeEvents=0')).body;
    assert.deepEqual(top.nodes, all.nodes.slice(0, 3));
    assert.equal(top.actors, all.nodes.length);
    const ids = new Set(top.nodes.map((n: any) => n.id));
    const among = all.edges.filter((e: any) => ids.has(e.source) && ids.has(e.target)).map(({ events: _, ...e }: any) => e);
    assert.ok(among.length > 0);
    assert.deepEqual(top.edges, among);
    // without the counts by type (what the desk asks for): the same edges, cooperative and conflictual counts
    const lean = (await get('/api/network?top=3&edgeEvents=0&byType=0')).body;
    assert.deepEqual(lean.edges, among.map(({ byType: _, ...e }: any) => e));
    assert.deepEqual(lean.nodes, top.nodes);
    assert.equal((await get('/api/network?top=0')).body.parameter, 'top');
    assert.equal((await get('/api/network?byType=no')).body.parameter, 'byType');
  });

  test('map: placed events as points, or grouped by place, type and precision with their counts', async () => {
    const points = (await get('/api/map')).body;
    const grouped = (await get('/api/map?group=1')).body;
    assert.equal(grouped.type, 'FeatureCollection');
    assert.equal(grouped.unplaced, points.unplaced);
    assert.equal(grouped.total, points.total);
    assert.equal(points.features.length + points.unplaced, points.total);
    const key = (f: any) => `${f.geometry.coordinates.join()} ${f.properties.type} ${f.properties.precision}`;
    const expected = new Map<string, any[]>();
    for (const f of points.features) expected.set(key(f), [...(expected.get(key(f)) ?? []), f]);
    assert.equal(grouped.features.length, expected.size);
    assert.ok(grouped.features.length < points.features.length, 'events of one town share a feature');
    for (const g of grouped.features) {
      const members = expected.get(key(g))!;
      assert.equal(g.properties.n, members.length);
      // the latest event of the group names it
      const latest = members.map((m) => m.properties.date).filter(Boolean).sort().pop() ?? null;
      assert.equal(g.properties.date, latest);
      assert.ok(members.some((m) => m.properties.id === g.properties.id && m.properties.date === latest));
    }
  });

  test('answers are compressed as the client accepts (brotli, else gzip), and the same once decoded', async () => {
    const { request } = await import('node:http');
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const raw = (path: string, accept?: string) => new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(base + path, { headers: accept ? { 'accept-encoding': accept } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) })).on('error', reject);
      }).on('error', reject).end();
    });
    const path = '/api/events?limit=50';
    const plain = await raw(path);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.length > 1024, `${plain.body.length} bytes`);
    const b = await raw(path, 'gzip, deflate, br');
    assert.equal(b.headers['content-encoding'], 'br');
    assert.match(String(b.headers.vary), /accept-encoding/i);
    assert.ok(b.body.length < plain.body.length / 3, `${b.body.length} of ${plain.body.length} bytes`);
    assert.deepEqual(brotliDecompressSync(b.body), plain.body);
    const g = await raw(path, 'gzip;q=1, br;q=0');
    assert.equal(g.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(g.body), plain.body);
    assert.equal((await raw(path, 'identity')).headers['content-encoding'], undefined);
    // small answers are sent as they are
    assert.equal((await raw('/api/health', 'br')).headers['content-encoding'], undefined);
  });

  test('export in every format', async () => {
    const total = (await get('/api/events?limit=1000')).body.total;
    for (const format of EXPORT_FORMATS) {
      const r = await get(`/api/export?format=${format}`);
      assert.equal(r.status, 200, format);
      assert.match(r.headers.get('content-disposition') ?? '', /attachment/);
      if (format === 'json' || format === 'plover') assert.equal(r.body.length, total, format);
      else if (format === 'geojson') assert.equal(r.body.type, 'FeatureCollection');
      else if (format === 'jsonl') assert.equal(r.body.trim().split('\n').length, total);
      else assert.equal(r.body.trim().split('\n').length, total + 1, format); // header + rows
    }
    const csv = await get('/api/export?format=csv&type=ASSAULT');
    assert.match(csv.type, /text\/csv/);
    const bad = await get('/api/export?format=xlsx');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, 'format');
  });

  test('a bad or unknown parameter is a 400 naming it', async () => {
    for (const [qs, name] of [
      ['limit=0', 'limit'], ['limit=abc', 'limit'], ['since=yesterday', 'since'], ['type=PARTY', 'type'],
      ['modality=maybe', 'modality'], ['country=RUSSIA', 'country'], ['bbox=1,2,3', 'bbox'], ['bbox=0,50,10,40', 'bbox'],
      ['sort=name', 'sort'], ['colour=red', 'colour'], ['type=AID&type=ASSAULT', 'type'],
    ]) {
      const r = await get(`/api/events?${qs}`);
      assert.equal(r.status, 400, qs);
      assert.equal(r.body.parameter, name, qs);
      assert.match(r.body.error, new RegExp(`'${name}'`), qs);
    }
    assert.equal((await get('/api/articles?offset=-1')).body.parameter, 'offset');
  });

  test('openapi.json lists every route and its query parameters', async () => {
    const doc = (await get('/api/openapi.json')).body;
    assert.equal(doc.openapi.slice(0, 2), '3.');
    // every route the server has, from fastify's route tree (4 columns of indentation per level)
    const routes: [string, string][] = [];
    const stack: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^(.*?)(?:└── |├── )(\S+) \(([^)]+)\)/.exec(line);
      if (!m) continue;
      const depth = m[1].length / 4;
      stack.length = depth;
      stack.push(m[2]);
      const path = stack.join('').replace(/^\/+/, '/').replace(/:(\w+)/g, '{$1}');
      if (!path.startsWith('/api/')) continue;
      for (const method of m[3].split(', ')) if (method !== 'HEAD') routes.push([path, method.toLowerCase()]);
    }
    assert.ok(routes.length >= 12, JSON.stringify(routes));
    for (const [path, method] of routes) assert.ok(doc.paths[path]?.[method], `${method} ${path} missing`);
    const names = (path: string) => doc.paths[path].get.parameters.map((p: any) => p.name);
    for (const p of ['type', 'actor', 'country', 'place', 'modality', 'since', 'until', 'bbox', 'q', 'cursor', 'limit', 'sort']) {
      assert.ok(names('/api/events').includes(p), p);
    }
    assert.ok(names('/api/stats/timeline').includes('interval'));
    assert.ok(names('/api/network').includes('top') && names('/api/network').includes('edgeEvents'));
    assert.ok(names('/api/map').includes('group'));
    assert.ok(names('/api/export').includes('format'));
  });
});

describe('writes', () => {
  const ARTICLE = {
    title: 'Russian forces shell Kharkiv',
    published: '2024-12-05',
    text: 'Russian forces shelled Kharkiv on Tuesday, killing three people, Ukrainian officials said.',
  };

  test('no token or a bad token is a 401', async () => {
    assert.equal((await post(ARTICLE)).status, 401);
    assert.equal((await post(ARTICLE, 'ew_not-a-real-token')).status, 401);
    assert.equal((await store.counts()).articles, 4);
  });

  test('a created token stores the article and returns its events', async () => {
    const { token } = await store.createToken('test');
    const r = await post(ARTICLE, token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.articles.length, 1);
    const a = r.body.articles[0];
    assert.equal(a.status, 'new');
    assert.ok(a.events.length > 0);
    assert.ok(a.events.some((e: any) => e.type === 'ASSAULT'));
    assert.ok(a.events.every((e: any) => e.id.startsWith(`${a.id}-`)));
    assert.equal((await get(`/api/events/${a.events[0].id}`)).status, 200);
    // an array; the same article again is a duplicate
    const again = await post([ARTICLE, { title: 'Talks', published: '2024-12-06', html: '<p>Iran and Turkey held talks in Doha on Friday.</p>' }], token);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.articles.map((x: any) => x.status), ['duplicate', 'new']);
  });

  test('bad bodies are 400s; a URL on a non-public address is refused', async () => {
    const { token } = await store.createToken();
    // (fetching itself is tested in fetch.test.ts; nothing is sent here: the address is checked first)
    const url = await post({ url: 'http://127.0.0.1:9/news' }, token);
    assert.equal(url.status, 400);
    assert.equal(url.body.parameter, 'url');
    assert.match(url.body.error, /loopback/);
    assert.equal((await post({ url: 'file:///etc/passwd' }, token)).status, 400);
    assert.equal((await post({ title: 'no text' }, token)).status, 400);
    assert.equal((await post({ text: 'x', colour: 'red' }, token)).status, 400);
    assert.equal((await post(null, token, '{not json')).status, 400);
  });

  test('a body over the limit is a 413', async () => {
    const { token } = await store.createToken();
    const big = await post({ title: 'big', text: 'word '.repeat(1_100_000) }, token);
    assert.equal(big.status, 413);
  });

  test('writes are rate-limited per IP (429)', async () => {
    const { token } = await store.createToken();
    const { buildServer } = await import('../src/api/server.js');
    const limited = buildServer({ store, webRoot: null, writesPerMinute: 2 });
    try {
      const send = () => limited.inject({ method: 'POST', url: '/api/articles', headers: { authorization: `Bearer ${token}` }, payload: { title: 'x' } });
      assert.equal((await send()).statusCode, 400);
      assert.equal((await send()).statusCode, 400);
      const third = await send();
      assert.equal(third.statusCode, 429);
      assert.ok(Number(third.headers['retry-after']) > 0);
    } finally {
      await limited.close();
    }
  });
});

describe('protected reads', () => {
  test('protectReads: GET /api/* needs a token; health, openapi and the UI stay open', async () => {
    const { isLoopbackAddress: isLoopback } = await import('../src/api/auth.js');
    assert.ok(isLoopback('127.0.0.1') && isLoopback('127.0.0.2') && isLoopback('::1') && isLoopback('[::1]') && isLoopback('::ffff:127.0.0.1'));
    assert.ok(!isLoopback('0.0.0.0') && !isLoopback('::') && !isLoopback('192.168.1.5') && !isLoopback('localhost'));
    const s = await startServer({ protectReads: true, tokens: ['plain-extra-token'] });
    try {
      const req = (path: string, token?: string) =>
        fetch(s.base + path, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
      const none = await req('/api/events');
      assert.equal(none.status, 401);
      assert.match((await none.json()).error, /Authorization: Bearer/);
      assert.equal((await req('/api/events', 'ew_not-a-real-token')).status, 401);
      assert.equal((await req('/api/entities/RUS')).status, 401);
      assert.equal((await req('/api/network')).status, 401);
      const { token } = await s.store.createToken('reader');
      const ok = await req('/api/events', token);
      assert.equal(ok.status, 200);
      assert.ok((await ok.json()).items.length > 0);
      assert.equal((await req('/api/events?limit=1', 'plain-extra-token')).status, 200);
      assert.equal((await req('/api/health')).status, 200);
      assert.equal((await req('/api/openapi.json')).status, 200);
      const ui = await req('/');
      assert.equal(ui.status, 200);
      // the default server keeps reads open
      assert.equal((await fetch(base + '/api/events?limit=1')).status, 200);
    } finally {
      await s.close();
    }
  });
});

describe('merged events', () => {
  let s: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    s = await startServer({ webRoot: null, writesPerMinute: 1000 });
    const { ingest } = await import('../src/ingest.js');
    await ingest(s.store, ['test/fixtures/merge/strike', 'test/fixtures/merge/meeting']);
  });
  after(() => s.close());
  const json = async (path: string, init?: RequestInit) => {
    const r = await fetch(s.base + path, init);
    return { status: r.status, body: (await r.json()) as any };
  };

  test('a list with filters, source counts and cursor pages; one merged event with its reports', async () => {
    const all = await json('/api/merged-events?limit=1000');
    assert.equal(all.status, 200);
    assert.equal(all.body.total, all.body.items.length);
    assert.ok(all.body.total < (await s.store.countEvents()));
    const multi = await json('/api/merged-events?minSources=2&type=ASSAULT');
    assert.ok(multi.body.items.length >= 1 && multi.body.items.every((m: any) => m.counts.stories >= 2 && m.type === 'ASSAULT'));
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: any = await json(`/api/merged-events?limit=3${next ? `&cursor=${next}` : ''}`);
      seen.push(...page.body.items.map((m: any) => m.id));
      next = page.body.next;
    } while (next);
    assert.deepEqual(seen, all.body.items.map((m: any) => m.id));
    const one = await json(`/api/merged-events/${multi.body.items[0].id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.reports.length, one.body.counts.reports);
    assert.ok(one.body.reports.every((r: any) => r.mergedId === one.body.id && r.articleUrl));
    assert.ok(one.body.figures.some((f: any) => f.conflict));
    assert.equal((await json('/api/merged-events/m-nothing')).status, 404);
    assert.equal((await json('/api/merged-events?minSources=0')).status, 400);
    // exports, one row per merged event
    const csv = await (await fetch(s.base + '/api/export?view=merged&format=csv')).text();
    assert.equal(csv.trim().split('\n').length, all.body.total + 1);
    assert.match(csv.split('\n')[0], /merged_id,reports,stories,outlets$/);
    // the aggregates count merged events when asked
    const tl = await json('/api/stats/timeline?view=merged');
    assert.equal(tl.body.total, all.body.total);
    assert.equal((await json('/api/stats/timeline?view=both')).status, 400);
  });

  test('a split needs a token, names a report of the event, and takes it out of that event', async () => {
    const [m] = (await json('/api/merged-events?minSources=2&type=ASSAULT')).body.items;
    const detail = (await json(`/api/merged-events/${m.id}`)).body;
    const report = detail.reports[detail.reports.length - 1].id;
    const split = (body: unknown, token?: string) => json(`/api/merged-events/${m.id}/split`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
    });
    assert.equal((await split({ reports: [report] })).status, 401);
    const { token } = await s.store.createToken('split');
    assert.equal((await split({ reports: [] }, token)).status, 400);
    const bad = await split({ reports: ['999-e9'] }, token);
    assert.deepEqual([bad.status, bad.body.parameter], [400, 'reports']);
    const ok = await split({ reports: [report] }, token);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    // the report is merged again without the others: on its own, or with another event it fits
    const moved = (await json(`/api/merged-events/${ok.body.split}`)).body;
    assert.ok(moved.reports.some((r: any) => r.id === report));
    const kept = (await json(`/api/merged-events/${ok.body.kept}`)).body;
    assert.equal(kept.counts.reports, m.counts.reports - 1);
    assert.ok(!kept.reports.some((r: any) => r.id === report));
  });
});

describe('the built UI', () => {
  test('files named by their content hash may be kept for good; the page that names them is asked for again', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { brotliCompressSync } = await import('node:zlib');
    const { SqliteStore } = await import('../src/store/sqlite.js');
    const { buildServer } = await import('../src/api/server.js');
    const { tempDir } = await import('./helpers/tmp.js');
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/index-Ab12Cd34.js"></script>');
    const code = 'export const desk = 1;\n'.repeat(100);
    writeFileSync(join(root, 'assets', 'index-Ab12Cd34.js'), code);
    writeFileSync(join(root, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(code));
    const uiStore = new SqliteStore(join(root, 'ui.db'));
    const ui = buildServer({ store: uiStore, webRoot: root });
    const at = await ui.listen({ port: 0, host: '127.0.0.1' });
    try {
      const cache = async (path: string, headers: Record<string, string> = {}) => {
        const r = await fetch(at + path, { headers });
        await r.arrayBuffer();
        return [r.status, r.headers.get('cache-control') ?? ''] as const;
      };
      for (const encoding of ['identity', 'br']) {
        const [status, cc] = await cache('/assets/index-Ab12Cd34.js', { 'accept-encoding': encoding });
        assert.equal(status, 200, encoding);
        assert.match(cc, /max-age=31536000/, encoding);
        assert.match(cc, /immutable/, encoding);
      }
      const [page, pageCc] = await cache('/');
      assert.equal(page, 200);
      assert.doesNotMatch(pageCc, /immutable/);
      assert.match(pageCc, /max-age=0/);
      // nothing is promised for good about a file that is not there
      const [missing, missingCc] = await cache('/assets/index-00000000.js');
      assert.equal(missing, 404);
      assert.doesNotMatch(missingCc, /immutable/);
    } finally {
      await ui.close();
      await uiStore.close();
    }
  });
});
