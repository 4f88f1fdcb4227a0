import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wordListPath from 'word-list';
import { DemarcheError } from '../core/index.js';
import type { LexiconSet } from '../pipeline/index.js';

/** The package's own `data/` folder (from `src/lexicons` and `dist/lexicons` alike). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * Reads every `data/<stage>/<name>.json` under `dir` into a LexiconSet, plus the
 * word list that ships in the `word-list` package.
 *
 * @example
 * const pipeline = createDefaultPipeline(loadLexicons());
 */
export function loadLexicons(dir: string = DEFAULT_DATA_DIR): LexiconSet {
  const set: Record<string, Record<string, unknown>> = {};
  for (const stage of readdirSync(dir, { withFileTypes: true })) {
    if (!stage.isDirectory()) continue;
    const files: Record<string, unknown> = {};
    for (const file of readdirSync(join(dir, stage.name))) {
      if (!file.endsWith('.json')) continue;
      const path = join(dir, stage.name, file);
      try {
        files[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path, 'utf8'));
      } catch (cause) {
        throw new DemarcheError('LEXICON_INVALID', `${path}: not valid JSON`, { cause });
      }
    }
    set[stage.name] = files;
  }
  return withPackagedData(set);
}

/**
 * Adds the data that comes from maintained packages rather than from our own files,
 * unless the data folder overrides it: the English word list the clean stage's
 * repairs use as evidence (the `word-list` package, from the atebits Words list).
 */
function withPackagedData(set: Record<string, Record<string, unknown>>): LexiconSet {
  const clean = (set['clean'] ??= {});
  if (clean['english-words'] === undefined) {
    // one word per line, read as it is (the clean stage indexes the text without splitting it)
    clean['english-words'] = { lines: readFileSync(wordListPath, 'utf8') };
  }
  return set;
}
