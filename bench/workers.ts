// Worker throughput on PostgreSQL: the same queued batch processed by 1, 2 and 4 `eventwire worker`
// processes, next to nothing else (the SQLite single-process figure is in the main table).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { packageRoot } from '../src/paths.js';

const ADMIN = process.env.EVENTWIRE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface WorkerBenchRow {
  workers: number;
  articles: number;
  ms: number;
  articlesPerSec: number;
}

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

/** Runs the worker benchmark; returns null (with the reason) when PostgreSQL is not reachable. */
export async function benchWorkers(texts: string[], counts = [1, 2, 4]): Promise<{ rows: WorkerBenchRow[] } | { skipped: string }> {
  try {
    await admin(async (c) => c.query('SELECT 1'));
  } catch (err) {
    return { skipped: `PostgreSQL not reachable at ${ADMIN}: ${(err as Error).message}` };
  }
  const bin = join(packageRoot(), 'bin', 'eventwire.js');
  const dir = mkdtempSync(join(tmpdir(), 'eventwire-workers-'));
  texts.forEach((t, i) => writeFileSync(join(dir, `a${String(i).padStart(4, '0')}.md`), t));
  const rows: WorkerBenchRow[] = [];
  for (const n of counts) {
    const name = `eventwire_bench_${process.pid}_${n}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = ADMIN.replace(/\/[^/]*$/, `/${name}`);
    const children: ChildProcess[] = [];
    try {
      const q = spawnSync(process.execPath, [bin, 'ingest', '--queue', '--db', url, dir], { encoding: 'utf8' });
      if (q.status !== 0) throw new Error(`ingest --queue failed: ${q.stderr}`);
      const t0 = performance.now();
      for (let k = 0; k < n; k++) {
        children.push(spawn(process.execPath, [bin, 'worker', '--db', url, '--concurrency', '1', '--poll', '0.2'], { stdio: 'ignore' }));
      }
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => { /* the database is dropped at the end */ });
      await c.connect();
      let stored = 0;
      const deadline = Date.now() + 240_000;
      while (stored < texts.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        // The workers create the store's tables when they start.
        stored = await c.query('SELECT COUNT(*) AS n FROM articles').then((r) => Number(r.rows[0].n), () => 0);
      }
      const ms = performance.now() - t0;
      await c.end();
      rows.push({ workers: n, articles: stored, ms, articlesPerSec: stored / (ms / 1000) });
    } finally {
      for (const ch of children) ch.kill('SIGTERM');
      await Promise.all(children.map((ch) => new Promise((r) => (ch.exitCode !== null ? r(null) : ch.once('exit', r)))));
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { rows };
}
