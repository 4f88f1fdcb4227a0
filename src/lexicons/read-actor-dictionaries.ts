import { mergeUserActors, parsePetrarchDictionary, parseUserActors } from '../pipeline/index.js';
import type { UserActors } from '../pipeline/index.js';
import {
  isStructuredDictionary,
  parseStructuredDictionary,
  readDictionaryText,
} from './read-dictionary-file.js';

/**
 * Reads user actor dictionaries (`--actors FILE`): a `.json`, `.yaml` or `.yml` file in
 * demarche's format (docs/actors.md), anything else as a PETRARCH/TABARI actor or agent dictionary.
 * Later files win over earlier ones and over the bundled registry.
 *
 * @example
 * const pipeline = createDefaultPipeline(loadLexicons(), readActorDictionaries(['mine.json']));
 */
export function readActorDictionaries(paths: readonly string[]): UserActors {
  return mergeUserActors(paths.map(readActorDictionary));
}

function readActorDictionary(path: string): UserActors {
  const text = readDictionaryText(path, 'actor dictionary');
  if (!isStructuredDictionary(path)) return parsePetrarchDictionary(text);
  return parseUserActors(parseStructuredDictionary(text, path), path);
}
