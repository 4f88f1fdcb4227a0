import { DemarcheError } from '../core/index.js';

/** The JSON data files of one stage, keyed by file name without `.json`. */
export type LexiconFiles = Readonly<Record<string, unknown>>;

/** Data files for every stage, keyed by stage name (`data/<stage>/<file>.json`). */
export type LexiconSet = Readonly<Record<string, LexiconFiles>>;

/** Returns file `name` of a stage's data, or fails with LEXICON_INVALID naming it. */
export function requireFile(files: LexiconFiles, stage: string, name: string): unknown {
  const value = files[name];
  if (value === undefined) {
    throw new DemarcheError('LEXICON_INVALID', `data/${stage}/${name}.json is missing`);
  }
  return value;
}

/** Throws LEXICON_INVALID with the file and JSON path when `ok` is false. */
export function check(ok: boolean, where: string, problem: string): asserts ok {
  if (!ok) throw new DemarcheError('LEXICON_INVALID', `${where}: ${problem}`);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
