// Query parameters against both stores: control characters are refused by name, and `q` searches a
// full-text index of the evidence, actors and place only, with the same results on SQLite and
// PostgreSQL, optionally ranked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/server.js';
import { textArticle } from '../src/pipeline/doc.js';
import { contentHash } from '../src/read/index.js';
import { PostgresStore } from '../src/store/postgres.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Analysis, Store } from '../src/store/store.js';
import { describePostgres, tempDatabase } from './helpers/pg.js';
import { tempDir } from './helpers/tmp.js';

interface Ev { evidence: string; source: [string, string]; target?: [string, string]; place?: string }

/** An article whose text holds each event's evidence, with the events coded by hand. */
async function putArticle(store: Store, n: number, title: string, evs: Ev[]): Promise<void> {
  const text = evs.map((e) => e.evidence).join(' ');
  const a = textArticle(text, '2024-05-0' + n, title);
  a.url = `https://example.org/${n}`;
  a.contentHash = contentHash(a.text + n);
  let at = 0;
  const analysis: Analysis = {
    pipelineVersion: 'test', entities: [], mentions: [], places: [], times: [], figures: [], messages: [],
    events: evs.map((e, i) => {
      const start = text.indexOf(e.evidence, at);
      at = start + e.evidence.length;
      return {
        id: `e${i + 1}`, type: 'ASSAULT', mode: null, context: null, cameo: '190', acled: null, modality: 'asserted' as const, historical: false,
        source: [{ id: e.source[0], name: e.source[1], iso3: null }], target: e.target ? [{ id: e.target[0], name: e.target[1], iso3: null }] : [],
        date: { from: `2024-05-0${n}`, to: `2024-05-0${n}`, precision: 'day' as const, basis: 'own' as const },
        place: e.place ? { name: e.place, lat: 46.6, lon: 32.6, iso3: 'UKR', geonamesId: 1, featureType: 'city' } : null,
        attribution: [], figures: [], evidence: [{ start, end: at, text: e.evidence, sentence: 1 }],
        trigger: { text: 'x', pattern: 'x', start, end: start + 1 }, confidence: 0.8,
      };
    }),
  } as Analysis;
  await store.putArticle(a, analysis);
}

async function fill(store: Store): Promise<void> {
  await putArticle(store, 1, 'Shelling reported near the river', [
    { evidence: 'Russian forces shelled Kherson overnight.', source: ['RUS', 'Russia'], target: ['UKR', 'Ukraine'], place: 'Kherson' },
    { evidence: 'Ukraine shot down drones over Ukraine, Ukraine said; drones, drones and more drones were launched.', source: ['UKR', 'Ukraine'] },
  ]);
  await putArticle(store, 2, 'Talks', [
    { evidence: 'Hamas fighters attacked a post.', source: ['HAMAS', 'Hamas'], target: ['ISR', 'Israel'], place: 'Gaza City' },
    { evidence: 'The drone struck São Tomé harbour.', source: ['X1', 'Unknown group'] },
  ]);
}

function suite(open: () => Promise<Store>): void {
  let store: Store;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() as any };
  };
  const ids = async (url: string) => {
    const r = await get(url);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return (r.body.items as { id: string }[]).map((e) => e.id).sort();
  };
  before(async () => {
    store = await open();
    await fill(store);
    app = buildServer({ store, webRoot: null });
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  test('a control character in any parameter is a 400 naming it', async () => {
    for (const [url, name] of [
      ['/api/events?actor=%00', 'actor'], ['/api/events?q=%00', 'q'], ['/api/events?place=a%01', 'place'],
      ['/api/merged-events?q=a%00b', 'q'], ['/api/articles?source=%00', 'source'], ['/api/articles?search=a%00b', 'search'],
      ['/api/entities?kind=%00', 'kind'], ['/api/entities?search=%1f', 'search'], ['/api/stats/timeline?actor=%7f', 'actor'],
      ['/api/export?q=%00&format=csv', 'q'], ['/api/entities/%00', 'id'], ['/api/merged-events/a%00', 'id'], ['/api/events/1-e%00', 'id'],
    ]) {
      const r = await get(url);
      assert.equal(r.status, 400, `${url}: ${r.status}`);
      assert.equal(r.body.parameter, name, url);
      assert.match(r.body.error, /control character/);
    }
  });

  test('q matches words of the evidence, actors and place, never the JSON of the record', async () => {
    assert.deepEqual(await ids('/api/events?q=confidence'), []);
    assert.deepEqual(await ids('/api/events?q=%7B'), []);
    assert.deepEqual(await ids('/api/events?q=ASSAULT'), [], 'the type is not searched');
    assert.deepEqual(await ids('/api/events?q=Talks'), [], 'the title is not searched');
    assert.deepEqual(await ids('/api/events?q=kherson'), ['1-e1']);
    assert.deepEqual(await ids('/api/events?q=Israel'), ['2-e1'], 'a target actor');
    assert.deepEqual(await ids('/api/events?q=Gaza'), ['2-e1'], 'a place name');
    assert.deepEqual(await ids('/api/events?q=drones'), ['1-e2']);
    assert.deepEqual(await ids('/api/events?q=drone'), ['2-e2'], 'words, not prefixes');
    assert.deepEqual(await ids('/api/events?q=Ukraine%20Russian'), ['1-e1'], 'every word must occur');
    assert.deepEqual(await ids('/api/events?q=Ukraine'), ['1-e1', '1-e2']);
    assert.deepEqual(await ids('/api/events?q=S%C3%A3o%20Tom%C3%A9'), ['2-e2']);
    assert.deepEqual(await ids('/api/events?q=%22Hamas%22%20OR'), [], 'input is never query syntax: "OR" is a word to find');
    assert.equal((await get('/api/events?q=Ukraine')).body.total, 2);
  });

  test('merged events are searched the same way', async () => {
    const r = await get('/api/merged-events?q=Kherson');
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 1);
    assert.equal(r.body.items[0].place.name, 'Kherson');
    assert.deepEqual((await get('/api/merged-events?q=confidence')).body.items, []);
  });

  test('sort=relevance puts the best match first and pages by cursor; it needs q', async () => {
    // 1-e2 names Ukraine four times, 1-e1 once
    const ranked = await get('/api/events?q=Ukraine&sort=relevance');
    assert.equal(ranked.status, 200);
    assert.deepEqual(ranked.body.items.map((e: { id: string }) => e.id), ['1-e2', '1-e1']);
    const one = await get('/api/events?q=Ukraine&sort=relevance&limit=1');
    assert.deepEqual(one.body.items.map((e: { id: string }) => e.id), ['1-e2']);
    const rest = await get(`/api/events?q=Ukraine&sort=relevance&limit=1&cursor=${one.body.next}`);
    assert.deepEqual(rest.body.items.map((e: { id: string }) => e.id), ['1-e1']);
    assert.equal(rest.body.next, null);
    const drones = await get('/api/events?q=drones%20OR%20Kherson&sort=relevance');
    assert.deepEqual(drones.body.items, []);
    const none = await get('/api/events?sort=relevance');
    assert.equal(none.status, 400);
    assert.equal(none.body.parameter, 'sort');
  });
}

describe('sqlite', () => suite(async () => new SqliteStore(join(tempDir(), 'q.db'))));

await describePostgres('postgres', () => {
  let drop = async () => {};
  after(() => drop());
  suite(async () => {
    const db = await tempDatabase();
    drop = db.drop;
    return PostgresStore.open(db.url);
  });
});
