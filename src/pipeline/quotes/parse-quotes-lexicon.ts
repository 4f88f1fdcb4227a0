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
  /** By preposition, nouns whose object after it is what was said or held ("warning of …", "concerns about …"). */
  readonly nounTopics: ReadonlyMap<string, ReadonlySet<string>>;
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
  /** Words that tell a woman ("she", "Mrs.", "spokeswoman"). */
  readonly femaleWords: ReadonlySet<string>;
  /** Words that tell a man ("he", "Mr.", "spokesman"). */
  readonly maleWords: ReadonlySet<string>;
  /** Titles and role nouns alone that tell a woman ("Mrs.", "spokeswoman") or a man ("Mr.", "spokesman"). */
  readonly femaleTitles: ReadonlySet<string>;
  readonly maleTitles: ReadonlySet<string>;
  /** Given names that tell a woman ("Mary") or a man ("John"), lower-cased. */
  readonly femaleNames: ReadonlySet<string>;
  readonly maleNames: ReadonlySet<string>;
  /** First-person pronouns outside quotation marks ("I", "we") → the name of the writer they stand for. */
  readonly authorPronouns: ReadonlyMap<string, string>;
  /** Verbs that are cues only right beside a quotation ("“…,” she continued"). */
  readonly quoteVerbs: ReadonlySet<string>;
  /** Verbs of speaking that are cues only before a topic ("spoke about …", "talked of …"). */
  readonly topicVerbs: ReadonlySet<string>;
  readonly topicPrepositions: ReadonlySet<string>;
  /** Verbs whose content is their object after "to", "to" included ("did not respond to requests for comment"). */
  readonly toVerbs: ReadonlySet<string>;
  /** Words naming a day ("Friday", "today"): never a speaker's name. */
  readonly timeWords: ReadonlySet<string>;
  /** Pronouns naming an unnamed group or person ("some", "everyone", "others"). */
  readonly quantifiers: ReadonlySet<string>;
  readonly relatives: ReadonlySet<string>;
  readonly abbreviations: ReadonlySet<string>;
  /** Verbs of seeming whose subject and complement are a view no one is named for ("X seems to …", "it appears that …"). */
  readonly seemVerbs: ReadonlySet<string>;
  /** Participles that after a form of "be" report an unnamed holder's view ("is expected to …", "was viewed as …"). */
  readonly passiveViews: ReadonlySet<string>;
  /** Predicative adjectives whose subject holds the view of a "that", "whether" or bare clause ("she was sure the bill would pass"). */
  readonly clauseAdjectives: ReadonlySet<string>;
  /** Predicative adjectives whose content is an infinitive ("is determined to win"). */
  readonly infinitiveAdjectives: ReadonlySet<string>;
  /** Predicative adjectives whose content is the object of "about", "of" or "over" ("was critical of the plan"). */
  readonly topicAdjectives: ReadonlySet<string>;
  /** Adjectives that after "it is" report a view no one is named for ("it was unclear whether …"). */
  readonly impersonalAdjectives: ReadonlySet<string>;
  /** Every word that may open a cue (verbs, topic and quote verbs, first words of `according`): one lookup per token. */
  readonly cueWords: ReadonlySet<string>;
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

/** An optional object of strings, keys lower-cased ("i" → "the author"). */
function stringMap(value: unknown, path: string): ReadonlyMap<string, string> {
  if (value === undefined) return new Map();
  check(
    isRecord(value) && Object.values(value).every((v) => typeof v === 'string'),
    `${WHERE} ${path}`,
    'must be an object of strings',
  );
  return new Map(Object.entries(value as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
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
  const genderWords = cues['genderWords'] ?? {};
  check(isRecord(genderWords), `${WHERE} genderWords`, 'must be an object with female, male');
  const verbs = lowerSet(cues['verbs'], 'verbs');
  const quoteVerbs = optionalSet(cues['quoteVerbs'], 'quoteVerbs');
  const topicVerbs = optionalSet(cues['topicVerbs'], 'topicVerbs');
  const phrases = (according as string[][]).map((p) => p.map((w) => w.toLowerCase()));
  const nounTopics = cues['nounTopics'] ?? {};
  check(isRecord(nounTopics), `${WHERE} nounTopics`, 'must be an object of word arrays by preposition');
  const adjectives = cues['adjectives'] ?? {};
  check(isRecord(adjectives), `${WHERE} adjectives`, 'must be an object with clause, infinitive, topic');
  const clauseAdjectives = optionalSet(adjectives['clause'], 'adjectives.clause');
  const infinitiveAdjectives = optionalSet(adjectives['infinitive'], 'adjectives.infinitive');
  const topicAdjectives = optionalSet(adjectives['topic'], 'adjectives.topic');
  return {
    verbs,
    objectVerbs: lowerSet(cues['objectVerbs'], 'objectVerbs'),
    clauseVerbs: lowerSet(cues['clauseVerbs'], 'clauseVerbs'),
    infinitiveVerbs: lowerSet(cues['infinitiveVerbs'], 'infinitiveVerbs'),
    objectContentVerbs: lowerSet(cues['objectContentVerbs'], 'objectContentVerbs'),
    attitudeVerbs: optionalSet(cues['attitudeVerbs'], 'attitudeVerbs'),
    objectPrepositions: optionalSet(cues['objectPrepositions'], 'objectPrepositions'),
    seemVerbs: optionalSet(cues['seemVerbs'], 'seemVerbs'),
    passiveViews: optionalSet(cues['passiveViews'], 'passiveViews'),
    nouns: optionalSet(cues['nouns'], 'nouns'),
    lightVerbs: optionalSet(cues['lightVerbs'], 'lightVerbs'),
    nounTopics: new Map(
      Object.entries(nounTopics).map(([p, words]) => [p.toLowerCase(), lowerSet(words, `nounTopics.${p}`)]),
    ),
    possessives: new Map([
      ...[...optionalSet(pronouns['personPossessive'], 'pronouns.personPossessive')].map(
        (w) => [w, true] as const,
      ),
      ...[...optionalSet(pronouns['groupPossessive'], 'pronouns.groupPossessive')].map(
        (w) => [w, false] as const,
      ),
    ]),
    according: phrases,
    documents: lowerSet(cues['documents'], 'documents'),
    personRoles: lowerSet(cues['personRoles'], 'personRoles'),
    bodies: lowerSet(cues['bodies'], 'bodies'),
    groups: lowerSet(cues['groups'], 'groups'),
    titles: lowerSet(cues['titles'], 'titles'),
    personPronouns: lowerSet(pronouns['person'], 'pronouns.person'),
    groupPronouns: lowerSet(pronouns['group'], 'pronouns.group'),
    thingPronouns: lowerSet(pronouns['thing'], 'pronouns.thing'),
    femaleWords: new Set([
      ...optionalSet(pronouns['female'], 'pronouns.female'),
      ...optionalSet(genderWords['female'], 'genderWords.female'),
    ]),
    maleWords: new Set([
      ...optionalSet(pronouns['male'], 'pronouns.male'),
      ...optionalSet(genderWords['male'], 'genderWords.male'),
    ]),
    femaleTitles: optionalSet(genderWords['female'], 'genderWords.female'),
    maleTitles: optionalSet(genderWords['male'], 'genderWords.male'),
    femaleNames: optionalSet(genderWords['femaleFirstNames'], 'genderWords.femaleFirstNames'),
    maleNames: optionalSet(genderWords['maleFirstNames'], 'genderWords.maleFirstNames'),
    authorPronouns: stringMap(pronouns['author'], 'pronouns.author'),
    quoteVerbs,
    topicVerbs,
    topicPrepositions: optionalSet(cues['topicPrepositions'], 'topicPrepositions'),
    toVerbs: optionalSet(cues['toVerbs'], 'toVerbs'),
    timeWords: optionalSet(cues['timeWords'], 'timeWords'),
    quantifiers: optionalSet(cues['quantifiers'], 'quantifiers'),
    relatives: lowerSet(cues['relatives'], 'relatives'),
    abbreviations: lowerSet(cues['abbreviations'], 'abbreviations'),
    clauseAdjectives,
    impersonalAdjectives: optionalSet(adjectives['impersonal'], 'adjectives.impersonal'),
    infinitiveAdjectives,
    topicAdjectives,
    cueWords: new Set([
      ...verbs,
      ...quoteVerbs,
      ...topicVerbs,
      ...phrases.map((p) => p[0]!),
      ...clauseAdjectives,
      ...infinitiveAdjectives,
      ...topicAdjectives,
    ]),
  };
}
