import type { ColumnType, Generated } from 'kysely';

/** JSON columns: text in SQLite, jsonb in Postgres; written as JSON text, read by `fromJson`. */
export type JsonColumn = string;

export interface ArticlesTable {
  id: Generated<number>;
  doc_id: string;
  title: string | null;
  url: string | null;
  canonical_url: string | null;
  published: string | null;
  lang: string;
  content_hash: string;
  origin: string | null;
  raw: string;
  text: string;
  credits: JsonColumn;
  edits: JsonColumn;
  actors: JsonColumn;
  diagnostics: JsonColumn;
  /** The actors stage's mentions in text order, as compact tuples (`encodeMentions`; migration 0005). */
  mentions: JsonColumn;
  ingested_at: string;
  /** The story cluster: the id of its first stored article (this article's own id when it is the first). */
  story_id: number | null;
  /** Distinct word shingles of the clean text (0 for articles stored before clustering existed). */
  shingles: ColumnType<number, number | undefined, number>;
  /**
   * MinHash signature, one byte per hash (`compactSignature`; 4 per hash in rows written before
   * 2026-12-08), or null for a text too short to cluster.
   */
  minhash: Uint8Array | null;
}

/** LSH band keys of the articles' MinHash signatures (bigint in Postgres, returned as text by `pg`). */
export interface ArticleBandsTable {
  key: ColumnType<number | string, number, number>;
  article_id: number;
}

export interface PeopleTable {
  id: Generated<number>;
  article_id: number;
  idx: number;
  name: string;
  actor: string | null;
  role: string | null;
  mentions: JsonColumn;
}

export interface QuotesTable {
  id: Generated<number>;
  article_id: number;
  idx: number;
  text: string;
  span_start: number;
  span_end: number;
  kind: string;
  cue: string | null;
  speaker_name: string | null;
  speaker_actor: string | null;
  speaker_span: JsonColumn | null;
}

export interface EventsTable {
  id: Generated<number>;
  /** The output contract's event id. */
  uid: string;
  /**
   * The article of the representative report (see `rankOf` in dedup/merge-events.ts); every
   * reporting article is in `event_sources`.
   */
  article_id: number;
  type: string;
  mode: string | null;
  source_code: string;
  source_text: string;
  source_span: JsonColumn;
  target_code: string;
  target_text: string;
  target_span: JsonColumn;
  negated: number;
  modality: string;
  date: string | null;
  cameo: string;
  goldstein: number;
  quad: number;
  contexts: JsonColumn;
  trigger_text: string;
  trigger_span: JsonColumn;
  evidence_sentence: string;
  evidence_span: JsonColumn;
  evidence_raw: JsonColumn;
  quote: number | null;
  confidence: number;
  rule: string;
  mentions: JsonColumn | null;
}

export interface EventSourcesTable {
  event_id: number;
  article_id: number;
  /** The output-contract id of the event as this article reported it. */
  event_uid: string | null;
  /** The reporting article's story cluster. */
  story_id: number | null;
  /** The event date as this article gave it. */
  date: string | null;
  trigger_span: JsonColumn;
  evidence_sentence: string;
  evidence_span: JsonColumn;
  evidence_raw: JsonColumn;
}

/** Each (story cluster, event) pair: the events a story reports. */
export interface StoryEventsTable {
  story_id: number;
  event_id: number;
}

/** Events counted per month and filter key (migration 0004), kept in step by `putArticles`. */
export interface EventCountsTable {
  target_code: string;
  source_code: string;
  /** `YYYY-MM` of the event date, or '' for undated events. */
  month: string;
  type: string;
  quad: number;
  modality: string;
  negated: number;
  events: number;
  goldstein: number;
}

/**
 * Postgres only (migration 0008): the band keys each batch stored, in the order batches took the
 * store's lock, so that a batch that read the keys' holders before the lock reads under it only
 * those stored since (write/put-batch.ts).
 */
export interface BandLogTable {
  seq: Generated<number | string>;
  /** The batch's stored keys, each with its article in `article_ids` at the same place. */
  keys: (number | string)[];
  article_ids: number[];
}

/** Postgres only: one row, the last `band_log` entry pruned (0 for none). */
export interface BandLogPrunedTable {
  through: number | string;
}

/** The database as Kysely sees it (both dialects). */
export interface Database {
  articles: ArticlesTable;
  band_log: BandLogTable;
  band_log_pruned: BandLogPrunedTable;
  article_bands: ArticleBandsTable;
  people: PeopleTable;
  quotes: QuotesTable;
  events: EventsTable;
  event_sources: EventSourcesTable;
  story_events: StoryEventsTable;
  event_counts: EventCountsTable;
  event_count_changes: EventCountsTable;
}

/** The `month` of undated events in `event_counts`: sorts after every `YYYY-MM`. */
export const UNDATED_MONTH = 'undated';

/**
 * The key of an `event_counts` row, in primary-key order: the month of the event date (`YYYY-MM`,
 * or `UNDATED_MONTH`) and every column an event filter can test.
 */
export const EVENT_COUNT_KEY = [
  'target_code',
  'source_code',
  'month',
  'type',
  'quad',
  'modality',
  'negated',
] as const;

/**
 * Fills `event_counts` from the stored events (the same statement in both dialects): run by the
 * migration on an existing database, and by anything that writes events without `putArticles`.
 */
export const EVENT_COUNTS_BACKFILL = `insert into event_counts (${EVENT_COUNT_KEY.join(', ')}, events, goldstein)
  select target_code, source_code, coalesce(substr(date, 1, 7), '${UNDATED_MONTH}'), type, quad, modality,
    negated, count(*), sum(goldstein)
  from events
  group by target_code, source_code, coalesce(substr(date, 1, 7), '${UNDATED_MONTH}'), type, quad, modality,
    negated`;
