// Peak memory of `eventwire ingest` as a user runs it: a fresh process reads N bench articles from a
// folder into a fresh SQLite file (default thread count, merging on) and reports its own peak
// resident set size on exit. The bench process's own peak says nothing of it: it holds the whole
// corpus, the API's database and more.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';

export interface IngestRss { articles: number; threads: number; peakRssMb: number; ms: number }

export function ingestRss(docs: { name: string; text: string }[], threads: number[]): IngestRss[] {
  const dir = join(tmpdir(), `eventwire-bench-rss-${process.pid}`);
  mkdirSync(join(dir, 'in'), { recursive: true });
  docs.forEach((d, i) => writeFileSync(join(dir, 'in', `${String(i).padStart(5, '0')}.md`), d.text));
  const cli = join(packageRoot(), 'bin', 'eventwire.js');
  // (the child reports its own peak: process.resourceUsage() at exit, written to a file)
  const reporter = join(dir, 'report-rss.mjs');
  writeFileSync(reporter, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.EW_RSS_OUT, String(process.resourceUsage().maxRSS)));\n`);
  const rows: IngestRss[] = [];
  try {
    for (const t of threads) {
      const out = join(dir, `rss-${t}.txt`);
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', reporter, cli, '--db', join(dir, `rss-${t}.db`), 'ingest', '--quiet', '--threads', String(t), join(dir, 'in')], {
        env: { ...process.env, EW_RSS_OUT: out }, encoding: 'utf8',
      });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`eventwire ingest exited with ${r.status}: ${r.stderr}`);
      rows.push({ articles: docs.length, threads: t, peakRssMb: Number(readFileSync(out, 'utf8')) / 1024, ms });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
