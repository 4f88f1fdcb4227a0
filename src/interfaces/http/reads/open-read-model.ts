import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from '../../../store/index.js';
import { createKyselyReadModel } from './kysely-read-model.js';
import type { ReadModel } from './read-model.js';

/**
 * Opens the API's read model on the database a `--db` value names (as `openStore` reads it), on a
 * connection of its own: read-only for SQLite files, a small pool for Postgres. Open the store first,
 * so the schema exists.
 *
 * @example
 * const store = await openStore('news.db');
 * const reads = await openReadModel('news.db');
 */
export async function openReadModel(target: string): Promise<ReadModel> {
  const t = target.trim();
  if (/^postgres(ql)?:\/\//i.test(t)) {
    const { default: pg } = await import('pg');
    // `?schema=NAME` selects the store's schema, as openStore reads it.
    const url = new URL(t);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
      throw new Error(`schema "${schema}" must be a lower-case SQL identifier`);
    const pool = new pg.Pool({
      connectionString: url.toString(),
      max: 4,
      ...(schema !== null ? { options: `-c search_path=${schema}` } : {}),
    });
    return createKyselyReadModel(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
  }
  const path = t.replace(/^sqlite:(\/\/)?/i, '');
  if (path === ':memory:' || path === '')
    throw new Error('the API reads need a database file: an in-memory SQLite database cannot be shared');
  const { default: Sqlite } = await import('better-sqlite3');
  const database = new Sqlite(path, { readonly: true, fileMustExist: true });
  database.pragma('busy_timeout = 5000');
  return createKyselyReadModel(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }));
}
