import type { ActorKind, AnalysedArticle, ArticleJson, Event, Modality, PloverType } from '../core/index.js';

/** The outcome of a store call that can fail because of the data (house habit 9). */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: StoreProblem };

/** A problem with the data given to the store (not a bug): reported, never thrown. */
export interface StoreProblem {
  readonly code: 'INVALID_ARTICLE' | 'INVALID_FILTER' | 'NOT_FOUND';
  readonly message: string;
}

/** An analysed article ready to be stored, with the identity ingest computed for it. */
export interface ArticleToStore {
  readonly article: AnalysedArticle;
  /** SHA-256 hex of the normalised raw text (`contentHash` in src/ingest). */
  readonly contentHash: string;
  readonly canonicalUrl: string | null;
  /** Where it was read from (`file[:line]`), kept for provenance. */
  readonly origin?: string;
  /**
   * The JSON texts of the article's stored-whole fields, when the caller has them already (an
   * `AnalysisOutcome` from a pool thread carries them): written as they are. They must be
   * `articleJson(article)`; without them the store makes them.
   */
  readonly json?: ArticleJson;
}

/** What happened to one article of a batch given to `putArticles`, in input order. */
export type PutOutcome =
  | {
      readonly status: 'stored';
      readonly id: number;
      /** Its story cluster: the id of the cluster's first article (its own id when it starts one). */
      readonly story: number;
      /** Events the article reported (each is a source of one stored event). */
      readonly events: number;
      /** How many of them joined an event already reported by another article (new events: the rest). */
      readonly merged: number;
    }
  | { readonly status: 'duplicate'; readonly id: number; readonly by: 'content-hash' | 'canonical-url' }
  | { readonly status: 'invalid'; readonly problem: StoreProblem };

/** Identity of an article to look up before analysing it. */
export interface ArticleKey {
  readonly contentHash: string;
  readonly canonicalUrl: string | null;
}

/** Row counts of every table. */
export interface StoreCounts {
  readonly articles: number;
  readonly mentions: number;
  readonly people: number;
  readonly quotes: number;
  /** Stored events, each reported by one or more articles (merged across articles). */
  readonly events: number;
  /** Reports: one per event of each stored article. */
  readonly eventSources: number;
  /** Story clusters (an article with no stored copy is a story of its own). */
  readonly stories: number;
}

/** An article as the store holds it (the output contract plus store metadata). */
export interface StoredArticle {
  readonly id: number;
  readonly docId: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly published: string | null;
  readonly contentHash: string;
  readonly origin: string | null;
  readonly raw: string;
  readonly text: string;
  readonly ingestedAt: string;
  /** Its story cluster: the id of the first stored article of the copies it belongs to. */
  readonly story: number;
}

/** One full-text search hit. */
export interface ArticleHit {
  readonly id: number;
  readonly docId: string;
  readonly title: string | null;
  readonly published: string | null;
  readonly url: string | null;
}

/** Filters of `queryEvents`; every given filter must hold. */
export interface EventFilter {
  /** Source or target actor code. */
  readonly actor?: string;
  readonly source?: string;
  readonly target?: string;
  readonly type?: PloverType;
  readonly quad?: 1 | 2 | 3 | 4;
  /** Inclusive ISO dates on the event date. */
  readonly from?: string;
  readonly to?: string;
  /** Full-text search over the reporting articles. */
  readonly text?: string;
  readonly modality?: Modality;
  readonly negated?: boolean;
  /** Default 100. */
  readonly limit?: number;
  /** Only events after this one in the result order (keyset paging: pass the last row's `cursor`). */
  readonly after?: EventCursor;
}

/** Where an event sits in `queryEvents`' order (dated first by date, then undated; then by row). */
export interface EventCursor {
  readonly date: string | null;
  readonly row: number;
}

/** The period length `countEvents` groups by: calendar day or month of the event date. */
export type EventPeriod = 'day' | 'month';

/** What `countEvents` can group by, besides the event type (always a group key). */
export type CountDimension = 'source' | 'target' | 'period';

/** How `countEvents` groups and what it sums. */
export interface CountOptions {
  /** Grouped by type and these dimensions (default: source and period). */
  readonly by?: readonly CountDimension[];
  /** The period length when grouping by period (default month; undated events: `period` null). */
  readonly period?: EventPeriod;
  /** Also sum each group's reports (`articles`) and independent stories (read from every report: slower). */
  readonly reports?: boolean;
  /**
   * At most this many groups of the `by` dimensions (a group's types all come together): a page.
   * A full page's last group, passed as `after`, gives the next page.
   */
  readonly limit?: number;
  /** Only groups after this one in the answer's order (its values of the `by` dimensions are read). */
  readonly after?: CountKey;
}

/** A group's position in `countEvents` order: its source, target and period (null: undated). */
export type CountKey = Pick<EventCount, 'source' | 'target' | 'period'>;

/** One group of `countEvents`: events of one type (and source, target, period when grouped by them). */
export interface EventCount {
  /** The source actor; null when not grouped by source. */
  readonly source: string | null;
  /** The target actor; null when not grouped by target. */
  readonly target: string | null;
  /** `YYYY-MM-DD` (by day) or `YYYY-MM` (by month); null for undated events or when not grouped by period. */
  readonly period: string | null;
  readonly type: PloverType;
  /** Events (each merged event once). */
  readonly count: number;
  /** The events' Goldstein weights summed (rounded to two decimals). */
  readonly goldstein: number;
  /** Reports of those events: the articles reporting each, summed (0 unless `reports`). */
  readonly articles: number;
  /** Independent stories reporting each (copies in one story cluster count once), summed (0 unless `reports`). */
  readonly stories: number;
}

/** An actor of an event as its article lists it. */
export interface StoredActor {
  readonly name: string;
  readonly kind: ActorKind;
}

/** One article's report of a stored event. */
export interface EventSource {
  readonly articleId: number;
  readonly docId: string;
  readonly url: string | null;
  /** The host of the article's URL without `www.`, or null when it has no URL. */
  readonly outlet: string | null;
  readonly published: string | null;
  /** The article's story cluster. */
  readonly story: number;
  /** The output-contract id of the event as this article reported it. */
  readonly eventId: string;
  /** The event date this article gave (reports within a day of each other merge). */
  readonly date: string | null;
  readonly trigger: { readonly span: readonly [number, number] };
  readonly evidence: {
    readonly sentence: string;
    readonly span: readonly [number, number];
    readonly raw: readonly [number, number];
  };
}

/**
 * An event as stored: the output-contract event of its representative report (the earliest
 * published dated one), plus every article reporting it.
 */
export interface StoredEvent {
  /** The output contract's event fields. */
  readonly event: Event;
  readonly articleId: number;
  readonly docId: string;
  readonly url: string | null;
  /** Title, publication date and language of the reporting article. */
  readonly title: string | null;
  readonly published: string | null;
  readonly lang: string;
  /** The source and target actors as the reporting article's `actors` list them (name, kind), else null. */
  readonly sourceActor: StoredActor | null;
  readonly targetActor: StoredActor | null;
  /** Every report of the event, by publication date then article id. */
  readonly sources: readonly EventSource[];
  /** Distinct reporting articles (GDELT's NumArticles). */
  readonly articles: number;
  /** Distinct outlets (GDELT's NumSources): URL hosts, an article with no URL counting as its own. */
  readonly outlets: number;
  /** Independent stories: reporting articles' story clusters (copies of one wire story count once). */
  readonly stories: number;
  /** Pass as `after` to get the rows that follow this one. */
  readonly cursor: EventCursor;
}

/**
 * The Store port (ARCHITECTURE.md): one interface, an adapter per database
 * (SQLite, Postgres), one conformance suite (test/store/store.case.ts).
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** For each key, the id of an article already stored with that content hash or canonical URL, else null. */
  findKnown(keys: readonly ArticleKey[]): Promise<(number | null)[]>;
  /**
   * Stores a batch in one transaction; duplicates (by hash or URL) are not stored again. Near-copies
   * of stored articles join their story cluster, and each event joins a stored event reported by
   * another article (same source, type, target, modality and negation, compatible mode, dates within
   * a day, or in the same story one undated) or becomes a new one.
   */
  putArticles(batch: readonly ArticleToStore[]): Promise<PutOutcome[]>;
  /** One stored article by id. */
  getArticle(id: number): Promise<Result<StoredArticle>>;
  /** Full-text search over titles and clean texts (all words must occur; stemmed). */
  searchArticles(text: string, options?: { readonly limit?: number }): Promise<Result<ArticleHit[]>>;
  /** Events matching every filter: dated ones first by date, then undated, each by id. */
  queryEvents(filter: EventFilter): Promise<Result<StoredEvent[]>>;
  /**
   * Events matching the filter (its `limit` and `after` ignored) counted per type and the requested
   * dimensions (default source and month), ordered by source, target, period (undated last), type.
   * Answered from the monthly `event_counts` rollup when the filter allows (no text, month periods,
   * whole-month date bounds, no report sums), else from the events; the answers are the same.
   */
  countEvents(filter: EventFilter, options?: CountOptions): Promise<Result<EventCount[]>>;
  counts(): Promise<StoreCounts>;
  /** How long this store object's batch writes took so far, and held what serialises writers. */
  writeTimes(): WriteTimes;
  close(): Promise<void>;
}

/**
 * The time `putArticles` spent writing, in this process since the store was opened. Writers to one
 * database write one batch at a time from the moment they cluster stories and merge events to
 * their commit (Postgres: the store's advisory batch lock; SQLite: its write lock, the whole
 * transaction), so `lockedMs / articles` bounds what the database takes from all its writers
 * together: at most 1000 / (lockedMs / articles) articles a second, however many there are.
 */
export interface WriteTimes {
  /** Batches committed, and their records (duplicates and invalid ones included). */
  readonly batches: number;
  readonly articles: number;
  /** Milliseconds in write transactions, from their start to their commit (rolled-back attempts included). */
  readonly writingMs: number;
  /** Milliseconds of those holding the lock that serialises writers. */
  readonly lockedMs: number;
}

/** Programmer and configuration errors of the store layer. */
export type StoreErrorCode =
  | 'STORE_CLOSED' // a method was called after close()
  | 'STORE_URL' // the database URL or path is not usable
  | 'STORE_MIGRATION' // the schema could not be brought up to date
  | 'STORE_KEY'; // a content hash that is not 64 hex digits

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
