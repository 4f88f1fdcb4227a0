import { sql, type Kysely, type Migration } from 'kysely';
import { createFingerprinter } from './dedup/minhash.js';
import { EVENT_COUNTS_BACKFILL, EVENT_COUNT_KEY } from './schema.js';
import { StoreError } from './store.js';

type Dialect = 'sqlite' | 'postgres';

/**
 * The schema's migrations, shared by both adapters; only column types for ids and
 * JSON, and the full-text index (FTS5 / tsvector), differ by dialect.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  const pg = dialect === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const float = pg ? 'double precision' : 'real';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Db = Kysely<any>;
  const withId = (db: Db, table: string) =>
    pg
      ? db.schema.createTable(table).addColumn('id', 'serial', (c) => c.primaryKey())
      : db.schema.createTable(table).addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const articleRef = (db: Db, table: string) =>
    withId(db, table)
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('idx', 'integer', (c) => c.notNull());

  return {
    '0001_initial': {
      async up(db: Db) {
        await withId(db, 'articles')
          .addColumn('doc_id', 'text', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('url', 'text')
          .addColumn('canonical_url', 'text', (c) => c.unique())
          .addColumn('published', 'text')
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull().unique())
          .addColumn('origin', 'text')
          .addColumn('raw', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('credits', json, (c) => c.notNull())
          .addColumn('edits', json, (c) => c.notNull())
          .addColumn('actors', json, (c) => c.notNull())
          .addColumn('diagnostics', json, (c) => c.notNull())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('articles_published').on('articles').column('published').execute();

        await articleRef(db, 'mentions')
          .addColumn('span_start', 'integer', (c) => c.notNull())
          .addColumn('span_end', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('person', 'integer')
          .addColumn('sentence', 'integer', (c) => c.notNull())
          .execute();
        await articleRef(db, 'people')
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('role', 'text')
          .addColumn('mentions', json, (c) => c.notNull())
          .execute();
        await articleRef(db, 'quotes')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('span_start', 'integer', (c) => c.notNull())
          .addColumn('span_end', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('cue', 'text')
          .addColumn('speaker_name', 'text')
          .addColumn('speaker_actor', 'text')
          .addColumn('speaker_span', json)
          .execute();
        for (const t of ['mentions', 'people', 'quotes']) {
          await db.schema.createIndex(`${t}_article`).on(t).column('article_id').execute();
        }
        await db.schema.createIndex('mentions_actor').on('mentions').column('actor').execute();

        await withId(db, 'events')
          .addColumn('uid', 'text', (c) => c.notNull())
          .addColumn('article_id', 'integer', (c) =>
            c.notNull().references('articles.id').onDelete('cascade'),
          )
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('mode', 'text')
          .addColumn('source_code', 'text', (c) => c.notNull())
          .addColumn('source_text', 'text', (c) => c.notNull())
          .addColumn('source_span', json, (c) => c.notNull())
          .addColumn('target_code', 'text', (c) => c.notNull())
          .addColumn('target_text', 'text', (c) => c.notNull())
          .addColumn('target_span', json, (c) => c.notNull())
          .addColumn('negated', 'integer', (c) => c.notNull())
          .addColumn('modality', 'text', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('cameo', 'text', (c) => c.notNull())
          .addColumn('goldstein', float, (c) => c.notNull())
          .addColumn('quad', 'integer', (c) => c.notNull())
          .addColumn('contexts', json, (c) => c.notNull())
          .addColumn('trigger_text', 'text', (c) => c.notNull())
          .addColumn('trigger_span', json, (c) => c.notNull())
          .addColumn('evidence_sentence', 'text', (c) => c.notNull())
          .addColumn('evidence_span', json, (c) => c.notNull())
          .addColumn('evidence_raw', json, (c) => c.notNull())
          .addColumn('quote', 'integer')
          .addColumn('confidence', float, (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('mentions', json)
          .execute();
        for (const col of ['uid', 'article_id', 'source_code', 'target_code', 'type', 'date']) {
          await db.schema.createIndex(`events_${col}`).on('events').column(col).execute();
        }

        await db.schema
          .createTable('event_sources')
          .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
          .addColumn('article_id', 'integer', (c) =>
            c.notNull().references('articles.id').onDelete('cascade'),
          )
          .addColumn('trigger_span', json, (c) => c.notNull())
          .addColumn('evidence_sentence', 'text', (c) => c.notNull())
          .addColumn('evidence_span', json, (c) => c.notNull())
          .addColumn('evidence_raw', json, (c) => c.notNull())
          .addPrimaryKeyConstraint('event_sources_pk', ['event_id', 'article_id'])
          .execute();
        await db.schema
          .createIndex('event_sources_article')
          .on('event_sources')
          .column('article_id')
          .execute();

        if (pg) {
          await sql`alter table articles add column search tsvector generated always as
            (to_tsvector('english', coalesce(title, '') || ' ' || text)) stored`.execute(db);
          await sql`create index articles_search on articles using gin (search)`.execute(db);
        } else {
          await sql`create virtual table articles_fts using fts5(title, text,
            content='articles', content_rowid='id', tokenize='porter unicode61')`.execute(db);
          await sql`create trigger articles_fts_insert after insert on articles begin
            insert into articles_fts(rowid, title, text) values (new.id, new.title, new.text); end`.execute(
            db,
          );
          await sql`create trigger articles_fts_delete after delete on articles begin
            insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.id, old.title, old.text); end`.execute(
            db,
          );
        }
      },
    },

    // Story clusters (MinHash + LSH band keys) and merged events with their sources.
    '0002_story_clusters': {
      async up(db: Db) {
        await db.schema.alterTable('articles').addColumn('story_id', 'integer').execute();
        await db.schema
          .alterTable('articles')
          .addColumn('shingles', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .alterTable('articles')
          .addColumn('minhash', pg ? 'bytea' : 'blob')
          .execute();
        await sql`update articles set story_id = id`.execute(db);
        await db.schema.createIndex('articles_story').on('articles').column('story_id').execute();

        // A clustered primary key (SQLite: without rowid): one b-tree, looked up by key.
        let bands = db.schema
          .createTable('article_bands')
          .addColumn('key', 'bigint', (c) => c.notNull())
          .addColumn('article_id', 'integer', (c) =>
            c.notNull().references('articles.id').onDelete('cascade'),
          )
          .addPrimaryKeyConstraint('article_bands_pk', ['key', 'article_id']);
        if (!pg) bands = bands.modifyEnd(sql`without rowid`);
        await bands.execute();

        for (const [column, type] of [
          ['event_uid', 'text'],
          ['story_id', 'integer'],
          ['date', 'text'],
        ] as const) {
          await db.schema.alterTable('event_sources').addColumn(column, type).execute();
        }
        await sql`update event_sources set
          event_uid = (select e.uid from events e where e.id = event_sources.event_id),
          date = (select e.date from events e where e.id = event_sources.event_id),
          story_id = (select a.story_id from articles a where a.id = event_sources.article_id)`.execute(db);

        // The events each story cluster reports, once per pair: an undated report looks its event up
        // among its story's events, which stays cheap however many copies the story has.
        let storyEvents = db.schema
          .createTable('story_events')
          .addColumn('story_id', 'integer', (c) => c.notNull())
          .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('story_events_pk', ['story_id', 'event_id']);
        if (!pg) storyEvents = storyEvents.modifyEnd(sql`without rowid`);
        await storyEvents.execute();
        await sql`insert into story_events (story_id, event_id)
          select distinct story_id, event_id from event_sources`.execute(db);

        // Fewer indexes to update per row: the merge key serves the source filter as its prefix; no
        // query looks events up by uid or type alone, or mentions by actor.
        for (const col of ['uid', 'source_code', 'type']) {
          await db.schema.dropIndex(`events_${col}`).execute();
        }
        await db.schema.dropIndex('mentions_actor').execute();
        await db.schema
          .createIndex('events_key')
          .on('events')
          .columns(['source_code', 'target_code', 'type', 'date'])
          .execute();

        // Articles stored before: fingerprinted now (each stays its own story; later copies join it).
        const fingerprinter = createFingerprinter();
        for (let after = 0; ;) {
          const rows = (await db
            .selectFrom('articles')
            .select(['id', 'text'])
            .where('id', '>', after)
            .orderBy('id')
            .limit(500)
            .execute()) as { id: number; text: string }[];
          if (rows.length === 0) break;
          for (const { id, text } of rows) {
            const fp = fingerprinter.fingerprint(text);
            await db
              .updateTable('articles')
              .set({
                shingles: fp.shingles.length,
                minhash: fp.bands.length > 0 ? fp.bytes : null,
              })
              .where('id', '=', id)
              .execute();
            if (fp.bands.length > 0)
              await db
                .insertInto('article_bands')
                .values(fp.bands.map((key) => ({ key, article_id: id })))
                .execute();
          }
          after = rows.at(-1)!.id;
        }
      },
    },
    '0003_actor_time_indexes': {
      // The dashboard's stance and timeline read one actor's events over a date range: covering
      // indexes by target and by source, then date (bench:api: p95 101 -> 34 ms at 1M events).
      async up(db: Db) {
        await db.schema
          .createIndex('events_target_date')
          .on('events')
          .columns(['target_code', 'date', 'source_code', 'type'])
          .execute();
        await db.schema
          .createIndex('events_source_date')
          .on('events')
          .columns(['source_code', 'date', 'target_code', 'type'])
          .execute();
      },
    },
    '0004_event_counts': {
      // Events counted per month and filter key, kept in step by every batch write, so that the
      // dashboard's stance, timeline and matrix read one row per month and key instead of one per
      // event (docs/store.md, "Monthly event counts").
      async up(db: Db) {
        let counts = db.schema.createTable('event_counts');
        for (const column of EVENT_COUNT_KEY as readonly string[])
          counts = counts.addColumn(
            column,
            column === 'quad' || column === 'negated' ? 'integer' : 'text',
            // Postgres: byte order, as SQLite and JavaScript compare codes, so that the key's
            // index serves the ordered, paged counts of both dialects alike.
            (c) =>
              (pg && column !== 'quad' && column !== 'negated'
                ? c.modifyFront(sql`collate "C"`)
                : c
              ).notNull(),
          );
        counts = counts
          .addColumn('events', 'integer', (c) => c.notNull())
          .addColumn('goldstein', float, (c) => c.notNull())
          .addPrimaryKeyConstraint('event_counts_pk', [...EVENT_COUNT_KEY] as never[]);
        if (!pg) counts = counts.modifyEnd(sql`without rowid`);
        await counts.execute();
        // The primary key serves a target (its groups in source, month, type order); this one a
        // source or an actor (source or target), covering the sums.
        await db.schema
          .createIndex('event_counts_source')
          .on('event_counts')
          .columns([
            'source_code',
            'month',
            'target_code',
            'type',
            'quad',
            'modality',
            'negated',
            'events',
            'goldstein',
          ])
          .execute();
        await sql.raw(EVENT_COUNTS_BACKFILL).execute(db);
        // A prefix of events_target_date: one index fewer to update per event written.
        await db.schema.dropIndex('events_target_code').execute();
      },
    },
    '0005_mentions_in_articles': {
      // An article's mentions (about a hundred) are one JSON column of its row instead of a row
      // each, as compact tuples (mentions-column.ts; the table had no sector, so none is added):
      // only the article view reads them, always all at once, and each row cost Postgres two
      // index entries, a sequence value and a foreign-key check (docs/store.md, "Writing fast").
      async up(db: Db) {
        await db.schema
          .alterTable('articles')
          .addColumn('mentions', json, (c) => c.notNull().defaultTo('[]'))
          .execute();
        await sql
          .raw(
            pg
              ? `update articles set mentions = m.list from (
                   select article_id, jsonb_agg(jsonb_build_array(span_start, span_end, kind, actor, person,
                     sentence) order by idx) as list
                   from mentions group by article_id) m
                 where articles.id = m.article_id`
              : `update articles set mentions = (
                   select json_group_array(json_array(span_start, span_end, kind, actor, person, sentence))
                   from (select * from mentions where article_id = articles.id order by idx))
                 where id in (select article_id from mentions)`,
          )
          .execute(db);
        await db.schema.dropTable('mentions').execute();
      },
    },
    '0006_sqlite_band_fields': {
      // What story clustering reads of each article holding a band key (its story, shingle count
      // and signature), as a covering index: SQLite keeps a row's columns in order, and these come
      // after the texts, so reading them from the row followed its overflow pages (about 18 kB of
      // texts and JSON). Postgres keeps large values out of line (TOAST) and needs no such index.
      async up(db: Db) {
        if (pg) return;
        await db.schema
          .createIndex(SQLITE_BAND_FIELDS)
          .on('articles')
          .columns(['id', 'story_id', 'shingles', 'minhash'])
          .execute();
      },
    },
    '0007_story_events_by_event': {
      // A Postgres batch writes its reports' events before it takes the batch lock and deletes
      // those the merge joins to another (write/put-batch.ts); each delete checks the story links
      // that would cascade, which without this index read every link (8 ms for three events in a
      // store of 2,000 articles). SQLite batches delete no events.
      async up(db: Db) {
        if (!pg) return;
        await db.schema.createIndex('story_events_event').on('story_events').column('event_id').execute();
      },
    },
    '0008_band_log': {
      // A Postgres batch reads the band keys' holders before it takes the batch lock; under it, it
      // reads only the keys stored by the batches that committed since, from this log (each batch
      // adds its stored keys under the lock: write/put-batch.ts), and old entries are pruned.
      async up(db: Db) {
        if (!pg) return;
        await sql`create table band_log (seq bigserial primary key, keys int8[] not null,
          article_ids int4[] not null)`.execute(db);
        await sql`create table band_log_pruned (through bigint not null)`.execute(db);
        await sql`insert into band_log_pruned (through) values (0)`.execute(db);
      },
    },
    '0009_lz4_article_texts': {
      // An article row carries about 20 kB of text, JSON and its full-text vector, which Postgres
      // compresses out of line (TOAST); its default method (pglz) costs more CPU to write and to read
      // than lz4. Only values written from now on use it; a server built without lz4 (PGlite) keeps
      // pglz.
      async up(db: Db) {
        if (!pg) return;
        const { rows } = await sql<{ lz4: boolean }>`select 'lz4' = any(enumvals) as lz4
          from pg_settings where name = 'default_toast_compression'`.execute(db);
        if (rows[0]?.lz4 !== true) return;
        await sql
          .raw(
            `alter table articles ${LZ4_ARTICLE_COLUMNS.map((c) => `alter column ${c} set compression lz4`).join(', ')}`,
          )
          .execute(db);
      },
    },
    '0010_event_count_deltas': {
      // A Postgres batch adds its monthly count changes here under the batch lock, as one row of
      // column arrays (one element per key), and they are folded into event_counts after it
      // commits, outside the lock (write/postgres-batch-io.ts, `foldCountChanges`); counts read
      // both, the pending changes through the view (count-events.ts).
      async up(db: Db) {
        if (!pg) return;
        await sql`create table event_count_deltas (target_codes text[] not null,
          source_codes text[] not null, months text[] not null, types text[] not null,
          quads int4[] not null, modalities text[] not null, negateds int4[] not null,
          events int4[] not null, goldsteins float8[] not null)`.execute(db);
        // kept apart and not compressed: a row lives from its batch to the next fold
        await sql
          .raw(
            `alter table event_count_deltas ${['target_codes', 'source_codes', 'months', 'types', 'quads', 'modalities', 'negateds', 'events', 'goldsteins'].map((c) => `alter column ${c} set storage external`).join(', ')}`,
          )
          .execute(db);
        await sql`create view event_count_changes as
          select c.target_code collate "C" as target_code, c.source_code collate "C" as source_code,
            c.month collate "C" as month, c.type collate "C" as type, c.quad,
            c.modality collate "C" as modality, c.negated, c.events, c.goldstein
          from event_count_deltas d cross join lateral unnest(d.target_codes, d.source_codes,
            d.months, d.types, d.quads, d.modalities, d.negateds, d.events, d.goldsteins)
            as c(target_code, source_code, month, type, quad, modality, negated, events, goldstein)`.execute(
          db,
        );
      },
    },
  };
}

/** The article columns Postgres compresses with lz4 where the server has it (migration 0009). */
export const LZ4_ARTICLE_COLUMNS = [
  'raw',
  'text',
  'credits',
  'edits',
  'actors',
  'diagnostics',
  'mentions',
  'search',
] as const;

/** The SQLite index that story clustering reads articles through (migration 0006). */
export const SQLITE_BAND_FIELDS = 'articles_band_fields';

/**
 * Brings the schema up to date (idempotent; safe to run on every open): applies, in one
 * transaction, the migrations not yet listed in `demarche_migrations`. Postgres takes an advisory
 * lock first, so concurrent openers do not race. (Kysely's own Migrator introspects every schema
 * of the database, which fails when other schemas are being dropped concurrently.)
 *
 * @example
 * await migrateToLatest(db, 'sqlite');
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const any = db as Kysely<any>;
  let current = '(bookkeeping)';
  try {
    await any.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(738159201)`.execute(trx);
      await trx.schema
        .createTable('demarche_migrations')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();
      const applied = new Set(
        (await trx.selectFrom('demarche_migrations').select('name').execute()).map((r) => r.name as string),
      );
      for (const [name, migration] of Object.entries(migrations(dialect)).sort(([a], [b]) =>
        a < b ? -1 : 1,
      )) {
        if (applied.has(name)) continue;
        current = name;
        await migration.up(trx);
        await trx
          .insertInto('demarche_migrations')
          .values({ name, applied_at: new Date().toISOString() })
          .execute();
      }
    });
  } catch (cause) {
    throw new StoreError('STORE_MIGRATION', `migration ${current} failed: ${(cause as Error).message}`, {
      cause,
    });
  }
}
