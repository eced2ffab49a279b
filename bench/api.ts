// The API load check of `npm run bench`: a SQLite database of ≥ 100,000 synthetic events, the server
// on 127.0.0.1:0, and a bounded load against GET /api/events (filters, both sorts, cursor pages) at a
// fixed concurrency over keep-alive connections. Reports requests/s and latency percentiles.
import { Agent, get } from 'node:http';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildServer } from '../src/api/server.js';
import { textArticle } from '../src/pipeline/doc.js';
import { contentHash } from '../src/read/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Analysis } from '../src/store/store.js';
import type { EventRecord } from '../src/model/types.js';

const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const ACTORS = ['RUS', 'UKR', 'USA', 'CHN', 'IRN', 'ISR', 'SYR', 'TUR', 'FRA', 'DEU', 'GBR', 'QAT', 'EGY', 'IND', 'PAK', 'SDN',
  'ETH', 'COD', 'RWA', 'ARM', 'AZE', 'BLR', 'POL', 'JPN', 'PRK', 'KOR', 'VEN', 'COL', 'MEX', 'BRA'];
const PLACES = [
  ['Kharkiv', 49.99, 36.23, 'UKR'], ['Kyiv', 50.45, 30.52, 'UKR'], ['Moscow', 55.75, 37.62, 'RUS'], ['Doha', 25.29, 51.53, 'QAT'],
  ['Aleppo', 36.2, 37.16, 'SYR'], ['Damascus', 33.51, 36.29, 'SYR'], ['Gaza', 31.5, 34.47, 'PSE'], ['Goma', -1.68, 29.22, 'COD'],
  ['Khartoum', 15.5, 32.56, 'SDN'], ['Addis Ababa', 9.03, 38.74, 'ETH'], ['Warsaw', 52.23, 21.01, 'POL'], ['Tehran', 35.69, 51.39, 'IRN'],
  ['Suva', -18.14, 178.44, 'FJI'], ['Apia', -13.83, -171.76, 'WSM'], ['Caracas', 10.49, -66.88, 'VEN'], ['Seoul', 37.57, 126.98, 'KOR'],
] as const;
const WORDS = ['talks', 'strike', 'ceasefire', 'shelling', 'protest', 'sanctions', 'aid', 'convoy', 'drone', 'summit', 'troops', 'border'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Writes `articles` synthetic articles of `perArticle` events each through Store.putArticle. */
export async function buildEventDb(path: string, articles: number, perArticle: number): Promise<SqliteStore> {
  const store = new SqliteStore(path);
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const day0 = Date.UTC(2023, 0, 1);
  for (let i = 0; i < articles; i++) {
    const published = new Date(day0 + Math.floor(rand() * 730) * 86_400_000).toISOString().slice(0, 10);
    const text = `Article ${i}: ${pick(WORDS)} and ${pick(WORDS)} near ${pick(PLACES)[0]}.`;
    const a = textArticle(text, published, `Bench ${i} ${pick(WORDS)}`);
    a.url = `https://bench.example.org/${i}`;
    a.source = 'bench.example.org';
    a.contentHash = contentHash(text + i);
    const events: EventRecord[] = [];
    const ents = new Set<string>();
    for (let k = 0; k < perArticle; k++) {
      const src = pick(ACTORS);
      const tgt = pick(ACTORS);
      ents.add(src).add(tgt);
      const place = rand() < 0.7 ? pick(PLACES) : null;
      const day = rand() < 0.05 ? null : new Date(Date.parse(published) - Math.floor(rand() * 5) * 86_400_000).toISOString().slice(0, 10);
      const ev = `${src} ${pick(WORDS)} ${tgt} ${pick(WORDS)}${place ? ' in ' + place[0] : ''}`;
      events.push({
        id: `e${k + 1}`, type: pick(TYPES), mode: null, context: null, cameo: null, acled: null,
        modality: rand() < 0.8 ? 'asserted' : pick(['planned', 'possible', 'denied'] as const), historical: false,
        source: [{ id: src, name: src, iso3: src }], target: [{ id: tgt, name: tgt, iso3: tgt }],
        date: day ? { from: day, to: day, precision: 'day', basis: 'own' } : null,
        place: place ? { name: place[0], lat: place[1], lon: place[2], iso3: place[3], geonamesId: null } : null,
        attribution: [], figures: [], evidence: [{ start: 0, end: text.length, text: ev, sentence: 0 }],
        trigger: { text: 'met', pattern: 'meet', start: 0, end: 3 }, confidence: 0.7,
      });
    }
    const analysis: Analysis = {
      pipelineVersion: 'bench', places: [], times: [], figures: [], messages: [], mentions: [], events,
      entities: [...ents].map((id) => ({ id, name: id, kind: 'country', iso3: id, role: null, cameo: id, linked: true })),
    } as unknown as Analysis;
    await store.putArticle(a, analysis);
  }
  return store;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function getJson(agent: Agent, base: string, path: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    get(base + path, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

export interface ApiBenchResult {
  events: number;
  buildMs: number;
  requests: number;
  concurrency: number;
  ms: number;
  requestsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  byVariant: Record<string, { n: number; p50Ms: number; p99Ms: number }>;
}

export async function apiBench(opts: { articles?: number; perArticle?: number; requests?: number; concurrency?: number } = {}): Promise<ApiBenchResult> {
  const articles = opts.articles ?? 10_000;
  const perArticle = opts.perArticle ?? 10;
  const requests = opts.requests ?? 2000;
  const concurrency = opts.concurrency ?? 8;
  const dir = join(tmpdir(), `eventwire-bench-api-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  let t = performance.now();
  const store = await buildEventDb(join(dir, 'events.db'), articles, perArticle);
  const buildMs = performance.now() - t;
  const events = (await store.counts()).events;
  const app = buildServer({ store, webRoot: null });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    // Cursor pages: the first 30 pages of the default listing and of the ascending one.
    const variants: [string, string][] = [
      ['first page', '/api/events?limit=100'],
      ['type', '/api/events?type=ASSAULT&limit=50'],
      ['country', '/api/events?country=UKR&limit=50'],
      ['bbox', '/api/events?bbox=20,40,40,56&limit=50'],
      ['bbox across 180°', '/api/events?bbox=170,-20,-170,-10&limit=50'],
      ['dates', '/api/events?since=2024-06-01&until=2024-06-30&limit=100'],
      ['actor+modality', '/api/events?actor=IRN&modality=planned&limit=50'],
      ['text', '/api/events?q=ceasefire%20Doha&limit=50'],
    ];
    for (const [sort, label] of [['-date', 'cursor page'], ['date', 'cursor page asc']] as const) {
      let cursor: string | null = null;
      for (let i = 0; i < 30; i++) {
        const path: string = `/api/events?limit=100&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        if (i > 0) variants.push([label, path]);
        const r = await getJson(agent, base, path);
        if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
        cursor = r.body.next;
        if (!cursor) break;
      }
    }
    // Warm-up: each variant once.
    for (const [, path] of variants) {
      const r = await getJson(agent, base, path);
      if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
    const lat: number[] = [];
    const byVariant = new Map<string, number[]>();
    let next = 0;
    t = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= requests) return;
        // spread the requests over the variants, the cursor pages among them
        const [label, path] = variants[i % variants.length];
        const s = performance.now();
        const r = await getJson(agent, base, path);
        const ms = performance.now() - s;
        if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
        lat.push(ms);
        const v = byVariant.get(label) ?? [];
        v.push(ms);
        byVariant.set(label, v);
      }
    }));
    const ms = performance.now() - t;
    lat.sort((a, b) => a - b);
    return {
      events, buildMs, requests, concurrency, ms, requestsPerSec: requests / (ms / 1000),
      p50Ms: percentile(lat, 50), p90Ms: percentile(lat, 90), p99Ms: percentile(lat, 99), maxMs: lat[lat.length - 1],
      byVariant: Object.fromEntries([...byVariant].map(([k, v]) => {
        v.sort((a, b) => a - b);
        return [k, { n: v.length, p50Ms: percentile(v, 50), p99Ms: percentile(v, 99) }];
      })),
    };
  } finally {
    agent.destroy();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node dist/bench/api.js` runs only this part.
if (import.meta.url === `file://${process.argv[1]}`) {
  apiBench().then((r) => console.log(JSON.stringify(r, null, 1)), (e) => { console.error(e); process.exitCode = 1; });
}
