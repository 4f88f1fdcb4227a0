import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import type { Database as Schema } from '../../src/store/schema.js';
import { STOP_KEY_HOLDERS, type BatchIo } from '../../src/store/write/batch-io.js';
import { createPostgresBatchIo } from '../../src/store/write/postgres-batch-io.js';
import { createSqliteBatchIo } from '../../src/store/write/sqlite-batch-io.js';
import { findPostgres } from './backends.js';
import { analyseDocs } from './dev-set.js';

/**
 * Band keys no fingerprint gives (they are 32-bit hashes): one more articles hold than a key may
 * (a stop key), one held by exactly as many as it may, one a few hold.
 */
const POPULAR = 2 ** 40 + 1;
const FULL = 2 ** 40 + 3;
const RARE = 2 ** 40 + 2;
const FEW = 3;

/** More stored articles than a key may have: generated seed-like news, analysed for real. */
const items = analyseDocs(
  generateCorpus({ seed: 5, bytes: 4_500 * (STOP_KEY_HOLDERS + 12) }).map(({ mediaType: _, ...doc }) => doc),
);

/**
 * Stores the articles, gives all of them the popular key (as if every article held a stock
 * phrase), the last `STOP_KEY_HOLDERS` the full key and the first few the rare one, and returns the
 * stored ids.
 */
async function fill(store: Store, addBands: (rows: [number, number][]) => Promise<void>): Promise<number[]> {
  const ids = (await store.putArticles(items)).flatMap((o) => (o.status === 'stored' ? [o.id] : []));
  await addBands([
    ...ids.map((id): [number, number] => [POPULAR, id]),
    ...ids.slice(-STOP_KEY_HOLDERS).map((id): [number, number] => [FULL, id]),
    ...ids.slice(0, FEW).map((id): [number, number] => [RARE, id]),
  ]);
  return ids;
}

/** What bandMatches must return: nothing for the stop key, every holder of the others. */
async function expectStopKeys(io: BatchIo, ids: readonly number[]): Promise<void> {
  expect(ids.length).toBeGreaterThan(STOP_KEY_HOLDERS);
  const matches = await io.bandMatches([POPULAR, FULL, RARE]);
  const of = (key: number) =>
    matches
      .filter((m) => m.key === key)
      .map((m) => m.articleId)
      .sort((a, b) => a - b);
  const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);
  expect(of(POPULAR)).toEqual([]);
  expect(of(FULL)).toEqual(sorted(ids.slice(-STOP_KEY_HOLDERS)));
  expect(of(RARE)).toEqual(sorted(ids.slice(0, FEW)));
  for (const m of matches) {
    expect(m.minhash?.length ?? 0).toBe(384);
    expect(m.shingles).toBeGreaterThan(0);
  }
}

describe(`bandMatches skips a key held by more than ${STOP_KEY_HOLDERS} articles, and returns every holder of the others`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-bands-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('in SQLite', async () => {
    const path = join(dir, 'bands.db');
    const store = await openSqliteStore({ path });
    const database = new Database(path);
    try {
      const insert = database.prepare('insert into article_bands (key, article_id) values (?, ?)');
      const ids = await fill(store, async (rows) => {
        for (const [key, id] of rows) insert.run(key, id);
      });
      await expectStopKeys(createSqliteBatchIo(database), ids);
    } finally {
      database.close();
      await store.close();
    }
  });

  it('in Postgres', async () => {
    const url = await findPostgres();
    if (url === null) {
      // no server here: the same SQL runs on PGlite
      const { PGlite } = await import('@electric-sql/pglite');
      const { createPGliteDialect } = await import('./pglite-dialect.js');
      const dialect = createPGliteDialect(new PGlite());
      const store = await openPostgresStore({ dialect });
      const db = new Kysely<Schema>({ dialect });
      const ids = await fill(store, async (rows) => {
        for (const [key, id] of rows)
          await sql`insert into article_bands (key, article_id) values (${key}, ${id})`.execute(db);
      });
      await expectStopKeys(createPostgresBatchIo(db), ids);
      await store.close();
      return;
    }
    const schema = `demarche_bands_${process.pid}`;
    const store = await openPostgresStore({ url, schema });
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    try {
      const ids = await fill(store, async (rows) => {
        await sql`insert into article_bands (key, article_id)
          select * from unnest(${rows.map((r) => r[0])}::int8[], ${rows.map((r) => r[1])}::int4[])`.execute(
          db,
        );
      });
      await expectStopKeys(createPostgresBatchIo(db), ids);
    } finally {
      await store.close();
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
      await db.destroy();
    }
  });
});
