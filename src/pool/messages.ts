import type { AnalysedArticle, ArticleJson, PackedArticle, RawDocument } from '../core/index.js';

/**
 * The analysis of one document: its article, or why it could not be analysed. An article analysed
 * on another thread comes with `json`, the JSON texts of its stored-whole fields (`articleJson`),
 * which it crossed the thread boundary as: its store takes them as they are (`ArticleToStore.json`).
 */
export type AnalysisOutcome =
  | { readonly ok: true; readonly article: AnalysedArticle; readonly json?: ArticleJson }
  | { readonly ok: false; readonly error: string };

/** An `AnalysisOutcome` as an analysis thread sends it (`packArticle`). */
export type PackedOutcome =
  | { readonly ok: true; readonly article: PackedArticle; readonly json: ArticleJson }
  | { readonly ok: false; readonly error: string };

/**
 * The analysis of one document as its output record's JSON text (`toOutputRecord`, one line), or
 * why it could not be analysed.
 */
export type JsonOutcome =
  { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: string };

/** Main thread → analysis thread: `as` says which outcome to answer with. */
export interface WorkerRequest {
  readonly task: number;
  readonly doc: RawDocument;
  /** `article`: a `PackedOutcome` (an `AnalysisOutcome` once unpacked); `json`: a `JsonOutcome`. */
  readonly as: 'article' | 'json';
}

/** Analysis thread → main thread. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'broken'; readonly error: string }
  | { readonly type: 'done'; readonly task: number; readonly outcome: PackedOutcome | JsonOutcome };
