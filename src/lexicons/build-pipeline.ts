import { createDefaultPipeline, type Pipeline } from '../pipeline/index.js';
import { loadLexicons } from './load-lexicons.js';
import { readActorDictionaries } from './read-actor-dictionaries.js';
import { readVerbDictionaries } from './read-verb-dictionaries.js';

/**
 * Where a pipeline's data comes from: the lexicon folder and the user dictionaries. Plain data, so
 * a worker thread can be given it and build the same pipeline as the main thread.
 */
export interface PipelineSpec {
  /** Lexicon folder (default: the bundled data/). */
  readonly dataDir?: string;
  /** `--actors` dictionaries, in order. */
  readonly actorFiles?: readonly string[];
  /** `--verbs` dictionaries, in order. */
  readonly verbFiles?: readonly string[];
}

/**
 * Builds the default pipeline from a spec, reading every file it names.
 *
 * @example
 * const pipeline = buildPipeline({ actorFiles: ['my-actors.yaml'] });
 * pipeline.run({ id: 'a1', raw: 'Japan rejected…', mediaType: 'text/plain' });
 */
export function buildPipeline(spec: PipelineSpec = {}): Pipeline {
  const actorFiles = spec.actorFiles ?? [];
  return createDefaultPipeline(
    spec.dataDir !== undefined ? loadLexicons(spec.dataDir) : loadLexicons(),
    actorFiles.length > 0 ? readActorDictionaries(actorFiles) : undefined,
    readVerbDictionaries(spec.verbFiles ?? []),
  );
}
