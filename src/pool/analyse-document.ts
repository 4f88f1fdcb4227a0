import type { AnalysedArticle, Article, RawDocument } from '../core/index.js';
import type { Pipeline } from '../pipeline/index.js';
import type { AnalysisOutcome } from './messages.js';

/**
 * Runs the pipeline on one document and keeps what outlives the analysis; a stage that throws
 * becomes a failed outcome naming the problem, so one bad article never stops a batch.
 *
 * @example
 * const outcome = analyseDocument(pipeline, { id: 'a1', raw: 'Japan rejected…', mediaType: 'text/plain' });
 * if (outcome.ok) outcome.article.events;
 */
export function analyseDocument(pipeline: Pipeline, doc: RawDocument): AnalysisOutcome {
  try {
    return { ok: true, article: toAnalysed(pipeline.run(doc)) };
  } catch (cause) {
    return { ok: false, error: `analysis failed: ${(cause as Error).message}` };
  }
}

/** The article without its offset map and token layers. */
export function toAnalysed(article: Article): AnalysedArticle {
  const { offsets: _o, paragraphs: _p, sentences: _s, tokens: _t, ...kept } = article;
  return kept;
}
