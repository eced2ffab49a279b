// `eventwire ingest` with analysis on the main thread against worker threads on every core, in the
// same run: the same files into fresh SQLite databases through ingest(), merging on.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool } from '../src/analysis/pool.js';
import { ingest } from '../src/ingest.js';
import type { Knowledge } from '../src/knowledge/index.js';
import { SqliteStore } from '../src/store/sqlite.js';

export interface ThreadsRow { threads: number; articles: number; ms: number; startupMs: number; events: number }

export async function benchThreads(docs: { name: string; text: string }[], kb: Knowledge): Promise<ThreadsRow[]> {
  const dir = join(tmpdir(), `eventwire-bench-threads-${process.pid}`);
  mkdirSync(join(dir, 'in'), { recursive: true });
  docs.forEach((d, i) => writeFileSync(join(dir, 'in', `${String(i).padStart(5, '0')}-${d.name.replace(/[^\w.-]/g, '_')}`), d.text));
  const rows: ThreadsRow[] = [];
  try {
    for (const threads of [0, availableParallelism()]) {
      const t0 = performance.now();
      // a generous budget: the bench measures throughput, not the budget
      const pool = new AnalysisPool({ threads, kb, timeoutMs: 60_000 });
      await pool.ready();
      const startupMs = performance.now() - t0;
      const store = new SqliteStore(join(dir, `threads-${threads}.db`));
      const t = performance.now();
      const p = await ingest(store, [join(dir, 'in')], { pool, kb });
      const ms = performance.now() - t;
      await pool.close();
      await store.close();
      rows.push({ threads, articles: p.stored, ms, startupMs, events: p.events });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
