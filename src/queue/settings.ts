// The queue's names and defaults, without loading pg-boss or the pg driver (the CLI reads them at start).

export const QUEUE_NAME = 'eventwire-articles';
export const QUEUE_SCHEMA = 'pgboss';

export interface JobSettings {
  /** retries after the first attempt */
  retryLimit: number;
  /** seconds before the first retry */
  retryDelay: number;
  /** double the delay at each retry */
  retryBackoff: boolean;
  /** an active job not finished within this many seconds is taken as lost and retried */
  expireInSeconds: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 };

/** Jobs a worker takes per fetch: fewer round trips, yet few jobs held by a worker that dies. */
export const DEFAULT_BATCH_SIZE = 4;

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

