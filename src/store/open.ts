import { SqliteStore } from './sqlite.js';
import { StoreError, type Store } from './store.js';

/** Opens the store a `--db` value names: a file path (SQLite) or a postgres:// URL. */
export async function openStore(db: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    throw new StoreError('PostgreSQL storage is not available in this version of eventwire; use a SQLite file path');
  }
  return new SqliteStore(db);
}
