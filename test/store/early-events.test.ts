import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { createFingerprinter } from '../../src/store/dedup/minhash.js';
import { ShingleCache } from '../../src/store/dedup/shingle-cache.js';
import { migrateToLatest } from '../../src/store/migrations.js';
import type { Database as Schema } from '../../src/store/schema.js';
import type { BatchIo } from '../../src/store/write/batch-io.js';
import { createPostgresBatchIo } from '../../src/store/write/postgres-batch-io.js';
import { EARLY_EVENTS_BELOW, prepareBatch, writeBatch, type Dedup } from '../../src/store/write/put-batch.js';
import { analyseDocs } from './dev-set.js';
import { createPGliteDialect } from './pglite-dialect.js';

const docs = generateCorpus({ seed: 31, bytes: 40_000 }).map(({ mediaType: _, ...doc }) => doc);
const originals = analyseDocs(docs.slice(0, 6));
/** Copies of the originals (a line added), in two rounds: every report of theirs joins an event. */
const copies = (round: number) =>
  analyseDocs(
    docs.slice(0, 6).map((d) => ({ ...d, id: `${d.id}-copy${round}`, raw: `${d.raw}\n\nCopy ${round}.` })),
  );
const reportsOf = (items: ReturnType<typeof analyseDocs>) =>
  items.reduce((n, item) => n + item.article.events.length, 0);

/** The real Postgres statements, with the order of the calls that matter here written down. */
function recorded(io: BatchIo, calls: string[]): BatchIo {
  return {
    ...io,
    async lock() {
      calls.push('lock');
      await io.lock();
    },
    async insertEvents(rows) {
      calls.push(`insertEvents ${rows.length}`);
      return io.insertEvents(rows);
    },
    async deleteEvents(ids) {
      calls.push(`deleteEvents ${ids.length}`);
      await io.deleteEvents(ids);
    },
  };
}

describe('a Postgres batch writes its events before the batch lock while most reports start an event', () => {
  const pglite = new PGlite();
  const db = new Kysely<Schema>({ dialect: createPGliteDialect(pglite) });
  afterAll(() => db.destroy());
  const dedup: Dedup = {
    fingerprinter: createFingerprinter(),
    cache: new ShingleCache(),
    joins: { share: 0 },
  };
  const write = async (items: ReturnType<typeof analyseDocs>) => {
    const calls: string[] = [];
    const prepared = prepareBatch(items, dedup.fingerprinter);
    const outcomes = await db
      .transaction()
      .execute((trx) => writeBatch(recorded(createPostgresBatchIo(trx), calls), prepared, dedup));
    return { calls, outcomes };
  };
  const eventCount = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from events`.execute(db)).rows[0]!.n);

  it('keeps the new events it wrote early, deletes those that joined, and stops once reports join', async () => {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
    expect(reportsOf(originals)).toBeGreaterThan(20);

    // new articles: every report's event is written before the lock, and every one is kept
    const first = await write(originals);
    expect(first.calls).toEqual([`insertEvents ${reportsOf(originals)}`, 'lock', 'deleteEvents 0']);
    const events = await eventCount();
    expect(events).toBeGreaterThan(0);
    expect(dedup.joins.share).toBeLessThanOrEqual(EARLY_EVENTS_BELOW);

    // copies: written early still (the recent reports started events), then all deleted as they join
    const second = await write(copies(1));
    expect(second.calls).toEqual([
      `insertEvents ${reportsOf(copies(1))}`,
      'lock',
      `deleteEvents ${reportsOf(copies(1))}`,
    ]);
    expect(second.outcomes.every((o) => o.status === 'stored' && o.merged === o.events)).toBe(true);
    expect(await eventCount()).toBe(events);
    expect(dedup.joins.share).toBeGreaterThan(EARLY_EVENTS_BELOW);

    // more copies: the recent reports joined, so only the merge's new events (none) are written
    const third = await write(copies(2));
    expect(third.calls).toEqual(['lock', 'insertEvents 0']);
    expect(await eventCount()).toBe(events);
    const orphans = await sql<{ n: string }>`select count(*) as n from events e
      where not exists (select 1 from event_sources s where s.event_id = e.id)`.execute(db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
  });

  it('indexes the story links by event, which each delete checks (migration 0007)', async () => {
    const indexes = await sql<{ indexdef: string }>`select indexdef from pg_indexes
      where tablename = 'story_events'`.execute(db);
    expect(indexes.rows.map((r) => r.indexdef)).toContainEqual(
      expect.stringMatching(/^CREATE INDEX story_events_event ON .*story_events USING btree \(event_id\)$/),
    );
  });
});
