import type { Dialect, Kysely as KyselyDb } from 'kysely';
import type { Database as Schema } from './schema.js';
import { StoreError, type Store } from './store.js';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/db`; a `?schema=NAME` parameter selects (and creates) a schema. */
  readonly url?: string;
  /** Schema for every table (created if missing); default `public`. */
  readonly schema?: string;
  /** A ready Kysely Postgres-compatible dialect (e.g. PGlite in tests) instead of `url`. */
  readonly dialect?: Dialect;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens (migrating if needed) a Postgres store through `pg`.
 *
 * @example
 * const store = await openPostgresStore({ url: 'postgres://127.0.0.1:5432/demarche' });
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  // loaded when a store is opened, as the driver is: commands without a store start without them
  const [
    { Kysely, PostgresDialect },
    { createKyselyStore },
    { migrateToLatest },
    { createPostgresBatchIo, foldCountChanges },
  ] = await Promise.all([
    import('kysely'),
    import('./kysely-store.js'),
    import('./migrations.js'),
    import('./write/postgres-batch-io.js'),
  ]);
  let schema = options.schema;
  let dialect = options.dialect;
  // node-postgres sends a Buffer parameter in binary: the batch statements' arrays then travel as
  // binary arrays (write/array-binary.ts). Another driver behind a given dialect gets text literals.
  const binaryArrays = dialect === undefined;
  if (dialect === undefined) {
    if (options.url === undefined) throw new StoreError('STORE_URL', 'a Postgres URL or dialect is required');
    let url: URL;
    try {
      url = new URL(options.url);
    } catch (cause) {
      throw new StoreError('STORE_URL', `not a Postgres URL: "${options.url}"`, { cause });
    }
    schema ??= url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    if (schema !== undefined && !SCHEMA_NAME.test(schema))
      throw new StoreError('STORE_URL', `schema "${schema}" must be a lower-case SQL identifier`);
    const { default: pg } = await import('pg');
    const connectionString = url.toString();
    if (schema !== undefined) {
      const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
      try {
        await client.connect();
        await client.query(`create schema if not exists "${schema}"`);
      } catch (cause) {
        throw new StoreError('STORE_URL', `cannot connect to ${redact(url)}: ${(cause as Error).message}`, {
          cause,
        });
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    const pool = new pg.Pool({
      connectionString,
      max: 4,
      connectionTimeoutMillis: 10_000,
      ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
    });
    // A connection the server closes (a restart, a failover, idle_session_timeout, an
    // administrator's pg_terminate_backend) is reported as an 'error' event: on the pool when the
    // connection sat idle in it, on the connection itself when it was lent out between two queries
    // (inside a transaction, say). An 'error' event nobody listens to ends the process, so a worker
    // or `serve` would die with the database's restart. Nothing is left to do on either event: the
    // query running on that connection, or the next one asked of it, fails through its own promise
    // (a worker retries its job), and the pool lets a closed connection go when it comes back and
    // opens a new one for the next query.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    dialect = new PostgresDialect({ pool });
  }
  const db = new Kysely<Schema>({ dialect });
  try {
    await migrateToLatest(db as KyselyDb<unknown>, 'postgres');
  } catch (cause) {
    await db.destroy();
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('STORE_URL', `cannot use the Postgres database: ${(cause as Error).message}`, {
      cause,
    });
  }
  let folds = 0;
  return createKyselyStore(
    db,
    'postgres',
    (trx) => createPostgresBatchIo(trx, { binaryArrays }),
    () => foldCountChanges(db, ++folds),
  );
}

function redact(url: URL): string {
  const copy = new URL(url.toString());
  if (copy.password !== '') copy.password = '***';
  return copy.toString();
}
