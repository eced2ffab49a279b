import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

/** Where the PostgreSQL tests connect to create their throw-away databases. */
export const PG_ADMIN_URL = process.env.EVENTWIRE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** CI sets EVENTWIRE_REQUIRE_PG=1: an unreachable server is then a failure, not a skip. */
export const PG_REQUIRED = process.env.EVENTWIRE_REQUIRE_PG === '1';

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** null when the server answers, otherwise why not. */
export async function pgUnreachable(): Promise<string | null> {
  try {
    await admin(PG_ADMIN_URL, (c) => c.query('SELECT 1'));
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  }
}

/** A throw-away database with a random name: its URL, and `drop` for an `after` hook. */
export async function tempDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `eventwire_test_${randomBytes(6).toString('hex')}`;
  await admin(PG_ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin(PG_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Empties a database completely (tables and applied migrations), as if just created. */
export async function resetDatabase(url: string): Promise<void> {
  await admin(url, (c) => c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
}

/**
 * Defines the PostgreSQL variant of a suite: run when the server is reachable; otherwise a failing
 * test under EVENTWIRE_REQUIRE_PG=1, a skipped suite with the reason otherwise.
 */
export async function describePostgres(name: string, fn: () => void): Promise<void> {
  const why = await pgUnreachable();
  if (!why) {
    describe(name, fn);
    return;
  }
  const msg = `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${why})`;
  if (PG_REQUIRED) {
    test(`${name}: PostgreSQL server`, () => assert.fail(`${msg}, and EVENTWIRE_REQUIRE_PG=1 requires it`));
  } else {
    describe(name, { skip: `${msg}; set EVENTWIRE_REQUIRE_PG=1 to make this a failure` }, fn);
  }
}
