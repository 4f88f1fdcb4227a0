import { createActorsStage, parseActorsLexicon, type UserActors } from './actors/index.js';
import { createCleanStage, parseCleanLexicon } from './clean/index.js';
import {
  createEventsStage,
  extendEventsLexicon,
  parseEventsLexicon,
  type UserTriggers,
} from './events/index.js';
import type { LexiconSet } from './lexicon.js';
import { createQuotesStage, parseQuotesLexicon } from './quotes/index.js';
import { createSegmentStage } from './segment/index.js';
import { createPipeline, type Pipeline } from './stage.js';

/**
 * The default stage order: clean → segment → actors → quotes → events.
 *
 * @example
 * const pipeline = createDefaultPipeline(loadLexicons());
 * const withMine = createDefaultPipeline(loadLexicons(), readActorDictionaries(['my-actors.json']));
 * const petrarch = createDefaultPipeline(loadLexicons(), actors, readVerbDictionaries(['CAMEO.verbs.txt']));
 */
export function createDefaultPipeline(
  data: LexiconSet,
  userActors?: UserActors,
  userTriggers: readonly UserTriggers[] = [],
): Pipeline {
  const files = (stage: string) => data[stage] ?? {};
  return createPipeline([
    createCleanStage(parseCleanLexicon(files('clean'))),
    createSegmentStage(),
    createActorsStage(parseActorsLexicon(files('actors')), userActors),
    createQuotesStage(parseQuotesLexicon(files('quotes'))),
    createEventsStage(extendEventsLexicon(parseEventsLexicon(files('events')), userTriggers)),
  ]);
}
