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
  /** Nouns that carry reported speech or a view before "that" or "to": "claim that …", "decision to …". */
  readonly nouns: ReadonlySet<string>;
  /** Verbs whose object noun carries the subject's own speech or view: "made a call for", "voiced concerns about". */
  readonly lightVerbs: ReadonlySet<string>;
  /** Possessive determiners: true when they stand for a person (his, her), false for a group or body (their, its). */
  readonly possessives: ReadonlyMap<string, boolean>;
  /** Prepositions that open the object of a speech-act verb ("called for …", "spoke of …", "warned against …"). */
  readonly objectPrepositions: ReadonlySet<string>;
  /** Verbs of belief, wish and perception: their subject holds a view but did not say the quoted words. */
  readonly attitudeVerbs: ReadonlySet<string>;
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

/** A list added after the first release: a user's own cues.json without it still loads (empty). */
function optionalSet(value: unknown, path: string): ReadonlySet<string> {
  return value === undefined ? new Set() : lowerSet(value, path);
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
    attitudeVerbs: optionalSet(cues['attitudeVerbs'], 'attitudeVerbs'),
    objectPrepositions: optionalSet(cues['objectPrepositions'], 'objectPrepositions'),
    nouns: optionalSet(cues['nouns'], 'nouns'),
    lightVerbs: optionalSet(cues['lightVerbs'], 'lightVerbs'),
    possessives: new Map([
      ...[...optionalSet(pronouns['personPossessive'], 'pronouns.personPossessive')].map(
        (w) => [w, true] as const,
      ),
      ...[...optionalSet(pronouns['groupPossessive'], 'pronouns.groupPossessive')].map(
        (w) => [w, false] as const,
      ),
    ]),
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
