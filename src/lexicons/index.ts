export { loadLexicons, DEFAULT_DATA_DIR } from './load-lexicons.js';
export { readActorDictionaries } from './read-actor-dictionaries.js';
export { readVerbDictionaries } from './read-verb-dictionaries.js';
export { buildPipeline, type PipelineSpec } from './build-pipeline.js';
