import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLError } from 'yaml';
import { DemarcheError } from '../core/index.js';

/**
 * The text of a user dictionary (`--actors`, `--verbs`); an unreadable file is a LEXICON_INVALID
 * error naming it and what it was read as.
 *
 * @example
 * readDictionaryText('mine.yaml', 'actor dictionary');
 */
export function readDictionaryText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DemarcheError('LEXICON_INVALID', `${path}: cannot read the ${what}`, { cause });
  }
}

/** Whether a dictionary file is in demarche's own format (JSON or YAML) rather than PETRARCH's. */
export function isStructuredDictionary(path: string): boolean {
  return /\.(?:json|ya?ml)$/i.test(path);
}

/**
 * The document of a `.json`, `.yaml` or `.yml` dictionary; a syntax error names the file (and,
 * for YAML, the line: "mine.yaml:3: not valid YAML: …").
 *
 * @example
 * parseStructuredDictionary('{"actors": []}', 'mine.json'); // { actors: [] }
 */
export function parseStructuredDictionary(text: string, path: string): unknown {
  if (/\.json$/i.test(path)) {
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new DemarcheError('LEXICON_INVALID', `${path}: not valid JSON`, { cause });
    }
  }
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
