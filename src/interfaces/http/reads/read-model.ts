import type { ActorKind, Diagnostic, Edit, Event, Quote, Span } from '../../../core/index.js';

/**
 * Reads the HTTP API needs beyond the Store port (article detail, listings); the aggregates are
 * `Store.countEvents`.
 * Kept here, beside the API, until the store grows the same methods (see docs/api.md).
 */
export interface ReadModel {
  /** Stored articles, newest id first, after `before` (keyset on the id). */
  listArticles(page: IdPage): Promise<ArticleSummary[]>;
  /** One article with its actors, people, quotes, mentions and every event it reports; null when absent. */
  articleDetail(id: number): Promise<ArticleDetail | null>;
  /** People named in stored articles, by id, filtered by actor or name. */
  listPeople(filter: PeopleFilter, page: IdPage): Promise<PersonRow[]>;
  /** Quotes of stored articles, by id, filtered by speaker actor, speaker name or words. */
  listQuotes(filter: QuoteFilter, page: IdPage): Promise<QuoteRow[]>;
  /** Actor codes seen in events, with their counts as source and target, most active first. */
  listActors(limit: number): Promise<ActorRow[]>;
  close(): Promise<void>;
}

/** Keyset page over row ids: rows with an id below `before` (descending) or above `after` (ascending). */
export interface IdPage {
  readonly limit: number;
  readonly before?: number;
  readonly after?: number;
}

export interface PeopleFilter {
  readonly actor?: string;
  /** Case-insensitive part of the name. */
  readonly name?: string;
}

export interface QuoteFilter {
  /** The speaker's actor code. */
  readonly actor?: string;
  /** Case-insensitive part of the speaker's name. */
  readonly speaker?: string;
  /** Case-insensitive part of the quoted text. */
  readonly text?: string;
}

export interface ArticleSummary {
  readonly id: number;
  readonly docId: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly story: number;
  /** Events this article reports. */
  readonly events: number;
}

/** One event as an article reports it: the stored event, with this article's own evidence. */
export interface ArticleEvent {
  readonly event: Event;
  /** Whether this article is the event's representative report (its `source`/`target` spans index this text). */
  readonly representative: boolean;
  /** Articles reporting the event. */
  readonly articles: number;
  /** This article's trigger and evidence spans. */
  readonly trigger: { readonly span: Span };
  readonly evidence: { readonly sentence: string; readonly span: Span; readonly raw: Span };
}

export interface MentionRow {
  readonly span: Span;
  readonly text: string;
  readonly kind: string;
  readonly actor: string | null;
  readonly person: number | null;
  readonly sentence: number;
}

export interface ArticleDetail extends ArticleSummary {
  readonly canonicalUrl: string | null;
  readonly lang: string;
  readonly origin: string | null;
  readonly ingestedAt: string;
  readonly text: string;
  readonly raw: string;
  readonly credits: readonly string[];
  readonly edits: readonly Edit[];
  /** What the analysis noted (a trigger it did not code, and why), as `analyze` prints it. */
  readonly diagnostics: readonly Diagnostic[];
  readonly actors: readonly { code: string; name: string; kind: ActorKind; mentions: Span[] }[];
  readonly people: readonly { name: string; actor: string | null; role: string | null; mentions: Span[] }[];
  readonly quotes: readonly Quote[];
  readonly mentions: readonly MentionRow[];
  readonly reports: readonly ArticleEvent[];
}

export interface PersonRow {
  readonly id: number;
  readonly name: string;
  readonly actor: string | null;
  readonly role: string | null;
  readonly mentions: number;
  readonly article: { readonly id: number; readonly docId: string; readonly published: string | null };
}

export interface QuoteRow {
  readonly id: number;
  readonly text: string;
  readonly span: Span;
  readonly kind: string;
  readonly cue: string | null;
  readonly speaker: { readonly name: string; readonly actor: string | null } | null;
  readonly article: { readonly id: number; readonly docId: string; readonly published: string | null };
}

export interface ActorRow {
  readonly code: string;
  /** Name and kind as the latest stored articles list the actor, else null. */
  readonly name: string | null;
  readonly kind: ActorKind | null;
  readonly asSource: number;
  readonly asTarget: number;
}
