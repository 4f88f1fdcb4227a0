import type { AnalysedArticle, RawDocument } from '../core/index.js';

/** The analysis of one document: its article, or why it could not be analysed. */
export type AnalysisOutcome =
  { readonly ok: true; readonly article: AnalysedArticle } | { readonly ok: false; readonly error: string };

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
  /** `article`: an `AnalysisOutcome`; `json`: a `JsonOutcome`. */
  readonly as: 'article' | 'json';
}

/** Analysis thread → main thread. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'broken'; readonly error: string }
  | { readonly type: 'done'; readonly task: number; readonly outcome: AnalysisOutcome | JsonOutcome };
