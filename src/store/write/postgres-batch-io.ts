import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import { arrayBinary, columnBinary } from './array-binary.js';
import { arrayLiteral, columnLiteral } from './array-literal.js';
import {
  COLUMNS,
  COUNT_COLUMNS,
  COUNT_KEY_WIDTH,
  IGNORE_CONFLICTS,
  LOOKUP_COLUMNS,
  MATCH_EVENTS,
  STOP_KEY_HOLDERS,
  lookupValues,
  type BandMatch,
  toHit,
  type BatchIo,
  type BatchTable,
  type ColumnType,
  type Row,
} from './batch-io.js';

type Columns = readonly (readonly [string, ColumnType])[];

/**
 * Band log entries kept (one per batch that stored keys): a batch that read the keys' holders
 * before the lock and waited for it longer than this many batches reads them all again under it.
 */
export const BAND_LOG_KEPT = 4096;
/** The log is pruned by the batch whose entry is a multiple of this. */
export const BAND_LOG_PRUNE_EVERY = 256;

/** JSON travels as text (so `pg` and PGlite serialise it alike) and is cast in the select list. */
const arrayType = (t: ColumnType) => (t === 'json' ? 'text[]' : `${t}[]`);

/** How a statement's arrays travel: in binary (node-postgres) or as text literals (any driver). */
interface Arrays {
  array(values: readonly unknown[], type: ColumnType): RawBuilder<unknown>;
  column(rows: readonly Row[], i: number, type: ColumnType): RawBuilder<unknown>;
}

function arraysOf(binary: boolean): Arrays {
  const cast = (value: unknown, type: ColumnType) => sql`${value}::${sql.raw(arrayType(type))}`;
  return binary
    ? {
        array: (values, type) => cast(arrayBinary(values, type), type),
        column: (rows, i, type) => cast(columnBinary(rows, i, type), type),
      }
    : {
        array: (values, type) => cast(arrayLiteral(values), type),
        column: (rows, i, type) => cast(columnLiteral(rows, i), type),
      };
}

/**
 * `select <columns> from unnest($1::type[], …) as t(<columns>)`: the rows as one array parameter
 * per column, so a table's rows for a whole batch are one statement of a fixed size.
 */
function unnestRows(
  arrays: Arrays,
  columns: Columns,
  rows: readonly Row[],
  extra: Columns = [],
): RawBuilder<unknown> {
  const all = [...columns, ...extra];
  const params = all.map(([, type], i) => arrays.column(rows, i, type));
  const select = all.map(([name, type]) => sql.raw(type === 'json' ? `t.${name}::jsonb` : `t.${name}`));
  return sql`select ${sql.join(select)} from unnest(${sql.join(params)}) as t(${sql.raw(
    all.map(([name]) => name).join(', '),
  )})`;
}

const COUNT_KEY = COUNT_COLUMNS.slice(0, COUNT_KEY_WIDTH).map(([n]) => n);

const names = (table: BatchTable) => sql.raw(COLUMNS[table].map(([n]) => n).join(', '));

/**
 * The batch statements for Postgres, over the batch's Kysely transaction: each is one round trip
 * whatever the number of rows (column arrays through `unnest`), so a batch of 100 articles costs
 * about a dozen statements.
 *
 * @example
 * await db.transaction().execute((trx) => putBatch(createPostgresBatchIo(trx), prepared));
 */
export function createPostgresBatchIo(
  db: Kysely<Database>,
  { binaryArrays = false }: { readonly binaryArrays?: boolean } = {},
): BatchIo {
  const arrays = arraysOf(binaryArrays);
  const unnest = (columns: Columns, tableRows: readonly Row[], extra: Columns = []) =>
    unnestRows(arrays, columns, tableRows, extra);
  const rows = async <R>(query: RawBuilder<R>): Promise<R[]> => (await query.execute(db)).rows;
  /**
   * The stored articles holding each key (none of `own`), read one by one through their primary
   * key (the `limit 1` keeps the planner from hashing the holders against a scan of every
   * article); a key held by more than `STOP_KEY_HOLDERS` gives none, and is listed in `stopKeys`
   * (it comes back as one row without its article's fields).
   */
  async function holders(keys: readonly number[], own: readonly number[]) {
    const matches: BandMatch[] = [];
    const stopKeys: number[] = [];
    if (keys.length === 0) return { matches, stopKeys };
    const most = sql.lit(STOP_KEY_HOLDERS);
    const found = await rows(
      sql<{
        key: string | number;
        article_id: number;
        holders: string | number;
        story_id: number | null;
        shingles: number | null;
        minhash: Uint8Array | null;
      }>`with b as (select k.key, h.article_id, count(*) over w as holders, row_number() over w as n
           from unnest(${arrays.array(keys, 'int8')}) as k(key)
           cross join lateral (select article_id from article_bands
             where key = k.key${notOwn(own)} limit ${sql.lit(STOP_KEY_HOLDERS + 1)}) h
           window w as (partition by k.key))
         select b.key, b.article_id, b.holders, a.story_id, a.shingles, a.minhash
         from b left join lateral (select story_id, shingles, minhash from articles
           where id = b.article_id and b.holders <= ${most} limit 1) a on true
         where b.holders <= ${most} or b.n = 1`,
    );
    for (const r of found) {
      if (Number(r.holders) > STOP_KEY_HOLDERS) stopKeys.push(Number(r.key));
      else
        matches.push({
          key: Number(r.key),
          articleId: r.article_id,
          story: r.story_id ?? r.article_id,
          shingles: r.shingles!,
          minhash: r.minhash,
        });
    }
    return { matches, stopKeys };
  }
  /** A band holder condition leaving out the batch's own articles (none to leave out: no condition). */
  const notOwn = (own: readonly number[]) =>
    own.length === 0 ? sql`` : sql` and article_id <> all(${arrays.array(own, 'int4')})`;

  return {
    sharedLock: true,

    async lock() {
      // and JIT off for the rest of the batch: its statements are short indexed reads and writes,
      // which compilation only slows (a table not analysed yet, its row estimates stale, made
      // Postgres compile the band query on every batch)
      await sql`select set_config('jit', 'off', true), pg_advisory_xact_lock(738159202)`.execute(db);
    },

    async insertArticles(articleRows) {
      if (articleRows.length === 0) return [];
      const hashAt = COLUMNS.articles.findIndex(([n]) => n === 'content_hash');
      // in content-hash order, so that two batches holding the same articles take their unique-index
      // entries in one order and do not wait on each other crosswise (the batch lock comes later)
      const hashOf = (r: Row) => r[hashAt] as string;
      const byHash = [...articleRows].sort((x, y) =>
        hashOf(x) < hashOf(y) ? -1 : hashOf(x) > hashOf(y) ? 1 : 0,
      );
      // each with its id taken here, so that it goes in as the founder of its own story (most
      // articles are): only the copies are updated once clustered, where updating every row once
      // more wrote a second version of it, with new entries in each of its indexes
      const inserted = await rows(
        sql<{ id: number; content_hash: string }>`insert into articles (story_id, id, ${names('articles')})
          select s.id, s.* from (select nextval(pg_get_serial_sequence('articles', 'id'))::int4 as id, u.*
            from (${unnest(COLUMNS.articles, byHash)}) u) s
          on conflict do nothing returning id, content_hash`,
      );
      const idOf = new Map(inserted.map((r) => [r.content_hash, Number(r.id)]));
      return articleRows.map((r) => idOf.get(r[hashAt] as string) ?? null);
    },

    async findArticles(hashes, urls) {
      const found = await rows(
        sql<{ id: number; content_hash: string; canonical_url: string | null }>`
          select id, content_hash, canonical_url from articles
          where content_hash = any(${arrays.array(hashes, 'text')}) or canonical_url = any(${arrays.array(urls, 'text')})
          order by id`,
      );
      return found.map((r) => ({ id: r.id, contentHash: r.content_hash, canonicalUrl: r.canonical_url }));
    },

    async bandMatches(keys, own) {
      return (await holders(keys, own)).matches;
    },

    async bandMatchesBefore(keys) {
      // the log's last entry first: a batch that commits between the two statements is then read
      // twice (here and from the log under the lock), which bandsAtLock allows, but never missed;
      // and JIT off from here, as under the lock (see lock()): it compiled this query every batch
      const [last] = await rows(
        sql<{ seq: string | number }>`select set_config('jit', 'off', true), coalesce(max(seq), 0) as seq
          from band_log`,
      );
      const { matches, stopKeys } = await holders(keys, []);
      return { matches, stopKeys, seen: Number(last!.seq) };
    },

    async bandMatchesSince(keys, seen) {
      const logged = await rows(
        sql<{ through: string | number; keys: (string | number)[] | null; article_ids: number[] | null }>`
          select p.through, l.keys, l.article_ids from band_log_pruned p
          left join band_log l on l.seq > ${seen}::int8 order by l.seq`,
      );
      if (logged.length === 0 || Number(logged[0]!.through) > seen) return null;
      const wanted = new Set(keys);
      const pairs: [number, number][] = [];
      for (const entry of logged) {
        if (entry.keys === null || entry.article_ids === null) continue;
        entry.keys.forEach((k, i) => {
          const key = Number(k);
          if (wanted.has(key)) pairs.push([key, entry.article_ids![i]!]);
        });
      }
      if (pairs.length === 0) return [];
      const fields = new Map(
        (
          await rows(
            sql<{ id: number; story_id: number | null; shingles: number; minhash: Uint8Array | null }>`
              select id, story_id, shingles, minhash from articles
              where id = any(${arrays.array([...new Set(pairs.map((p) => p[1]))], 'int4')})`,
          )
        ).map((r) => [r.id, r]),
      );
      return pairs.flatMap(([key, articleId]) => {
        const a = fields.get(articleId);
        return a === undefined
          ? []
          : [{ key, articleId, story: a.story_id ?? articleId, shingles: a.shingles, minhash: a.minhash }];
      });
    },

    async logBands(bands) {
      if (bands.length === 0) return;
      const [entry] = await rows(
        sql<{ seq: string | number }>`insert into band_log (keys, article_ids) values (${arrays.array(
          bands.map((b) => b[0]),
          'int8',
        )}, ${arrays.array(
          bands.map((b) => b[1]),
          'int4',
        )}) returning seq`,
      );
      const seq = Number(entry!.seq);
      if (seq % BAND_LOG_PRUNE_EVERY !== 0 || seq <= BAND_LOG_KEPT) return;
      const through = seq - BAND_LOG_KEPT;
      await sql`delete from band_log where seq <= ${through}::int8`.execute(db);
      await sql`update band_log_pruned set through = greatest(through, ${through}::int8)`.execute(db);
    },

    async articleTexts(ids) {
      if (ids.length === 0) return new Map();
      const found = await rows(
        sql<{
          id: number;
          text: string;
        }>`select id, text from articles where id = any(${arrays.array(ids, 'int4')})`,
      );
      return new Map(found.map((r) => [r.id, r.text]));
    },

    async setStories(ids, stories) {
      if (ids.length === 0) return;
      await sql`update articles set story_id = t.story
        from unnest(${arrays.array(ids, 'int4')}, ${arrays.array(stories, 'int4')}) as t(id, story)
        where articles.id = t.id`.execute(db);
    },

    async insertRows(table, tableRows) {
      if (tableRows.length === 0) return;
      const tail = sql.raw(IGNORE_CONFLICTS.has(table) ? ' on conflict do nothing' : '');
      await sql`insert into ${sql.raw(table)} (${names(table)}) ${unnest(COLUMNS[table], tableRows)}${tail}`.execute(
        db,
      );
    },

    async matchEvents(lookups, own) {
      if (lookups.length === 0) return [];
      const found = await rows(
        sql<Record<string, unknown>>`with k as (${unnest(LOOKUP_COLUMNS, lookups.map(lookupValues))})
          ${sql.raw(MATCH_EVENTS.byDate)} and e.article_id <> all(${arrays.array(own, 'int4')})
          union all ${sql.raw(MATCH_EVENTS.byStory)}`,
      );
      return found.map(toHit);
    },

    async insertEvents(eventRows) {
      if (eventRows.length === 0) return [];
      // Ids drawn first, so that each row's id is known whatever order Postgres inserts in.
      const drawn = await rows(
        sql<{ id: string | number }>`select nextval(pg_get_serial_sequence('events', 'id')) as id
          from generate_series(1, ${eventRows.length}::int4)`,
      );
      const ids = drawn.map((r) => Number(r.id));
      await sql`insert into events (id, ${names('events')})
        ${unnest(
          [['id', 'int4']],
          eventRows.map((r, i) => [ids[i], ...r]),
          COLUMNS.events,
        )}`.execute(db);
      return ids;
    },

    async deleteBands(bands) {
      if (bands.length === 0) return;
      await sql`delete from article_bands b
        using unnest(${arrays.array(
          bands.map((b) => b[0]),
          'int8',
        )}, ${arrays.array(
          bands.map((b) => b[1]),
          'int4',
        )}) as t(key, article_id)
        where b.key = t.key and b.article_id = t.article_id`.execute(db);
    },

    async deleteEvents(ids) {
      if (ids.length === 0) return;
      await sql`delete from events where id = any(${arrays.array(ids, 'int4')})`.execute(db);
    },

    async moveReports(moves) {
      if (moves.length === 0) return;
      const column = (k: number) =>
        arrays.array(
          moves.map((m) => m[k]),
          'int4',
        );
      // three tables' rows of the same reports, one statement (the link deleted and the one inserted differ)
      await sql`with m as (
          select * from unnest(${column(0)}, ${column(1)}, ${column(2)}) as m(event_id, article_id, story)),
        s as (update event_sources set story_id = m.story from m
          where event_sources.event_id = m.event_id and event_sources.article_id = m.article_id),
        d as (delete from story_events using m
          where story_events.story_id = m.article_id and story_events.event_id = m.event_id)
        insert into story_events (story_id, event_id) select distinct story, event_id from m
        on conflict do nothing`.execute(db);
    },

    async updateEvents(ids, eventRows) {
      if (ids.length === 0) return;
      const set = sql.raw(COLUMNS.events.map(([n]) => `${n} = u.${n}`).join(', '));
      await sql`update events set ${set}
        from (${unnest(
          [['id', 'int4']],
          eventRows.map((r, i) => [ids[i], ...r]),
          COLUMNS.events,
        )}) as u where events.id = u.id`.execute(db);
    },

    async addCounts(countRows) {
      if (countRows.length === 0) return;
      // One row per key in a batch (ON CONFLICT may touch a row once per statement).
      const key = sql.raw(COUNT_KEY.join(', '));
      await sql`insert into event_counts (${sql.raw(COUNT_COLUMNS.map(([n]) => n).join(', '))})
        ${unnest(COUNT_COLUMNS, countRows)}
        on conflict (${key}) do update set events = event_counts.events + excluded.events,
          goldstein = event_counts.goldstein + excluded.goldstein`.execute(db);
      const emptied = countRows.filter((r) => (r[COUNT_KEY_WIDTH] as number) < 0);
      if (emptied.length > 0)
        await sql`delete from event_counts where events = 0 and (${key}) in
          (${unnest(COUNT_COLUMNS.slice(0, COUNT_KEY_WIDTH), emptied)})`.execute(db);
    },
  };
}
