// Analysis in worker threads: a per-article time budget after which the thread is terminated and the
// article stored with an analysis-timeout error; the main thread stays free meanwhile; ingest skips
// the analysis of content already stored; warnings are reported once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisPool } from '../src/analysis/pool.js';
import { buildServer } from '../src/api/server.js';
import { ingest } from '../src/ingest.js';
import { readBuffer } from '../src/read/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './helpers/tmp.js';

const SPIN = new URL('./helpers/spin-worker.js', import.meta.url);
const article = (text: string) => readBuffer(Buffer.from(text), 'a.txt', { published: '2024-05-01' }).articles[0];
const SLOW = 'Russia attacked Ukraine on Monday. SPIN-FOREVER';
const FINE = 'Russian forces attacked Kharkiv on Monday, officials said.';

// One thread for the whole file: each start loads the knowledge base and the language model.
let pool: AnalysisPool;
before(async () => {
  pool = new AnalysisPool({ threads: 1, timeoutMs: 2000, workerUrl: SPIN });
  await pool.ready();
});
after(() => pool.close());

describe('analysis pool', () => {
  test('an analysis over its budget is terminated, the caller\'s thread running meanwhile; the article gets an analysis-timeout error and the next one is analysed', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 20);
    const started = pool.stats.threadsStarted;
    let slow;
    try {
      slow = await pool.analyze(article(SLOW));
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 5, `the event loop ran ${ticks} timer(s) during the analysis`);
    assert.deepEqual(slow.events, []);
    assert.deepEqual(slow.messages.map((m) => [m.level, m.code]), [['error', 'analysis-timeout']]);
    assert.equal(pool.stats.timedOut, 1);
    const fine = await pool.analyze(article(FINE));
    assert.ok(fine.events.length > 0);
    assert.equal(fine.events[0].type, 'ASSAULT');
    assert.equal(pool.stats.threadsStarted, started + 1, 'the spinning thread was terminated and a new one took the next article');
  });

  test('a thread whose analysis outgrows its heap ceiling ends; the article gets an analysis-failed error and the next one is analysed', async () => {
    const small = new AnalysisPool({ threads: 1, timeoutMs: 20_000, workerUrl: SPIN, heap: { maxOldGenerationSizeMb: 160 } });
    try {
      const grown = await small.analyze(article('Russia attacked Ukraine on Monday. GROW-FOREVER'));
      assert.deepEqual(grown.events, []);
      assert.deepEqual(grown.messages.map((m) => [m.level, m.code]), [['error', 'analysis-failed']]);
      assert.equal(small.stats.crashed, 1);
      const fine = await small.analyze(article(FINE));
      assert.equal(fine.events[0]?.type, 'ASSAULT');
    } finally {
      await small.close();
    }
  });

  test('the same analysis as on the calling thread', async () => {
    const inline = new AnalysisPool({ threads: 0 });
    const a = article(FINE);
    const [threaded, here] = await Promise.all([pool.analyze(a), inline.analyze(a)]);
    assert.deepEqual(threaded, here);
  });
});

describe('ingest with threads', () => {
  test('a batch goes on past an article that runs out of time; it is stored with the error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-slow.txt'), SLOW);
    writeFileSync(join(dir, 'b-fine.txt'), FINE);
    const store = new SqliteStore(join(dir, 'x.db'));
    try {
      const messages: string[] = [];
      const p = await ingest(store, [dir], { pool, published: '2024-05-01', onMessage: (m) => messages.push(m.code) });
      assert.equal(p.stored, 2);
      assert.equal(p.errors, 1);
      assert.ok(messages.includes('analysis-timeout'));
      const rows = await store.listArticles({});
      const stored = await Promise.all(rows.map((r) => store.getArticle(r.id)));
      const timedOut = stored.find((a) => a!.text.includes('SPIN-FOREVER'))!;
      assert.deepEqual(timedOut.analysis!.messages.map((m) => m.code), ['analysis-timeout']);
      const fine = stored.find((a) => !a!.text.includes('SPIN-FOREVER'))!;
      assert.ok(fine.analysis!.events.length > 0);
      // 13: stored content is recognised before analysis: a re-run analyses nothing
      const before = pool.stats.analysed + pool.stats.timedOut;
      const again = await ingest(store, [dir], { pool, published: '2024-05-01' });
      assert.equal(again.duplicates, 2);
      assert.equal(pool.stats.analysed + pool.stats.timedOut, before, 'no article was analysed again');
    } finally {
      await store.close();
    }
  });

  test('warnings are reported and counted once', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nodate.txt'), 'Russia attacked Ukraine.\n\nMore text about the talks.\n');
    writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Russia attacked Ukraine.\n', 'utf16le')]));
    const store = new SqliteStore(join(dir, 'x.db'));
    try {
      const seen: string[] = [];
      const p = await ingest(store, [dir], { onMessage: (m) => seen.push(`${m.file}: ${m.message}`) });
      assert.equal(new Set(seen).size, seen.length, `a message reported twice: ${seen.join(' | ')}`);
      assert.equal(p.warnings, 3, seen.join(' | '));
    } finally {
      await store.close();
    }
  });
});

describe('serve with an analysis pool', () => {
  test('GET /api/health answers while a POST is being analysed', async () => {
    const dir = tempDir();
    const store = new SqliteStore(join(dir, 'x.db'));
    await pool.ready();
    const app = buildServer({ store, analysis: pool, webRoot: null });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const { token } = await store.createToken();
      const order: string[] = [];
      const posting = fetch(`${base}/api/articles`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: SLOW, published: '2024-05-01' }),
      }).then(async (r) => { order.push('post'); return r.json() as Promise<any>; });
      await new Promise((r) => setTimeout(r, 200));
      const health = await fetch(`${base}/api/health`);
      order.push('health');
      assert.equal(health.status, 200);
      const body = await posting;
      assert.deepEqual(order, ['health', 'post']);
      assert.equal(body.articles[0].status, 'new');
      assert.match(body.articles[0].errors[0], /time budget/);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
