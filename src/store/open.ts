import { SqliteStore } from './sqlite.js';
import type { Store, StoreOptions } from './store.js';

/** Opens the store a `--db` value names: a file path (SQLite) or a postgres:// URL (PostgreSQL). */
export async function openStore(db: string, options: StoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    // Loaded only when asked for, so SQLite users never load the pg driver.
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.open(db, options);
  }
  return new SqliteStore(db, options);
}
