import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore, migrationFiles } from '../src/store/sqlite.js';
import { PostgresStore } from '../src/store/postgres.js';
import { textArticle } from '../src/pipeline/doc.js';
import { contentHash } from '../src/read/index.js';
import type { Article } from '../src/model/types.js';
import type { Analysis, EventQuery, Store } from '../src/store/store.js';
import { tempDir } from './helpers/tmp.js';
import { putNetworkFixture, referenceNetwork } from './helpers/network.js';
import { describePostgres, resetDatabase, tempDatabase } from './helpers/pg.js';

function article(url: string | null, text: string, published: string | null = '2024-05-01'): Article {
  const a = textArticle(text, published, 'A title');
  a.url = url;
  a.source = url ? new URL(url).host : null;
  a.contentHash = contentHash(a.text);
  return a;
}

const analysis = (eventCount = 1): Analysis => ({
  pipelineVersion: 'test',
  entities: [{ id: 'RUS', name: 'Russia', kind: 'country', iso3: 'RUS', role: null, cameo: 'RUS', linked: true }],
  mentions: [{ start: 13, end: 19, text: 'Russia', entityId: 'RUS', sentence: 1, via: 'name' }],
  places: [], times: [], figures: [], messages: [],
  events: Array.from({ length: eventCount }, (_, i) => ({
    id: `e${i + 1}`, type: 'CONSULT', mode: null, context: null, cameo: '040', acled: null, modality: 'asserted' as const, historical: false,
    source: [{ id: 'RUS', name: 'Russia', iso3: 'RUS' }], target: [], date: { from: '2024-04-30', to: '2024-04-30', precision: 'day' as const, basis: 'own' as const },
    place: null, attribution: [], figures: [], evidence: [{ start: 13, end: 30, text: 'Russia met', sentence: 1 }],
    trigger: { text: 'met', pattern: 'meet', start: 20, end: 23 }, confidence: 0.8,
  })),
});

/** One storage backend as the suite sees it. */
interface Backend {
  kind: Store['kind'];
  /** The location (file path or URL) of an empty database with no migrations applied. */
  fresh(): Promise<string>;
  open(location: string): Promise<Store>;
}

/** The Store contract: every backend passes the same tests. */
function storeSuite(backend: Backend): void {
  // Stores a failing test left open are closed before the next test (and before the database goes).
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
  });
  const b: Backend = {
    ...backend,
    open: async (location) => {
      const s = await backend.open(location);
      opened.push(s);
      return s;
    },
  };
  const freshStore = async () => b.open(await b.fresh());

  test('the same article ingested twice is stored once', async () => {
    const store = await freshStore();
    const a = article('https://example.org/a', 'Russia met Iran.');
    const first = await store.putArticle(a, analysis());
    const second = await store.putArticle(a, analysis());
    assert.equal(first.status, 'new');
    assert.equal(second.status, 'duplicate');
    assert.equal(second.id, first.id);
    assert.equal((await store.counts()).articles, 1);
    assert.equal((await store.counts()).events, 1);
    await store.close();
  });

  test('the same content under another URL is a duplicate', async () => {
    const store = await freshStore();
    await store.putArticle(article('https://example.org/a', 'Russia met Iran.'), null);
    const r = await store.putArticle(article('https://mirror.example.net/a', 'Russia met Iran.'), null);
    assert.equal(r.status, 'duplicate');
    await store.close();
  });

  test('a changed article at the same URL becomes a new revision and the old one is kept', async () => {
    const store = await freshStore();
    const v1 = await store.putArticle(article('https://example.org/a', 'Russia met Iran.'), analysis(1));
    const v2 = await store.putArticle(article('https://example.org/a', 'Russia met Iran and Turkey.'), analysis(2));
    assert.equal(v2.status, 'revision');
    assert.equal(v2.supersedes, v1.id);
    const current = await store.listArticles();
    assert.equal(current.length, 1);
    assert.equal(current[0].revision, 2);
    const all = await store.listArticles({ all: true });
    assert.equal(all.length, 2);
    const old = await store.getArticle(v1.id);
    assert.ok(old && !old.current, 'the old revision is still readable');
    // Events of superseded revisions are not listed twice.
    assert.equal((await store.listEvents()).length, 2);
    assert.equal((await store.getArticle('https://example.org/a'))!.id, v2.id);
    await store.close();
  });

  test('full-text search, date and source filters select articles', async () => {
    const store = await freshStore();
    await store.putArticle(article('https://one.example/a', 'Talks on Syria resumed in Doha.', '2024-12-03'), null);
    await store.putArticle(article('https://two.example/b', 'Floods hit the coast of Kenya.', '2023-04-01'), null);
    assert.deepEqual((await store.listArticles({ search: 'Doha' })).map((a) => a.source), ['one.example']);
    assert.deepEqual((await store.listArticles({ search: 'Kenya") (' })).map((a) => a.source), ['two.example'], 'quotes and brackets in the query do not break it');
    assert.equal((await store.listArticles({ since: '2024-01-01' })).length, 1);
    assert.equal((await store.listArticles({ until: '2023-12-31' })).length, 1);
    assert.equal((await store.listArticles({ source: 'two.example' })).length, 1);
    await store.close();
  });

  test('an article without a date is stored as date unknown, not given today', async () => {
    const store = await freshStore();
    const r = await store.putArticle(article('https://example.org/x', 'Undated text.', null), null);
    const a = await store.getArticle(r.id);
    assert.equal(a!.published, null);
    assert.equal(a!.dateUnknown, true);
    await store.close();
  });

  test('events are filtered by type, country, actor, modality and date', async () => {
    const store = await freshStore();
    await store.putArticle(article('https://example.org/a', 'Russia met Iran.'), analysis(1));
    assert.equal((await store.listEvents({ type: 'consult' })).length, 1);
    assert.equal((await store.listEvents({ type: 'ASSAULT' })).length, 0);
    assert.equal((await store.listEvents({ country: 'rus' })).length, 1);
    assert.equal((await store.listEvents({ country: 'USA' })).length, 0);
    assert.equal((await store.listEvents({ actor: 'Russ' })).length, 1);
    assert.equal((await store.listEvents({ modality: 'possible' })).length, 0);
    assert.equal((await store.listEvents({ since: '2024-05-01' })).length, 0);
    assert.equal((await store.listEvents({ until: '2024-04-30', since: '2024-04-01' })).length, 1);
    const ents = await store.listEntities({ country: 'RUS' });
    assert.equal(ents[0].mentions, 1);
    await store.close();
  });

  test('events: keyset pages in both orders, undated last, bounding box, text, count', async () => {
    const store = await freshStore();
    // 3 articles x 4 events: dates spread over April (two share each date), one undated event per article,
    // places around the world (one on each side of the antimeridian).
    const places = [
      { name: 'Doha', lat: 25.29, lon: 51.53, iso3: 'QAT' }, { name: 'Suva', lat: -18.14, lon: 178.44, iso3: 'FJI' },
      { name: 'Apia', lat: -13.83, lon: -171.76, iso3: 'WSM' }, null,
    ];
    for (let k = 0; k < 3; k++) {
      const an = analysis(4);
      an.events.forEach((ev, i) => {
        ev.date = i === 3 ? null : { from: `2024-04-0${1 + ((k + i) % 3)}`, to: `2024-04-0${1 + ((k + i) % 3)}`, precision: 'day', basis: 'own' };
        ev.place = places[i] ? { ...places[i]!, geonamesId: null } : null;
        ev.evidence = [{ start: 0, end: 10, text: i === 0 ? 'Talks in Doha 100% on' : `Strike number ${k}${i}`, sentence: 1 }];
      });
      await store.putArticle(article(`https://example.org/p${k}`, `Russia met Iran, part ${k}.`), an);
    }
    const all = await store.listEvents({ limit: -1 });
    assert.equal(all.length, 12);
    assert.equal(await store.countEvents(), 12);
    const key = (e: { date: { from: string } | null; id: string }) => [e.date?.from ?? null, e.id] as const;
    // descending by date, ties by id ascending, undated last (by id)
    const dated = all.filter((e) => e.date);
    assert.deepEqual(dated.map((e) => e.date!.from), dated.map((e) => e.date!.from).sort().reverse());
    assert.ok(all.slice(9).every((e) => !e.date));
    for (let i = 1; i < all.length; i++) {
      const [d0, i0] = key(all[i - 1]);
      const [d1, i1] = key(all[i]);
      if (d0 === d1) assert.ok(i0 < i1, `${i0} before ${i1}`);
    }
    for (const order of ['desc', 'asc'] as const) {
      const full = await store.listEvents({ order, limit: -1 });
      const seen: string[] = [];
      let after: { date: string | null; id: string } | undefined;
      for (let n = 0; n < 20; n++) {
        const page = await store.listEvents({ order, limit: 5, after });
        seen.push(...page.map((e) => e.id));
        if (page.length < 5) break;
        const last = page[page.length - 1];
        after = { date: last.date?.from ?? null, id: last.id };
      }
      assert.deepEqual(seen, full.map((e) => e.id), order);
      // offset pages agree with the cursor pages
      assert.deepEqual((await store.listEvents({ order, limit: 4, offset: 4 })).map((e) => e.id), full.slice(4, 8).map((e) => e.id));
    }
    const asc = await store.listEvents({ order: 'asc' });
    assert.ok(asc.slice(9).every((e) => !e.date), 'undated events come last in ascending order too');
    assert.deepEqual(asc.slice(0, 9).map((e) => e.date!.from), asc.slice(0, 9).map((e) => e.date!.from).sort());
    // a cursor on an undated event continues among the undated ones
    assert.deepEqual((await store.listEvents({ after: { date: null, id: all[9].id } })).map((e) => e.id), all.slice(10).map((e) => e.id));
    assert.equal((await store.listEvents({ after: { date: null, id: all[11].id } })).length, 0);
    // bounding boxes, including one across the antimeridian
    assert.deepEqual(new Set((await store.listEvents({ bbox: { minLon: 50, minLat: 24, maxLon: 52, maxLat: 27 } })).map((e) => e.place!.name)), new Set(['Doha']));
    const pacific = await store.listEvents({ bbox: { minLon: 170, minLat: -20, maxLon: -170, maxLat: -10 } });
    assert.deepEqual(new Set(pacific.map((e) => e.place!.name)), new Set(['Suva', 'Apia']));
    assert.equal(pacific.length, 6);
    assert.equal(await store.countEvents({ bbox: { minLon: 170, minLat: -20, maxLon: -170, maxLat: -10 } }), 6);
    assert.equal((await store.listEvents({ bbox: { minLon: -10, minLat: -10, maxLon: 10, maxLat: 10 } })).length, 0);
    // text: every word, case-insensitively, in the evidence, actors or places (not the title); % is no wildcard
    assert.equal((await store.listEvents({ text: 'doha TALKS' })).length, 3);
    assert.equal((await store.listEvents({ text: 'russia' })).length, 12, 'actor names');
    assert.equal((await store.listEvents({ text: 'russia title' })).length, 0, 'the article title is not searched');
    assert.equal((await store.listEvents({ text: 'Strike number 12' })).length, 1);
    assert.equal((await store.listEvents({ text: '100%' })).length, 3);
    assert.equal((await store.listEvents({ text: '1%0' })).length, 0, '% is not a wildcard');
    assert.equal((await store.listEvents({ text: 'Doha Kenya' })).length, 0);
    assert.equal(await store.countEvents({ text: 'doha', since: '2024-04-02' }), 2);
    // filters combine with the cursor
    const fiji = await store.listEvents({ country: 'RUS', bbox: { minLon: 178, minLat: -19, maxLon: 179, maxLat: -18 }, order: 'asc', limit: 2 });
    assert.equal(fiji.length, 2);
    const rest = await store.listEvents({ country: 'RUS', bbox: { minLon: 178, minLat: -19, maxLon: 179, maxLat: -18 }, order: 'asc', after: { date: fiji[1].date!.from, id: fiji[1].id } });
    assert.equal(rest.length, 1);
    assert.ok(!fiji.some((e) => e.id === rest[0].id));
    await store.close();
  });

  test('the timeline and map groups counted by the database agree with the events', async () => {
    const store = await freshStore();
    // places of each precision, two names at one point, events of several types, times within a day, undated and unplaced ones
    const places = [
      { name: 'Doha', lat: 25.29, lon: 51.53, iso3: 'QAT', featureType: 'city' }, { name: 'Doha city', lat: 25.29, lon: 51.53, iso3: 'QAT', featureType: 'city' },
      { name: 'Ad Dawhah', lat: 25.29, lon: 51.53, iso3: 'QAT', featureType: 'admin1' }, { name: 'Qatar', lat: 25.3, lon: 51.2, iso3: 'QAT', featureType: 'country' },
      null,
    ];
    const types = ['CONSULT', 'ASSAULT'];
    for (let k = 0; k < 4; k++) {
      const an = analysis(5);
      an.events.forEach((ev, i) => {
        ev.type = types[(k + i) % 2];
        ev.date = (k + i) % 4 === 3 ? null : { from: `2024-04-0${1 + ((k * i) % 3)}${i === 2 ? 'T12:00' : ''}`, to: `2024-04-0${1 + ((k * i) % 3)}`, precision: 'day', basis: 'own' };
        ev.place = places[(k + i) % 5] ? { ...places[(k + i) % 5]!, geonamesId: null } : null;
      });
      await store.putArticle(article(`https://example.org/g${k}`, `Russia met Iran, group ${k}.`), an);
    }
    const precision = (ft?: string) => (ft === 'country' ? 'country' : ft === 'admin1' || ft === 'admin2' || ft === 'region' ? 'region' : 'town');
    for (const merged of [false, true]) {
      for (const q of [{}, { type: 'ASSAULT' }, { since: '2024-04-02' }]) {
        const evs = await store.listForAggregates({ ...q, order: 'asc', limit: -1 }, merged);
        assert.ok(evs.length > 0);
        const days = new Map<string, number>();
        for (const e of evs) { const k = `${e.date?.from.slice(0, 10) ?? null} ${e.type}`; days.set(k, (days.get(k) ?? 0) + 1); }
        const counted = await store.countByDay(q, merged);
        assert.deepEqual(new Map(counted.map((c) => [`${c.day} ${c.type}`, c.n])), days, JSON.stringify(q));
        // each group: its events' count, named by the latest (ties by id, undated last)
        const groups = new Map<string, typeof evs>();
        for (const e of evs.filter((x) => x.place)) {
          const k = `${e.place!.lon} ${e.place!.lat} ${e.type} ${precision(e.place!.featureType)}`;
          groups.set(k, [...(groups.get(k) ?? []), e]);
        }
        const m = await store.mapGroups(q, merged);
        assert.equal(m.total, evs.length);
        assert.equal(m.unplaced, evs.filter((e) => !e.place).length);
        assert.equal(m.groups.length, groups.size);
        for (const g of m.groups) {
          const members = groups.get(`${g.lon} ${g.lat} ${g.type} ${g.precision}`)!;
          assert.ok(members, JSON.stringify(g));
          assert.equal(g.n, members.length);
          const day = (e: (typeof evs)[number]) => e.date?.from.slice(0, 10) ?? null;
          const latest = [...members].sort((a, b) => (day(a) === day(b) ? (a.id < b.id ? -1 : 1) : day(a) === null ? 1 : day(b) === null ? -1 : day(a)! > day(b)! ? -1 : 1))[0];
          assert.deepEqual([g.id, g.day, g.place], [latest.id, day(latest), latest.place!.name]);
        }
      }
    }
    await store.close();
  });

  test('the network grouped by the database equals the one counted from the events, for every filter, top N and edge option (event ids, counts by type)', async () => {
    const store = await freshStore();
    await putNetworkFixture(store);
    const queries: EventQuery[] = [{}, { type: 'ASSAULT' }, { country: 'UKR' }, { actor: 'wagner' }, { since: '2024-02-01', until: '2024-04-30' },
      { bbox: { minLon: 30, minLat: 40, maxLon: 40, maxLat: 55 } }, { unplaced: true }, { place: 'doha' }, { modality: 'planned' },
      { text: 'russia talks' }, { review: 'notrejected' }, { review: 'rejected' }, { minSources: 1 }];
    const options = [{}, { top: 3 }, { top: 4, minWeight: 2, edgeEvents: false }, { minWeight: 3 }, { top: 1 },
      { byType: false }, { top: 4, edgeEvents: false, byType: false }];
    let edges = 0;
    for (const merged of [false, true]) {
      for (const q of queries) {
        const evs = await store.listForAggregates({ ...q, order: 'asc', limit: -1 }, merged);
        for (const o of options) {
          const want = referenceNetwork(evs, o.minWeight, o);
          const got = await store.network(q, merged, o);
          const what = JSON.stringify({ merged, q, o });
          assert.deepEqual(got, want, what);
          // the JSON the API sends, key order (byType's) included
          assert.equal(JSON.stringify(got), JSON.stringify(want), what);
          edges += got.edges.length;
        }
      }
    }
    const all = await store.network({}, false);
    assert.ok(all.edges.some((e) => e.weight > 50 && e.events!.length === 50), 'an edge in more than 50 events');
    assert.ok(all.nodes.some((n) => n.name === 'Ukrainian government'), 'the earliest event names an actor');
    assert.ok(edges > 100 && all.nodes.length === 6 && (await store.network({ review: 'rejected' }, true)).actors > 0);
    await store.close();
  });

  test('the data version changes when merged events are made or split, not only when articles come', async () => {
    const store = await freshStore();
    const v0 = await store.dataVersion();
    await store.putArticle(article('https://example.org/a', 'Russia met Iran.'), analysis(1), { merge: false });
    const v1 = await store.dataVersion();
    assert.notEqual(v1, v0, 'a stored article');
    assert.ok((await store.mergePending()) > 0);
    const v2 = await store.dataVersion();
    assert.notEqual(v2, v1, 'merging what was pending');
    assert.equal(await store.dataVersion(), v2, 'reading changes nothing');
    await store.close();
  });

  test('stored articles, analyses and events read back as written', async () => {
    const store = await freshStore();
    const a = article('https://example.org/a', 'Russia met Iran.');
    const an = analysis(2);
    const r = await store.putArticle(a, an);
    const got = (await store.getArticle(r.id))!;
    assert.equal(typeof got.id, 'number');
    assert.equal(got.text, a.text);
    assert.deepEqual(got.blocks, a.blocks);
    assert.deepEqual(got.origin, a.origin);
    assert.deepEqual(got.messages, a.messages);
    assert.deepEqual(got.analysis, an);
    assert.equal(got.contentHash, a.contentHash);
    assert.equal(got.published, '2024-05-01');
    assert.equal(got.revision, 1);
    assert.equal(got.supersedes, null);
    assert.match(got.ingestedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const evs = await store.listEvents({ articleId: r.id });
    assert.deepEqual(evs.map((e) => e.id), [`${r.id}-e1`, `${r.id}-e2`]);
    assert.equal(evs[0].articleUrl, 'https://example.org/a');
    assert.equal(evs[0].confidence, 0.8);
    assert.deepEqual((await store.listEntities({ search: 'uss' })).map((e) => [e.id, e.mentions, e.articles]), [['RUS', 1, 1]]);
    assert.deepEqual(await store.counts(), { articles: 1, revisions: 0, events: 2, entities: 1 });
    await store.close();
  });

  test('API tokens: only a hash is stored, and only created tokens verify', async () => {
    const store = await freshStore();
    const a = await store.createToken('ci');
    const b = await store.createToken();
    assert.notEqual(a.token, b.token);
    assert.equal(a.name, 'ci');
    assert.equal(await store.verifyToken(a.token), true);
    assert.equal(await store.verifyToken(b.token), true);
    assert.equal(await store.verifyToken(a.token + 'x'), false);
    assert.equal(await store.verifyToken(''), false);
    await store.close();
  });

  test('API tokens: listed without the token, refused once revoked or expired', async () => {
    const store = await freshStore();
    const a = await store.createToken('desk');
    const past = await store.createToken('old', { expiresAt: '2020-01-01T00:00:00Z' });
    const future = await store.createToken('later', { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal(past.expiresAt, '2020-01-01T00:00:00.000Z');
    assert.equal(await store.verifyToken(past.token), false, 'an expired token is refused');
    assert.equal(await store.verifyToken(future.token), true);
    assert.equal(await store.revokeToken(a.id), true);
    assert.equal(await store.revokeToken(a.id), false, 'already revoked');
    assert.equal(await store.revokeToken(999_999), false);
    assert.equal(await store.verifyToken(a.token), false, 'a revoked token is refused');
    const list = await store.listTokens();
    assert.deepEqual(list.map((t) => [t.id, t.name, !!t.revokedAt, t.expiresAt]),
      [[a.id, 'desk', true, null], [past.id, 'old', false, '2020-01-01T00:00:00.000Z'], [future.id, 'later', false, future.expiresAt]]);
    assert.ok(list.every((t) => !JSON.stringify(t).includes('ew_')), 'no token text is listed');
    await store.close();
  });

  test('feed state: saved, read back, replaced and listed', async () => {
    const store = await freshStore();
    assert.equal(await store.getFeed('https://example.org/feed.xml'), null);
    assert.deepEqual(await store.listFeeds(), []);
    const feed = {
      url: 'https://example.org/feed.xml', etag: '"v1"', lastModified: 'Wed, 01 May 2024 10:00:00 GMT',
      lastChecked: '2024-05-01T10:00:00.000Z', lastOk: '2024-05-01T10:00:00.000Z', lastError: null,
      errorCount: 0, itemsSeen: 3, articlesStored: 2, nextCheck: '2024-05-01T10:05:00.000Z',
    };
    await store.saveFeed(feed);
    assert.deepEqual(await store.getFeed(feed.url), feed);
    const failed = { ...feed, lastChecked: '2024-05-01T10:05:00.000Z', lastError: 'HTTP 500', errorCount: 1, nextCheck: '2024-05-01T10:15:00.000Z' };
    await store.saveFeed(failed);
    await store.saveFeed({ ...feed, url: 'https://a.example.org/rss', etag: null, lastModified: null, lastOk: null });
    assert.deepEqual(await store.getFeed(feed.url), failed);
    assert.deepEqual((await store.listFeeds()).map((f) => f.url), ['https://a.example.org/rss', feed.url]);
    await store.close();
  });

  test('migrations are versioned and applied once', async () => {
    const location = await b.fresh();
    const s1 = await b.open(location);
    const v = await s1.migrations();
    await s1.close();
    const s2 = await b.open(location);
    assert.deepEqual(await s2.migrations(), v);
    assert.ok(v[0].startsWith('001_'));
    assert.deepEqual(v, migrationFiles(b.kind).map((m) => m.version));
    await s2.close();
  });

  test('several stores opening a new database at once apply each migration once', async () => {
    const location = await b.fresh();
    const stores = await Promise.all([1, 2, 3, 4].map(() => b.open(location)));
    const expected = migrationFiles(b.kind).map((m) => m.version);
    for (const s of stores) assert.deepEqual(await s.migrations(), expected);
    await stores[0].putArticle(article('https://example.org/a', 'Russia met Iran.'), analysis());
    assert.equal((await stores[3].counts()).articles, 1);
    await Promise.all(stores.map((s) => s.close()));
  });

  test('concurrent puts of the same article from two stores store it once', async () => {
    const location = await b.fresh();
    const [s1, s2] = [await b.open(location), await b.open(location)];
    const n = 20;
    const articles = Array.from({ length: n }, (_, i) => article(`https://example.org/${i}`, `Russia met Iran, round ${i}.`));
    // Every article written by both stores at the same time, all articles at once.
    const results = await Promise.all(articles.flatMap((a) => [s1.putArticle(a, analysis(2)), s2.putArticle(a, analysis(2))]));
    for (let i = 0; i < n; i++) {
      const [x, y] = [results[2 * i], results[2 * i + 1]];
      assert.deepEqual([x.status, y.status].sort(), ['duplicate', 'new'], `article ${i}`);
      assert.equal(x.id, y.id, `article ${i}`);
    }
    assert.deepEqual(await s1.counts(), { articles: n, revisions: 0, events: 2 * n, entities: 1 });
    assert.equal((await s2.listArticles({ all: true })).length, n);
    // The same content under two URLs at once: one copy.
    const [m1, m2] = await Promise.all([
      s1.putArticle(article('https://a.example/x', 'Floods hit the coast of Kenya.'), null),
      s2.putArticle(article('https://b.example/x', 'Floods hit the coast of Kenya.'), null),
    ]);
    assert.deepEqual([m1.status, m2.status].sort(), ['duplicate', 'new']);
    // Two changed versions of one URL at once: two revisions in a chain, one of them current.
    const v1 = await s1.putArticle(article('https://example.org/r', 'Version one.'), null);
    const [r2, r3] = await Promise.all([
      s1.putArticle(article('https://example.org/r', 'Version two.'), analysis(1)),
      s2.putArticle(article('https://example.org/r', 'Version three.'), analysis(1)),
    ]);
    assert.deepEqual([r2.status, r3.status], ['revision', 'revision']);
    const chain = (await s1.listArticles({ all: true })).filter((a) => a.url === 'https://example.org/r').sort((p, q) => p.revision - q.revision);
    assert.deepEqual(chain.map((a) => [a.revision, a.current]), [[1, false], [2, false], [3, true]]);
    assert.equal(chain[1].supersedes, v1.id);
    assert.equal(chain[2].supersedes, chain[1].id);
    assert.equal((await s2.listEvents({ articleId: chain[2].id })).length, 1);
    await s1.close();
    await s2.close();
  });
}

describe('sqlite store', () => {
  const sqlite: Backend = {
    kind: 'sqlite',
    fresh: async () => join(tempDir(), 'db.sqlite'),
    open: async (path) => new SqliteStore(path),
  };
  storeSuite(sqlite);

  // SQLite only: a second connection reads the file directly.
  test('what was committed survives a writer that dies mid-batch', async () => {
    const path = join(tempDir(), 'db.sqlite');
    const store = new SqliteStore(path);
    await store.putArticle(article('https://example.org/1', 'First article.'), null);
    await store.putArticle(article('https://example.org/2', 'Second article.'), null);
    // A second connection sees both rows at once: each article commits in its own transaction.
    const other = new Database(path, { readonly: true });
    assert.equal((other.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n, 2);
    other.close();
    await store.close();
  });
});

await describePostgres('postgres store', () => {
  // One throw-away database for the file, emptied (schema and migrations) before each test.
  let url = '';
  let drop = async () => {};
  before(async () => {
    ({ url, drop } = await tempDatabase());
  });
  after(() => drop());
  const postgres: Backend = {
    kind: 'postgres',
    fresh: async () => {
      await resetDatabase(url);
      return url;
    },
    open: (u) => PostgresStore.open(u),
  };
  storeSuite(postgres);
});
