import { DemarcheError, createArticle } from '../core/index.js';
import type { Article, Diagnostic, Layer, RawDocument } from '../core/index.js';

/** What a stage adds to an article: some of its layers, plus diagnostics to append. */
export type StageOutput = Partial<Omit<Article, 'id' | 'raw' | 'diagnostics'>> & {
  readonly diagnostics?: readonly Diagnostic[];
};

/**
 * A pure pipeline stage: options are resolved once by its factory, then `run`
 * reads an article and returns new annotations without touching its input.
 */
export interface Stage {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly provides: readonly Layer[];
  run(article: Article): StageOutput;
}

export interface Pipeline {
  readonly stages: readonly Stage[];
  /** Runs every stage over one document. */
  run(doc: RawDocument): Article;
}

/**
 * Chains stages, failing at construction when a stage requires a layer that no
 * earlier stage provides.
 *
 * @example
 * const pipeline = createPipeline([clean, segment, actors]);
 * const article = pipeline.run({ id: 'a1', raw: 'Japan rejected…', mediaType: 'text/plain' });
 */
export function createPipeline(stages: readonly Stage[]): Pipeline {
  const provided = new Set<Layer>();
  for (const stage of stages) {
    const missing = stage.requires.filter((layer) => !provided.has(layer));
    if (missing.length > 0) {
      throw new DemarcheError(
        'PIPELINE_ORDER',
        `stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage provides`,
      );
    }
    for (const layer of stage.provides) provided.add(layer);
  }
  return {
    stages,
    run(doc) {
      let article = createArticle(doc);
      for (const stage of stages) {
        // no rest copy of the output: its `diagnostics`, spread with the layers, is overwritten at
        // once, and keys keep their order (the article has `diagnostics` from the start)
        const output = stage.run(article);
        const diagnostics = output.diagnostics;
        article = {
          ...article,
          ...output,
          diagnostics:
            diagnostics && diagnostics.length > 0
              ? [...article.diagnostics, ...diagnostics]
              : article.diagnostics,
        };
      }
      return article;
    },
  };
}
