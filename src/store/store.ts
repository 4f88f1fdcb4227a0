import type { ActorKind, Article, Modality, PloverType } from '../core/index.js';

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
  readonly article: Article;
  /** SHA-256 hex of the normalised raw text (`contentHash` in src/ingest). */
  readonly contentHash: string;
  readonly canonicalUrl: string | null;
  /** Where it was read from (`file[:line]`), kept for provenance. */
  readonly origin?: string;
}

/** What happened to one article of a batch given to `putArticles`, in input order. */
export type PutOutcome =
  | { readonly status: 'stored'; readonly id: number; readonly events: number }
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
  readonly events: number;
  readonly eventSources: number;
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

/** How `countEvents` groups: by calendar day or month of the event date (undated events: `period` null). */
export type EventPeriod = 'day' | 'month';

/** One group of `countEvents`: events of one source actor and type in one period. */
export interface EventCount {
  readonly source: string;
  /** `YYYY-MM-DD` (by day) or `YYYY-MM` (by month); null for undated events. */
  readonly period: string | null;
  readonly type: PloverType;
  readonly count: number;
}

/** An actor of an event as its article lists it. */
export interface StoredActor {
  readonly name: string;
  readonly kind: ActorKind;
}

/** An event as stored: the output-contract event, plus the article(s) reporting it. */
export interface StoredEvent {
  /** The output contract's event fields. */
  readonly event: Article['events'][number];
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
  /** Articles that report this event (ids). */
  readonly sources: readonly number[];
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
  /** Stores a batch in one transaction; duplicates (by hash or URL) are not stored again. */
  putArticles(batch: readonly ArticleToStore[]): Promise<PutOutcome[]>;
  /** One stored article by id. */
  getArticle(id: number): Promise<Result<StoredArticle>>;
  /** Full-text search over titles and clean texts (all words must occur; stemmed). */
  searchArticles(text: string, options?: { readonly limit?: number }): Promise<Result<ArticleHit[]>>;
  /** Events matching every filter: dated ones first by date, then undated, each by id. */
  queryEvents(filter: EventFilter): Promise<Result<StoredEvent[]>>;
  /**
   * Events matching the filter (its `limit` and `after` ignored) counted per source actor, period and
   * type, ordered by source, then period (undated last), then type.
   */
  countEvents(filter: EventFilter, by: EventPeriod): Promise<Result<EventCount[]>>;
  counts(): Promise<StoreCounts>;
  close(): Promise<void>;
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
