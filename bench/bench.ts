// `npm run bench`: one table of throughput and memory figures from one run on this machine.
// Every figure is also given as a ratio to a plain wink-nlp tokenisation pass over the same corpus
// (the floor), so runs compare across noisy machines. Results go to bench/results/latest.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Knowledge } from '../src/knowledge/index.js';
import { getNlp } from '../src/pipeline/segment.js';
import { analyze, toAnalysis, STAGES } from '../src/pipeline/index.js';
import { readBuffer } from '../src/read/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Article } from '../src/model/types.js';
import { packageRoot } from '../src/paths.js';
import { apiBench } from './api.js';
import { benchWorkers } from './workers.js';
import { benchMerge } from './merge.js';
import { benchThreads } from './threads.js';
import { ingestRss } from './ingest-rss.js';
import { corpus } from './corpus.js';
import { MergeBatcher } from '../src/ingest.js';

const N = Number(process.env.BENCH_ARTICLES ?? 2000);

interface Row {
  what: string;
  articlesPerSec?: number;
  tokensPerSec?: number;
  ms?: number;
  ratio?: number;
  note?: string;
}

function fmt(n: number | undefined, digits = 0): string {
  return n === undefined ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const t0 = performance.now();
  const kb = Knowledge.load();
  const kbMs = performance.now() - t0;
  const docs = corpus(N);
  const articles: Article[] = docs.map((d) => readBuffer(Buffer.from(d.text), d.name).articles[0]).filter(Boolean);
  const chars = articles.reduce((a, x) => a + x.text.length, 0);

  // Warm up every stage (lazy loads: gazetteer, chrono, the wink model) before timing.
  for (const a of articles.slice(0, 20)) analyze(a, { kb });

  // The floor: wink-nlp tokenisation of the same texts.
  const nlp = getNlp();
  let tokens = 0;
  let t = performance.now();
  for (const a of articles) tokens += nlp.readDoc(a.text).tokens().length();
  const floorMs = performance.now() - t;
  const floorRate = articles.length / (floorMs / 1000);
  rows.push({ what: 'wink-nlp tokenisation (floor)', articlesPerSec: floorRate, tokensPerSec: tokens / (floorMs / 1000), ms: floorMs, ratio: 1 });

  // The whole pipeline with per-stage timings.
  const timings = new Map<string, number>();
  let events = 0;
  t = performance.now();
  for (const a of articles) events += analyze(a, { kb, timings }).events.length;
  const pipeMs = performance.now() - t;
  for (const stage of STAGES) {
    const ms = timings.get(stage.name) ?? 0;
    rows.push({ what: `stage: ${stage.name}`, articlesPerSec: articles.length / (ms / 1000), tokensPerSec: tokens / (ms / 1000), ms, ratio: ms / floorMs });
  }
  const analysisMs = (['actors', 'places', 'times', 'figures'] as const).reduce((s, n) => s + (timings.get(n) ?? 0), timings.get('segment') ?? 0);
  rows.push({ what: 'who/where/when stages (segment..figures)', articlesPerSec: articles.length / (analysisMs / 1000), tokensPerSec: tokens / (analysisMs / 1000), ms: analysisMs, ratio: analysisMs / floorMs });
  rows.push({ what: 'whole pipeline', articlesPerSec: articles.length / (pipeMs / 1000), tokensPerSec: tokens / (pipeMs / 1000), ms: pipeMs, ratio: pipeMs / floorMs, note: `${events} events` });

  // Ingest into SQLite: read + store (text only), and read + analyse + store.
  const dir = join(tmpdir(), `eventwire-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // As `eventwire ingest` stores: stories and merges decided in batches.
  for (const [label, analyse] of [['ingest into SQLite, text only (read + store)', false], ['ingest into SQLite with analysis (read + analyse + store)', true]] as const) {
    const store = new SqliteStore(join(dir, `bench-${analyse}.db`));
    const batch = new MergeBatcher(store);
    t = performance.now();
    for (const d of docs) {
      const a = readBuffer(Buffer.from(d.text), d.name).articles[0];
      if (!a) continue;
      await batch.put(a, analyse ? toAnalysis(analyze(a, { kb })) : null);
    }
    await batch.flush();
    const ms = performance.now() - t;
    await store.close();
    rows.push({ what: label, articlesPerSec: docs.length / (ms / 1000), ms, ratio: ms / floorMs });
  }
  rmSync(dir, { recursive: true, force: true });

  // eventwire ingest: analysis on the main thread against worker threads on every core (bench/threads.ts).
  if (process.env.BENCH_THREADS !== '0') {
    const t = await benchThreads(docs.slice(0, Number(process.env.BENCH_THREADS_ARTICLES ?? 600)), kb);
    const one = t[0];
    for (const r of t) {
      rows.push({
        what: r.threads ? `eventwire ingest, ${r.threads} analysis worker threads` : 'eventwire ingest, analysis on the main thread',
        articlesPerSec: r.articles / (r.ms / 1000), ms: r.ms,
        note: `${r.articles} articles, ${fmt(r.events)} events${r.threads ? `; ${(one.ms / r.ms).toFixed(2)}x one thread; threads' start-up ${fmt(r.startupMs)} ms` : ''}`,
      });
    }
  }

  // Peak memory of `eventwire ingest` in a process of its own (bench/ingest-rss.ts).
  if (process.env.BENCH_RSS !== '0') {
    for (const r of ingestRss(docs.slice(0, Number(process.env.BENCH_RSS_ARTICLES ?? 400)), [0, 2])) {
      rows.push({ what: `eventwire ingest peak RSS, ${r.threads ? `${r.threads} analysis threads` : 'main thread'}`, articlesPerSec: r.articles / (r.ms / 1000), ms: r.ms, note: `${fmt(r.peakRssMb)} MB; ${r.articles} articles, a process of its own` });
    }
  }

  // Merging across articles on at least 50,000 events (bench/merge.ts).
  if (process.env.BENCH_MERGE !== '0') {
    const m = await benchMerge(corpus(Number(process.env.BENCH_MERGE_ARTICLES ?? 6000)), kb);
    const slow = (1 - m.ingestOn / m.ingestOff) * 100;
    rows.push({ what: 'ingest, merging off (analyse + store)', articlesPerSec: m.ingestOff, ms: m.analysisMs + m.storeOffMs, note: `${fmt(m.articles)} articles, ${fmt(m.events)} events; store alone ${fmt(m.storeOffMs)} ms` });
    rows.push({
      what: 'ingest, merging on (eventwire ingest: in batches)', articlesPerSec: m.ingestOn, ms: m.analysisMs + m.storeOnMs,
      note: `${slow.toFixed(1)}% slower; store alone ${fmt(m.storeOnMs)} ms (+${((m.storeOnMs / m.storeOffMs - 1) * 100).toFixed(0)}%); ` +
        `${fmt(m.merged)} merged events, ${fmt(m.multi)} with several reports (largest ${fmt(m.largest)}), ${fmt(m.stories)} stories`,
    });
    rows.push({
      what: 'ingest, merging in each article (API, workers, watch)', articlesPerSec: m.ingestInline, ms: m.analysisMs + m.storeInlineMs,
      note: `${((1 - m.ingestInline / m.ingestOff) * 100).toFixed(1)}% slower; store alone ${fmt(m.storeInlineMs)} ms (+${((m.storeInlineMs / m.storeOffMs - 1) * 100).toFixed(0)}%)`,
    });
    rows.push({ what: 'merge catch-up after ingest --no-merge', articlesPerSec: m.articles / (m.catchUpMs / 1000), ms: m.catchUpMs });
  }

  // The API under load: GET /api/events on a SQLite database of 100,000 events (bench/api.ts).
  (globalThis as { gc?: () => void }).gc?.(); // the pipeline's garbage is not the API's latency
  const api = await apiBench({ articles: Number(process.env.BENCH_API_ARTICLES ?? 10_000) });
  const apiNote = `${fmt(api.events)} events, ${api.requests} requests x ${api.concurrency}: ${fmt(api.requestsPerSec)} req/s, p50 ${fmt(api.p50Ms, 1)} ms, p99 ${fmt(api.p99Ms, 1)} ms`;
  rows.push({ what: 'API GET /api/events (filters, cursor pages)', ms: api.ms, note: apiNote });

  // PostgreSQL workers (separate processes) on one queued batch of 240 of the same articles.
  if (process.env.BENCH_WORKERS !== '0') {
    const w = await benchWorkers(docs.slice(0, 240).map((d) => d.text));
    if ('skipped' in w) rows.push({ what: 'PostgreSQL workers', note: `skipped: ${w.skipped}` });
    else for (const r of w.rows) {
      rows.push({
        what: `PostgreSQL queue, ${r.workers} worker process(es) x ${r.concurrency}`, articlesPerSec: r.articlesPerSec, ms: r.ms,
        note: `${r.articles} articles; start-up ${fmt(r.startupMs)} ms, ${fmt(r.totalArticlesPerSec, 1)}/s with it; worker s: ` +
          Object.entries(r.spent).map(([k, v]) => `${k} ${fmt(v, 1)}`).join(', '),
      });
    }
  }

  const rssMb = process.resourceUsage().maxRSS / 1024;
  const w = [58, 12, 14, 10, 9];
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join(' ');
  console.log(`eventwire bench: ${articles.length} articles, ${fmt(tokens)} tokens, ${fmt(chars)} characters; node ${process.version}`);
  console.log(line(['what', 'articles/s', 'tokens/s', 'ms', 'x floor']));
  for (const r of rows) console.log(line([r.what, fmt(r.articlesPerSec), fmt(r.tokensPerSec), fmt(r.ms), fmt(r.ratio, 2)]) + (r.note ? `  (${r.note})` : ''));
  console.log(`knowledge base load: ${fmt(kbMs)} ms (${kb.people.size} people, ${kb.organisations.size} organisations, ${kb.countries.size} countries, ${kb.triggers.length} triggers)`);
  console.log(`API: ${apiNote} (database built in ${fmt(api.buildMs)} ms); per query, p50/p99 ms: ` +
    Object.entries(api.byVariant).map(([k, v]) => `${k} ${fmt(v.p50Ms, 1)}/${fmt(v.p99Ms, 1)}`).join(', '));
  console.log(`peak RSS: ${fmt(rssMb)} MB`);
  const outDir = join(packageRoot(), 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, articles: articles.length, tokens, chars, kbLoadMs: kbMs, peakRssMb: rssMb, rows, api }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
