import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Article, Message } from './model/types.js';
import { readBuffer, readFile, type ReadOptions } from './read/index.js';
import { AnalysisPool } from './analysis/pool.js';
import type { Knowledge } from './knowledge/index.js';
import type { Analysis, PutResult, PutStatus, Store } from './store/store.js';

export interface IngestProgress {
  files: number;
  articles: number;
  stored: number;
  duplicates: number;
  revisions: number;
  errors: number;
  warnings: number;
  events: number;
}

export interface IngestOptions extends ReadOptions {
  kb?: Knowledge;
  /**
   * analysis worker threads (default 0: on this thread, with no time budget); with threads, each
   * article's analysis has `analysisTimeoutMs` (default 5000) and the pool is closed at the end
   */
  threads?: number;
  analysisTimeoutMs?: number;
  /** extra knowledge-base folders for the worker threads (`kb` is for analysis on this thread) */
  knowledgeDirs?: string[];
  /** a pool of the caller's to analyse with (left open), instead of one made from the options above */
  pool?: AnalysisPool;
  /** skip the analysis stages (store text only) */
  noAnalyze?: boolean;
  onMessage?: (m: Message) => void;
  onArticle?: (a: Article, status: PutStatus, p: IngestProgress) => void;
  /** stories and merges are decided every this many stored articles (default 500) */
  mergeEvery?: number;
}

const INPUT_EXT = /\.(md|markdown|html?|xml|rss|atom|jsonl|ndjson|txt|text)$/i;

/** Expands files, folders (recursively, known extensions) and simple globs into file paths. */
export function expandInputs(inputs: string[]): { files: string[]; messages: Message[] } {
  const files: string[] = [];
  const messages: Message[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (INPUT_EXT.test(name)) files.push(p);
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    if (/[*?]/.test(input)) {
      const dir = input.includes('/') ? input.slice(0, input.lastIndexOf('/')) : '.';
      const pat = input.slice(input.lastIndexOf('/') + 1);
      const re = new RegExp('^' + pat.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
      try {
        const hits = readdirSync(dir).filter((n) => re.test(n)).sort().map((n) => join(dir, n));
        if (!hits.length) messages.push({ level: 'error', code: 'no-match', message: `${input}: no file matches`, file: input });
        files.push(...hits);
      } catch {
        messages.push({ level: 'error', code: 'not-found', message: `${input}: folder not found`, file: input });
      }
      continue;
    }
    try {
      const st = statSync(input);
      if (st.isDirectory()) walk(input);
      else files.push(input);
    } catch {
      messages.push({ level: 'error', code: 'not-found', message: `${input}: no such file or folder`, file: input });
    }
  }
  return { files: files.map((f) => (f === '-' ? f : resolve(f))), messages };
}

/** Standard input, read whole. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** What reading the inputs has counted so far; every caller's progress record has these fields. */
export interface ReadCounts {
  files: number;
  articles: number;
  errors: number;
  warnings: number;
}

/**
 * Every article of every input (files, folders, globs, "-" for standard input), in order. Every
 * message about the inputs, the files and the articles goes to `onMessage` and is counted in
 * `counts`; a file that cannot be read is reported and skipped.
 */
export async function* readInputs(
  inputs: string[], opts: ReadOptions, counts: ReadCounts, onMessage?: (m: Message) => void,
): AsyncGenerator<{ file: string; article: Article }> {
  const report = (m: Message) => {
    if (m.level === 'error') counts.errors++;
    else if (m.level === 'warning') counts.warnings++;
    onMessage?.(m);
  };
  const { files, messages } = expandInputs(inputs);
  messages.forEach(report);
  for (const file of files) {
    counts.files++;
    let result;
    try {
      result = file === '-' ? readBuffer(await readStdin(), '<stdin>', opts) : await readFile(file, opts);
    } catch (err) {
      report({ level: 'error', code: 'read-failed', message: `${file}: ${(err as Error).message}`, file });
      continue;
    }
    // The file's messages already hold every article's own messages, each once.
    result.messages.forEach(report);
    for (const article of result.articles) {
      counts.articles++;
      yield { file, article };
    }
  }
}

/**
 * Stories and merges for a bulk load, decided every `every` stored articles (and at the end) in one
 * transaction, rather than one article at a time: the same result (the articles are merged in the
 * order they were stored), at a fraction of the cost of a merge per article's transaction. Articles
 * stored but not yet merged when a load stops are merged by the next load or `eventwire merge`.
 */
export class MergeBatcher {
  private pending = 0;
  constructor(private readonly store: Store, private readonly every = 500) {}

  /** Stores one article, its merging left for the batch. */
  async put(article: Article, analysis: Analysis | null): Promise<PutResult> {
    const res = await this.store.putArticle(article, analysis, { merge: false });
    if (res.status !== 'duplicate' && ++this.pending >= this.every) await this.flush();
    return res;
  }

  /** Merges what was stored since the last batch. */
  async flush(): Promise<void> {
    this.pending = 0;
    if (this.store.merging) await this.store.mergePending();
  }
}

/**
 * Reads, analyses and stores every article of every input. Each article is stored in its own
 * transaction; a bad file or article is reported and skipped, never stopping the batch. With a
 * merging store, stories and merges are decided in batches (MergeBatcher).
 */
export async function ingest(store: Store, inputs: string[], opts: IngestOptions = {}): Promise<IngestProgress> {
  const p: IngestProgress = { files: 0, articles: 0, stored: 0, duplicates: 0, revisions: 0, errors: 0, warnings: 0, events: 0 };
  const report = (m: Message) => {
    if (m.level === 'error') p.errors++;
    else if (m.level === 'warning') p.warnings++;
    opts.onMessage?.(m);
  };
  const pool = opts.noAnalyze ? null
    : opts.pool ?? new AnalysisPool({ threads: opts.threads ?? 0, timeoutMs: opts.analysisTimeoutMs, kb: opts.kb, knowledgeDirs: opts.knowledgeDirs });
  const batch = new MergeBatcher(store, opts.mergeEvery);
  // Articles are analysed ahead (two per thread) and stored in input order, so the result, merges
  // included, is the same whatever the number of threads.
  const window = Math.max(1, (pool?.threads ?? 0) * 2);
  const inFlight: { file: string; article: Article; analysis: Promise<Analysis | null> }[] = [];
  const settle = async ({ file, article, analysis }: (typeof inFlight)[number]) => {
    try {
      const a = await analysis;
      a?.messages.forEach((m) => report({ ...m, file: m.file ?? article.origin.file ?? file }));
      const res = await batch.put(article, a);
      if (res.status === 'duplicate') p.duplicates++;
      else {
        p.stored++;
        if (res.status === 'revision') p.revisions++;
        p.events += a?.events.length ?? 0;
      }
      opts.onArticle?.(article, res.status, p);
    } catch (err) {
      report({ level: 'error', code: 'store-failed', message: `${file}${article.origin.line ? `:${article.origin.line}` : ''}: ${(err as Error).message}`, file });
    }
  };
  try {
    // What an earlier load left unmerged joins first, in the order it was stored.
    await batch.flush();
    for await (const { file, article } of readInputs(inputs, opts, p, opts.onMessage)) {
      // Content already stored (a re-run after a crash, the same file again) is not analysed again:
      // storing it only records the duplicate, or the copy at another URL.
      const known = pool && (await store.hasContent(article.contentHash));
      const analysis = !pool || known ? Promise.resolve(null) : pool.analyze(article);
      analysis.catch(() => {});
      inFlight.push({ file, article, analysis });
      while (inFlight.length >= window) await settle(inFlight.shift()!);
    }
    while (inFlight.length) await settle(inFlight.shift()!);
    // Every analysis is in: the threads' heaps are let go before the last batch's merge builds its own.
    if (pool && !opts.pool) await pool.close();
    await batch.flush();
  } finally {
    if (pool && !opts.pool) await pool.close();
  }
  return p;
}
