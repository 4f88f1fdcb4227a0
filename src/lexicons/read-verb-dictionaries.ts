import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DemarcheError } from '../core/index.js';
import { parsePetrarchVerbs } from '../pipeline/index.js';
import type { UserTriggers } from '../pipeline/index.js';

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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DemarcheError('LEXICON_INVALID', `${path}: cannot read the verb dictionary`, { cause });
  }
  if (!/\.(?:json|ya?ml)$/i.test(path)) {
    return { origin: path, triggers: parsePetrarchVerbs(text).triggers, cameoOnly: true };
  }
  let value: unknown;
  try {
    value = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    const line = (cause as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new DemarcheError(
      'LEXICON_INVALID',
      `${path}${line ? `:${line}` : ''}: not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(cause as Error).message.split('\n')[0]}`,
      { cause },
    );
  }
  const triggers = (value as { triggers?: unknown } | null)?.triggers;
  if (!Array.isArray(triggers))
    throw new DemarcheError('LEXICON_INVALID', `${path}: needs an array "triggers" (see docs/events.md)`);
  return { origin: path, triggers, cameoOnly: false };
}
