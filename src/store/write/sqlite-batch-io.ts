import type BetterSqlite3 from 'better-sqlite3';
import { SQLITE_BAND_FIELDS } from '../migrations.js';
import {
  COLUMNS,
  COUNT_COLUMNS,
  COUNT_KEY_WIDTH,
  IGNORE_CONFLICTS,
  LOOKUP_COLUMNS,
  MATCH_EVENTS,
  STOP_KEY_HOLDERS,
  lookupValues,
  toHit,
  type BatchIo,
  type BatchTable,
  type EventHit,
  type Row,
} from './batch-io.js';

const list = (table: BatchTable) => COLUMNS[table].map(([name]) => name);
/** `insert into table (…) values (?, …)` for `rows` rows. */
const insertSql = (table: BatchTable, tail = '', rows = 1) => {
  const one = `(${list(table)
    .map(() => '?')
    .join(', ')})`;
  return `insert into ${table} (${list(table).join(', ')}) values ${Array<string>(rows).fill(one).join(', ')}${tail}`;
};
/** Rows per multi-row insert: fewer calls into SQLite (each binds, steps and resets once). */
const ROWS_PER_INSERT = 32;
/** Articles are wide (their texts): fewer per statement. */
const ARTICLES_PER_INSERT = 8;

const COUNT_KEY = COUNT_COLUMNS.slice(0, COUNT_KEY_WIDTH).map(([name]) => name);
/** Adds one change to its `event_counts` row (made when missing). */
const ADD_COUNT = `insert into event_counts (${COUNT_COLUMNS.map(([name]) => name).join(', ')})
  values (${COUNT_COLUMNS.map(() => '?').join(', ')})
  on conflict (${COUNT_KEY.join(', ')}) do update
  set events = events + excluded.events, goldstein = goldstein + excluded.goldstein`;
/** Removes a key's row once it counts no event. */
const DROP_EMPTY_COUNT = `delete from event_counts where ${COUNT_KEY.map((k) => `${k} = ?`).join(' and ')} and events = 0`;

/**
 * The holders of each key (a JSON array) with their story fields, for keys held by at most
 * `STOP_KEY_HOLDERS` articles. The fields are read through the covering index of migration 0006:
 * the planner would look the rows up by id, and reach these columns only past each row's texts.
 */
export const BAND_MATCHES = `select b.key, b.article_id, a.story_id, a.shingles, a.minhash
  from json_each(?) k
  join article_bands b on b.key = k.value
  join articles a indexed by ${SQLITE_BAND_FIELDS} on a.id = b.article_id
  where (select count(*) from (select 1 from article_bands s where s.key = k.value limit ${STOP_KEY_HOLDERS + 1}))
    <= ${STOP_KEY_HOLDERS}`;

/** One lookup as the relation `k`, from its bound values (one prepared statement, run per lookup). */
const LOOKUP_CTE = `with k as (select ${LOOKUP_COLUMNS.map(([name]) => `? as ${name}`).join(', ')})`;

/**
 * The batch statements over the raw better-sqlite3 connection: prepared once per store, and run
 * with up to `ROWS_PER_INSERT` rows per call (no query building and no round trip). They run inside
 * the transaction Kysely opened on the same connection, which it holds for the whole batch.
 *
 * @example
 * const io = createSqliteBatchIo(database);
 * await db.transaction().execute(() => putBatch(io, prepared));
 */
export function createSqliteBatchIo(database: BetterSqlite3.Database): BatchIo {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (s === undefined) {
      s = database.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const json = (values: readonly unknown[]) => JSON.stringify(values);

  /**
   * Inserts rows, `per` to a statement (the rest one by one); with `returning`, gives back the
   * returned rows of each statement. SQLite inserts the rows of a VALUES list in order.
   */
  function insertChunked(
    table: BatchTable,
    rows: readonly Row[],
    { tail = '', per = ROWS_PER_INSERT }: { tail?: string; per?: number } = {},
  ): unknown[] {
    const width = COLUMNS[table].length;
    const returning = /\breturning\b/.test(tail);
    const out: unknown[] = [];
    const run = (s: BetterSqlite3.Statement, params: unknown[]) => {
      if (returning) out.push(...s.all(params));
      else s.run(params);
    };
    let i = 0;
    if (rows.length >= per) {
      const many = prepared(insertSql(table, tail, per));
      const params = new Array<unknown>(width * per);
      for (; i + per <= rows.length; i += per) {
        for (let r = 0; r < per; r++) {
          const row = rows[i + r]!;
          for (let c = 0; c < width; c++) params[r * width + c] = row[c];
        }
        run(many, params);
      }
    }
    if (i < rows.length) {
      const one = prepared(insertSql(table, tail));
      for (; i < rows.length; i++) run(one, rows[i] as unknown[]);
    }
    return out;
  }

  return {
    async lock() {},
    sharedLock: false,

    async insertArticles(rows) {
      const inserted = insertChunked('articles', rows, {
        tail: ' on conflict do nothing returning id, content_hash',
        per: ARTICLES_PER_INSERT,
      }) as { id: number; content_hash: string }[];
      // SQLite gives the ids as it inserts: each new article founds its story once it has one
      if (inserted.length > 0)
        prepared(`update articles set story_id = id where id in (select value from json_each(?))`).run(
          json(inserted.map((r) => r.id)),
        );
      const hashAt = COLUMNS.articles.findIndex(([n]) => n === 'content_hash');
      const idOf = new Map(inserted.map((r) => [r.content_hash, r.id]));
      return rows.map((r) => idOf.get(r[hashAt] as string) ?? null);
    },

    async findArticles(hashes, urls) {
      const rows = prepared(
        `select id, content_hash, canonical_url from articles
         where content_hash in (select value from json_each(?))
            or canonical_url in (select value from json_each(?)) order by id`,
      ).all(json(hashes), json(urls)) as { id: number; content_hash: string; canonical_url: string | null }[];
      return rows.map((r) => ({ id: r.id, contentHash: r.content_hash, canonicalUrl: r.canonical_url }));
    },

    async bandMatches(keys, own) {
      // SQLite's batches write their keys under the write lock, after this query (`sharedLock`)
      if (own.length > 0) throw new Error('a SQLite batch writes no band keys before clustering');
      const rows = prepared(BAND_MATCHES).all(json(keys)) as {
        key: number;
        article_id: number;
        story_id: number | null;
        shingles: number;
        minhash: Uint8Array | null;
      }[];
      return rows.map((r) => ({
        key: r.key,
        articleId: r.article_id,
        story: r.story_id ?? r.article_id,
        shingles: r.shingles,
        minhash: r.minhash,
      }));
    },

    async articleTexts(ids) {
      const rows = prepared(`select id, text from articles where id in (select value from json_each(?))`).all(
        json(ids),
      ) as { id: number; text: string }[];
      return new Map(rows.map((r) => [r.id, r.text]));
    },

    async setStories(ids, stories) {
      const s = prepared(`update articles set story_id = ? where id = ?`);
      ids.forEach((id, i) => s.run(stories[i], id));
    },

    async insertRows(table, rows) {
      insertChunked(table, rows, IGNORE_CONFLICTS.has(table) ? { tail: ' on conflict do nothing' } : {});
    },

    async matchEvents(lookups, own) {
      // Per lookup: two index searches, cheaper than parsing the batch's lookups out of JSON.
      // (A batch here writes its events after the merge, so it has none of its own to leave out.)
      const notOwn = own.length === 0 ? '' : 'and e.article_id not in (select value from json_each(?))';
      const s = prepared(`${LOOKUP_CTE} ${MATCH_EVENTS.byDate} ${notOwn} union all ${MATCH_EVENTS.byStory}`);
      const ownJson = json(own);
      const hits: EventHit[] = [];
      for (const l of lookups) {
        const params = own.length === 0 ? lookupValues(l) : [...lookupValues(l), ownJson];
        for (const r of s.all(params)) hits.push(toHit(r as Record<string, unknown>));
      }
      return hits;
    },

    async insertEvents(rows) {
      // Ids ascend in insertion order (AUTOINCREMENT, and the batch holds the write lock).
      const ids = (insertChunked('events', rows, { tail: ' returning id' }) as { id: number }[]).map(
        (r) => r.id,
      );
      return ids.sort((a, b) => a - b);
    },

    async bandMatchesBefore() {
      throw new Error('a SQLite batch reads the band keys under its write lock');
    },

    async bandMatchesSince() {
      throw new Error('a SQLite batch reads the band keys under its write lock');
    },

    async logBands() {
      // SQLite's one writer reads every holder under its write lock: it needs no log
    },

    async deleteBands(bands) {
      const s = prepared(`delete from article_bands where key = ? and article_id = ?`);
      for (const [key, articleId] of bands) s.run(key, articleId);
    },

    async deleteEvents(ids) {
      const s = prepared(`delete from events where id = ?`);
      for (const id of ids) s.run(id);
    },

    async deleteReports(sources, links) {
      const source = prepared(`delete from event_sources where event_id = ? and article_id = ?`);
      for (const [event, article] of sources) source.run(event, article);
      const link = prepared(`delete from story_events where story_id = ? and event_id = ?`);
      for (const [story, event] of links) link.run(story, event);
    },

    async moveReports(moves) {
      const source = prepared(`update event_sources set story_id = ? where event_id = ? and article_id = ?`);
      const unlink = prepared(`delete from story_events where story_id = ? and event_id = ?`);
      const link = prepared(
        `insert into story_events (story_id, event_id) values (?, ?) on conflict do nothing`,
      );
      for (const [event, article, story] of moves) {
        source.run(story, event, article);
        unlink.run(article, event);
        link.run(story, event);
      }
    },

    async updateEvents(ids, rows) {
      const s = prepared(
        `update events set ${list('events')
          .map((c) => `${c} = ?`)
          .join(', ')} where id = ?`,
      );
      ids.forEach((id, i) => s.run([...rows[i]!, id]));
    },

    async addCounts(rows) {
      const add = prepared(ADD_COUNT);
      for (const r of rows) add.run(r as unknown[]);
      const drop = prepared(DROP_EMPTY_COUNT);
      for (const r of rows) if ((r[COUNT_KEY_WIDTH] as number) < 0) drop.run(r.slice(0, COUNT_KEY_WIDTH));
    },
  };
}
