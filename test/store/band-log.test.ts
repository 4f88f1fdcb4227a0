import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createFingerprinter } from '../../src/store/dedup/minhash.js';
import { ShingleCache } from '../../src/store/dedup/shingle-cache.js';
import { openPostgresStore, type ArticleToStore, type Store } from '../../src/store/index.js';
import type { Database as Schema } from '../../src/store/schema.js';
import {
  STOP_KEY_HOLDERS,
  bandsAtLock,
  type BandMatch,
  type BatchIo,
} from '../../src/store/write/batch-io.js';
import {
  BAND_LOG_KEPT,
  BAND_LOG_PRUNE_EVERY,
  createPostgresBatchIo,
} from '../../src/store/write/postgres-batch-io.js';
import { prepareBatch, writeBatch, type Dedup } from '../../src/store/write/put-batch.js';
import { findPostgres } from './backends.js';
import { seedWithCopies } from './dev-set.js';

const match = (key: number, articleId: number): BandMatch => ({
  key,
  articleId,
  story: articleId,
  shingles: 10,
  minhash: null,
});

describe('the band matches of a batch as of its lock', () => {
  it('adds the holders logged since its read once each, and drops the keys that became stop keys', () => {
    const full = Array.from({ length: STOP_KEY_HOLDERS }, (_, i) => match(1, 100 + i));
    const before = { matches: [match(2, 1), ...full], stopKeys: [3], seen: 7 };
    const at = bandsAtLock(before, [match(2, 1), match(2, 5), match(3, 6), match(1, 999), match(4, 8)]);
    // key 2: its holder read twice counts once, the new one joins; key 3 was a stop key already;
    // key 1 had as many holders as a key may, and one more makes it a stop key
    expect(at.map((m) => `${m.key}:${m.articleId}`).sort()).toEqual(['2:1', '2:5', '4:8']);
    expect(bandsAtLock({ matches: full, stopKeys: [], seen: 0 }, [])).toHaveLength(STOP_KEY_HOLDERS);
  });
});

const RUN = `${process.pid}_${Date.now().toString(36)}`;
const server = await findPostgres();

/**
 * A Postgres batch reads the band keys' holders before it takes the batch lock, and under it only
 * those the batches that committed meanwhile logged: the original of a copy, stored by another
 * writer between the read and the lock, is found all the same.
 */
describe.runIf(server !== null)('A Postgres batch reads band holders before the lock', () => {
  const schemas: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
    const client = new pg.Client({ connectionString: server! });
    await client.connect();
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  });

  /** A migrated schema, a store on it (the other writer) and a Kysely of its own (the batch's). */
  async function setUp(name: string): Promise<{ other: Store; db: Kysely<Schema>; schema: string }> {
    const schema = `demarche_band_log_${name}_${RUN}`;
    schemas.push(schema);
    const other = await openPostgresStore({ url: server!, schema });
    const pool = new pg.Pool({ connectionString: server!, max: 1, options: `-c search_path=${schema}` });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    closers.push(
      () => other.close(),
      () => db.destroy(),
    );
    return { other, db, schema };
  }

  /**
   * Writes `items` as one batch whose lock waits until `meanwhile` has run (another writer storing
   * its articles), and lists the band statements the batch ran under the lock, when it read stored
   * texts for the exact checks (with how many), and how often the clustering under the lock asked
   * the store's shingle cache for a candidate.
   */
  async function writeAcross(db: Kysely<Schema>, items: ArticleToStore[], meanwhile: () => Promise<void>) {
    const calls: string[] = [];
    const texts: string[] = [];
    let locked = false;
    let cacheReadsUnderLock = 0;
    const cache = new ShingleCache();
    const dedup: Dedup = {
      fingerprinter: createFingerprinter(),
      cache: {
        get: (candidate) => {
          if (locked) cacheReadsUnderLock++;
          return cache.get(candidate);
        },
        put: (id, fingerprint) => cache.put(id, fingerprint),
      } as ShingleCache,
      joins: { share: 0, copies: 0 },
    };
    const outcomes = await db.transaction().execute((trx) => {
      const io = createPostgresBatchIo(trx, { binaryArrays: true });
      const watched: BatchIo = {
        ...io,
        async lock() {
          await meanwhile();
          await io.lock();
          locked = true;
        },
        async bandMatches(keys, own) {
          if (locked) calls.push('bandMatches');
          return io.bandMatches(keys, own);
        },
        async bandMatchesSince(keys, seen) {
          const since = await io.bandMatchesSince(keys, seen);
          calls.push(since === null ? 'bandMatchesSince: pruned' : `bandMatchesSince ${since.length}`);
          return since;
        },
        async articleTexts(ids) {
          texts.push(`${ids.length} ${locked ? 'under' : 'before'} the lock`);
          return io.articleTexts(ids);
        },
      };
      return writeBatch(watched, prepareBatch(items, dedup.fingerprinter), dedup);
    });
    return { outcomes, calls, texts, cacheReadsUnderLock };
  }

  const [seed, copy] = seedWithCopies() as [ArticleToStore, ArticleToStore];

  it("finds a copy's story stored by another writer between its read and its lock", async () => {
    const { other, db } = await setUp('between');
    let seedId = 0;
    const { outcomes, calls, texts, cacheReadsUnderLock } = await writeAcross(db, [copy], async () => {
      const [stored] = await other.putArticles([seed]);
      if (stored?.status !== 'stored') throw new Error('the seed was not stored');
      seedId = stored.id;
    });
    const [outcome] = outcomes;
    expect(outcome).toMatchObject({ status: 'stored', story: seedId });
    // from the log: the seed's keys that the copy shares, and no full read under the lock
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^bandMatchesSince [1-9]\d*$/);
    // the seed was not a candidate before the lock: its text is read under it, and the stories
    // found again there
    expect(texts).toEqual(['1 under the lock']);
    expect(cacheReadsUnderLock).toBeGreaterThan(0);
    const stored = await sql<{
      story_id: number;
    }>`select story_id from articles where id = ${(outcome as { id: number }).id}`.execute(db);
    expect(stored.rows[0]!.story_id).toBe(seedId);
  });

  it("finds a copy's story among the candidates read before the lock, and checks none under it", async () => {
    const { other, db } = await setUp('texts');
    const [stored] = await other.putArticles([seed]);
    if (stored?.status !== 'stored') throw new Error('the seed was not stored');
    // a batch of its own cache (another worker's): the seed's shingles are not cached
    const { outcomes, calls, texts, cacheReadsUnderLock } = await writeAcross(db, [copy], async () => {});
    expect(outcomes[0]).toMatchObject({ status: 'stored', story: stored.id });
    expect(calls).toEqual(['bandMatchesSince 0']);
    expect(texts).toEqual(['1 before the lock']);
    // nothing stored meanwhile: the story found before the lock stands, no candidate checked under it
    expect(cacheReadsUnderLock).toBe(0);
  });

  it('reads every holder under the lock when the log was pruned past its read', async () => {
    const { other, db, schema } = await setUp('pruned');
    let seedId = 0;
    const { outcomes, calls } = await writeAcross(db, [copy], async () => {
      const [stored] = await other.putArticles([seed]);
      if (stored?.status !== 'stored') throw new Error('the seed was not stored');
      seedId = stored.id;
      // as a writer pruning the log does (on a connection of its own: the batch holds the one of `db`)
      const client = new pg.Client({ connectionString: server!, options: `-c search_path=${schema}` });
      await client.connect();
      await client.query('update band_log_pruned set through = 1000000000');
      await client.end();
    });
    expect(outcomes[0]).toMatchObject({ status: 'stored', story: seedId });
    expect(calls).toEqual(['bandMatchesSince: pruned', 'bandMatches']);
  });

  it(`keeps the last ${BAND_LOG_KEPT} entries of the log, pruned every ${BAND_LOG_PRUNE_EVERY}`, async () => {
    const { db } = await setUp('prune');
    const seq = (await sql<{ s: string }>`select pg_get_serial_sequence('band_log', 'seq') as s`.execute(db))
      .rows[0]!.s;
    const entries = async () =>
      (await sql<{ seq: string }>`select seq from band_log order by seq`.execute(db)).rows.map((r) =>
        Number(r.seq),
      );
    const log = async (at: number, key: number) => {
      await sql`select setval(${seq}, ${at - 1})`.execute(db);
      await db
        .transaction()
        .execute((trx) => createPostgresBatchIo(trx, { binaryArrays: true }).logBands([[key, 1]]));
    };
    const cut = 3 * BAND_LOG_PRUNE_EVERY;
    await log(cut - 1, 11); // an entry the prune reaches
    await log(cut + 1, 12); // and one it does not
    await log(cut + BAND_LOG_KEPT - 1, 13); // not a multiple: no prune
    expect(await entries()).toEqual([cut - 1, cut + 1, cut + BAND_LOG_KEPT - 1]);
    await log(cut + BAND_LOG_KEPT, 14); // a multiple: prunes what is older than the last KEPT
    expect(await entries()).toEqual([cut + 1, cut + BAND_LOG_KEPT - 1, cut + BAND_LOG_KEPT]);
    const io = createPostgresBatchIo(db, { binaryArrays: true });
    expect(await io.bandMatchesSince([12], cut - 2)).toBeNull();
    // the entries since an unpruned read, for the keys asked (article 1 is not stored: left out)
    expect(await io.bandMatchesSince([12, 13], cut)).toEqual([]);
  });
});
