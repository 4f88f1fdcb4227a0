import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { createFingerprinter } from '../../src/store/dedup/minhash.js';
import { ShingleCache } from '../../src/store/dedup/shingle-cache.js';
import { migrateToLatest } from '../../src/store/migrations.js';
import type { Database as Schema } from '../../src/store/schema.js';
import type { BatchIo } from '../../src/store/write/batch-io.js';
import { createPostgresBatchIo } from '../../src/store/write/postgres-batch-io.js';
import { createSqliteBatchIo } from '../../src/store/write/sqlite-batch-io.js';
import { openPostgresStore, openSqliteStore } from '../../src/store/index.js';
import { fileTempDir } from '../support/temp-dir.js';
import {
  EARLY_BANDS_BELOW,
  EARLY_EVENTS_BELOW,
  prepareBatch,
  writeBatch,
  type Dedup,
} from '../../src/store/write/put-batch.js';
import type { PutOutcome } from '../../src/store/index.js';
import { findPostgres } from './backends.js';
import { analyseDocs } from './dev-set.js';
import { createPGliteDialect } from './pglite-dialect.js';

const server = await findPostgres();
const docs = generateCorpus({ seed: 31, bytes: 40_000 }).map(({ mediaType: _, ...doc }) => doc);
const originals = analyseDocs(docs.slice(0, 6));
/** Copies of the originals (a line added), in two rounds: every report of theirs joins an event. */
const copies = (round: number) =>
  analyseDocs(
    docs.slice(0, 6).map((d) => ({ ...d, id: `${d.id}-copy${round}`, raw: `${d.raw}\n\nCopy ${round}.` })),
  );
/** A copy that adds an event of its own: its story is the original's, its new event's report moves there. */
const extended = analyseDocs([
  {
    ...docs[0]!,
    id: `${docs[0]!.id}-extended`,
    // two paragraphs of an article not stored, inside the body (a tail after the credits and link
    // block is boilerplate): their events are new
    raw: docs[0]!.raw.replace('\n\n', `\n\n${docs[6]!.raw.split('\n\n').slice(1, 3).join('\n\n')}\n\n`),
  },
]);
const reportsOf = (items: ReturnType<typeof analyseDocs>) =>
  items.reduce((n, item) => n + item.article.events.length, 0);

/** Which inserts `recorded` writes down besides the calls it always does (those that insert rows). */
interface Recording {
  readonly bands?: boolean;
  /** The source rows' and story links' inserts. */
  readonly sources?: boolean;
}

/** The real Postgres statements, with the order of the calls that matter here written down. */
function recorded(io: BatchIo, calls: string[], { bands = false, sources = false }: Recording = {}): BatchIo {
  return {
    ...io,
    async insertRows(table, rows) {
      if (
        rows.length > 0 &&
        ((bands && table === 'article_bands') ||
          (sources && (table === 'event_sources' || table === 'story_events')))
      )
        calls.push(`insertRows ${table} ${rows.length}`);
      await io.insertRows(table, rows);
    },
    async deleteReports(sources, links) {
      calls.push(`deleteReports ${sources.length} ${links.length}`);
      await io.deleteReports(sources, links);
    },
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
    async setStories(ids, stories) {
      calls.push(`setStories ${ids.length}`);
      await io.setStories(ids, stories);
    },
  };
}

/** Every report's source row has its article's story and a link to its event, and every link a report. */
async function expectReportsLinked(db: Kysely<Schema>): Promise<void> {
  const bad = await sql<{ n: string }>`select
      (select count(*) from event_sources s join articles a on a.id = s.article_id
        where s.story_id <> a.story_id
           or not exists (select 1 from story_events l where l.story_id = s.story_id and l.event_id = s.event_id))
      + (select count(*) from story_events l where not exists
          (select 1 from event_sources s where s.story_id = l.story_id and s.event_id = l.event_id)) as n`.execute(
    db,
  );
  expect(Number(bad.rows[0]!.n)).toBe(0);
}

/** A store's clustering and merging state, its recent reports having joined an event at `share`. */
const freshDedup = (share: number): Dedup => ({
  fingerprinter: createFingerprinter(),
  cache: new ShingleCache(),
  joins: { share, copies: 0 },
});

/** Writes one batch in a transaction through the recorded statements (`recorded`'s options). */
async function writeRecorded(
  db: Kysely<Schema>,
  dedup: Dedup,
  items: ReturnType<typeof analyseDocs>,
  options: Recording = {},
): Promise<{ calls: string[]; outcomes: PutOutcome[] }> {
  const calls: string[] = [];
  const prepared = prepareBatch(items, dedup.fingerprinter);
  const outcomes = await db
    .transaction()
    .execute((trx) => writeBatch(recorded(createPostgresBatchIo(trx), calls, options), prepared, dedup));
  return { calls, outcomes };
}

describe('a Postgres batch writes its new events before the batch lock', () => {
  const dir = fileTempDir('demarche-early-pg-');
  const pglite = new PGlite();
  const db = new Kysely<Schema>({ dialect: createPGliteDialect(pglite) });
  afterAll(() => db.destroy());
  const dedup = freshDedup(0);
  const write = (items: ReturnType<typeof analyseDocs>) => writeRecorded(db, dedup, items);
  const expectLinksHold = () => expectReportsLinked(db);
  /** The story each article's row holds is the one its outcome gives: its own id when it founds one. */
  const expectStoriesStored = async (outcomes: readonly PutOutcome[]) => {
    const stored = outcomes.flatMap((o) => (o.status === 'stored' ? [o] : []));
    expect(stored.length).toBe(outcomes.length);
    const rows = await sql<{ id: number; story_id: number | null }>`select id, story_id from articles
      where id = any(${stored.map((o) => o.id)}::int4[])`.execute(db);
    const storyOf = new Map(rows.rows.map((r) => [r.id, r.story_id]));
    for (const o of stored) expect(storyOf.get(o.id)).toBe(o.story);
  };
  const eventCount = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from events`.execute(db)).rows[0]!.n);

  it('keeps the new events it wrote early, deletes those that joined, and once reports join writes only those the merge starts', async () => {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
    expect(reportsOf(originals)).toBeGreaterThan(20);

    // new articles: every report's event is written before the lock, and every one is kept
    const first = await write(originals);
    // founders of their stories: their rows went in with their stories, and none is moved
    expect(first.calls).toEqual([
      `insertEvents ${reportsOf(originals)}`,
      'lock',
      'setStories 0',
      'deleteEvents 0',
      'deleteReports 0 0',
    ]);
    expect(first.outcomes.every((o) => o.status === 'stored' && o.story === o.id)).toBe(true);
    await expectStoriesStored(first.outcomes);
    const events = await eventCount();
    expect(events).toBeGreaterThan(0);
    expect(dedup.joins.share).toBeLessThanOrEqual(EARLY_EVENTS_BELOW);
    await expectLinksHold();

    // a copy with an event of its own: its rows written early move from its article to its story
    const own = await write(extended);
    expect(own.calls.slice(0, 3)).toEqual([`insertEvents ${reportsOf(extended)}`, 'lock', 'setStories 1']);
    await expectStoriesStored(own.outcomes);
    const outcome = own.outcomes[0]!;
    expect(
      outcome.status === 'stored' && outcome.story !== outcome.id && outcome.merged < outcome.events,
    ).toBe(true);
    await expectLinksHold();
    const withOwn = await eventCount();
    expect(withOwn).toBeGreaterThan(events);
    dedup.joins.share = 0;

    // copies: written early still (the recent reports started events), then all deleted as they join
    const second = await write(copies(1));
    expect(second.calls).toEqual([
      `insertEvents ${reportsOf(copies(1))}`,
      'lock',
      `setStories ${copies(1).length}`,
      `deleteEvents ${reportsOf(copies(1))}`,
      'deleteReports 0 0',
    ]);
    await expectStoriesStored(second.outcomes);
    expect(second.outcomes.every((o) => o.status === 'stored' && o.merged === o.events)).toBe(true);
    expect(await eventCount()).toBe(withOwn);
    expect(dedup.joins.share).toBeGreaterThan(EARLY_EVENTS_BELOW);
    await expectLinksHold();

    // more copies: the recent reports joined, so only the events the merge would start are written
    // before the lock (none: every report joins), with the source rows of the reports that join;
    // their links, to stored stories, wait for the lock
    const third = await writeRecorded(db, dedup, copies(2), { sources: true });
    expect(third.calls).toEqual([
      `insertRows event_sources ${reportsOf(copies(2))}`,
      'lock',
      `setStories ${copies(2).length}`,
      'deleteEvents 0',
      'deleteReports 0 0',
      `insertRows story_events ${reportsOf(copies(2))}`,
    ]);
    await expectStoriesStored(third.outcomes);
    expect(await eventCount()).toBe(withOwn);
    const orphans = await sql<{ n: string }>`select count(*) as n from events e
      where not exists (select 1 from event_sources s where s.event_id = e.id)`.execute(db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
    await expectLinksHold();

    // copies and new articles together: the new articles' events go in before the lock, those of
    // the copies (joining stored events) not at all, and the guess holds (nothing deleted)
    const mixed = [...copies(3), ...analyseDocs(docs.slice(7))];
    expect(mixed.length).toBe(copies(3).length + 2);
    const beforeMixed = await eventCount();
    const fourth = await writeRecorded(db, dedup, mixed, { sources: true });
    const added = (await eventCount()) - beforeMixed;
    expect(added).toBeGreaterThan(0);
    // every report's source row goes in before the lock (the new events' and the joining ones'),
    // and the links in the new articles' own stories; none is deleted or written again under it,
    // where only the copies' links go in
    expect(fourth.calls.slice(0, 2)).toEqual([
      `insertEvents ${added}`,
      `insertRows event_sources ${reportsOf(mixed)}`,
    ]);
    expect(fourth.calls[2]).toMatch(/^insertRows story_events \d+$/);
    expect(Number(fourth.calls[2]!.split(' ')[2])).toBeGreaterThanOrEqual(added);
    expect(fourth.calls.slice(3)).toEqual([
      'lock',
      `setStories ${copies(3).length}`,
      'deleteEvents 0',
      'deleteReports 0 0',
      `insertRows story_events ${reportsOf(copies(3))}`,
    ]);
    await expectStoriesStored(fourth.outcomes);
    await expectLinksHold();

    // the band keys written early, less a copy's keys its story holds, are the keys SQLite's
    // batches store after clustering (the same batches, in the same order), and so are the events
    const bands = await sql<{ hash: string; key: string }>`select a.content_hash as hash, b.key::text as key
      from article_bands b join articles a on a.id = b.article_id`.execute(db);
    const sqlite = await openSqliteStore({ path: join(dir, 'bands.db') });
    for (const batch of [originals, extended, copies(1), copies(2), mixed]) await sqlite.putArticles(batch);
    await sqlite.close();
    const database = new Database(join(dir, 'bands.db'));
    const expected = database
      .prepare(
        `select a.content_hash as hash, cast(b.key as text) as key from article_bands b join articles a on a.id = b.article_id`,
      )
      .all() as { hash: string; key: string }[];
    // each event by its contract id, with its reports' articles, as SQLite stored them
    const eventsOf = (rows: readonly { uid: string; hash: string }[]) =>
      rows.map((r) => `${r.uid} ${r.hash}`).sort();
    const sqliteEvents = database
      .prepare(
        `select e.uid as uid, a.content_hash as hash from events e
           join event_sources s on s.event_id = e.id join articles a on a.id = s.article_id`,
      )
      .all() as { uid: string; hash: string }[];
    database.close();
    const pgEvents = await sql<{ uid: string; hash: string }>`select e.uid as uid, a.content_hash as hash
      from events e join event_sources s on s.event_id = e.id join articles a on a.id = s.article_id`.execute(
      db,
    );
    expect(sqliteEvents.length).toBeGreaterThan(reportsOf(originals));
    expect(eventsOf(pgEvents.rows)).toEqual(eventsOf(sqliteEvents));
    const pairs = (rows: readonly { hash: string; key: string }[]) =>
      rows.map((r) => `${r.hash} ${r.key}`).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(pairs(bands.rows)).toEqual(pairs(expected));
  });

  it('indexes the story links by event, which each delete checks (migration 0007)', async () => {
    const indexes = await sql<{ indexdef: string }>`select indexdef from pg_indexes
      where tablename = 'story_events'`.execute(db);
    expect(indexes.rows.map((r) => r.indexdef)).toContainEqual(
      expect.stringMatching(/^CREATE INDEX story_events_event ON .*story_events USING btree \(event_id\)$/),
    );
  });
});

describe('a Postgres batch writes its band keys before the lock while most articles found a story', () => {
  it('though its reports join stored events, and under the lock once copies arrive', async () => {
    const db = new Kysely<Schema>({ dialect: createPGliteDialect(new PGlite()) });
    try {
      await migrateToLatest(db as Kysely<unknown>, 'postgres');
      // every recent report joined an event: only the events the merge would start go in before the
      // lock (here every report's: the articles are new)
      const dedup = freshDedup(1);
      const write = async (items: ReturnType<typeof analyseDocs>) =>
        (await writeRecorded(db, dedup, items, { bands: true })).calls;
      const bandsOf = (items: ReturnType<typeof analyseDocs>) =>
        items.reduce((n, item) => n + dedup.fingerprinter.fingerprint(item.article.text).bands.length, 0);
      const founders = analyseDocs(docs.slice(0, 4));
      expect(await write(founders)).toEqual([
        `insertEvents ${reportsOf(founders)}`,
        `insertRows article_bands ${bandsOf(founders)}`,
        'lock',
        'setStories 0',
        'deleteEvents 0',
        'deleteReports 0 0',
      ]);
      expect(dedup.joins.copies).toBe(0);
      // copies of them: still written early (deleted under the lock, their story holds them all)
      const copied = analyseDocs(
        docs.slice(0, 4).map((d) => ({ ...d, id: `${d.id}-copy`, raw: `${d.raw}\n\nCopy.` })),
      );
      expect((await write(copied)).slice(0, 2)).toEqual([
        `insertRows article_bands ${bandsOf(copied)}`,
        'lock',
      ]);
      expect(dedup.joins.copies).toBeGreaterThan(EARLY_BANDS_BELOW);
      // then the keys of the next batch wait for its stories: a copy stores only those its story lacks
      const more = analyseDocs(docs.slice(4, 6));
      const calls = await write(more);
      // (their events, new, before the lock)
      expect(calls[0]).toMatch(/^insertEvents [1-9]\d*$/);
      expect(calls.slice(1, 3)).toEqual(['lock', 'setStories 0']);
      expect(calls).toContain(`insertRows article_bands ${bandsOf(more)}`);
      const kept = await sql<{ n: string }>`select count(*) as n from article_bands`.execute(db);
      expect(Number(kept.rows[0]!.n)).toBe(bandsOf(founders) + bandsOf(more));
    } finally {
      await db.destroy();
    }
  });
});

describe('SQLite carries out the same report moves, event deletes and source deletes', () => {
  const dir = fileTempDir('demarche-early-');

  it("leaves out a batch's own events, moves a report to another story, deletes an event with its rows and a source row", async () => {
    const path = join(dir, 'moves.db');
    const store = await openSqliteStore({ path });
    await store.putArticles(originals);
    await store.close();
    const database = new Database(path);
    try {
      // each article founds its story, and its row says so
      const founders = database.prepare('select id, story_id from articles order by id').all() as {
        id: number;
        story_id: number | null;
      }[];
      expect(founders.length).toBe(originals.length);
      for (const r of founders) expect(r.story_id).toBe(r.id);
      const io = createSqliteBatchIo(database);
      expect(io.sharedLock).toBe(false);
      const [first, second] = database
        .prepare('select event_id, article_id, story_id from event_sources order by event_id limit 2')
        .all() as { event_id: number; article_id: number; story_id: number }[];
      // a lookup finds the stored event, unless its article is one the batch calls its own
      const e = database
        .prepare('select source_code, target_code, type, modality, negated, date from events where id = ?')
        .get(first!.event_id) as Record<string, string | number>;
      const lookup = {
        report: 0,
        source: e['source_code'] as string,
        target: e['target_code'] as string,
        type: e['type'] as string,
        modality: e['modality'] as string,
        negated: e['negated'] as number,
        from: e['date'] as string,
        to: e['date'] as string,
        story: null,
      };
      expect((await io.matchEvents([lookup], [])).map((h) => h.id)).toContain(first!.event_id);
      expect((await io.matchEvents([lookup], [first!.article_id])).map((h) => h.id)).not.toContain(
        first!.event_id,
      );
      const links = (event: number) =>
        (
          database.prepare('select story_id from story_events where event_id = ?').all(event) as {
            story_id: number;
          }[]
        ).map((r) => r.story_id);
      await io.moveReports([[first!.event_id, first!.article_id, 999_999]]);
      expect(
        database
          .prepare('select story_id from event_sources where event_id = ? and article_id = ?')
          .get(first!.event_id, first!.article_id),
      ).toEqual({ story_id: 999_999 });
      expect(links(first!.event_id)).toEqual([999_999]);
      await io.deleteEvents([second!.event_id]);
      expect(database.prepare('select count(*) as n from events where id = ?').get(second!.event_id)).toEqual(
        { n: 0 },
      );
      expect(
        database.prepare('select count(*) as n from event_sources where event_id = ?').get(second!.event_id),
      ).toEqual({ n: 0 });
      expect(links(second!.event_id)).toEqual([]);
      // a source row and a link deleted on their own: the event stays
      await io.deleteReports([[first!.event_id, first!.article_id]], []);
      expect(
        database
          .prepare('select count(*) as n from event_sources where event_id = ? and article_id = ?')
          .get(first!.event_id, first!.article_id),
      ).toEqual({ n: 0 });
      expect(links(first!.event_id)).toEqual([999_999]);
      await io.deleteReports([], [[999_999, first!.event_id]]);
      expect(links(first!.event_id)).toEqual([]);
      expect(database.prepare('select count(*) as n from events where id = ?').get(first!.event_id)).toEqual({
        n: 1,
      });
    } finally {
      database.close();
    }
  });
});

describe.runIf(server !== null)('a batch whose guess a batch committed before its lock proves wrong', () => {
  it('deletes the source rows it wrote early and writes them again, as SQLite stores the articles', async () => {
    const schema = `early_guess_${process.pid}_${Date.now().toString(36)}`;
    // the other writer: a store of its own, on its own connections
    const other = await openPostgresStore({ url: server!, schema });
    const pool = new pg.Pool({ connectionString: server!, max: 1, options: `-c search_path=${schema}` });
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const dir = fileTempDir('demarche-early-guess-');
    try {
      // X, an article; Y, another (its own story) that tells two of X's paragraphs, on X's day, so
      // that some of X's reports join Y's events; A, a copy of X
      const [x, w] = [docs[0]!, docs[6]!];
      const xs = x.raw.split('\n\n');
      const ws = w.raw.split('\n\n');
      const y = analyseDocs([
        {
          ...w,
          id: `${w.id}-y`,
          published: x.published!,
          raw: [ws[0], ...xs.slice(1, 3), ...ws.slice(1)].join('\n\n'),
        },
      ]);
      const original = analyseDocs([x]);
      const copy = analyseDocs([{ ...x, id: `${x.id}-copy`, raw: `${x.raw}\n\nCopy.` }]);
      const shared = y[0]!.article.events.filter((e) =>
        original[0]!.article.events.some(
          (o) =>
            o.source.code === e.source.code &&
            o.target.code === e.target.code &&
            o.type === e.type &&
            o.date === e.date,
        ),
      ).length;
      expect(shared).toBeGreaterThan(0);
      const stored = await other.putArticles(y);
      expect(stored[0]!.status).toBe('stored');

      // A's batch guesses before its lock: X is not stored, so A founds its story and its reports
      // of Y's events join them there (their source rows written early, in A's own story). X is
      // stored by the other writer just before A takes the lock: A is then a copy of X, in X's story
      const calls: string[] = [];
      const dedup = freshDedup(1);
      let xOutcome: PutOutcome | undefined;
      const outcomes = await db.transaction().execute((trx) => {
        const io = recorded(createPostgresBatchIo(trx, { binaryArrays: true }), calls, { sources: true });
        return writeBatch(
          {
            ...io,
            async lock() {
              [xOutcome] = await other.putArticles(original);
              await io.lock();
            },
          },
          prepareBatch(copy, dedup.fingerprinter),
          dedup,
        );
      });
      expect(xOutcome?.status).toBe('stored');
      const a = outcomes[0]!;
      expect(a.status === 'stored' && xOutcome?.status === 'stored' && a.story === xOutcome.id).toBe(true);
      // the guessed joins' source rows and links (in A's own story) were written before the lock,
      // then deleted and written again in X's story; A's new events written early joined X's and
      // went, their rows with them
      expect(calls[0]).toMatch(/^insertEvents [1-9]\d*$/);
      const newEvents = Number(calls[0]!.split(' ')[1]);
      expect(calls[1]).toBe(`insertRows event_sources ${reportsOf(copy)}`);
      expect(calls[2]).toMatch(/^insertRows story_events \d+$/);
      const linksEarly = Number(calls[2]!.split(' ')[2]);
      expect(linksEarly).toBeGreaterThanOrEqual(newEvents + shared);
      expect(calls[3]).toBe('lock');
      const deletes = calls.find((c) => c.startsWith('deleteReports '))?.split(' ');
      expect(Number(deletes?.[1])).toBeGreaterThanOrEqual(shared);
      expect(Number(deletes?.[2])).toBe(linksEarly - newEvents);

      await expectReportsLinked(db);

      // the events and their reports' articles and stories are those SQLite stores for Y, X and A
      const eventsOf = (rows: readonly { uid: string; hash: string; story: string }[]) =>
        rows.map((r) => `${r.uid} ${r.hash} ${r.story}`).sort();
      const pgRows = await sql<{
        uid: string;
        hash: string;
        story: string;
      }>`select e.uid, a.content_hash as hash,
          sa.content_hash as story
        from events e join event_sources s on s.event_id = e.id join articles a on a.id = s.article_id
          join articles sa on sa.id = s.story_id`.execute(db);
      const sqlite = await openSqliteStore({ path: join(dir, 'guess.db') });
      for (const batch of [y, original, copy]) await sqlite.putArticles(batch);
      await sqlite.close();
      const database = new Database(join(dir, 'guess.db'));
      const sqliteRows = database
        .prepare(
          `select e.uid as uid, a.content_hash as hash, sa.content_hash as story
             from events e join event_sources s on s.event_id = e.id join articles a on a.id = s.article_id
               join articles sa on sa.id = s.story_id`,
        )
        .all() as { uid: string; hash: string; story: string }[];
      database.close();
      expect(sqliteRows.length).toBe(reportsOf([...y, ...original, ...copy]));
      expect(eventsOf(pgRows.rows)).toEqual(eventsOf(sqliteRows));
    } finally {
      await db.destroy();
      await other.close();
      const client = new pg.Client({ connectionString: server! });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
