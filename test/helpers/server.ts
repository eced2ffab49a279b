import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ApiOptions } from '../../src/api/server.js';
import { ingest } from '../../src/ingest.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { FIXTURE } from './tmp.js';

export const GOLD_ARTICLES = [
  'test/gold/armenia-2023-09-20-karabakh-ceasefire.md',
  'test/gold/belarus-2021-05-24-ryanair-sanctions.md',
  'test/gold/drc-2025-01-29-goma-embassies.md',
];

/**
 * A server on a free localhost port over a temporary SQLite database holding the fixture (article 1)
 * and a few gold articles. Call `close` when done (it also removes the database).
 */
export async function startServer(opts: Partial<ApiOptions> = {}): Promise<{ base: string; app: FastifyInstance; store: SqliteStore; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'eventwire-api-'));
  const store = new SqliteStore(join(dir, 'api.db'));
  const p = await ingest(store, [FIXTURE, ...GOLD_ARTICLES]);
  if (p.stored !== 1 + GOLD_ARTICLES.length) throw new Error(`ingest stored ${p.stored} articles`);
  const app = buildServer({ store, ...opts });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const close = async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { base: address, app, store, close };
}
