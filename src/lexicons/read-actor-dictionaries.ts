import { readFileSync } from 'node:fs';
import { DemarcheError } from '../core/index.js';
import { mergeUserActors, parsePetrarchDictionary, parseUserActors } from '../pipeline/index.js';
import type { UserActors } from '../pipeline/index.js';

/**
 * Reads user actor dictionaries (`--actors FILE`): a `.json` file in demarche's format
 * (docs/actors.md), anything else as a PETRARCH/TABARI actor or agent dictionary.
 * Later files win over earlier ones and over the bundled registry.
 *
 * @example
 * const pipeline = createDefaultPipeline(loadLexicons(), readActorDictionaries(['mine.json']));
 */
export function readActorDictionaries(paths: readonly string[]): UserActors {
  return mergeUserActors(paths.map(readActorDictionary));
}

function readActorDictionary(path: string): UserActors {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DemarcheError('LEXICON_INVALID', `${path}: cannot read the actor dictionary`, { cause });
  }
  if (!/\.json$/i.test(path)) return parsePetrarchDictionary(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DemarcheError('LEXICON_INVALID', `${path}: not valid JSON`, { cause });
  }
  return parseUserActors(value, path);
}
