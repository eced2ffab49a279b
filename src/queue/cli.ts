// The queue's CLI commands: `ingest --queue` (its action), `worker` and `queue status`.
import type { Command } from 'commander';
import type { Message } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_JOB_SETTINGS, isPostgresUrl } from './settings.js';

// pg-boss and the pg driver are loaded only by the commands that use them.
const queueModule = () => import('./queue.js');

export interface QueueCliContext {
  out: (s: string) => void;
  err: (s: string) => void;
  formatMessage: (m: Message) => string;
  dbPath: (o: { db?: string }) => string;
  redact: (db: string) => string;
  merged: (o: Record<string, any>) => Record<string, any>;
  common: (cmd: Command) => Command;
  kb: (o: { knowledge?: string }) => Knowledge;
}

const seconds = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number of seconds: ${v}`);
  return n;
};

/** Adds the options of `ingest --queue` to the ingest command. */
export function addQueueIngestOptions(cmd: Command): Command {
  return cmd
    .option('--queue', 'queue the articles for `eventwire worker` instead of analysing them here (PostgreSQL --db)')
    .option('--retries <n>', 'with --queue: retries of a failing job', (v) => Math.floor(seconds(v)), DEFAULT_JOB_SETTINGS.retryLimit)
    .option('--retry-delay <s>', 'with --queue: seconds before the first retry (doubled at each retry)', seconds, DEFAULT_JOB_SETTINGS.retryDelay)
    .option('--job-timeout <s>', 'with --queue: a job not finished within this time (a worker died) is retried', seconds, DEFAULT_JOB_SETTINGS.expireInSeconds);
}

/** `ingest --queue`: reads the inputs and queues one job per article. */
export async function queueIngest(ctx: QueueCliContext, inputs: string[], opts: Record<string, any>): Promise<void> {
  const db = ctx.dbPath(opts);
  if (!isPostgresUrl(db)) {
    ctx.err('eventwire ingest --queue: the queue lives in PostgreSQL; give --db postgres://... (or $EVENTWIRE_DB)');
    process.exitCode = 2;
    return;
  }
  const { enqueue, openQueue } = await queueModule();
  const t0 = performance.now();
  const boss = await openQueue(db, { onError: (e) => ctx.err(`queue: ${e.message}`) });
  let p;
  try {
    p = await enqueue(boss, inputs, {
      published: opts.published, url: opts.url, maxBytes: opts.maxBytes,
      retryLimit: opts.retries, retryDelay: opts.retryDelay, expireInSeconds: Math.max(1, Math.round(opts.jobTimeout)),
      onMessage: (m) => ctx.err(ctx.formatMessage(m)),
    });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const secs = (performance.now() - t0) / 1000;
  ctx.out(`queued ${p.files} file(s): ${p.articles} article(s) read, ${p.queued} queued, ${p.alreadyQueued} already queued, ` +
    `${p.errors} error(s), ${p.warnings} warning(s) in ${secs.toFixed(1)} s on ${ctx.redact(db)}`);
  if (p.articles === 0) process.exitCode = 1;
}

/** Registers `worker`, `queue status` and `queue retry`. */
export function registerQueueCommands(program: Command, ctx: QueueCliContext): void {
  ctx.common(program.command('worker')
    .description('analyse and store the articles queued by `ingest --queue` (PostgreSQL --db); SIGTERM/SIGINT finish the jobs in hand, then exit')
    .option('--concurrency <n>', 'jobs at a time in this process (analysis is CPU-bound: for more throughput run more processes)', (v) => Number(v), 1)
    .option('--batch-size <n>', 'jobs taken from the queue per round trip', (v) => Number(v), DEFAULT_BATCH_SIZE)
    .option('--poll <s>', 'seconds between polls of an empty queue', seconds, 1)
    .option('--maintenance-interval <s>', 'seconds between checks for jobs lost by dead workers', seconds, 10)
    .option('--analysis-timeout <s>', 'time budget of one article\'s analysis; then it is stored with an analysis-timeout error', seconds, 5)
    .option('--verbose', 'a line per job'))
    .action(async (o) => {
      const opts = ctx.merged(o);
      const db = ctx.dbPath(opts);
      if (!isPostgresUrl(db)) {
        ctx.err('eventwire worker: the queue lives in PostgreSQL; give --db postgres://... (or $EVENTWIRE_DB)');
        process.exitCode = 2;
        return;
      }
      for (const [flag, v] of [['--concurrency', opts.concurrency], ['--batch-size', opts.batchSize]] as const) {
        if (!Number.isInteger(v) || v < 1) {
          ctx.err(`eventwire worker: bad ${flag} ${v}`);
          process.exitCode = 2;
          return;
        }
      }
      const { startWorker } = await queueModule();
      const worker = await startWorker(db, {
        concurrency: opts.concurrency, batchSize: opts.batchSize, pollSeconds: opts.poll,
        analysisTimeoutMs: opts.analysisTimeout * 1000, knowledgeDirs: opts.knowledge ? [opts.knowledge] : [],
        maintenanceIntervalSeconds: Math.max(1, Math.round(opts.maintenanceInterval)),
        onJob: opts.verbose ? ctx.out : undefined,
        onError: ctx.err,
      });
      ctx.out(`eventwire worker ${process.pid}: ${opts.concurrency} at a time, batches of ${opts.batchSize}, on ${ctx.redact(db)}; ` +
        `ready in ${process.uptime().toFixed(1)} s`);
      await new Promise<void>((resolve) => {
        const stop = (sig: string) => {
          ctx.err(`eventwire worker ${process.pid}: ${sig}, finishing the jobs in hand`);
          process.once('SIGINT', () => process.exit(130));
          process.once('SIGTERM', () => process.exit(143));
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      const s = await worker.stop();
      ctx.out(`eventwire worker ${process.pid} stopped: ${s.done} job(s) done, ${s.stored} stored, ${s.duplicates} duplicate(s), ` +
        `${s.events} event(s), ${s.failedAttempts} failed attempt(s); seconds spent: ` +
        (['startup', 'analyse', 'store', 'queue', 'idle'] as const).map((k) => `${k} ${(s.ms[k] / 1000).toFixed(1)}`).join(', '));
    });

  const queue = program.command('queue').description('the job queue of `ingest --queue` and `worker`');
  ctx.common(queue.command('status')
    .description('job counts by state and the last failures')
    .option('--failures <n>', 'how many recent failures to show', (v) => Number(v), 5)
    .option('--format <format>', 'table or json', 'table'))
    .action(async (o) => {
      const opts = ctx.merged(o);
      const db = ctx.dbPath(opts);
      if (!isPostgresUrl(db)) {
        ctx.err('eventwire queue status: the queue lives in PostgreSQL; give --db postgres://... (or $EVENTWIRE_DB)');
        process.exitCode = 2;
        return;
      }
      const { openQueue, queueStatus } = await queueModule();
      const boss = await openQueue(db);
      try {
        const s = await queueStatus(boss, opts.failures);
        if (opts.format === 'json') {
          ctx.out(JSON.stringify(s, null, 1));
          return;
        }
        ctx.out(`queued ${s.queued}, retry ${s.retry}, active ${s.active}, completed ${s.completed}, failed ${s.failed}` +
          (s.cancelled ? `, cancelled ${s.cancelled}` : ''));
        for (const f of s.failures) ctx.out(`failed ${f.failedOn ?? ''} job ${f.id}${f.article ? ` ${f.article}` : ''} after ${f.attempts} attempt(s): ${f.error}`);
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    });

  ctx.common(queue.command('retry')
    .description('give failed jobs (all, or the given job ids) one more attempt each')
    .argument('[ids...]', 'job ids, as shown by `queue status`'))
    .action(async (ids: string[], o) => {
      const opts = ctx.merged(o);
      const db = ctx.dbPath(opts);
      if (!isPostgresUrl(db)) {
        ctx.err('eventwire queue retry: the queue lives in PostgreSQL; give --db postgres://... (or $EVENTWIRE_DB)');
        process.exitCode = 2;
        return;
      }
      const bad = ids.find((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
      if (bad) {
        ctx.err(`eventwire queue retry: not a job id: ${bad}`);
        process.exitCode = 2;
        return;
      }
      const { openQueue, retryFailed } = await queueModule();
      const boss = await openQueue(db);
      try {
        const r = await retryFailed(boss, ids);
        ctx.out(`${r.retried} failed job(s) put back in the queue` +
          (r.archived ? `; ${r.archived} older failure(s) are archived: queue their inputs again with ingest --queue` : ''));
        if (ids.length && r.retried < ids.length) process.exitCode = 1;
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    });
}
