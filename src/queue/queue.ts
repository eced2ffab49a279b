/*
 * A distributed pipeline on pg-boss (a job queue kept in PostgreSQL, in the schema `pgboss` of the
 * same database as the store).
 *
 * Producer (`eventwire ingest --queue`): reads the inputs exactly as `ingest` does (so a bad file is
 * reported at enqueue time, with the same messages) and sends one job per article; the job's data is
 * the read Article record. The job's singletonKey is the article's content hash and the queue uses
 * pg-boss's `short` policy: while a job for some content waits to be taken, queuing the same content
 * again adds nothing (reported as "already queued").
 *
 * Workers (`eventwire worker`): N loops per process sharing batches of fetched jobs, each loop
 * analysing one article at a time and storing it with store.putArticle. putArticle is idempotent by content hash, so a job
 * run twice (a worker killed after storing but before marking the job done, or a job that expired)
 * stores the article once: the second run reports a duplicate. A job that throws is retried by
 * pg-boss (retryLimit, retryDelay, retryBackoff); when retries are used up it stays in the `failed`
 * state with the error message as its output. A job left active by a worker that died is expired
 * after its timeout (expireInSeconds) by pg-boss maintenance, which every worker runs, and retried.
 *
 * Shutdown: stop() stops fetching, finishes the jobs in hand (the rest of a fetched batch included),
 * then closes the queue and the store.
 */
import PgBoss from 'pg-boss';
import type { Article, Message } from '../model/types.js';
import { readInputs } from '../ingest.js';
import { readBuffer, type ReadOptions } from '../read/index.js';
import { AnalysisPool } from '../analysis/pool.js';
import type { Knowledge } from '../knowledge/index.js';
import { PostgresStore, redactUrl } from '../store/postgres.js';
import { StoreError } from '../store/store.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_JOB_SETTINGS, QUEUE_NAME, QUEUE_SCHEMA, isPostgresUrl, type JobSettings } from './settings.js';

export { QUEUE_NAME, QUEUE_SCHEMA, DEFAULT_BATCH_SIZE, DEFAULT_JOB_SETTINGS, isPostgresUrl, type JobSettings };

export interface OpenQueueOptions {
  /** run pg-boss maintenance (expiring lost jobs, archiving) in this process */
  supervise?: boolean;
  maintenanceIntervalSeconds?: number;
  onError?: (err: Error) => void;
}

/** Starts pg-boss on the database (installing its schema when needed) and makes sure the queue exists. */
export async function openQueue(url: string, opts: OpenQueueOptions = {}): Promise<PgBoss> {
  if (!isPostgresUrl(url)) throw new StoreError(`the queue needs a PostgreSQL database (--db postgres://...), not ${url}`);
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    application_name: 'eventwire',
    max: 4,
    supervise: !!opts.supervise,
    schedule: false,
    ...(opts.supervise ? { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 10 } : {}),
  });
  boss.on('error', (e) => opts.onError?.(e));
  try {
    await boss.start();
    await boss.createQueue(QUEUE_NAME, { name: QUEUE_NAME, policy: 'short', ...DEFAULT_JOB_SETTINGS });
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw new StoreError(`cannot open the job queue on ${redactUrl(url)}: ${(err as Error).message}`);
  }
  return boss;
}

// ---------------------------------------------------------------- producer

export interface EnqueueProgress {
  files: number;
  articles: number;
  queued: number;
  /** articles whose content was already waiting in the queue (same content hash) */
  alreadyQueued: number;
  errors: number;
  warnings: number;
}

export interface EnqueueOptions extends ReadOptions, Partial<JobSettings> {
  onMessage?: (m: Message) => void;
  onArticle?: (a: Article, queued: boolean, p: EnqueueProgress) => void;
}

/** Reads every article of every input (as `ingest` does) and queues one job per article. */
export async function enqueue(boss: PgBoss, inputs: string[], opts: EnqueueOptions = {}): Promise<EnqueueProgress> {
  const p: EnqueueProgress = { files: 0, articles: 0, queued: 0, alreadyQueued: 0, errors: 0, warnings: 0 };
  const settings: JobSettings = {
    retryLimit: opts.retryLimit ?? DEFAULT_JOB_SETTINGS.retryLimit,
    retryDelay: opts.retryDelay ?? DEFAULT_JOB_SETTINGS.retryDelay,
    retryBackoff: opts.retryBackoff ?? DEFAULT_JOB_SETTINGS.retryBackoff,
    expireInSeconds: opts.expireInSeconds ?? DEFAULT_JOB_SETTINGS.expireInSeconds,
  };
  for await (const { article } of readInputs(inputs, opts, p, opts.onMessage)) {
    const id = await boss.send(QUEUE_NAME, article as unknown as object, { ...settings, singletonKey: article.contentHash });
    if (id) p.queued++;
    else p.alreadyQueued++;
    opts.onArticle?.(article, !!id, p);
  }
  return p;
}

// ---------------------------------------------------------------- workers

/** Wall-clock milliseconds a worker spent on each part of its work. */
export interface WorkerTimings {
  /** from startWorker() to ready: connections, migrations, and the warm-up analysis */
  startup: number;
  /** analysing articles (CPU in this process) */
  analyse: number;
  /** store.putArticle (one transaction per article) */
  store: number;
  /** pg-boss round trips: fetching batches, completing and failing jobs */
  queue: number;
  /** waiting for jobs while the queue was empty */
  idle: number;
}

export interface WorkerStats {
  /** jobs finished (stored or found already stored) */
  done: number;
  stored: number;
  duplicates: number;
  events: number;
  /** attempts that threw (each is retried by pg-boss until its retries are used up) */
  failedAttempts: number;
  ms: WorkerTimings;
}

export interface WorkerOptions {
  concurrency?: number;
  /** jobs taken from the queue per round trip (default 4) */
  batchSize?: number;
  kb?: Knowledge;
  /**
   * analysis worker threads (default 1: run a worker process per core; its other jobs store and
   * talk to the queue while one is analysed); 0 analyses on this thread with `kb` and no time budget
   */
  threads?: number;
  /** time budget of one article's analysis in milliseconds (default 5000) */
  analysisTimeoutMs?: number;
  /** extra knowledge-base folders for the analysis threads */
  knowledgeDirs?: string[];
  /** seconds between polls of an empty queue */
  pollSeconds?: number;
  maintenanceIntervalSeconds?: number;
  onJob?: (line: string) => void;
  onError?: (line: string) => void;
}

export interface RunningWorker {
  stats: WorkerStats;
  /** Stops fetching, finishes the jobs in hand (those fetched included), then closes the queue and the store. */
  stop(): Promise<WorkerStats>;
}

type ArticleJob = PgBoss.JobWithMetadata<Article>;

function isArticle(x: unknown): x is Article {
  const a = x as Article;
  return !!a && typeof a === 'object' && typeof a.text === 'string' && typeof a.contentHash === 'string' && Array.isArray(a.blocks);
}

function jobLabel(job: ArticleJob): string {
  const a = job.data as Partial<Article> | null;
  const where = a?.origin?.file ? `${a.origin.file}${a.origin.line ? `:${a.origin.line}` : ''}` : a?.url ?? a?.title ?? '';
  return `job ${job.id}${where ? ` (${where})` : ''}`;
}

/**
 * The URL with `synchronous_commit=off` for its connections: a commit returns before its WAL record
 * is flushed (the flush follows within a fraction of a second), which spares a disk flush per
 * transaction, about a fifth of a worker's time in the store.
 *
 * Safe for workers because WAL is flushed in order and a job is completed only after its article's
 * transaction has committed: a server crash may lose the last commits, but never an article whose
 * job stays completed. A job whose completion is lost runs again (the store reports a duplicate or
 * stores the lost article); a lost fetch puts the job back in the queue. Producers keep synchronous
 * commits, so a queued article is never lost.
 */
export function asyncCommitUrl(url: string): string {
  const u = new URL(url);
  const options = u.searchParams.get('options');
  u.searchParams.set('options', `${options ? `${options} ` : ''}-c synchronous_commit=off`);
  return u.toString();
}

/** Starts `concurrency` job loops on the queue of the database at `url`. */
export async function startWorker(url: string, opts: WorkerOptions = {}): Promise<RunningWorker> {
  const t0 = performance.now();
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? DEFAULT_BATCH_SIZE));
  const pollMs = Math.max(50, (opts.pollSeconds ?? 1) * 1000);
  // Connecting overlaps the warm-up (which blocks this thread, not the server's side of the handshake).
  const fast = asyncCommitUrl(url);
  const opening = Promise.allSettled([
    PostgresStore.open(fast),
    openQueue(fast, {
      supervise: true, maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds,
      onError: (e) => opts.onError?.(`queue: ${e.message}`),
    }),
  ]);
  // The threads load the knowledge base and warm up meanwhile, before any job's timeout runs.
  const pool = new AnalysisPool({
    threads: opts.threads ?? 1, timeoutMs: opts.analysisTimeoutMs, kb: opts.kb, knowledgeDirs: opts.knowledgeDirs,
  });
  let warmUpError: unknown;
  try {
    await pool.ready();
  } catch (err) {
    warmUpError = err;
    await pool.close();
  }
  const [storeOpened, bossOpened] = await opening;
  if (warmUpError || storeOpened.status === 'rejected' || bossOpened.status === 'rejected') {
    if (storeOpened.status === 'fulfilled') await storeOpened.value.close();
    if (bossOpened.status === 'fulfilled') await bossOpened.value.stop({ graceful: false, wait: true });
    throw warmUpError ?? (storeOpened.status === 'rejected' ? storeOpened.reason : (bossOpened as PromiseRejectedResult).reason);
  }
  const store = storeOpened.value;
  const boss = bossOpened.value;
  const ms: WorkerTimings = { startup: performance.now() - t0, analyse: 0, store: 0, queue: 0, idle: 0 };
  const stats: WorkerStats = { done: 0, stored: 0, duplicates: 0, events: 0, failedAttempts: 0, ms };
  const timed = async <T>(part: keyof WorkerTimings, p: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await p();
    } finally {
      ms[part] += performance.now() - t;
    }
  };
  let stopping = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(t);
      sleepers.delete(wake);
      resolve();
    };
    const t = setTimeout(wake, ms);
    sleepers.add(wake);
  });

  const runJob = async (job: ArticleJob) => {
    try {
      if (!isArticle(job.data)) throw new Error('the job data is not an article record');
      const article = job.data;
      const t = performance.now();
      // Content already stored (a job run twice) is not analysed again.
      const known = await timed('store', () => store.hasContent(article.contentHash));
      const analysis = known ? null : await pool.analyze(article);
      ms.analyse += performance.now() - t;
      const res = await timed('store', () => store.putArticle(article, analysis));
      const events = res.status === 'duplicate' || !analysis ? 0 : analysis.events.length;
      await timed('queue', () => boss.complete(QUEUE_NAME, job.id, { articleId: res.id, status: res.status, events }));
      stats.done++;
      if (res.status === 'duplicate') stats.duplicates++;
      else stats.stored++;
      stats.events += events;
      opts.onJob?.(`${jobLabel(job)}: article ${res.id} ${res.status}, ${events} event(s)`);
    } catch (err) {
      stats.failedAttempts++;
      const message = (err as Error)?.message ?? String(err);
      const last = job.retryCount >= job.retryLimit;
      opts.onError?.(`${jobLabel(job)}: ${message} (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}${last ? ', giving up' : ', will retry'})`);
      await timed('queue', () => boss.fail(QUEUE_NAME, job.id, { message }))
        .catch((e: Error) => opts.onError?.(`${jobLabel(job)}: cannot record the failure: ${e.message}`));
    }
  };

  // One fetch of up to batchSize jobs feeds all the loops: a round trip per batch instead of per
  // job. Each job is still completed or failed on its own, so retries and the failed state stay per
  // article. Fetched jobs are in hand (active, their timeout running) and are finished even when
  // stopping.
  const inHand: ArticleJob[] = [];
  let fetching: Promise<void> | null = null;
  const refill = () => fetching ??= timed('queue', async () => {
    try {
      inHand.push(...await boss.fetch<Article>(QUEUE_NAME, { batchSize, includeMetadata: true }));
    } catch (err) {
      opts.onError?.(`queue: ${(err as Error).message}`);
    }
  }).finally(() => { fetching = null; });

  const loop = async () => {
    for (;;) {
      if (!inHand.length && !stopping) await refill();
      const job = inHand.shift();
      if (job) {
        await runJob(job);
        continue;
      }
      if (stopping) return;
      await timed('idle', () => sleep(pollMs));
    }
  };
  const loops = Array.from({ length: concurrency }, () => loop());

  let stopped: Promise<WorkerStats> | null = null;
  return {
    stats,
    stop: () => {
      stopped ??= (async () => {
        stopping = true;
        for (const wake of [...sleepers]) wake();
        await Promise.all(loops);
        await pool.close();
        await boss.stop({ graceful: false, wait: true });
        await store.close();
        return stats;
      })();
      return stopped;
    },
  };
}

// ---------------------------------------------------------------- status

export interface QueueFailure {
  id: string;
  article: string;
  error: string;
  failedOn: string | null;
  attempts: number;
}

export interface QueueStatus {
  queued: number;
  retry: number;
  active: number;
  completed: number;
  cancelled: number;
  failed: number;
  failures: QueueFailure[];
}

/** Job counts by state (archived jobs included) and the last `limit` failures. */
export async function queueStatus(boss: PgBoss, limit = 5): Promise<QueueStatus> {
  const db = boss.getDb();
  const counts = await db.executeSql(
    `SELECT state::text AS state, count(*)::int AS n FROM (
       SELECT state FROM ${QUEUE_SCHEMA}.job WHERE name = $1
       UNION ALL SELECT state FROM ${QUEUE_SCHEMA}.archive WHERE name = $1) j
     GROUP BY state`, [QUEUE_NAME]);
  const n = (state: string) => Number(counts.rows.find((r) => r.state === state)?.n ?? 0);
  const fails = await db.executeSql(
    `SELECT id, data->>'title' AS title, data->>'url' AS url, data->'origin'->>'file' AS file, output, completed_on, retry_count
     FROM (SELECT id, data, output, completed_on, retry_count FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'failed'
           UNION ALL
           SELECT id, data, output, completed_on, retry_count FROM ${QUEUE_SCHEMA}.archive WHERE name = $1 AND state = 'failed') f
     ORDER BY completed_on DESC NULLS LAST LIMIT $2`, [QUEUE_NAME, limit]);
  return {
    queued: n('created'), retry: n('retry'), active: n('active'), completed: n('completed'), cancelled: n('cancelled'), failed: n('failed'),
    failures: fails.rows.map((r) => ({
      id: r.id,
      article: r.file ?? r.url ?? r.title ?? '',
      error: (r.output?.message ?? r.output?.value?.message ?? JSON.stringify(r.output)) as string,
      failedOn: r.completed_on ? new Date(r.completed_on).toISOString() : null,
      attempts: Number(r.retry_count) + 1,
    })),
  };
}

export interface RetryResult {
  /** failed jobs put back in the queue */
  retried: number;
  /** failures already moved to pg-boss's archive (older than its archive delay), not retried */
  archived: number;
}

/**
 * Gives failed jobs (all, or those with the given ids) one more attempt each, keeping their data and
 * history; a worker takes them like any queued job. Failures pg-boss has archived are only counted:
 * their articles are queued again by re-running `ingest --queue` on the inputs (stored ones are then
 * reported as duplicates).
 */
export async function retryFailed(boss: PgBoss, ids: string[] = []): Promise<RetryResult> {
  const db = boss.getDb();
  const failed = ids.length ? ids : (await db.executeSql(
    `SELECT id FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'failed'`, [QUEUE_NAME])).rows.map((r) => r.id as string);
  // pg-boss 10's typings declare void; it resolves to { jobs, requested, affected }.
  const retried = failed.length ? ((await boss.retry(QUEUE_NAME, failed)) as unknown as { affected: number }).affected : 0;
  const archived = Number((await db.executeSql(
    `SELECT count(*)::int AS n FROM ${QUEUE_SCHEMA}.archive WHERE name = $1 AND state = 'failed'`, [QUEUE_NAME])).rows[0].n);
  return { retried, archived };
}
