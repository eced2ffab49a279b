// The cost of merging across articles: the same analysed corpus stored with merging off, with
// merging as `eventwire ingest` does it (in batches, MergeBatcher), and with merging in every
// article's own transaction (as the API, workers and watch do); and the catch-up of a store filled
// with merging off. Analysis runs once and is timed apart, so the ingest figures are analysis plus
// each store pass; the store-only differences are shown as well (the harsher figures).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Knowledge } from '../src/knowledge/index.js';
import type { Article } from '../src/model/types.js';
import { analyze, toAnalysis } from '../src/pipeline/index.js';
import { readBuffer } from '../src/read/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { MergeBatcher } from '../src/ingest.js';
import type { Analysis } from '../src/store/store.js';

export interface MergeBench {
  articles: number;
  events: number;
  analysisMs: number;
  storeOffMs: number;
  /** merging in batches (eventwire ingest), and in each article's transaction */
  storeOnMs: number;
  storeInlineMs: number;
  catchUpMs: number;
  merged: number;
  /** merged events with more than one report, and the largest number of reports in one */
  multi: number;
  largest: number;
  stories: number;
  /** articles/s of analyse + store: merging off, in batches, in each article's transaction */
  ingestOff: number;
  ingestOn: number;
  ingestInline: number;
}

export async function benchMerge(docs: { name: string; text: string }[], kb: Knowledge): Promise<MergeBench> {
  const articles: Article[] = docs.map((d) => readBuffer(Buffer.from(d.text), d.name).articles[0]).filter(Boolean);
  let t = performance.now();
  const analyses: Analysis[] = articles.map((a) => toAnalysis(analyze(a, { kb })));
  const analysisMs = performance.now() - t;
  const events = analyses.reduce((n, a) => n + a.events.length, 0);
  const dir = join(tmpdir(), `eventwire-merge-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const pass = async (mode: 'off' | 'batched' | 'inline') => {
      const store = new SqliteStore(join(dir, `merge-${mode}.db`), { merge: mode !== 'off' });
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      if (mode === 'batched') {
        const batch = new MergeBatcher(store);
        for (let i = 0; i < articles.length; i++) await batch.put(articles[i], analyses[i]);
        await batch.flush();
      } else {
        for (let i = 0; i < articles.length; i++) await store.putArticle(articles[i], analyses[i]);
      }
      return { store, ms: performance.now() - t0 };
    };
    const off = await pass('off');
    const on = await pass('batched');
    const inline = await pass('inline');
    await inline.store.close();
    t = performance.now();
    await off.store.mergePending();
    const catchUpMs = performance.now() - t;
    const all = await on.store.listMerged({ limit: -1 });
    const stories = new Set((await on.store.listArticles({ limit: -1 })).map((a) => a.storyId)).size;
    await off.store.close();
    await on.store.close();
    const n = articles.length;
    return {
      articles: n, events, analysisMs, storeOffMs: off.ms, storeOnMs: on.ms, storeInlineMs: inline.ms, catchUpMs, merged: all.length,
      multi: all.filter((m) => m.counts.reports > 1).length, largest: Math.max(0, ...all.map((m) => m.counts.reports)), stories,
      ingestOff: n / ((analysisMs + off.ms) / 1000), ingestOn: n / ((analysisMs + on.ms) / 1000),
      ingestInline: n / ((analysisMs + inline.ms) / 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
