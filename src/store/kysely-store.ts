import { sql, type Kysely, type Transaction } from 'kysely';
import { PLOVER_TYPES, type ActorRef, type Event, type Modality } from '../core/index.js';
import { createFingerprinter } from './dedup/minhash.js';
import { ShingleCache } from './dedup/shingle-cache.js';
import type { Database } from './schema.js';
import { countFromEvents, countFromRollup, rollupMonths } from './count-events.js';
import { eventConditions } from './event-conditions.js';
import {
  StoreError,
  type ArticleHit,
  type ArticleKey,
  type CountDimension,
  type EventCount,
  type EventFilter,
  type EventSource,
  type Result,
  type Store,
  type StoreCounts,
  type StoredActor,
  type StoredArticle,
  type StoredEvent,
  type StoreProblem,
  type WriteTimes,
} from './store.js';
import type { BatchIo } from './write/batch-io.js';
import { prepareBatch, writeBatch } from './write/put-batch.js';

type Dialect = Store['dialect'];

const DIMENSIONS: readonly CountDimension[] = ['source', 'target', 'period'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MODALITIES: readonly Modality[] = ['asserted', 'future', 'hypothetical', 'historical'];
/** Rows per multi-row insert: well under SQLite's and Postgres's bound-parameter limits. */
const CHUNK = 400;

/** How often a batch is written before a deadlock or serialisation failure is the caller's. */
const WRITE_ATTEMPTS = 5;
/** Postgres's deadlock_detected and serialization_failure: the transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/** SQLite returns JSON columns as text, Postgres (jsonb) as parsed values. */
const fromJson = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);
const problem = (code: StoreProblem['code'], message: string): { ok: false; problem: StoreProblem } => ({
  ok: false,
  problem: { code, message },
});

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The words of a search text, or null when it has none. */
function searchWords(text: string): string[] | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  return words && words.length > 0 ? words.slice(0, 32) : null;
}

/** The host of a URL without `www.`, or null. */
function outletOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * The Store over a migrated Kysely database; the adapters (SQLite, Postgres) differ in how they
 * connect, in the full-text query, and in the statements of a batch write (`batchIo`, given the
 * batch's transaction).
 *
 * @example
 * const store = createKyselyStore(new Kysely<Database>({ dialect }), 'postgres', (trx) => createPostgresBatchIo(trx));
 */
export function createKyselyStore(
  db: Kysely<Database>,
  dialect: Dialect,
  batchIo: (trx: Transaction<Database>) => BatchIo,
  /**
   * Runs after a batch commits, outside its transaction and beside the next batch's write
   * (Postgres: `foldCountChanges`); one run at a time, and again on close. What it does must leave
   * the store whole if it fails or never runs: the batch is stored by then.
   */
  afterBatch?: () => Promise<void>,
): Store {
  let closed = false;
  const dedup = {
    fingerprinter: createFingerprinter(),
    cache: new ShingleCache(),
    joins: { share: 0, copies: 0 },
  };
  const times = { batches: 0, articles: 0, writingMs: 0, lockedMs: 0 };
  /** The `afterBatch` run going on, and whether a batch committed since it started. */
  let after: Promise<void> | null = null;
  let afterAgain = false;
  const runAfterBatch = (hook: () => Promise<void>) => {
    if (after !== null) {
      afterAgain = true;
      return;
    }
    after = (async () => {
      do {
        afterAgain = false;
        // a failure leaves what the hook would have done undone (Postgres: the count changes
        // pending, counted by every read, for the next fold)
        await hook().catch(() => undefined);
      } while (afterAgain && !closed);
    })().finally(() => {
      after = null;
    });
  };
  const live = () => {
    if (closed) throw new StoreError('STORE_CLOSED', 'the store was closed');
  };

  /** Ids of the articles whose title or text contain every word, best first. */
  const matchIds = (words: string[], limit: number) =>
    dialect === 'sqlite'
      ? sql<{ id: number }>`select rowid as id from articles_fts
          where articles_fts match ${words.map((w) => `"${w}"`).join(' ')} order by rank limit ${limit}`
      : sql<{ id: number }>`select id from articles
          where search @@ plainto_tsquery('english', ${words.join(' ')})
          order by ts_rank(search, plainto_tsquery('english', ${words.join(' ')})) desc, id limit ${limit}`;

  /** Every report of each event, by publication date then article, with the distinct counts. */
  async function sourcesOf(eventIds: readonly number[]) {
    const out = new Map<
      number,
      { sources: EventSource[]; articles: number; outlets: number; stories: number }
    >();
    for (const id of eventIds) out.set(id, { sources: [], articles: 0, outlets: 0, stories: 0 });
    for (const part of chunks(eventIds)) {
      if (part.length === 0) continue;
      const links = await db
        .selectFrom('event_sources as s')
        .innerJoin('articles as a', 'a.id', 's.article_id')
        .select([
          's.event_id',
          's.article_id',
          's.event_uid',
          's.story_id',
          's.date',
          's.trigger_span',
          's.evidence_sentence',
          's.evidence_span',
          's.evidence_raw',
          'a.doc_id',
          'a.url',
          'a.published',
        ])
        .where('s.event_id', 'in', part)
        .execute();
      for (const l of links)
        out.get(l.event_id)!.sources.push({
          articleId: l.article_id,
          docId: l.doc_id,
          url: l.url,
          outlet: outletOf(l.url),
          published: l.published,
          story: l.story_id ?? l.article_id,
          eventId: l.event_uid ?? '',
          date: l.date,
          trigger: { span: fromJson(l.trigger_span) },
          evidence: {
            sentence: l.evidence_sentence,
            span: fromJson(l.evidence_span),
            raw: fromJson(l.evidence_raw),
          },
        });
    }
    // Sorted here (by code unit) so that both dialects, whose collations and null orders differ, agree.
    const order = (x: EventSource, y: EventSource) =>
      (x.published ?? '\uffff') < (y.published ?? '\uffff')
        ? -1
        : (x.published ?? '\uffff') > (y.published ?? '\uffff')
          ? 1
          : x.articleId - y.articleId;
    for (const entry of out.values()) {
      entry.sources.sort(order);
      entry.articles = new Set(entry.sources.map((x) => x.articleId)).size;
      entry.outlets = new Set(entry.sources.map((x) => x.outlet ?? `#${x.articleId}`)).size;
      entry.stories = new Set(entry.sources.map((x) => x.story)).size;
    }
    return out;
  }

  function checkFilter(f: EventFilter): string | null {
    if (f.type !== undefined && !(PLOVER_TYPES as readonly string[]).includes(f.type))
      return `unknown event type "${f.type}" (expected one of ${PLOVER_TYPES.join(', ')})`;
    if (f.quad !== undefined && ![1, 2, 3, 4].includes(f.quad)) return `quad must be 1, 2, 3 or 4`;
    if (f.modality !== undefined && !MODALITIES.includes(f.modality))
      return `unknown modality "${f.modality}" (expected ${MODALITIES.join(', ')})`;
    for (const [k, v] of [
      ['from', f.from],
      ['to', f.to],
    ] as const)
      if (v !== undefined && !ISO_DATE.test(v)) return `"${k}" must be YYYY-MM-DD, got "${v}"`;
    if (f.limit !== undefined && (!Number.isInteger(f.limit) || f.limit < 1))
      return `limit must be a positive integer`;
    if (f.text !== undefined && searchWords(f.text) === null) return `the search text has no words`;
    if (
      f.after !== undefined &&
      (!Number.isInteger(f.after.row) || (f.after.date !== null && !ISO_DATE.test(f.after.date)))
    )
      return `"after" must be a cursor of a returned event`;
    return null;
  }

  /** Events narrowed by every filter but `limit` and `after`; null when `text` matches no article. */
  async function filtered(f: EventFilter) {
    let q = db.selectFrom('events as e').where((eb) => eventConditions(eb, f));
    if (f.text !== undefined) {
      const ids = (await matchIds(searchWords(f.text)!, 100_000).execute(db)).rows.map((r) => Number(r.id));
      if (ids.length === 0) return null;
      q = q.where('e.id', 'in', (eb) =>
        eb.selectFrom('event_sources as s').select('s.event_id').where('s.article_id', 'in', ids),
      );
    }
    return q;
  }

  return {
    dialect,

    async findKnown(keys: readonly ArticleKey[]) {
      live();
      const byHash = new Map<string, number>();
      const byUrl = new Map<string, number>();
      for (const part of chunks(keys, 200)) {
        const hashes = part.map((k) => k.contentHash);
        const urls = part.flatMap((k) => (k.canonicalUrl === null ? [] : [k.canonicalUrl]));
        const rows = await db
          .selectFrom('articles')
          .select(['id', 'content_hash', 'canonical_url'])
          .where((eb) =>
            urls.length === 0
              ? eb('content_hash', 'in', hashes)
              : eb.or([eb('content_hash', 'in', hashes), eb('canonical_url', 'in', urls)]),
          )
          .execute();
        for (const r of rows) {
          byHash.set(r.content_hash, r.id);
          if (r.canonical_url !== null) byUrl.set(r.canonical_url, r.id);
        }
      }
      return keys.map(
        (k) =>
          byHash.get(k.contentHash) ??
          (k.canonicalUrl !== null ? byUrl.get(k.canonicalUrl) : undefined) ??
          null,
      );
    },

    async putArticles(batch) {
      live();
      if (batch.length === 0) return [];
      const prepared = prepareBatch(batch, dedup.fingerprinter);
      for (let attempt = 1; ; attempt++) {
        const started = performance.now();
        // SQLite's write lock is held from the first write to the commit; Postgres's batch lock
        // from when the batch takes it (after inserting its own rows) to the commit
        let locked = dialect === 'sqlite' ? started : Number.NaN;
        const timed = (io: BatchIo): BatchIo =>
          dialect === 'sqlite'
            ? io
            : {
                ...io,
                async lock() {
                  await io.lock();
                  locked = performance.now();
                },
              };
        const done = () => {
          const now = performance.now();
          times.writingMs += now - started;
          if (!Number.isNaN(locked)) times.lockedMs += now - locked;
        };
        try {
          const outcomes = await db
            .transaction()
            .execute((trx) => writeBatch(timed(batchIo(trx)), prepared, dedup));
          done();
          times.batches++;
          times.articles += batch.length;
          // not awaited: the next batch's write goes on meanwhile
          if (afterBatch !== undefined) runAfterBatch(afterBatch);
          return outcomes;
        } catch (error) {
          done();
          // Postgres ends one of two writers that wait on each other's new rows (two batches
          // holding articles with the same canonical URLs, crosswise); the batch was rolled back
          // whole, and is written again once the other has committed
          if (attempt >= WRITE_ATTEMPTS || !RETRYABLE.has((error as { code?: unknown }).code as string))
            throw error;
          await new Promise((done) => setTimeout(done, 20 * attempt * (1 + Math.random())));
        }
      }
    },

    writeTimes(): WriteTimes {
      return { ...times };
    },

    async getArticle(id): Promise<Result<StoredArticle>> {
      live();
      const r = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      if (r === undefined) return problem('NOT_FOUND', `no article with id ${id}`);
      return {
        ok: true,
        value: {
          id: r.id,
          docId: r.doc_id,
          title: r.title,
          url: r.url,
          canonicalUrl: r.canonical_url,
          published: r.published,
          contentHash: r.content_hash,
          origin: r.origin,
          raw: r.raw,
          text: r.text,
          ingestedAt: r.ingested_at,
          story: r.story_id ?? r.id,
        },
      };
    },

    async searchArticles(text, options = {}): Promise<Result<ArticleHit[]>> {
      live();
      const words = searchWords(text);
      if (words === null) return problem('INVALID_FILTER', 'the search text has no words');
      const limit = options.limit ?? 20;
      const ids = (await matchIds(words, limit).execute(db)).rows.map((r) => Number(r.id));
      if (ids.length === 0) return { ok: true, value: [] };
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'doc_id', 'title', 'published', 'url'])
        .where('id', 'in', ids)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return {
        ok: true,
        value: ids.flatMap((id) => {
          const r = byId.get(id);
          return r ? [{ id, docId: r.doc_id, title: r.title, published: r.published, url: r.url }] : [];
        }),
      };
    },

    async queryEvents(f): Promise<Result<StoredEvent[]>> {
      live();
      const bad = checkFilter(f);
      if (bad !== null) return problem('INVALID_FILTER', bad);
      const scoped = await filtered(f);
      if (scoped === null) return { ok: true, value: [] };
      let q = scoped.innerJoin('articles as a', 'a.id', 'e.article_id');
      if (f.after !== undefined) {
        const { date, row } = f.after;
        q = q.where((eb) =>
          date === null
            ? eb.and([eb('e.date', 'is', null), eb('e.id', '>', row)])
            : eb.or([
                eb('e.date', 'is', null),
                eb('e.date', '>', date),
                eb.and([eb('e.date', '=', date), eb('e.id', '>', row)]),
              ]),
        );
      }
      // Dated events first, by date (the same order in both dialects, whose null ordering differs).
      const rows = await q
        .selectAll('e')
        .select(['a.doc_id', 'a.url', 'a.title', 'a.published', 'a.lang', 'a.actors'])
        .orderBy(sql`case when e.date is null then 1 else 0 end`)
        .orderBy('e.date')
        .orderBy('e.id')
        .limit(f.limit ?? 100)
        .execute();
      const sources = await sourcesOf(rows.map((r) => r.id));
      // Actor names from each reporting article's `actors`, parsed once per article.
      const names = new Map<number, Map<string, StoredActor>>();
      const actorOf = (articleId: number, actors: unknown, code: string): StoredActor | null => {
        let byCode = names.get(articleId);
        if (byCode === undefined) {
          byCode = new Map(fromJson<ActorRef[]>(actors).map((a) => [a.code, { name: a.name, kind: a.kind }]));
          names.set(articleId, byCode);
        }
        return byCode.get(code) ?? null;
      };
      return {
        ok: true,
        value: rows.map((r) => {
          const event: Event = {
            id: r.uid,
            type: r.type as Event['type'],
            mode: r.mode,
            source: { code: r.source_code, text: r.source_text, span: fromJson(r.source_span) },
            target: { code: r.target_code, text: r.target_text, span: fromJson(r.target_span) },
            negated: Number(r.negated) === 1,
            modality: r.modality as Modality,
            date: r.date,
            cameo: r.cameo,
            goldstein: Number(r.goldstein),
            quad: Number(r.quad) as Event['quad'],
            contexts: fromJson(r.contexts),
            trigger: { text: r.trigger_text, span: fromJson(r.trigger_span) },
            evidence: {
              sentence: r.evidence_sentence,
              span: fromJson(r.evidence_span),
              raw: fromJson(r.evidence_raw),
            },
            quote: r.quote,
            confidence: Number(r.confidence),
            rule: r.rule,
            ...(r.mentions !== null ? { mentions: fromJson(r.mentions) } : {}),
          };
          return {
            event,
            articleId: r.article_id,
            docId: r.doc_id,
            url: r.url,
            title: r.title,
            published: r.published,
            lang: r.lang,
            sourceActor: actorOf(r.article_id, r.actors, r.source_code),
            targetActor: actorOf(r.article_id, r.actors, r.target_code),
            ...sources.get(r.id)!,
            cursor: { date: r.date, row: r.id },
          };
        }),
      };
    },

    async countEvents(f, options = {}): Promise<Result<EventCount[]>> {
      live();
      const bad = checkFilter(f);
      if (bad !== null) return problem('INVALID_FILTER', bad);
      const { by = ['source', 'period'], period = 'month', reports = false, limit, after } = options;
      if (period !== 'day' && period !== 'month')
        return problem('INVALID_FILTER', `the period must be day or month`);
      if (!by.every((d) => DIMENSIONS.includes(d)))
        return problem('INVALID_FILTER', `count dimensions are ${DIMENSIONS.join(', ')}`);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        return problem('INVALID_FILTER', `limit must be a positive integer`);
      const request = {
        by: new Set(by),
        period,
        reports,
        ...(limit !== undefined ? { limit } : {}),
        ...(after !== undefined ? { after } : {}),
      };
      const months = rollupMonths(f, request);
      if (months !== null) return { ok: true, value: await countFromRollup(db, dialect, f, months, request) };
      const scoped = await filtered(f);
      if (scoped === null) return { ok: true, value: [] };
      return { ok: true, value: await countFromEvents(scoped, dialect, request) };
    },

    async counts(): Promise<StoreCounts> {
      live();
      const count = async (table: keyof Database) => {
        const r = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        return Number(r.n);
      };
      // mentions are a JSON array per article (migration 0005)
      const length = sql.raw(dialect === 'postgres' ? 'jsonb_array_length' : 'json_array_length');
      const countMentions = async () => {
        const r = await db
          .selectFrom('articles')
          .select(sql<string | number | null>`sum(${length}(mentions))`.as('n'))
          .executeTakeFirstOrThrow();
        return Number(r.n ?? 0);
      };
      return {
        articles: await count('articles'),
        mentions: await countMentions(),
        people: await count('people'),
        quotes: await count('quotes'),
        events: await count('events'),
        eventSources: await count('event_sources'),
        stories: Number(
          (
            await db
              .selectFrom('articles')
              .select(sql<number>`count(distinct coalesce(story_id, id))`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      await after;
      if (afterBatch !== undefined && times.batches > 0) await afterBatch().catch(() => undefined);
      await db.destroy();
    },
  };
}
