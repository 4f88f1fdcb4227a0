import {
  packArticle,
  toOutputRecord,
  unpackArticle,
  type AnalysedArticle,
  type Article,
  type RawDocument,
} from '../core/index.js';
import type { Pipeline } from '../pipeline/index.js';
import type { AnalysisOutcome, JsonOutcome, PackedOutcome } from './messages.js';

/**
 * Runs the pipeline on several documents, stage by stage (`Pipeline.runMany`), and keeps of each
 * article what outlives the analysis; a stage that throws becomes a failed outcome naming the
 * problem, for that document alone, so one bad article never stops a batch.
 *
 * @example
 * const outcomes = analyseDocuments(pipeline, docs); // outcomes[i] is docs[i]'s
 */
export function analyseDocuments(pipeline: Pipeline, docs: readonly RawDocument[]): AnalysisOutcome[] {
  return pipeline
    .runMany(docs)
    .map((run) =>
      run.ok ? { ok: true, article: toAnalysed(run.article) } : { ok: false, error: run.reason },
    );
}

/** The article without its offset map and token layers. */
export function toAnalysed(article: Article): AnalysedArticle {
  const { offsets: _o, paragraphs: _p, sentences: _s, tokens: _t, ...kept } = article;
  return kept;
}

/**
 * An outcome as its output record's JSON text: what `demarche analyze --format jsonl` prints,
 * made where the article was analysed, so that a thread sends one string rather than the article's
 * objects (cloning those for the main thread and printing them there cost about 0.7 ms an article,
 * a third of the analysis).
 */
export function toJsonOutcome(outcome: AnalysisOutcome): JsonOutcome {
  return outcome.ok ? { ok: true, json: JSON.stringify(toOutputRecord(outcome.article)) } : outcome;
}

/** An outcome as an analysis thread sends it: the article packed (`packArticle`). */
export function toPackedOutcome(outcome: AnalysisOutcome): PackedOutcome {
  return outcome.ok ? { ok: true, ...packArticle(outcome.article) } : outcome;
}

/** The outcome a thread sent, its article unpacked (`unpackArticle`) and its JSON texts kept. */
export function fromPackedOutcome(outcome: PackedOutcome): AnalysisOutcome {
  return outcome.ok
    ? { ok: true, article: unpackArticle(outcome.article, outcome.json), json: outcome.json }
    : outcome;
}
