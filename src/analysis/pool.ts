// Analysis off the main thread: a pool of worker threads, each with its own knowledge base and
// language model, so the event loop of `serve`, `ingest` and `worker` stays free while articles are
// analysed, and ingest uses every core. Each article has a time budget: when it runs out, the
// thread is terminated (not left running) and replaced, and the article gets an analysis with no
// findings and an `analysis-timeout` error, so the caller stores it and goes on.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article, Message } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { PIPELINE_VERSION } from '../pipeline/version.js';
import type { Analysis } from '../store/store.js';
import type { FromWorker, ToWorker, WorkerSetup } from './serve.js';
import { syntaxRuntime, type SyntaxRuntime } from '../syntax/model-io.js';
import { sharedCityIndex, type SharedCityIndex } from '../knowledge/city-index.js';

export const DEFAULT_ANALYSIS_TIMEOUT_MS = 5000;

/**
 * The heap of each analysis thread. V8 sizes a thread's heap as it would a whole process's: 32 MB of
 * young generation, and an old generation let grow far past what is live before it is collected,
 * which for a thread that holds some 50 MB of data came to 100-120 MB each. A smaller young
 * generation and a ceiling on the old one (V8 lets a heap with a lower ceiling grow less past its
 * live data) keep each thread near 75 MB (ingest --threads 2 on the bench corpus: peak RSS 433-447
 * -> 342-356 MB, the same CPU time). The young generation's halves are 4 MB: both are resident once
 * used, and 8 MB halves kept each thread 8 MB larger to save some 3% of its CPU time (400 bench
 * articles on one thread, within the noise of a shared machine).
 * An article whose analysis would need more than the ceiling ends its thread and is stored with an
 * analysis-failed error, as after any crash.
 */
export const ANALYSIS_HEAP = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 512 };

export interface PoolOptions {
  /** worker threads (default: the number of cores); 0 analyses on the calling thread, without a time budget */
  threads?: number;
  /** the time budget of one article's analysis in milliseconds (default 5000) */
  timeoutMs?: number;
  /** extra knowledge-base folders, loaded by each thread */
  knowledgeDirs?: string[];
  /** the knowledge base for `threads: 0` */
  kb?: Knowledge;
  /** the worker script (default ./worker.js); tests give their own */
  workerUrl?: URL;
  /** each thread's heap limits (default ANALYSIS_HEAP) */
  heap?: { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number };
}

/** What the pool has done, for reports and tests. */
export interface PoolStats { analysed: number; timedOut: number; crashed: number; threadsStarted: number }

/** An analysis with no findings and one error message: what an article gets when its analysis failed. */
export function failedAnalysis(code: string, message: string): Analysis {
  const m: Message = { level: 'error', code, message };
  return { pipelineVersion: PIPELINE_VERSION, entities: [], mentions: [], places: [], times: [], figures: [], events: [], messages: [m] };
}

interface Task { id: number; article: Article; resolve: (a: Analysis) => void; reject: (e: Error) => void }
interface Thread { worker: Worker; ready: boolean; task: Task | null; timer: NodeJS.Timeout | null }

export class AnalysisPool {
  readonly threads: number;
  readonly timeoutMs: number;
  readonly stats: PoolStats = { analysed: 0, timedOut: 0, crashed: 0, threadsStarted: 0 };
  private pool: Thread[] = [];
  private waiting: Task[] = [];
  private nextId = 1;
  private failure: Error | null = null;
  private closed = false;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private syntax: SyntaxRuntime | null | undefined;
  private cities: SharedCityIndex | null | undefined;
  /**
   * The analysis on this thread, imported only for `threads: 0`: with threads, the pipeline's code
   * (some 10 MB of this thread's heap and 15 MB of the process's memory) is the threads' alone.
   */
  private readonly local: Promise<typeof import('./bounds.js')> | null;

  constructor(private readonly opts: PoolOptions = {}) {
    this.threads = Math.max(0, Math.floor(opts.threads ?? availableParallelism()));
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS;
    this.local = this.threads === 0 ? import('./bounds.js') : null;
  }

  /**
   * Starts every thread now (they start on demand otherwise: one article needs one thread) and
   * resolves when each has loaded its knowledge and warmed up; rejects when one cannot start.
   */
  ready(): Promise<void> {
    while (!this.closed && !this.failure && this.pool.length < this.threads) this.spawn();
    if (this.failure) return Promise.reject(this.failure);
    if (this.pool.every((t) => t.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** The article's analysis; never rejects for a slow or crashing article (see failedAnalysis). */
  analyze(article: Article): Promise<Analysis> {
    if (this.local) return this.local.then(({ analyzeBounded }) => analyzeBounded(article, this.opts.kb));
    if (this.closed) return Promise.reject(new Error('the analysis pool is closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, article, resolve, reject });
      // a new thread only when those idle or still starting cannot take what waits
      const free = this.pool.filter((t) => !t.task).length;
      if (this.waiting.length > free && this.pool.length < this.threads) this.spawn();
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = this.pool;
    this.pool = [];
    for (const t of this.waiting.splice(0)) t.reject(new Error('the analysis pool was closed'));
    await Promise.all(threads.map((t) => {
      if (t.timer) clearTimeout(t.timer);
      t.task?.reject(new Error('the analysis pool was closed'));
      return t.worker.terminate();
    }));
  }

  private spawn(): void {
    // The parser's tables are read once and shared by every thread; a model that cannot be read
    // is left to each thread's parse stage, which reports it as that stage's error.
    if (this.syntax === undefined) {
      try {
        this.syntax = syntaxRuntime();
      } catch {
        this.syntax = null;
      }
    }
    // So are the gazetteer's city index bytes (an index that cannot be read is each thread's to report).
    if (this.cities === undefined) this.cities = sharedCityIndex();
    const worker = new Worker(this.opts.workerUrl ?? new URL('./worker.js', import.meta.url), {
      workerData: { knowledgeDirs: this.opts.knowledgeDirs ?? [], syntax: this.syntax ?? undefined, cities: this.cities ?? undefined } satisfies WorkerSetup,
      resourceLimits: this.opts.heap ?? ANALYSIS_HEAP,
    });
    const t: Thread = { worker, ready: false, task: null, timer: null };
    this.stats.threadsStarted++;
    this.pool.push(t);
    worker.on('message', (m: FromWorker) => this.onMessage(t, m));
    worker.on('error', (err) => this.onExit(t, err));
    worker.on('exit', (code) => this.onExit(t, new Error(`analysis thread exited with code ${code}`)));
  }

  private onMessage(t: Thread, m: FromWorker): void {
    if ('ready' in m) {
      t.ready = true;
      if (this.pool.every((x) => x.ready)) for (const w of this.readyWaiters.splice(0)) w.resolve();
      this.dispatch();
      return;
    }
    const task = t.task;
    if (!task || task.id !== m.id) return;
    this.finish(t);
    this.stats.analysed++;
    task.resolve('error' in m ? failedAnalysis('analysis-failed', `analysis failed: ${m.error}`) : m.analysis);
    this.dispatch();
  }

  /** A thread that died: its article fails, and a new thread takes its place (unless it never started). */
  private onExit(t: Thread, err: Error): void {
    if (!this.pool.includes(t)) return;
    this.pool = this.pool.filter((x) => x !== t);
    const task = t.task;
    this.finish(t);
    if (!t.ready && !task) {
      // It died starting up: the pool cannot work (a knowledge folder that does not load, ...).
      this.failure = new Error(`an analysis thread could not start: ${err.message}`);
      for (const w of this.readyWaiters.splice(0)) w.reject(this.failure);
      for (const x of this.waiting.splice(0)) x.reject(this.failure);
      return;
    }
    if (task) {
      this.stats.crashed++;
      task.resolve(failedAnalysis('analysis-failed', `analysis failed: ${err.message}`));
    }
    if (!this.closed && this.waiting.length) this.spawn();
  }

  private finish(t: Thread): void {
    if (t.timer) clearTimeout(t.timer);
    t.timer = null;
    t.task = null;
  }

  private dispatch(): void {
    for (const t of this.pool) {
      if (!this.waiting.length) return;
      if (!t.ready || t.task) continue;
      const task = this.waiting.shift()!;
      t.task = task;
      t.timer = setTimeout(() => this.timeout(t, task), this.timeoutMs);
      t.worker.postMessage({ id: task.id, article: task.article } satisfies ToWorker);
    }
  }

  private timeout(t: Thread, task: Task): void {
    if (t.task !== task) return;
    this.pool = this.pool.filter((x) => x !== t);
    this.finish(t);
    this.stats.timedOut++;
    void t.worker.terminate();
    task.resolve(failedAnalysis('analysis-timeout',
      `analysis stopped after ${(this.timeoutMs / 1000).toFixed(1)} s, the time budget of one article (--analysis-timeout); stored without findings`));
    if (!this.closed && this.waiting.length) this.spawn();
  }
}
