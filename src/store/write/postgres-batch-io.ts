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
  STOP_KEY_HOLDERS,
  lookupValues,
  type BandMatch,
  toHit,
  type BatchIo,
  type BatchTable,
  type RowTable,
  type ColumnType,
  type Row,
  type EventLookup,
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

const cast = (value: unknown, type: ColumnType) => sql`${value}::${sql.raw(arrayType(type))}`;

const BINARY_ARRAYS: Arrays = {
  array: (values, type) => cast(arrayBinary(values, type), type),
  column: (rows, i, type) => cast(columnBinary(rows, i, type), type),
};

const LITERAL_ARRAYS: Arrays = {
  array: (values, type) => cast(arrayLiteral(values), type),
  column: (rows, i, type) => cast(columnLiteral(rows, i), type),
};

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
  // loops, not callbacks made per statement (docs/scaling.md: "Full collections also cost compilation")
  const all = [...columns, ...extra];
  const params: RawBuilder<unknown>[] = [];
  const select: RawBuilder<unknown>[] = [];
  const names: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const [name, type] = all[i]!;
    params.push(arrays.column(rows, i, type));
    select.push(sql.raw(type === 'json' ? `t.${name}::jsonb` : `t.${name}`));
    names.push(name);
  }
  return sql`select ${sql.join(select)} from unnest(${sql.join(params)}) as t(${sql.raw(names.join(', '))})`;
}

const COUNT_KEY = COUNT_COLUMNS.slice(0, COUNT_KEY_WIDTH).map(([n]) => n);

const names = (table: BatchTable) => sql.raw(COLUMNS[table].map(([n]) => n).join(', '));

/**
 * A batch's transaction and how its arrays travel. The statements below are module functions over
 * it, and `createPostgresBatchIo` only binds them: V8 compiles a function once per closure that
 * stays alive, and functions created afresh for each batch were compiled again and again (each
 * batch ran them unoptimised first, then the compiler threads optimised them once more).
 */
interface Tx {
  readonly db: Kysely<Database>;
  readonly arrays: Arrays;
}

const rowsOf = async <R>(tx: Tx, query: RawBuilder<R>): Promise<R[]> => (await query.execute(tx.db)).rows;

/** A band holder condition leaving out the batch's own articles (none to leave out: no condition). */
const notOwn = (tx: Tx, own: readonly number[]) =>
  own.length === 0 ? sql`` : sql` and article_id <> all(${tx.arrays.array(own, 'int4')})`;

interface HolderRow {
  key: string | number;
  article_id: number;
  holders: string | number;
  story_id: number | null;
  shingles: number | null;
  minhash: Uint8Array | null;
}

/**
 * The stored articles holding each key (none of `own`), read one by one through their primary
 * key (the `limit 1` keeps the planner from hashing the holders against a scan of every
 * article); a key held by more than `STOP_KEY_HOLDERS` gives none, and is listed in `stopKeys`
 * (it comes back as one row without its article's fields).
 */
async function holders(tx: Tx, keys: readonly number[], own: readonly number[]) {
  const matches: BandMatch[] = [];
  const stopKeys: number[] = [];
  if (keys.length === 0) return { matches, stopKeys };
  const most = sql.lit(STOP_KEY_HOLDERS);
  const found = await rowsOf(
    tx,
    sql<HolderRow>`with b as (select k.key, h.article_id, count(*) over w as holders, row_number() over w as n
         from unnest(${tx.arrays.array(keys, 'int8')}) as k(key)
         cross join lateral (select article_id from article_bands
           where key = k.key${notOwn(tx, own)} limit ${sql.lit(STOP_KEY_HOLDERS + 1)}) h
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

async function lock(tx: Tx): Promise<void> {
  // and JIT off for the rest of the batch: its statements are short indexed reads and writes,
  // which compilation only slows (a table not analysed yet, its row estimates stale, made
  // Postgres compile the band query on every batch)
  await sql`select set_config('jit', 'off', true), pg_advisory_xact_lock(738159202)`.execute(tx.db);
}

const HASH_AT = COLUMNS.articles.findIndex(([n]) => n === 'content_hash');

const byContentHash = (x: Row, y: Row): number => {
  const a = x[HASH_AT] as string;
  const b = y[HASH_AT] as string;
  return a < b ? -1 : a > b ? 1 : 0;
};

async function insertArticles(tx: Tx, articleRows: readonly Row[]): Promise<(number | null)[]> {
  if (articleRows.length === 0) return [];
  // in content-hash order, so that two batches holding the same articles take their unique-index
  // entries in one order and do not wait on each other crosswise (the batch lock comes later)
  const byHash = [...articleRows].sort(byContentHash);
  // each with its id taken here, so that it goes in as the founder of its own story (most
  // articles are): only the copies are updated once clustered, where updating every row once
  // more wrote a second version of it, with new entries in each of its indexes
  const inserted = await rowsOf(
    tx,
    sql<{ id: number; content_hash: string }>`insert into articles (story_id, id, ${names('articles')})
      select s.id, s.* from (select nextval(pg_get_serial_sequence('articles', 'id'))::int4 as id, u.*
        from (${unnestRows(tx.arrays, COLUMNS.articles, byHash)}) u) s
      on conflict do nothing returning id, content_hash`,
  );
  const idOf = new Map<string, number>();
  for (const r of inserted) idOf.set(r.content_hash, Number(r.id));
  const ids: (number | null)[] = [];
  for (const r of articleRows) ids.push(idOf.get(r[HASH_AT] as string) ?? null);
  return ids;
}

async function findArticles(tx: Tx, hashes: readonly string[], urls: readonly string[]) {
  const found = await rowsOf(
    tx,
    sql<{ id: number; content_hash: string; canonical_url: string | null }>`
      select id, content_hash, canonical_url from articles
      where content_hash = any(${tx.arrays.array(hashes, 'text')}) or canonical_url = any(${tx.arrays.array(urls, 'text')})
      order by id`,
  );
  return found.map((r) => ({ id: r.id, contentHash: r.content_hash, canonicalUrl: r.canonical_url }));
}

async function bandMatchesBefore(tx: Tx, keys: readonly number[]) {
  // the log's last entry first: a batch that commits between the two statements is then read
  // twice (here and from the log under the lock), which bandsAtLock allows, but never missed;
  // and JIT off from here, as under the lock (see lock()): it compiled this query every batch
  const [last] = await rowsOf(
    tx,
    sql<{ seq: string | number }>`select set_config('jit', 'off', true), coalesce(max(seq), 0) as seq
      from band_log`,
  );
  const { matches, stopKeys } = await holders(tx, keys, []);
  return { matches, stopKeys, seen: Number(last!.seq) };
}

async function bandMatchesSince(tx: Tx, keys: readonly number[], seen: number): Promise<BandMatch[] | null> {
  const logged = await rowsOf(
    tx,
    sql<{ through: string | number; keys: (string | number)[] | null; article_ids: number[] | null }>`
      select p.through, l.keys, l.article_ids from band_log_pruned p
      left join band_log l on l.seq > ${seen}::int8 order by l.seq`,
  );
  if (logged.length === 0 || Number(logged[0]!.through) > seen) return null;
  const wanted = new Set(keys);
  const pairs: [number, number][] = [];
  const ids = new Set<number>();
  for (const entry of logged) {
    const logKeys = entry.keys;
    const articleIds = entry.article_ids;
    if (logKeys === null || articleIds === null) continue;
    for (let i = 0; i < logKeys.length; i++) {
      const key = Number(logKeys[i]);
      if (!wanted.has(key)) continue;
      pairs.push([key, articleIds[i]!]);
      ids.add(articleIds[i]!);
    }
  }
  if (pairs.length === 0) return [];
  const found = await rowsOf(
    tx,
    sql<{ id: number; story_id: number | null; shingles: number; minhash: Uint8Array | null }>`
      select id, story_id, shingles, minhash from articles
      where id = any(${tx.arrays.array([...ids], 'int4')})`,
  );
  const fields = new Map<number, (typeof found)[number]>();
  for (const r of found) fields.set(r.id, r);
  const out: BandMatch[] = [];
  for (const [key, articleId] of pairs) {
    const a = fields.get(articleId);
    if (a !== undefined)
      out.push({ key, articleId, story: a.story_id ?? articleId, shingles: a.shingles, minhash: a.minhash });
  }
  return out;
}

/** One column of (key, article) pairs, or of any rows of numbers, as an array parameter. */
function numberColumn(tx: Tx, rows: readonly (readonly number[])[], k: number, type: 'int4' | 'int8') {
  const values: number[] = [];
  for (const r of rows) values.push(r[k]!);
  return tx.arrays.array(values, type);
}

async function logBands(tx: Tx, bands: readonly (readonly [number, number])[]): Promise<void> {
  if (bands.length === 0) return;
  const [entry] = await rowsOf(
    tx,
    sql<{ seq: string | number }>`insert into band_log (keys, article_ids)
      values (${numberColumn(tx, bands, 0, 'int8')}, ${numberColumn(tx, bands, 1, 'int4')}) returning seq`,
  );
  const seq = Number(entry!.seq);
  if (seq % BAND_LOG_PRUNE_EVERY !== 0 || seq <= BAND_LOG_KEPT) return;
  const through = seq - BAND_LOG_KEPT;
  await sql`delete from band_log where seq <= ${through}::int8`.execute(tx.db);
  await sql`update band_log_pruned set through = greatest(through, ${through}::int8)`.execute(tx.db);
}

async function articleTexts(tx: Tx, ids: readonly number[]): Promise<Map<number, string>> {
  const texts = new Map<number, string>();
  if (ids.length === 0) return texts;
  const found = await rowsOf(
    tx,
    sql<{
      id: number;
      text: string;
    }>`select id, text from articles where id = any(${tx.arrays.array(ids, 'int4')})`,
  );
  for (const r of found) texts.set(r.id, r.text);
  return texts;
}

async function setStories(tx: Tx, ids: readonly number[], stories: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`update articles set story_id = t.story
    from unnest(${tx.arrays.array(ids, 'int4')}, ${tx.arrays.array(stories, 'int4')}) as t(id, story)
    where articles.id = t.id`.execute(tx.db);
}

async function insertRows(tx: Tx, table: RowTable, tableRows: readonly Row[]): Promise<void> {
  if (tableRows.length === 0) return;
  const tail = sql.raw(IGNORE_CONFLICTS.has(table) ? ' on conflict do nothing' : '');
  await sql`insert into ${sql.raw(table)} (${names(table)}) ${unnestRows(tx.arrays, COLUMNS[table], tableRows)}${tail}`.execute(
    tx.db,
  );
}

/**
 * `MATCH_EVENTS` as Postgres runs it, with the same rows: each lookup's events are read by a
 * subquery of its own (LATERAL, kept out of the join by OFFSET 0), so that the plan is an index
 * search per lookup whatever the planner believes of the tables' sizes. Planned as one join, a
 * store whose statistics lagged its growth (autovacuum off, or a table grown since its last
 * ANALYZE) had Postgres read and sort the whole events table for every batch, under the batch
 * lock. The article's date and the story flag are scalar subqueries for the same reason: an EXISTS
 * in the select list may be planned as a hash of every story link.
 */
const MATCH_EVENT_COLUMNS = `e.id, e.uid, e.mode, e.date, e.quad, e.goldstein,
  (select a.published from articles a where a.id = e.article_id) as published`;
const MATCH_KEY = `e.source_code = k.source and e.target_code = k.target and e.type = k.type
  and e.modality = k.modality and e.negated = k.negated`;

async function matchEvents(tx: Tx, lookups: readonly EventLookup[], own: readonly number[]) {
  if (lookups.length === 0) return [];
  const found = await rowsOf(
    tx,
    sql<
      Record<string, unknown>
    >`with k as (${unnestRows(tx.arrays, LOOKUP_COLUMNS, lookups.map(lookupValues))})
      select k.report, e.id, e.uid, e.mode, e.date, e.quad, e.goldstein, e.published,
        coalesce((select 1 from story_events se where se.story_id = k.story and se.event_id = e.id), 0)
          as same_story
      from k cross join lateral (select ${sql.raw(MATCH_EVENT_COLUMNS)} from events e
        where ${sql.raw(MATCH_KEY)} and e.date between k.date_from and k.date_to
          and e.article_id <> all(${tx.arrays.array(own, 'int4')})
        offset 0) e
      union all
      select k.report, e.id, e.uid, e.mode, e.date, e.quad, e.goldstein, e.published, 1 as same_story
      from k cross join lateral (select ${sql.raw(MATCH_EVENT_COLUMNS)}
        from story_events se cross join events e
        where se.story_id = k.story and e.id = se.event_id and ${sql.raw(MATCH_KEY)}
        offset 0) e
      where k.story is not null`,
  );
  return found.map(toHit);
}

/** Rows with their ids first. */
function withIds(ids: readonly number[], rows: readonly Row[]): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i++) out.push([ids[i], ...rows[i]!]);
  return out;
}

async function insertEvents(tx: Tx, eventRows: readonly Row[]): Promise<number[]> {
  if (eventRows.length === 0) return [];
  // Ids drawn first, so that each row's id is known whatever order Postgres inserts in.
  const drawn = await rowsOf(
    tx,
    sql<{ id: string | number }>`select nextval(pg_get_serial_sequence('events', 'id')) as id
      from generate_series(1, ${eventRows.length}::int4)`,
  );
  const ids: number[] = [];
  for (const r of drawn) ids.push(Number(r.id));
  await sql`insert into events (id, ${names('events')})
    ${unnestRows(tx.arrays, [['id', 'int4']], withIds(ids, eventRows), COLUMNS.events)}`.execute(tx.db);
  return ids;
}

async function deleteBands(tx: Tx, bands: readonly (readonly [number, number])[]): Promise<void> {
  if (bands.length === 0) return;
  await sql`delete from article_bands b
    using unnest(${numberColumn(tx, bands, 0, 'int8')}, ${numberColumn(tx, bands, 1, 'int4')}) as t(key, article_id)
    where b.key = t.key and b.article_id = t.article_id`.execute(tx.db);
}

async function deleteEvents(tx: Tx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`delete from events where id = any(${tx.arrays.array(ids, 'int4')})`.execute(tx.db);
}

async function deleteReports(
  tx: Tx,
  sources: readonly (readonly [number, number])[],
  links: readonly (readonly [number, number])[],
): Promise<void> {
  if (sources.length > 0)
    await sql`delete from event_sources s
      using unnest(${numberColumn(tx, sources, 0, 'int4')}, ${numberColumn(tx, sources, 1, 'int4')}) as t(event_id, article_id)
      where s.event_id = t.event_id and s.article_id = t.article_id`.execute(tx.db);
  if (links.length > 0)
    await sql`delete from story_events l
      using unnest(${numberColumn(tx, links, 0, 'int4')}, ${numberColumn(tx, links, 1, 'int4')}) as t(story_id, event_id)
      where l.story_id = t.story_id and l.event_id = t.event_id`.execute(tx.db);
}

async function moveReports(tx: Tx, moves: readonly (readonly [number, number, number])[]): Promise<void> {
  if (moves.length === 0) return;
  // three tables' rows of the same reports, one statement (the link deleted and the one inserted differ)
  await sql`with m as (
      select * from unnest(${numberColumn(tx, moves, 0, 'int4')}, ${numberColumn(tx, moves, 1, 'int4')},
        ${numberColumn(tx, moves, 2, 'int4')}) as m(event_id, article_id, story)),
    s as (update event_sources set story_id = m.story from m
      where event_sources.event_id = m.event_id and event_sources.article_id = m.article_id),
    d as (delete from story_events using m
      where story_events.story_id = m.article_id and story_events.event_id = m.event_id)
    insert into story_events (story_id, event_id) select distinct story, event_id from m
    on conflict do nothing`.execute(tx.db);
}

const SET_EVENT_COLUMNS = sql.raw(COLUMNS.events.map(([n]) => `${n} = u.${n}`).join(', '));

async function updateEvents(tx: Tx, ids: readonly number[], eventRows: readonly Row[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`update events set ${SET_EVENT_COLUMNS}
    from (${unnestRows(tx.arrays, [['id', 'int4']], withIds(ids, eventRows), COLUMNS.events)}) as u
    where events.id = u.id`.execute(tx.db);
}

const COUNT_KEY_LIST = sql.raw(COUNT_KEY.join(', '));
const COUNT_COLUMN_LIST = sql.raw(COUNT_COLUMNS.map(([n]) => n).join(', '));

async function addCounts(tx: Tx, countRows: readonly Row[]): Promise<void> {
  if (countRows.length === 0) return;
  const columns: RawBuilder<unknown>[] = [];
  for (let i = 0; i < COUNT_COLUMNS.length; i++)
    columns.push(tx.arrays.column(countRows, i, COUNT_COLUMNS[i]![1]));
  await sql`insert into event_count_deltas values (${sql.join(columns)})`.execute(tx.db);
}

/** The advisory lock a fold of the count changes holds (a batch's is `lock`'s). */
export const FOLD_LOCK = 738159203;
/** A fold in this many also vacuums the changes' table, whose rows each fold deletes. */
const VACUUM_EVERY = 64;

/**
 * Folds the count changes that batches added to `event_count_deltas` into `event_counts`, outside
 * any batch lock: one statement, which takes every batch's changes it sees, sums them per key and
 * adds the sums to their rows (made when missing); then removes the rows whose events fell to
 * zero. While another fold runs (another writer's) this one does nothing, and the changes it did
 * not see wait for the next fold. A change is in one table or the other in any snapshot, so
 * counts read from both together (`event_count_changes`) are exact whenever they are read.
 *
 * Under the batch lock a batch only appends its changes, one row of column arrays: the upsert,
 * which inserts or rewrites a row and both its indexes per key, had been a third of the lock's
 * time. It cannot move before the lock: a batch would then hold the rows' locks while it waits for
 * the batch lock, whose holder may need those rows. `fold` counts this writer's folds: every
 * `VACUUM_EVERY`th vacuums the changes' table, so that the rows the folds delete do not pile up
 * where autovacuum is off.
 *
 * @example
 * await foldCountChanges(db, ++folds); // after a batch commits
 */
export async function foldCountChanges(db: Kysely<Database>, fold: number): Promise<void> {
  // the keys whose rows it emptied come back (most batches: none)
  const empty = await sql<Record<string, unknown>>`with
      fold as (select pg_try_advisory_xact_lock(${sql.lit(FOLD_LOCK)}) as held),
      taken as (delete from event_count_deltas where (select held from fold) returning *),
      summed as (select ${COUNT_KEY_LIST}, sum(c.events)::int4 as events, sum(c.goldstein) as goldstein
        from taken d cross join lateral unnest(d.target_codes, d.source_codes, d.months, d.types,
          d.quads, d.modalities, d.negateds, d.events, d.goldsteins) as c(${COUNT_COLUMN_LIST})
        group by ${COUNT_KEY_LIST}),
      added as (insert into event_counts (${COUNT_COLUMN_LIST}) select ${COUNT_COLUMN_LIST} from summed
        on conflict (${COUNT_KEY_LIST}) do update set events = event_counts.events + excluded.events,
          goldstein = event_counts.goldstein + excluded.goldstein
        returning ${COUNT_KEY_LIST}, events)
    select ${COUNT_KEY_LIST} from added where events = 0`.execute(db);
  const emptied: Row[] = [];
  for (const r of empty.rows) {
    const key: unknown[] = [];
    for (const name of COUNT_KEY) key.push(r[name]);
    emptied.push(key);
  }
  // a fold since may have added to a key again: its row stays
  if (emptied.length > 0)
    await sql`delete from event_counts where events = 0 and (${COUNT_KEY_LIST}) in
      (${unnestRows(LITERAL_ARRAYS, COUNT_COLUMNS.slice(0, COUNT_KEY_WIDTH), emptied)})`.execute(db);
  if (fold % VACUUM_EVERY === 0) await sql`vacuum event_count_deltas`.execute(db);
}

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
  const tx: Tx = { db, arrays: binaryArrays ? BINARY_ARRAYS : LITERAL_ARRAYS };
  return {
    sharedLock: true,
    lock: () => lock(tx),
    insertArticles: (articleRows) => insertArticles(tx, articleRows),
    findArticles: (hashes, urls) => findArticles(tx, hashes, urls),
    bandMatches: async (keys, own) => (await holders(tx, keys, own)).matches,
    bandMatchesBefore: (keys) => bandMatchesBefore(tx, keys),
    bandMatchesSince: (keys, seen) => bandMatchesSince(tx, keys, seen),
    logBands: (bands) => logBands(tx, bands),
    articleTexts: (ids) => articleTexts(tx, ids),
    setStories: (ids, stories) => setStories(tx, ids, stories),
    insertRows: (table, tableRows) => insertRows(tx, table, tableRows),
    matchEvents: (lookups, own) => matchEvents(tx, lookups, own),
    insertEvents: (eventRows) => insertEvents(tx, eventRows),
    deleteBands: (bands) => deleteBands(tx, bands),
    deleteEvents: (ids) => deleteEvents(tx, ids),
    deleteReports: (sources, links) => deleteReports(tx, sources, links),
    moveReports: (moves) => moveReports(tx, moves),
    updateEvents: (ids, eventRows) => updateEvents(tx, ids, eventRows),
    addCounts: (countRows) => addCounts(tx, countRows),
  };
}
