import type { Generated } from 'kysely';

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
  ingested_at: string;
}

export interface MentionsTable {
  id: Generated<number>;
  article_id: number;
  idx: number;
  span_start: number;
  span_end: number;
  text: string;
  kind: string;
  actor: string | null;
  person: number | null;
  sentence: number;
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
  /** The article that first reported it. */
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
  trigger_span: JsonColumn;
  evidence_sentence: string;
  evidence_span: JsonColumn;
  evidence_raw: JsonColumn;
}

/** The database as Kysely sees it (both dialects). */
export interface Database {
  articles: ArticlesTable;
  mentions: MentionsTable;
  people: PeopleTable;
  quotes: QuotesTable;
  events: EventsTable;
  event_sources: EventSourcesTable;
}
