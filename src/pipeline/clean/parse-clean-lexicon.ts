import { DemarcheError } from '../../core/index.js';
import { check, isRecord, isStringArray, requireFile } from '../lexicon.js';
import type { LexiconFiles } from '../lexicon.js';
import { WordList } from './word-list.js';

/** What a boilerplate marker drops: the rest of the article, a block of headlines, or its own line. */
export type MarkerScope = 'rest' | 'block' | 'line';

export interface CleanLexicon {
  /** Lower-cased marker text → scope. */
  readonly markers: ReadonlyMap<string, MarkerScope>;
  /** Patterns matched at the start of the text and dropped (group `date` = publication date). */
  readonly leading: readonly RegExp[];
  /** Lower-cased credit lead-ins ("with information from"), longest first. */
  readonly creditLeadIns: readonly string[];
  /** Lower-cased agency spelling → canonical agency name. */
  readonly agencies: ReadonlyMap<string, string>;
  readonly functionWords: ReadonlySet<string>;
  /** Function words never split off a capitalised token ("an" in "Chilean"). */
  readonly notAfterNames: ReadonlySet<string>;
  readonly calendarWords: ReadonlySet<string>;
  /** Lower-case English words: evidence for the repairs (a glued pair's parts, a doubled letter). */
  readonly englishWords: WordList;
  /** Odd quote character → replacement. */
  readonly quotes: ReadonlyMap<string, string>;
  /** HTML entity name → text. */
  readonly entities: ReadonlyMap<string, string>;
}

const STAGE = 'clean';
const SCOPES: readonly string[] = ['rest', 'block', 'line'];

function where(file: string, path = ''): string {
  return `data/${STAGE}/${file}.json${path}`;
}

function stringList(files: LexiconFiles, file: string, key: string): string[] {
  const data = requireFile(files, STAGE, file);
  check(isRecord(data), where(file), 'must be an object');
  const list = data[key];
  check(isStringArray(list), where(file, `.${key}`), 'must be an array of strings');
  return list;
}

function stringRecord(data: Record<string, unknown>, file: string, key: string): Map<string, string> {
  const record = data[key];
  check(isRecord(record), where(file, `.${key}`), 'must be an object of strings');
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(record)) {
    check(typeof v === 'string', where(file, `.${key}.${k}`), 'must be a string');
    map.set(k, v);
  }
  return map;
}

function parseMarkers(files: LexiconFiles): Pick<CleanLexicon, 'markers' | 'leading'> {
  const file = 'boilerplate';
  const data = requireFile(files, STAGE, file);
  check(isRecord(data), where(file), 'must be an object');
  check(Array.isArray(data.markers), where(file, '.markers'), 'must be an array');
  const markers = new Map<string, MarkerScope>();
  data.markers.forEach((m: unknown, i: number) => {
    const at = where(file, `.markers[${i}]`);
    check(isRecord(m), at, 'must be an object {text, scope}');
    check(typeof m.text === 'string' && m.text.trim() !== '', `${at}.text`, 'must be a non-empty string');
    check(
      typeof m.scope === 'string' && SCOPES.includes(m.scope),
      `${at}.scope`,
      `must be one of ${SCOPES.join(', ')}`,
    );
    markers.set(m.text.trim().toLowerCase().replace(/\s+/g, ' '), m.scope as MarkerScope);
  });
  const leadingSource = data.leading ?? [];
  check(isStringArray(leadingSource), where(file, '.leading'), 'must be an array of strings');
  const leading = leadingSource.map((source, i) => {
    try {
      return new RegExp(source.startsWith('^') ? source : `^${source}`, 'u');
    } catch (cause) {
      throw new DemarcheError(
        'LEXICON_INVALID',
        `${where(file, `.leading[${i}]`)}: not a valid regular expression`,
        {
          cause,
        },
      );
    }
  });
  return { markers, leading };
}

function parseCredits(files: LexiconFiles): Pick<CleanLexicon, 'creditLeadIns' | 'agencies'> {
  const file = 'credits';
  const leadIns = stringList(files, file, 'leadIns').map((s) => s.trim().toLowerCase());
  const data = requireFile(files, STAGE, file) as Record<string, unknown>;
  check(Array.isArray(data.agencies), where(file, '.agencies'), 'must be an array');
  const agencies = new Map<string, string>();
  data.agencies.forEach((a: unknown, i: number) => {
    const at = where(file, `.agencies[${i}]`);
    check(isRecord(a), at, 'must be an object {name, aliases}');
    check(typeof a.name === 'string' && a.name !== '', `${at}.name`, 'must be a non-empty string');
    check(isStringArray(a.aliases), `${at}.aliases`, 'must be an array of strings');
    agencies.set(a.name.toLowerCase(), a.name);
    for (const alias of a.aliases) agencies.set(alias.trim().toLowerCase(), a.name);
  });
  return { creditLeadIns: [...leadIns].sort((x, y) => y.length - x.length), agencies };
}

function parseCharacters(files: LexiconFiles): Pick<CleanLexicon, 'quotes' | 'entities'> {
  const file = 'characters';
  const data = requireFile(files, STAGE, file);
  check(isRecord(data), where(file), 'must be an object');
  const quotes = stringRecord(data, file, 'quotes');
  for (const key of quotes.keys()) {
    check([...key].length === 1, where(file, `.quotes.${key}`), 'keys must be single characters');
  }
  return { quotes, entities: stringRecord(data, file, 'entities') };
}

/**
 * The English word list: `{"words": [...]}`, or the packaged list's own text, one word per line
 * (`{"lines": "..."}`, as load-lexicons.ts reads the `word-list` package), never split into strings.
 */
function englishWords(files: LexiconFiles): WordList {
  const file = 'english-words';
  const data = requireFile(files, STAGE, file);
  check(isRecord(data), where(file), 'must be an object');
  if (typeof data.lines === 'string') return WordList.fromLines(data.lines);
  return WordList.of(stringList(files, file, 'words'));
}

/**
 * Checks and indexes the clean stage's data files (`data/clean/*.json`).
 *
 * @example
 * const lexicon = parseCleanLexicon(loadLexicons().clean ?? {});
 */
export function parseCleanLexicon(files: LexiconFiles): CleanLexicon {
  const lower = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));
  return {
    ...parseMarkers(files),
    ...parseCredits(files),
    ...parseCharacters(files),
    functionWords: lower(stringList(files, 'function-words', 'words')),
    notAfterNames: lower(stringList(files, 'function-words', 'notAfterNames')),
    calendarWords: lower(stringList(files, 'calendar-words', 'words')),
    englishWords: englishWords(files),
  };
}
