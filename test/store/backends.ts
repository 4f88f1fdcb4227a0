import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { createPGliteDialect } from './pglite-dialect.js';

/** Opens a fresh, empty store of one backend; `cleanup` removes what the runs left. */
export interface Backend {
  readonly name: string;
  readonly open: () => Promise<Store>;
  readonly cleanup: () => Promise<void>;
}

const RUN = `${process.pid}_${Date.now().toString(36)}`;

export function sqliteFileBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-store-'));
  let n = 0;
  return {
    name: 'SQLite file',
    open: () => openSqliteStore({ path: join(dir, `store-${n++}.db`) }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function sqliteMemoryBackend(): Backend {
  return {
    name: 'SQLite :memory:',
    open: () => openSqliteStore({ path: ':memory:' }),
    cleanup: async () => {},
  };
}

/** The Postgres server of this machine or CI, if one answers; DEMARCHE_TEST_PG overrides. */
export async function findPostgres(): Promise<string | null> {
  const candidates = process.env['DEMARCHE_TEST_PG']
    ? [process.env['DEMARCHE_TEST_PG']]
    : ['postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return url;
    } catch {
      // try the next one
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return null;
}

/**
 * Postgres with one schema per opened store (unique per run, dropped at cleanup); PGlite when no
 * server answers.
 */
export async function postgresBackend(): Promise<Backend> {
  const url = await findPostgres();
  if (url === null) return pgliteBackend();
  const schemas: string[] = [];
  return {
    name: `Postgres (${url})`,
    open: () => {
      const schema = `demarche_test_${RUN}_${schemas.length}`;
      schemas.push(schema);
      return openPostgresStore({ url, schema });
    },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
      await client.end();
    },
  };
}

/**
 * In-process PGlite (slow to boot, so one instance): each open empties it and migrates afresh,
 * so only the most recently opened store is usable.
 */
export function pgliteBackend(): Backend {
  let shared: PGlite | undefined;
  return {
    name: 'PGlite',
    open: async () => {
      if (shared === undefined) {
        const { PGlite } = await import('@electric-sql/pglite');
        shared = new PGlite();
      }
      await shared.exec('drop schema public cascade; create schema public;');
      return openPostgresStore({ dialect: createPGliteDialect(shared, { closeOnDestroy: false }) });
    },
    cleanup: async () => {
      await shared?.close();
    },
  };
}
