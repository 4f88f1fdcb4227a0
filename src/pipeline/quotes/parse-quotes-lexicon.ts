import { check, isRecord, isStringArray, requireFile } from '../lexicon.js';
import type { LexiconFiles } from '../lexicon.js';

/** The quotes stage's data (data/quotes/cues.json), as lower-cased lookup sets. */
export interface QuotesLexicon {
  /** Reporting verbs, surface forms ("said", "told", "adding"). */
  readonly verbs: ReadonlySet<string>;
  /** Verbs whose first complement is the hearer ("told reporters that …"). */
  readonly objectVerbs: ReadonlySet<string>;
  /** Finite reporting verbs whose content may follow without "that" ("she said the talks failed"). */
  readonly clauseVerbs: ReadonlySet<string>;
  /** Verbs whose content is an infinitive, after an optional object ("pledged to …", "urged voters to …"). */
  readonly infinitiveVerbs: ReadonlySet<string>;
  /** Speech-act verbs whose object is the content ("denied any role", "called for an inquiry"). */
  readonly objectContentVerbs: ReadonlySet<string>;
  /** Multi-word cues whose speaker follows ("according to X", "quoted X as saying"). */
  readonly according: readonly (readonly string[])[];
  readonly documents: ReadonlySet<string>;
  readonly personRoles: ReadonlySet<string>;
  readonly bodies: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  readonly titles: ReadonlySet<string>;
  readonly personPronouns: ReadonlySet<string>;
  readonly groupPronouns: ReadonlySet<string>;
  readonly thingPronouns: ReadonlySet<string>;
  readonly relatives: ReadonlySet<string>;
  readonly abbreviations: ReadonlySet<string>;
}

const WHERE = 'data/quotes/cues.json';

function lowerSet(value: unknown, path: string): ReadonlySet<string> {
  check(isStringArray(value), `${WHERE} ${path}`, 'must be an array of strings');
  return new Set(value.map((v) => v.toLowerCase()));
}

/**
 * Checks data/quotes/cues.json against its schema and builds lookup sets.
 *
 * @example
 * const lexicon = parseQuotesLexicon(loadLexicons().quotes ?? {});
 * lexicon.verbs.has('said'); // true
 */
export function parseQuotesLexicon(files: LexiconFiles): QuotesLexicon {
  const cues = requireFile(files, 'quotes', 'cues');
  check(isRecord(cues), WHERE, 'must be an object');
  const according = cues['according'];
  check(
    Array.isArray(according) && according.every((p) => isStringArray(p) && p.length > 0),
    `${WHERE} according`,
    'must be an array of non-empty word arrays',
  );
  const pronouns = cues['pronouns'];
  check(isRecord(pronouns), `${WHERE} pronouns`, 'must be an object with person, group, thing');
  return {
    verbs: lowerSet(cues['verbs'], 'verbs'),
    objectVerbs: lowerSet(cues['objectVerbs'], 'objectVerbs'),
    clauseVerbs: lowerSet(cues['clauseVerbs'], 'clauseVerbs'),
    infinitiveVerbs: lowerSet(cues['infinitiveVerbs'], 'infinitiveVerbs'),
    objectContentVerbs: lowerSet(cues['objectContentVerbs'], 'objectContentVerbs'),
    according: (according as string[][]).map((p) => p.map((w) => w.toLowerCase())),
    documents: lowerSet(cues['documents'], 'documents'),
    personRoles: lowerSet(cues['personRoles'], 'personRoles'),
    bodies: lowerSet(cues['bodies'], 'bodies'),
    groups: lowerSet(cues['groups'], 'groups'),
    titles: lowerSet(cues['titles'], 'titles'),
    personPronouns: lowerSet(pronouns['person'], 'pronouns.person'),
    groupPronouns: lowerSet(pronouns['group'], 'pronouns.group'),
    thingPronouns: lowerSet(pronouns['thing'], 'pronouns.thing'),
    relatives: lowerSet(cues['relatives'], 'relatives'),
    abbreviations: lowerSet(cues['abbreviations'], 'abbreviations'),
  };
}
