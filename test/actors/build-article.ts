import type { Article } from '../../src/core/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createActorsStage, parseActorsLexicon } from '../../src/pipeline/actors/index.js';
import { createCleanStage, parseCleanLexicon } from '../../src/pipeline/clean/index.js';
import { createSegmentStage } from '../../src/pipeline/segment/index.js';
import { createPipeline } from '../../src/pipeline/stage.js';

const files = loadLexicons();

/** clean → segment → actors, built from the real stages and data files. */
export const pipeline = createPipeline([
  createCleanStage(parseCleanLexicon(files['clean'] ?? {})),
  createSegmentStage(),
  createActorsStage(parseActorsLexicon(files['actors'] ?? {})),
]);

export function analyse(raw: string, id = 'test'): Article {
  return pipeline.run({ id, raw, mediaType: 'text/plain' });
}

/** The stable, readable part of the actors layers, for golden files. */
export function project(article: Article) {
  return {
    mentions: article.mentions.map((m) => ({
      text: m.text,
      kind: m.kind,
      actor: m.actor,
      ...(m.person !== null ? { person: article.people[m.person]?.name ?? null } : {}),
    })),
    people: article.people.map((p) => ({
      name: p.name,
      actor: p.actor,
      role: p.role,
      mentions: p.mentions.length,
    })),
    actors: article.actors.map((a) => ({ code: a.code, kind: a.kind, mentions: a.mentions.length })),
  };
}
