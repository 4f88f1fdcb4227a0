import type { Article, Event } from '../../src/core/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';

/** The full default pipeline (clean → segment → actors → quotes → events) on the real data files. */
export const pipeline = createDefaultPipeline(loadLexicons());

/** Golden texts are dated Friday 15 March 2024. */
export const PUBLISHED = '2024-03-15';

export function analyse(raw: string, id = 'test', published: string = PUBLISHED): Article {
  return pipeline.run({ id, raw, mediaType: 'text/plain', published });
}

/** "SRC TYPE TGT" triples of an article's events. */
export function triples(article: Article): string[] {
  return article.events.map((e) => `${e.source.code} ${e.type} ${e.target.code}`);
}

/** The stable, readable part of an event, for golden files. */
export function project(article: Article) {
  return article.events.map((e: Event) => ({
    type: e.type,
    mode: e.mode,
    source: e.source.code,
    target: e.target.code,
    negated: e.negated,
    modality: e.modality,
    date: e.date,
    cameo: e.cameo,
    quad: e.quad,
    trigger: e.trigger.text,
    quote: e.quote !== null,
    rule: e.rule,
    further: e.mentions?.length ?? 0,
  }));
}
