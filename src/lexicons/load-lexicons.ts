import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemarcheError } from '../core/index.js';
import type { LexiconSet } from '../pipeline/index.js';

/** The package's own `data/` folder (from `src/lexicons` and `dist/lexicons` alike). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * Reads every `data/<stage>/<name>.json` under `dir` into a LexiconSet.
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
  return set;
}
