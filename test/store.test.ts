import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../src/store/sqlite.js';
import { textArticle } from '../src/pipeline/doc.js';
import { contentHash } from '../src/read/index.js';
import type { Article } from '../src/model/types.js';
import type { Analysis } from '../src/store/store.js';
import { tempDir } from './helpers/tmp.js';

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

test('the same article ingested twice is stored once', async () => {
  const store = new SqliteStore(join(tempDir(), 'db.sqlite'));
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
  const store = new SqliteStore(join(tempDir(), 'db.sqlite'));
  await store.putArticle(article('https://example.org/a', 'Russia met Iran.'), null);
  const r = await store.putArticle(article('https://mirror.example.net/a', 'Russia met Iran.'), null);
  assert.equal(r.status, 'duplicate');
  await store.close();
});

test('a changed article at the same URL becomes a new revision and the old one is kept', async () => {
  const store = new SqliteStore(join(tempDir(), 'db.sqlite'));
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
  const store = new SqliteStore(join(tempDir(), 'db.sqlite'));
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
  const store = new SqliteStore(join(tempDir(), 'db.sqlite'));
  const r = await store.putArticle(article('https://example.org/x', 'Undated text.', null), null);
  const a = await store.getArticle(r.id);
  assert.equal(a!.published, null);
  assert.equal(a!.dateUnknown, true);
  await store.close();
});

test('events are filtered by type, country, actor, modality and date', async () => {
  const store = new SqliteStore(join(tempDir(), 'db.sqlite'));
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

test('migrations are versioned and applied once', async () => {
  const path = join(tempDir(), 'db.sqlite');
  const s1 = new SqliteStore(path);
  const v = await s1.migrations();
  await s1.close();
  const s2 = new SqliteStore(path);
  assert.deepEqual(await s2.migrations(), v);
  assert.ok(v[0].startsWith('001_'));
  await s2.close();
});

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
