// The server's time for GET /api/network at 10,000 merged events, cold (a store opened anew for each
// run, so that no cached aggregate answers), as the desk's first view asks for it and with filters.
// Uses the desk benchmark's database (bench/desk.ts), built if missing. `node dist/bench/network.js
// [runs] [db path]`: prints the median and every run's time per query.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { buildEventDb } from './api.js';

const QUERIES = [
  '/api/network?view=merged&top=50&edgeEvents=0',
  '/api/network?view=reports&top=50&edgeEvents=0',
  '/api/network?view=merged&top=10&edgeEvents=0&type=ASSAULT',
  '/api/network?view=merged',
];
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function main(runs: number, path: string): Promise<void> {
  if (!existsSync(path)) await (await buildEventDb(path, 2000, 5)).close();
  const times: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const url of QUERIES) {
      const store = new SqliteStore(path);
      const app = buildServer({ store });
      await app.ready();
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url });
      (times[url] ??= []).push(Math.round(performance.now() - t0));
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      await app.close();
      await store.close();
    }
  }
  const store = new SqliteStore(path);
  console.log(`${await store.countMerged({})} merged events, ${await store.countEvents({})} reports; median of ${runs} cold runs (ms)`);
  await store.close();
  for (const [url, v] of Object.entries(times)) console.log(`  ${url.padEnd(62)} ${median(v)}   [${v.join(', ')}]`);
}

main(Number(process.argv[2] ?? 7), process.argv[3] ?? join(tmpdir(), 'eventwire-desk-10k.db')).catch((e) => { console.error(e); process.exitCode = 1; });
