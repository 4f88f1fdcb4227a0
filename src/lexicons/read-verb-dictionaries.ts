import { DemarcheError } from '../core/index.js';
import { parsePetrarchVerbs } from '../pipeline/index.js';
import type { UserTriggers } from '../pipeline/index.js';
import {
  isStructuredDictionary,
  parseStructuredDictionary,
  readDictionaryText,
} from './read-dictionary-file.js';

/**
 * Reads user trigger dictionaries (`--verbs FILE`): a `.json`, `.yaml` or `.yml` file holding
 * `{ "triggers": [...] }` in the format of data/events/triggers.json (docs/events.md), anything
 * else as a PETRARCH/TABARI verb dictionary (its CAMEO codes give the types).
 *
 * @example
 * const pipeline = createDefaultPipeline(loadLexicons(), undefined, readVerbDictionaries(['CAMEO.verbs.txt']));
 */
export function readVerbDictionaries(paths: readonly string[]): UserTriggers[] {
  return paths.map(readVerbDictionary);
}

function readVerbDictionary(path: string): UserTriggers {
  const text = readDictionaryText(path, 'verb dictionary');
  if (!isStructuredDictionary(path)) {
    return { origin: path, triggers: parsePetrarchVerbs(text).triggers, cameoOnly: true };
  }
  const triggers = (parseStructuredDictionary(text, path) as { triggers?: unknown } | null)?.triggers;
  if (!Array.isArray(triggers))
    throw new DemarcheError('LEXICON_INVALID', `${path}: needs an array "triggers" (see docs/events.md)`);
  return { origin: path, triggers, cameoOnly: false };
}
