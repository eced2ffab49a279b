// Worker throughput on PostgreSQL: the same queued batch processed by 1, 2 and 4 `eventwire worker`
// processes (and one process running 2 jobs at a time), next to nothing else (the SQLite
// single-process figure is in the main table).
//
// Start-up (loading the knowledge base, connecting, the warm-up analysis) is a fixed cost per
// process, paid once per deployment rather than per article, so it is reported apart: the throughput
// is timed from the moment every worker has printed its ready line to the moment every article is
// stored. The end-to-end figure (from spawning the processes) is given as well. Each worker's own
// account of where its time went (analyse / store / queue / idle), printed when it stops, is summed
// into the row.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { packageRoot } from '../src/paths.js';

const ADMIN = process.env.EVENTWIRE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface WorkerBenchSetup {
  /** worker processes */
  workers: number;
  /** --concurrency of each */
  concurrency: number;
}

export interface WorkerBenchRow extends WorkerBenchSetup {
  articles: number;
  /** from every worker ready to every article stored */
  ms: number;
  articlesPerSec: number;
  /** from spawning the workers to every article stored */
  totalMs: number;
  totalArticlesPerSec: number;
  /** the slowest worker's start-up */
  startupMs: number;
  /** seconds summed over the workers, as each reported them when it stopped */
  spent: Record<string, number>;
}

export const DEFAULT_SETUPS: WorkerBenchSetup[] = [
  { workers: 1, concurrency: 1 },
  { workers: 1, concurrency: 2 },
  { workers: 2, concurrency: 1 },
  { workers: 4, concurrency: 1 },
];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN });
  c.on('error', () => { /* reported through the query that failed */ });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface Child {
  proc: ChildProcess;
  out: string;
  ready: Promise<number>;
  exited: Promise<void>;
}

function spawnWorker(bin: string, url: string, concurrency: number): Child {
  const proc = spawn(process.execPath, [bin, 'worker', '--db', url, '--concurrency', String(concurrency), '--poll', '0.2'],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  const c: Child = {
    proc, out: '',
    ready: new Promise((resolve, reject) => {
      proc.stdout!.on('data', (d) => {
        c.out += d;
        if (/ready in/.test(c.out)) resolve(performance.now());
      });
      proc.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    }),
    exited: new Promise((resolve) => proc.once('exit', () => resolve())),
  };
  c.ready.catch(() => { /* awaited by the bench */ });
  return c;
}

/** Runs the worker benchmark; returns the reason instead when PostgreSQL is not reachable. */
export async function benchWorkers(texts: string[], setups = DEFAULT_SETUPS): Promise<{ rows: WorkerBenchRow[] } | { skipped: string }> {
  try {
    await admin(async (c) => c.query('SELECT 1'));
  } catch (err) {
    return { skipped: `PostgreSQL not reachable at ${ADMIN}: ${(err as Error).message}` };
  }
  const bin = join(packageRoot(), 'bin', 'eventwire.js');
  const dir = mkdtempSync(join(tmpdir(), 'eventwire-workers-'));
  texts.forEach((t, i) => writeFileSync(join(dir, `a${String(i).padStart(4, '0')}.md`), t));
  const rows: WorkerBenchRow[] = [];
  for (const [k, setup] of setups.entries()) {
    const name = `eventwire_bench_${process.pid}_${k}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = ADMIN.replace(/\/[^/]*$/, `/${name}`);
    const children: Child[] = [];
    try {
      // Creates the store's tables too, so the workers' start-up is the same in every row.
      if (spawnSync(process.execPath, [bin, 'migrate', '--db', url]).status !== 0) throw new Error('eventwire migrate failed');
      const q = spawnSync(process.execPath, [bin, 'ingest', '--queue', '--db', url, dir], { encoding: 'utf8' });
      if (q.status !== 0) throw new Error(`ingest --queue failed: ${q.stderr}`);
      const t0 = performance.now();
      for (let i = 0; i < setup.workers; i++) children.push(spawnWorker(bin, url, setup.concurrency));
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => { /* the database is dropped at the end */ });
      await c.connect();
      const readyAt = Math.max(...await Promise.all(children.map((ch) => ch.ready)));
      const storedAtReady = Number((await c.query('SELECT COUNT(*) AS n FROM articles')).rows[0].n);
      let stored = storedAtReady;
      const deadline = Date.now() + 240_000;
      while (stored < texts.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        stored = Number((await c.query('SELECT COUNT(*) AS n FROM articles')).rows[0].n);
      }
      const tEnd = performance.now();
      await c.end();
      for (const ch of children) ch.proc.kill('SIGTERM');
      await Promise.all(children.map((ch) => ch.exited));
      const spent: Record<string, number> = {};
      for (const ch of children) {
        for (const [, part, secs] of ch.out.matchAll(/(\w+) (\d+(?:\.\d+)?)(?=,|\s*$)/gm)) {
          if (['startup', 'analyse', 'store', 'queue', 'idle'].includes(part)) spent[part] = (spent[part] ?? 0) + Number(secs);
        }
      }
      // Articles some worker stored before the last one was ready are left out of the steady rate.
      const ms = tEnd - readyAt;
      rows.push({
        ...setup, articles: stored, ms, articlesPerSec: (stored - storedAtReady) / (ms / 1000),
        totalMs: tEnd - t0, totalArticlesPerSec: stored / ((tEnd - t0) / 1000), startupMs: readyAt - t0, spent,
      });
    } finally {
      for (const ch of children) if (ch.proc.exitCode === null && ch.proc.signalCode === null) ch.proc.kill('SIGKILL');
      await Promise.all(children.map((ch) => ch.exited));
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { rows };
}
