/**
 * The few statements a batch write needs, implemented per database so that the hot path avoids
 * per-row query building: SQLite runs cached prepared statements row by row (no round trips),
 * Postgres sends each table's rows as one statement of column arrays (`unnest`).
 */

/** Column types (Postgres names); JSON is written as text and cast, so both drivers see strings. */
export type ColumnType = 'int4' | 'int8' | 'float8' | 'text' | 'json' | 'bytea';

/** The columns each batch-written table receives, in the order of the value arrays. */
export const COLUMNS = {
  articles: [
    ['doc_id', 'text'],
    ['title', 'text'],
    ['url', 'text'],
    ['canonical_url', 'text'],
    ['published', 'text'],
    ['lang', 'text'],
    ['content_hash', 'text'],
    ['origin', 'text'],
    ['raw', 'text'],
    ['text', 'text'],
    ['credits', 'json'],
    ['edits', 'json'],
    ['actors', 'json'],
    ['diagnostics', 'json'],
    ['mentions', 'json'],
    ['ingested_at', 'text'],
    ['shingles', 'int4'],
    ['minhash', 'bytea'],
  ],
  people: [
    ['article_id', 'int4'],
    ['idx', 'int4'],
    ['name', 'text'],
    ['actor', 'text'],
    ['role', 'text'],
    ['mentions', 'json'],
  ],
  quotes: [
    ['article_id', 'int4'],
    ['idx', 'int4'],
    ['text', 'text'],
    ['span_start', 'int4'],
    ['span_end', 'int4'],
    ['kind', 'text'],
    ['cue', 'text'],
    ['speaker_name', 'text'],
    ['speaker_actor', 'text'],
    ['speaker_span', 'json'],
  ],
  article_bands: [
    ['key', 'int8'],
    ['article_id', 'int4'],
  ],
  events: [
    ['uid', 'text'],
    ['article_id', 'int4'],
    ['type', 'text'],
    ['mode', 'text'],
    ['source_code', 'text'],
    ['source_text', 'text'],
    ['source_span', 'json'],
    ['target_code', 'text'],
    ['target_text', 'text'],
    ['target_span', 'json'],
    ['negated', 'int4'],
    ['modality', 'text'],
    ['date', 'text'],
    ['cameo', 'text'],
    ['goldstein', 'float8'],
    ['quad', 'int4'],
    ['contexts', 'json'],
    ['trigger_text', 'text'],
    ['trigger_span', 'json'],
    ['evidence_sentence', 'text'],
    ['evidence_span', 'json'],
    ['evidence_raw', 'json'],
    ['quote', 'int4'],
    ['confidence', 'float8'],
    ['rule', 'text'],
    ['mentions', 'json'],
  ],
  event_sources: [
    ['event_id', 'int4'],
    ['article_id', 'int4'],
    ['event_uid', 'text'],
    ['story_id', 'int4'],
    ['date', 'text'],
    ['trigger_span', 'json'],
    ['evidence_sentence', 'text'],
    ['evidence_span', 'json'],
    ['evidence_raw', 'json'],
  ],
  story_events: [
    ['story_id', 'int4'],
    ['event_id', 'int4'],
  ],
} as const satisfies Record<string, readonly (readonly [string, ColumnType])[]>;

export type BatchTable = keyof typeof COLUMNS;

/**
 * The columns of an `event_counts` change: the key (as `EVENT_COUNT_KEY` in migrations.ts orders
 * it), then the events and Goldstein sum to add (negative to take away).
 */
export const COUNT_COLUMNS = [
  ['target_code', 'text'],
  ['source_code', 'text'],
  ['month', 'text'],
  ['type', 'text'],
  ['quad', 'int4'],
  ['modality', 'text'],
  ['negated', 'int4'],
  ['events', 'int4'],
  ['goldstein', 'float8'],
] as const satisfies readonly (readonly [string, ColumnType])[];
/** How many leading `COUNT_COLUMNS` are the key. */
export const COUNT_KEY_WIDTH = 7;
/** Tables written with plain inserts (no ids needed back). */
export type RowTable = 'people' | 'quotes' | 'article_bands' | 'event_sources' | 'story_events';
/** Tables whose rows may already be stored (a pair seen before): those rows are skipped. */
export const IGNORE_CONFLICTS: ReadonlySet<RowTable> = new Set(['story_events']);
/** One row: values in the order of `COLUMNS[table]` (JSON already serialised, Buffers for bytea). */
export type Row = readonly unknown[];

/**
 * A band key held by more stored articles than this is a stop key: `bandMatches` returns none of
 * them. A story's copies add no rows for keys their story holds (dedup/assign-stories.ts), so the
 * holders of a key are mostly distinct stories, and a key that many stories share (a stock phrase,
 * a template, a statement every outlet quoted) tells nothing about which story a new article
 * copies: a copy shares most of its 32 keys with its story, keys its story alone holds among them.
 * Reading such keys made every new article cost more as the archive grew: in a store of generated
 * seed-like news, a new article read about 430 band rows, each with its signature, at 19,000
 * articles (one key was held by 969), and 420 at 30,000 with the holders cut to the newest 64.
 */
export const STOP_KEY_HOLDERS = 64;

/** A stored article that shares a band key with one being stored. */
export interface BandMatch {
  readonly key: number;
  readonly articleId: number;
  readonly story: number;
  readonly shingles: number;
  readonly minhash: Uint8Array | null;
}

/** What a batch read of the band keys' holders before it took the lock (`BatchIo.bandMatchesBefore`). */
export interface BandsBefore {
  readonly matches: readonly BandMatch[];
  readonly stopKeys: readonly number[];
  readonly seen: number;
}

/**
 * The band matches of a batch as of its lock: those read before it, and those logged since by the
 * batches that committed meanwhile (each holder once), less the keys that have become stop keys.
 *
 * @example
 * bandsAtLock(before, (await io.bandMatchesSince(keys, before.seen)) ?? []);
 */
export function bandsAtLock(before: BandsBefore, since: readonly BandMatch[]): BandMatch[] {
  const stop = new Set(before.stopKeys);
  const seen = new Set<string>();
  const holders = new Map<number, number>();
  const all: BandMatch[] = [];
  for (const m of [...before.matches, ...since]) {
    const id = `${m.key}:${m.articleId}`;
    if (stop.has(m.key) || seen.has(id)) continue;
    seen.add(id);
    all.push(m);
    holders.set(m.key, (holders.get(m.key) ?? 0) + 1);
  }
  return all.filter((m) => holders.get(m.key)! <= STOP_KEY_HOLDERS);
}

/** What a report looks for among stored events (see dedup/merge-events.ts). */
export interface EventLookup {
  readonly report: number;
  readonly source: string;
  readonly target: string;
  readonly type: string;
  readonly modality: string;
  readonly negated: number;
  /** The date window, or null for an undated report (then only its story's events match). */
  readonly from: string | null;
  readonly to: string | null;
  /**
   * The report's story, or null for a story founded in this batch: none of its events is stored
   * yet, so the story lookup is skipped (most articles found their own story).
   */
  readonly story: number | null;
}

/** A stored event found for a lookup. */
export interface EventHit {
  readonly report: number;
  readonly id: number;
  readonly uid: string;
  readonly mode: string | null;
  readonly date: string | null;
  readonly published: string | null;
  /** The stored event's QuadClass and Goldstein weight (its `event_counts` row before the batch). */
  readonly quad: number;
  readonly goldstein: number;
  readonly sameStory: boolean;
}

/** The statements of one batch, all inside the batch's transaction. */
export interface BatchIo {
  /**
   * Serialises batch writers for the rest of the transaction, so that two writers never both create
   * the same story or event (SQLite: its write lock, taken by the first insert, already does).
   */
  lock(): Promise<void>;
  /**
   * Other writers wait while this batch holds its lock (Postgres). The batch then inserts each of
   * its articles' events before taking the lock, as a new event reported in its article's own
   * story (source row and story link), and once the events are merged under the lock deletes those
   * that joined another and moves a copy's reports to its story (in news most reports start an
   * event, so most of these inserts leave the lock). Once many reports join stored events, it
   * writes before the lock only the events the merge would start, and the source rows of the
   * reports that would join one, stored or new, with their story links where the story is one its
   * own article founds (a link to a stored story waits for the lock: another batch may link the
   * same pair under its lock). Its articles' band keys go in early too, all
   * of each article's as for the founder of a story, and a copy's keys that its story holds are
   * deleted once clustered. SQLite's one writer holds its write lock from
   * the first insert, so there the batch inserts only what the merge decides.
   */
  readonly sharedLock: boolean;
  /**
   * Inserts articles, each as the founder of its own story (`story_id` its own id); per row its new
   * id, or null when its hash or URL is already stored.
   */
  insertArticles(rows: readonly Row[]): Promise<(number | null)[]>;
  /** Stored articles with one of these content hashes or canonical URLs, by id. */
  findArticles(
    hashes: readonly string[],
    urls: readonly string[],
  ): Promise<{ id: number; contentHash: string; canonicalUrl: string | null }[]>;
  /**
   * The stored articles holding each key, none for a key held by more than `STOP_KEY_HOLDERS`;
   * none of the articles in `own` (the batch's own, whose keys it wrote before the lock).
   */
  bandMatches(keys: readonly number[], own: readonly number[]): Promise<BandMatch[]>;
  /**
   * Before the lock (`sharedLock` stores): the stored articles holding each key as `bandMatches`
   * gives them, the keys held by more than `STOP_KEY_HOLDERS` (`stopKeys`), and the last entry of
   * the band log read before them (`seen`; `logBands`).
   */
  bandMatchesBefore(keys: readonly number[]): Promise<BandsBefore>;
  /**
   * Under the lock: the holders of these keys among the band keys logged after entry `seen`, with
   * their story fields; null when the log was pruned past `seen` (then `bandMatches` answers).
   */
  bandMatchesSince(keys: readonly number[], seen: number): Promise<BandMatch[] | null>;
  /** Under the lock (`sharedLock` stores): logs the band keys the batch stores (`[key, article id]`). */
  logBands(bands: readonly (readonly [number, number])[]): Promise<void>;
  /** Deletes band keys (`[key, article id]`) written before the lock that a copy's story already holds. */
  deleteBands(rows: readonly (readonly [number, number])[]): Promise<void>;
  articleTexts(ids: readonly number[]): Promise<Map<number, string>>;
  /** Moves articles to the stories they copy (those that found their own need no call). */
  setStories(ids: readonly number[], stories: readonly number[]): Promise<void>;
  insertRows(table: RowTable, rows: readonly Row[]): Promise<void>;
  /**
   * Stored events with a lookup's key and a date in its window, or with a report in its story;
   * none of the articles in `own` (the batch's own, whose events it wrote before the lock).
   */
  matchEvents(lookups: readonly EventLookup[], own: readonly number[]): Promise<EventHit[]>;
  /** Inserts events; their ids in row order. */
  insertEvents(rows: readonly Row[]): Promise<number[]>;
  /**
   * Deletes events of this batch (written before the lock) that joined another event, with the
   * source rows and story links written for them.
   */
  deleteEvents(ids: readonly number[]): Promise<void>;
  /**
   * Deletes source rows (`[event id, article id]`) and story links (`[story id, event id]`) written
   * before the lock for reports that, once merged under it, joined another event or landed in
   * another story than the one guessed.
   */
  deleteReports(
    sources: readonly (readonly [number, number])[],
    links: readonly (readonly [number, number])[],
  ): Promise<void>;
  /**
   * Moves reports written before the lock (`[event id, article id, story]`) from their article's
   * own story to the one it joined: the source row's story, and the story link.
   */
  moveReports(moves: readonly (readonly [number, number, number])[]): Promise<void>;
  /** Rewrites stored events' columns (a new representative report). */
  updateEvents(ids: readonly number[], rows: readonly Row[]): Promise<void>;
  /**
   * Adds changes (rows of `COUNT_COLUMNS`, one per key) to `event_counts`; a row whose events fall
   * to zero is removed. Postgres appends them to `event_count_deltas` instead, folded into
   * `event_counts` once the batch has committed (`foldCountChanges`).
   */
  addCounts(rows: readonly Row[]): Promise<void>;
}

/**
 * The SELECT of `matchEvents` over a relation `k` of lookups, in two branches joined by `union
 * all`: events of the lookup's key dated in its window (flagged when its story reports them), and
 * events of the key that its story already reports (any date; through `story_events`, so a story
 * with many copies costs one row per event, not one per copy). The first branch ends with its
 * WHERE clause, so that the condition leaving out the events of the batch's own articles (written
 * before the lock: `BatchIo.sharedLock`) can be added; the second needs none, since the batch's
 * events have no story links yet. SQLite runs it for one lookup at a time; Postgres, for all of a
 * batch's lookups in one statement, runs the same rows in a form whose plan cannot turn into a scan
 * of every event (`postgres-batch-io.ts`, `matchEvents`).
 */
export const MATCH_EVENTS = {
  byDate: `
  select k.report, e.id, e.uid, e.mode, e.date, e.quad, e.goldstein, a.published,
    case when exists (select 1 from story_events se where se.story_id = k.story and se.event_id = e.id)
      then 1 else 0 end as same_story
  from k cross join events e cross join articles a
  where e.source_code = k.source and e.target_code = k.target and e.type = k.type
    and e.date between k.date_from and k.date_to
    and e.modality = k.modality and e.negated = k.negated and a.id = e.article_id`,
  byStory: `
  select k.report, e.id, e.uid, e.mode, e.date, e.quad, e.goldstein, a.published, 1 as same_story
  from k cross join story_events se cross join events e cross join articles a
  where k.story is not null and se.story_id = k.story and e.id = se.event_id
    and e.source_code = k.source and e.target_code = k.target and e.type = k.type
    and e.modality = k.modality and e.negated = k.negated and a.id = e.article_id`,
} as const;

/** The columns of `k` in `MATCH_EVENTS`, in the order of `lookupValues`. */
export const LOOKUP_COLUMNS = [
  ['report', 'int4'],
  ['source', 'text'],
  ['target', 'text'],
  ['type', 'text'],
  ['modality', 'text'],
  ['negated', 'int4'],
  ['date_from', 'text'],
  ['date_to', 'text'],
  ['story', 'int4'],
] as const satisfies readonly (readonly [string, ColumnType])[];

/** A lookup as the values of `LOOKUP_COLUMNS`. */
export const lookupValues = (l: EventLookup): Row => [
  l.report,
  l.source,
  l.target,
  l.type,
  l.modality,
  l.negated,
  l.from,
  l.to,
  l.story,
];

/** Rows of a hit query (numbers may come back as strings from Postgres). */
export function toHit(r: Record<string, unknown>): EventHit {
  return {
    report: Number(r['report']),
    id: Number(r['id']),
    uid: String(r['uid']),
    mode: (r['mode'] as string | null) ?? null,
    date: (r['date'] as string | null) ?? null,
    published: (r['published'] as string | null) ?? null,
    quad: Number(r['quad']),
    goldstein: Number(r['goldstein']),
    sameStory: Number(r['same_story']) === 1,
  };
}
