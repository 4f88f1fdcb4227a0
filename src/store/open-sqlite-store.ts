import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely as KyselyDb } from 'kysely';
import type { Database as Schema } from './schema.js';
import { StoreError, type Store } from './store.js';

/** The default database file, in the working directory. */
export const DEFAULT_SQLITE_PATH = './demarche.db';

/**
 * Opens (creating and migrating if needed) a SQLite store: a file in WAL mode, or `:memory:`.
 *
 * @example
 * const store = await openSqliteStore({ path: './demarche.db' });
 */
export async function openSqliteStore(options: { readonly path?: string } = {}): Promise<Store> {
  const path = options.path ?? DEFAULT_SQLITE_PATH;
  // Loaded on first use, so commands without a store never load the native driver, Kysely or
  // the store's queries (about 0.2 s of start-up)
  const [{ default: Database }, { Kysely, SqliteDialect }, { createKyselyStore }, { migrateToLatest }, io] =
    await Promise.all([
      import('better-sqlite3'),
      import('kysely'),
      import('./kysely-store.js'),
      import('./migrations.js'),
      import('./write/sqlite-batch-io.js'),
    ]);
  let database: BetterSqlite3.Database;
  try {
    database = new Database(path);
  } catch (cause) {
    throw new StoreError('STORE_URL', `cannot open SQLite database "${path}": ${(cause as Error).message}`, {
      cause,
    });
  }
  if (path !== ':memory:' && path !== '') database.pragma('journal_mode = WAL');
  // WAL + NORMAL: a committed batch survives the process being killed; only power loss may lose the last one.
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // A batch of 100 articles dirties about 4 MB: a 16 MB page cache keeps it in memory until commit
  // (64 MB, tried, ingested no faster once story clustering read through the covering index of
  // migration 0006, and held 40-60 MB more on long runs), and checkpointing every 64 MB of WAL (not
  // SQLite's default 4 MB, which is about every batch) copies hot pages (index interiors,
  // full-text segments) to the database file once, not per batch.
  database.pragma('cache_size = -16384');
  database.pragma('wal_autocheckpoint = 16384');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrateToLatest(db as KyselyDb<unknown>, 'sqlite');
  } catch (cause) {
    await db.destroy();
    throw cause;
  }
  const batchIo = io.createSqliteBatchIo(database);
  return createKyselyStore(db, 'sqlite', () => batchIo);
}
