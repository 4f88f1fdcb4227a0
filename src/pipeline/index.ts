export {
  STAGE_BATCH,
  analysisFailure,
  createPipeline,
  type Pipeline,
  type PipelineRun,
  type Stage,
  type StageOutput,
} from './stage.js';
export { createDefaultPipeline } from './preset.js';
export type { LexiconFiles, LexiconSet } from './lexicon.js';
export { createCleanStage, parseCleanLexicon } from './clean/index.js';
export { createSegmentStage } from './segment/index.js';
export { createActorsStage, parseActorsLexicon } from './actors/index.js';
export {
  mergeUserActors,
  parsePetrarchDictionary,
  parseUserActors,
  type UserActors,
} from './actors/index.js';
export { createQuotesStage, parseQuotesLexicon } from './quotes/index.js';
export {
  createEventsStage,
  parseEventsLexicon,
  extendEventsLexicon,
  parsePetrarchVerbs,
  type UserTriggers,
  type PetrarchVerbs,
} from './events/index.js';
