import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { HASHES } from '../../src/store/dedup/minhash.js';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import type { Database as Schema } from '../../src/store/schema.js';
import { STOP_KEY_HOLDERS, type BandMatch, type BatchIo } from '../../src/store/write/batch-io.js';
import { createPostgresBatchIo } from '../../src/store/write/postgres-batch-io.js';
import { BAND_MATCHES, createSqliteBatchIo } from '../../src/store/write/sqlite-batch-io.js';
import { SQLITE_BAND_FIELDS } from '../../src/store/migrations.js';
import { findPostgres } from './backends.js';
import { analyseDocs } from './dev-set.js';
import { fileTempDir } from '../support/temp-dir.js';

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

const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);
/** The holders of `key` among band matches, by id. */
const holders = (matches: readonly BandMatch[], key: number) =>
  sorted(matches.filter((m) => m.key === key).map((m) => m.articleId));

/**
 * What bandMatches must return: nothing for the stop key, every holder of the others; and what
 * deleteBands leaves (one rare key's holder fewer).
 */
async function expectStopKeys(io: BatchIo, ids: readonly number[]): Promise<void> {
  expect(ids.length).toBeGreaterThan(STOP_KEY_HOLDERS);
  const matches = await io.bandMatches([POPULAR, FULL, RARE], []);
  expect(holders(matches, POPULAR)).toEqual([]);
  expect(holders(matches, FULL)).toEqual(sorted(ids.slice(-STOP_KEY_HOLDERS)));
  expect(holders(matches, RARE)).toEqual(sorted(ids.slice(0, FEW)));
  for (const m of matches) {
    expect(m.minhash?.length ?? 0).toBe(HASHES);
    expect(m.shingles).toBeGreaterThan(0);
  }
  await io.deleteBands([[RARE, ids[1]!]]);
  expect(holders(await io.bandMatches([RARE], []), RARE)).toEqual(sorted([ids[0]!, ...ids.slice(2, FEW)]));
}

/** Read before the lock (Postgres), the same holders, with the stop keys named. */
async function expectBefore(io: BatchIo, ids: readonly number[]): Promise<void> {
  const before = await io.bandMatchesBefore([POPULAR, FULL, RARE]);
  expect(before.stopKeys).toEqual([POPULAR]);
  expect(holders(before.matches, FULL)).toEqual(sorted(ids.slice(-STOP_KEY_HOLDERS)));
  expect(holders(before.matches, RARE)).toEqual(sorted(ids.slice(0, FEW)));
  expect(before.matches.every((m) => m.minhash?.length === HASHES && m.shingles > 0)).toBe(true);
  expect(before.matches).toHaveLength(STOP_KEY_HOLDERS + FEW);
}

/**
 * Postgres leaves out the batch's own articles (their keys written before the lock), and counts a
 * key's holders without them: the full key one holder more is no stop key while that one is own.
 */
async function expectOwnLeftOut(
  io: BatchIo,
  ids: readonly number[],
  addBand: (key: number, id: number) => Promise<void>,
): Promise<void> {
  const own = [ids[0]!, ids[ids.length - STOP_KEY_HOLDERS - 1]!];
  await addBand(FULL, own[1]!);
  expect(holders(await io.bandMatches([FULL], []), FULL)).toEqual([]);
  const matches = await io.bandMatches([FULL, RARE], own);
  expect(holders(matches, FULL)).toEqual(sorted(ids.slice(-STOP_KEY_HOLDERS)));
  expect(holders(matches, RARE)).toEqual(sorted(ids.slice(2, FEW)));
}

describe(`bandMatches skips a key held by more than ${STOP_KEY_HOLDERS} articles, and returns every holder of the others`, () => {
  const dir = fileTempDir('demarche-bands-');

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
      const io = createPostgresBatchIo(db);
      await expectBefore(io, ids);
      await expectStopKeys(io, ids);
      await expectOwnLeftOut(io, ids, async (key, id) => {
        await sql`insert into article_bands (key, article_id) values (${key}, ${id})`.execute(db);
      });
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
      const io = createPostgresBatchIo(db, { binaryArrays: true });
      await expectBefore(io, ids);
      await expectStopKeys(io, ids);
      await expectOwnLeftOut(io, ids, async (key, id) => {
        await sql`insert into article_bands (key, article_id) values (${key}, ${id})`.execute(db);
      });
    } finally {
      await store.close();
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
      await db.destroy();
    }
  });
});

describe('SQLite reads the story fields of band holders from a covering index, not their rows', () => {
  const dir = fileTempDir('demarche-band-index-');
  /** How SQLite runs the band query: one line per step. */
  const plan = (database: Database.Database) =>
    (database.prepare(`explain query plan ${BAND_MATCHES}`).all('[]') as { detail: string }[]).map(
      (r) => r.detail,
    );

  it('on a new store, and on one stored before migration 0006', async () => {
    const path = join(dir, 'old.db');
    const store = await openSqliteStore({ path });
    const stored = await store.putArticles(items.slice(0, 12));
    await store.close();
    const database = new Database(path);
    try {
      expect(plan(database)).toContain(`SEARCH a USING COVERING INDEX ${SQLITE_BAND_FIELDS} (id=?)`);
      // as a database written before the migration was
      database.exec(`drop index ${SQLITE_BAND_FIELDS};
        delete from demarche_migrations where name = '0006_sqlite_band_fields'`);
      expect(() => plan(database)).toThrow(/no such index/);
      await (await openSqliteStore({ path })).close();
      expect(plan(database)).toContain(`SEARCH a USING COVERING INDEX ${SQLITE_BAND_FIELDS} (id=?)`);
      // the index holds what the rows hold, stories set after the insert included
      const ids = stored.flatMap((o) => (o.status === 'stored' ? [o.id] : []));
      database.exec(
        `insert into article_bands (key, article_id) values ${ids.map((id) => `(${RARE}, ${id})`).join(', ')}`,
      );
      const rows = database
        .prepare('select id, story_id, shingles, minhash from articles order by id')
        .all() as { id: number; story_id: number; shingles: number; minhash: Uint8Array }[];
      expect(rows.every((r) => r.story_id !== null)).toBe(true);
      const matches = await createSqliteBatchIo(database).bandMatches([RARE], []);
      expect(
        matches
          .map((m) => ({ id: m.articleId, story_id: m.story, shingles: m.shingles, minhash: m.minhash }))
          .sort((x, y) => x.id - y.id),
      ).toEqual(rows);
    } finally {
      database.close();
    }
  });
});
