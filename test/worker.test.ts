import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { tempDir } from './helpers/tmp.js';
import { describePostgres, tempDatabase } from './helpers/pg.js';

const BIN = resolve('bin/eventwire.js');
const N = 500;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Worker {
  child: ChildProcess;
  out: string;
  err: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, [BIN, 'worker', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const w: Worker = {
    child, out: '', err: '',
    exited: new Promise((res) => child.on('exit', (code, signal) => res({ code, signal }))),
  };
  child.stdout!.on('data', (d) => { w.out += d; });
  child.stderr!.on('data', (d) => { w.err += d; });
  return w;
}

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined | false>): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Job counts by state, from pg-boss's tables. */
async function jobStates(c: pg.Client): Promise<Record<string, number>> {
  const r = await c.query(`SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = 'eventwire-articles' GROUP BY state`);
  return Object.fromEntries(r.rows.map((x) => [x.state, x.n]));
}

await describePostgres('eventwire worker: a distributed pipeline on pg-boss', () => {
  const dbs: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];
  let url = '';
  const dir = tempDir();
  before(async () => {
    const db = await tempDatabase();
    url = db.url;
    dbs.push(db.drop);
    for (let i = 1; i <= N; i++) {
      writeFileSync(join(dir, `a${String(i).padStart(4, '0')}.txt`),
        `Kenyan police arrested ${i} protesters in Nairobi on Monday, day ${i} of the demonstrations against new taxes.\n`);
    }
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const drop of dbs) await drop();
  });

  test(`${N} articles queued, 3 workers, one killed mid-run: every article stored exactly once`, { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    const q = run(['ingest', '--queue', '--db', url, '--published', '2024-06-25', '--job-timeout', '10', '--retry-delay', '1', dir]);
    assert.equal(q.code, 0, q.err);
    assert.match(q.out, new RegExp(`${N} article\\(s\\) read, ${N} queued, 0 already queued, 0 error\\(s\\)`));
    // The same articles queued again while waiting are the same jobs.
    const again = run(['ingest', '--queue', '--db', url, '--published', '2024-06-25', join(dir, 'a0001.txt'), join(dir, 'a0002.txt')]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /2 article\(s\) read, 0 queued, 2 already queued/);
    // A bad input is reported at enqueue time, as by ingest.
    const bad = run(['ingest', '--queue', '--db', url, join(dir, 'missing.txt')]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /missing\.txt: no such file or folder/);

    const status0 = run(['queue', 'status', '--db', url]);
    assert.equal(status0.code, 0, status0.err);
    assert.match(status0.out, new RegExp(`queued ${N}, retry 0, active 0, completed 0, failed 0`));
    const tQueued = Date.now();

    const args = ['--db', url, '--concurrency', '2', '--poll', '0.2', '--maintenance-interval', '1'];
    const workers = [startWorker(args), startWorker(args), startWorker(args)];
    children.push(...workers.map((w) => w.child));

    await withClient(url, async (c) => {
      // Kill one worker once some articles are stored (it may hold jobs in hand: they expire and are retried).
      await until('the first articles to be stored', 60_000, async () => {
        const r = await c.query('SELECT count(*)::int AS n FROM articles').catch(() => ({ rows: [{ n: 0 }] }));
        return r.rows[0].n >= 30;
      });
      workers[0].child.kill('SIGKILL');
      const killed = await workers[0].exited;
      assert.equal(killed.signal, 'SIGKILL');
      const tKilled = Date.now();

      const states = await until('every job to complete', 90_000, async () => {
        const s = await jobStates(c);
        return (s.completed ?? 0) + (s.failed ?? 0) >= N && !s.created && !s.retry && !s.active ? s : undefined;
      });
      const tDone = Date.now();
      assert.deepEqual(states, { completed: N });

      // Every article exactly once, each with its analysis and events.
      const a = (await c.query(`SELECT count(*)::int AS n, count(DISTINCT content_hash)::int AS hashes,
        count(*) FILTER (WHERE current)::int AS current FROM articles`)).rows[0];
      assert.deepEqual(a, { n: N, hashes: N, current: N });
      const missing = (await c.query(`SELECT count(*)::int AS n FROM articles a
        WHERE NOT EXISTS (SELECT 1 FROM analyses x WHERE x.article_id = a.id)
           OR NOT EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id)`)).rows[0].n;
      assert.equal(missing, 0, 'articles without analysis or events');
      const texts = (await c.query('SELECT count(DISTINCT text)::int AS n FROM articles')).rows[0].n;
      assert.equal(texts, N);

      // The survivors shut down cleanly on SIGTERM.
      for (const w of workers.slice(1)) w.child.kill('SIGTERM');
      for (const w of workers.slice(1)) {
        const e = await w.exited;
        assert.equal(e.code, 0, w.err);
        assert.match(w.out, /stopped: \d+ job\(s\) done/);
      }
      const doneBySurvivors = workers.slice(1).reduce((sum, w) => sum + Number(/stopped: (\d+) job/.exec(w.out)![1]), 0);
      assert.ok(doneBySurvivors > 0 && doneBySurvivors <= N);
      const retried = (await c.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'eventwire-articles' AND retry_count > 0`)).rows[0].n;
      console.log(`# worker test: queued in ${tQueued - t0} ms; killed a worker after ${tKilled - tQueued} ms; ` +
        `all ${N} done ${tDone - tQueued} ms after the workers started; ${retried} job(s) retried`);
    });

    const status = run(['queue', 'status', '--db', url]);
    assert.equal(status.code, 0, status.err);
    assert.match(status.out, new RegExp(`queued 0, retry 0, active 0, completed ${N}, failed 0`));
  });

  test('a job that keeps failing ends in the failed state with its error; SIGTERM on an idle worker exits 0', { timeout: 60_000 }, async () => {
    const db = await tempDatabase();
    dbs.push(db.drop);
    // Install the queue, then send a job that is not an article.
    assert.equal(run(['queue', 'status', '--db', db.url]).code, 0);
    const boss = new PgBoss({ connectionString: db.url, supervise: false, schedule: false });
    await boss.start();
    await boss.send('eventwire-articles', { not: 'an article' }, { retryLimit: 1, retryDelay: 1, retryBackoff: false });
    await boss.stop({ graceful: false });

    const w = startWorker(['--db', db.url, '--poll', '0.2']);
    children.push(w.child);
    await withClient(db.url, (c) => until('the job to fail', 30_000, async () => (await jobStates(c)).failed === 1));
    const status = run(['queue', 'status', '--db', db.url]);
    assert.match(status.out, /completed 0, failed 1/);
    assert.match(status.out, /after 2 attempt\(s\): the job data is not an article record/);
    assert.match(w.err, /attempt 1 of 2, will retry/);
    assert.match(w.err, /attempt 2 of 2, giving up/);

    // queue retry gives the failed job one more attempt, by id (as shown by queue status) or all at once.
    const id = /job ([0-9a-f-]{36}) after 2 attempt/.exec(status.out)?.[1];
    assert.ok(id, status.out);
    assert.equal(run(['queue', 'retry', '--db', db.url, 'not-a-job']).code, 2);
    const retry = run(['queue', 'retry', '--db', db.url, id]);
    assert.equal(retry.code, 0, retry.err);
    assert.match(retry.out, /^1 failed job\(s\) put back in the queue$/m);
    await until('the third attempt', 30_000, async () => /attempt 3 of 3, giving up/.test(w.err));
    await withClient(db.url, (c) => until('the job to fail again', 10_000, async () => (await jobStates(c)).failed === 1));
    assert.match(run(['queue', 'status', '--db', db.url]).out, /after 3 attempt\(s\)/);
    assert.match(run(['queue', 'retry', '--db', db.url]).out, /^1 failed job\(s\) put back/m);
    await until('the fourth attempt', 30_000, async () => /attempt 4 of 4, giving up/.test(w.err));

    w.child.kill('SIGTERM');
    const e = await w.exited;
    assert.equal(e.code, 0, w.err);
    assert.match(w.out, /stopped: 0 job\(s\) done/);
  });

  test('jobs are fetched in batches; SIGTERM finishes the fetched batch, leaving no job active', { timeout: 60_000 }, async () => {
    const db = await tempDatabase();
    dbs.push(db.drop);
    const small = tempDir();
    const n = 60;
    for (let i = 1; i <= n; i++) {
      writeFileSync(join(small, `b${String(i).padStart(3, '0')}.txt`),
        `Protesters marched in Lagos on Tuesday, ${i} days after the fuel price rise, police said.\n`);
    }
    const q = run(['ingest', '--queue', '--db', db.url, '--published', '2024-06-25', small]);
    assert.equal(q.code, 0, q.err);

    const w = startWorker(['--db', db.url, '--batch-size', '10', '--poll', '0.2', '--verbose']);
    children.push(w.child);
    await until('the worker to be ready', 30_000, async () => /ready in \d/.test(w.out));
    await withClient(db.url, async (c) => {
      // Stopped as soon as its first batch is being worked on: the rest of that batch is in hand.
      const first = await until('the first batch to be fetched', 30_000, async () => {
        const s = await jobStates(c);
        return s.active ? s : undefined;
      });
      w.child.kill('SIGTERM');
      const e = await w.exited;
      assert.equal(e.code, 0, w.err);
      const done = Number(/stopped: (\d+) job\(s\) done/.exec(w.out)?.[1]);
      assert.ok(first.active! <= 10, `${first.active} jobs taken at once`);
      assert.equal(done % 10, 0, `whole batches finished: ${done} done`);
      assert.ok(done >= 10 && done < n, `${done} done`);
      assert.match(w.out, /seconds spent: startup [\d.]+, analyse [\d.]+, store [\d.]+, queue [\d.]+, idle [\d.]+/);
      const states = await jobStates(c);
      assert.deepEqual(states, { completed: done, created: n - done });
      const stored = (await c.query('SELECT count(*)::int AS n FROM articles')).rows[0].n;
      assert.equal(stored, done);
    });
  });

  test('worker and ingest --queue refuse a SQLite database', () => {
    const r = run(['worker', '--db', join(tempDir(), 'x.db')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /PostgreSQL/);
  });
});
