import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLError } from 'yaml';
import { DemarcheError } from '../core/index.js';
import { mergeUserActors, parsePetrarchDictionary, parseUserActors } from '../pipeline/index.js';
import type { UserActors } from '../pipeline/index.js';

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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DemarcheError('LEXICON_INVALID', `${path}: cannot read the actor dictionary`, { cause });
  }
  if (/\.ya?ml$/i.test(path)) return parseUserActors(readYaml(text, path), path);
  if (!/\.json$/i.test(path)) return parsePetrarchDictionary(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DemarcheError('LEXICON_INVALID', `${path}: not valid JSON`, { cause });
  }
  return parseUserActors(value, path);
}

/** The YAML document of `text`; a syntax error names the file and line ("mine.yaml:3: …"). */
function readYaml(text: string, path: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (cause) {
    if (!(cause instanceof YAMLError)) throw cause;
    const line = cause.linePos?.[0].line;
    const reason = cause.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new DemarcheError(
      'LEXICON_INVALID',
      `${path}${line ? `:${line}` : ''}: not valid YAML: ${reason}`,
      {
        cause,
      },
    );
  }
}
