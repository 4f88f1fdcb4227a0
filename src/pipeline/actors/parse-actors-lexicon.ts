import { check, isRecord, isStringArray, requireFile } from '../lexicon.js';
import type { LexiconFiles } from '../lexicon.js';

/** Extra country data layered over the world-countries package (data/actors/countries.json). */
export interface CountriesData {
  /** Non-sovereign entries of world-countries that are actors all the same (Hong Kong, Taiwan, …). */
  readonly territories: readonly string[];
  /** Package code → code used in output (Kosovo UNK → XKX). */
  readonly codes: Readonly<Record<string, string>>;
  readonly names: Readonly<Record<string, readonly string[]>>;
  readonly demonyms: Readonly<Record<string, readonly string[]>>;
  readonly capitals: Readonly<Record<string, readonly string[]>>;
  readonly dropNames: readonly string[];
  readonly dropCapitals: readonly string[];
  /** Country/capital names that are also given names or surnames ("Jordan", "Georgia"). */
  readonly personLikeNames: readonly string[];
  readonly ambiguousDemonyms: readonly string[];
  /** Phrases holding a country name or demonym that stand for no state ("Latin American"). */
  readonly nonActors: readonly string[];
}

export interface OrganisationData {
  readonly code: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** Names that stand for the organisation unless another actor precedes them ("the Security Council"). */
  readonly organs: readonly string[];
  /** PLOVER sector of a group (REB, PTY, OPP, CVL, MIL, …), or null. */
  readonly sector: string | null;
}

export interface TitleData {
  /** Surface form, lower case ("foreign minister"). */
  readonly title: string;
  /** Role reported on the person ("Foreign Minister"). */
  readonly role: string;
  /** Organisation the title implies when no other actor is given ("secretary-general" → null). */
  readonly actor: string | null;
}

/** Parsed and checked data of the actors stage. */
export interface ActorsLexicon {
  readonly countries: CountriesData;
  readonly institutions: Readonly<Record<string, readonly string[]>>;
  readonly organisations: readonly OrganisationData[];
  readonly groups: readonly OrganisationData[];
  readonly bodies: readonly string[];
  /** PLOVER sector of each government body, keyed by the body as written ("police" → COP). */
  readonly bodySectors: Readonly<Record<string, string>>;
  /** PLOVER sector of a person's role, keyed by the role's last word ("minister" → GOV). */
  readonly roleSectors: Readonly<Record<string, string>>;
  /** Bodies that refer back to a state when they stand alone ("the ministry", "Police"). */
  readonly definiteBodies: readonly string[];
  /** Plural nouns that after "the two" or "both" refer to the article's two main actors ("the two sides"). */
  readonly pairNouns: readonly string[];
  /** Words that after "the" make a pair noun a pair ("the two sides", "the rival countries"). */
  readonly pairWords: readonly string[];
  /** Plural bodies that refer back to a state without "the" ("unless authorities agree"). */
  readonly bareBodies: readonly string[];
  /** Last words of office titles that, given without a state, are offices of the article's home state. */
  readonly homeOffices: readonly string[];
  /** Nouns that after a determiner refer back to an act just reported ("the move", "these acts"). */
  readonly actReferences: readonly string[];
  readonly actReferenceDeterminers: readonly string[];
  /** Nouns of acts whose agent, once given ("Valdoria's annexation"), stays implied ("annexation plans"). */
  readonly actNouns: readonly string[];
  /** Role words by sector that, in an article naming no state, are coded `unknownState + sector` ("the army" → "---MIL"). */
  readonly sectorNouns: Readonly<Record<string, string>>;
  /** Words that make a reference noun a stage of a process ("the first step"). */
  readonly ordinalModifiers: readonly string[];
  /** Plural nouns, by sector, that stand for every group of the sector named so far ("the militia groups"). */
  readonly groupsAll: Readonly<Record<string, string>>;
  /** Nouns, by sector, that stand for the one group of the sector named so far ("the rebels"). */
  readonly groupsOne: Readonly<Record<string, string>>;
  /** Bare plural agents, by sector, that after a pair phrase stand for both of the pair ("military commanders agreed"). */
  readonly pairAgents: Readonly<Record<string, string>>;
  /** Nouns of a mutual hostile act that, with no party given, after a pair phrase stand for both of the pair ("during clash"). */
  readonly pairActs: readonly string[];
  /** Plural nouns of people that after "the" stand for the state whose people were named last ("the men" after "7 Iranians"). */
  readonly peopleNouns: readonly string[];
  /** Nouns that after an ethnonym stand for the group the article names with it ("Kurdish forces"). */
  readonly groupForceNouns: readonly string[];
  /** Nouns that stand for the one non-state group named around them ("the organisers" of a rally). */
  readonly organiserNouns: readonly string[];
  /** Past participles, by the sector of their usual agent, whose agentless passive that body did ("were arrested" → COP). */
  readonly custodyVerbs: Readonly<Record<string, string>>;
  /** Code of the opposition, and bare nouns that stand for it ("accuses opponents of …"). */
  readonly opposition: string | null;
  readonly oppositionNouns: readonly string[];
  /** Code of unnamed crowds (NSA:Protesters), which take an affiliation the article states. */
  readonly crowd: string | null;
  /** Nouns of a crowd's act that stand for the crowd ("mass protests"). */
  readonly crowdNouns: readonly string[];
  /** Words that, up to three words before a crowd noun, make it a state's act ("lodged a protest"). */
  readonly crowdNounBlockers: readonly string[];
  /** Pronouns that refer back to a plural actor subject ("they", "their"). */
  readonly pluralPronouns: readonly string[];
  /** Nouns that name a plural body without a plural ending ("police"). */
  readonly pluralHeads: readonly string[];
  /** The code of an unknown state ("---"), prefixed to a sector. */
  readonly unknownState: string;
  readonly titles: readonly TitleData[];
  readonly honorifics: readonly string[];
  readonly firstNames: readonly string[];
  /** Capitalised words that never start or make a person's name (months, weekdays, headings…). */
  readonly nonNames: readonly string[];
  readonly speechVerbs: readonly string[];
  /** Non-name words that are surnames right after a given name ("Theresa May"). */
  readonly namesAfterGivenName: readonly string[];
  /** Verbs of saying that may precede their speaker ("said X"). */
  readonly invertedSpeechVerbs: readonly string[];
  readonly nameParticles: readonly string[];
  /** Lower-case words that may stand between a title and its name or inside a role ("former", "deputy"). */
  readonly roleModifiers: readonly string[];
  /** Adjectives a description may carry before its head ("the veteran diplomat"). */
  readonly descriptionModifiers: readonly string[];
  /** Capitalised words that make a preceding name part of an organisation or place name ("… University"). */
  readonly organisationWords: readonly string[];
}

const STAGE = 'actors';

/**
 * Checks the JSON files of data/actors/ and returns the actors lexicon.
 *
 * @example
 * const lexicon = parseActorsLexicon(loadLexicons().actors ?? {});
 */
export function parseActorsLexicon(files: LexiconFiles): ActorsLexicon {
  const countries = requireFile(files, STAGE, 'countries');
  check(isRecord(countries), 'data/actors/countries.json', 'must be an object');
  const institutions = stringListRecord(requireFile(files, STAGE, 'institutions'), 'institutions');
  const people = requireFile(files, STAGE, 'people');
  check(isRecord(people), 'data/actors/people.json', 'must be an object');
  const bodies = requireFile(files, STAGE, 'government-bodies');
  check(isRecord(bodies), 'data/actors/government-bodies.json', 'must be an object');
  const references = files['references'] ?? {};
  check(isRecord(references), 'data/actors/references.json', 'must be an object');
  return {
    countries: {
      territories: stringList(countries['territories'], 'countries.territories'),
      codes: stringRecord(countries['codes'], 'countries.codes'),
      names: stringListRecord(countries['names'], 'countries.names'),
      demonyms: stringListRecord(countries['demonyms'], 'countries.demonyms'),
      capitals: stringListRecord(countries['capitals'], 'countries.capitals'),
      dropNames: stringList(countries['dropNames'], 'countries.dropNames'),
      dropCapitals: stringList(countries['dropCapitals'], 'countries.dropCapitals'),
      personLikeNames: stringList(countries['personLikeNames'], 'countries.personLikeNames'),
      ambiguousDemonyms: stringList(countries['ambiguousDemonyms'], 'countries.ambiguousDemonyms'),
      nonActors:
        countries['nonActors'] === undefined ? [] : stringList(countries['nonActors'], 'countries.nonActors'),
    },
    institutions,
    organisations: organisationList(
      requireFile(files, STAGE, 'organisations'),
      'organisations',
      'organisations',
    ),
    groups: [
      ...organisationList(requireFile(files, STAGE, 'groups'), 'groups', 'groups'),
      ...organisationList(requireFile(files, STAGE, 'groups'), 'groups', 'collectives', true),
    ],
    bodies: stringList(bodies['bodies'], 'government-bodies.bodies'),
    bodySectors: invert(bodies['sectors'], 'government-bodies.sectors'),
    roleSectors: invert(bodies['roleSectors'], 'government-bodies.roleSectors'),
    definiteBodies: optionalList(bodies['definiteBodies'], 'government-bodies.definiteBodies'),
    pairNouns: optionalList(bodies['pairNouns'], 'government-bodies.pairNouns'),
    pairWords: optionalList(references['pairWords'], 'references.pairWords'),
    bareBodies: optionalList(references['bareBodies'], 'references.bareBodies'),
    homeOffices: optionalList(references['homeOffices'], 'references.homeOffices'),
    actReferences: optionalList(references['actReferences'], 'references.actReferences'),
    actReferenceDeterminers: optionalList(
      references['actReferenceDeterminers'],
      'references.actReferenceDeterminers',
    ),
    actNouns: optionalList(references['actNouns'], 'references.actNouns'),
    sectorNouns: invert(references['sectorNouns'], 'references.sectorNouns'),
    ordinalModifiers: optionalList(references['ordinalModifiers'], 'references.ordinalModifiers'),
    groupsAll: invert(nested(references['groupReferences'], 'all'), 'references.groupReferences.all'),
    groupsOne: invert(nested(references['groupReferences'], 'one'), 'references.groupReferences.one'),
    pairAgents: invert(references['pairAgents'], 'references.pairAgents'),
    pairActs: optionalList(references['pairActs'], 'references.pairActs'),
    peopleNouns: optionalList(references['peopleNouns'], 'references.peopleNouns'),
    groupForceNouns: optionalList(references['groupForceNouns'], 'references.groupForceNouns'),
    organiserNouns: optionalList(references['organiserNouns'], 'references.organiserNouns'),
    custodyVerbs: invert(references['custodyVerbs'], 'references.custodyVerbs'),
    opposition:
      references['opposition'] === undefined
        ? null
        : optionalString(references['opposition'], 'references.opposition', ''),
    oppositionNouns: optionalList(references['oppositionNouns'], 'references.oppositionNouns'),
    crowd:
      references['crowd'] === undefined ? null : optionalString(references['crowd'], 'references.crowd', ''),
    crowdNouns: optionalList(references['crowdNouns'], 'references.crowdNouns'),
    crowdNounBlockers: optionalList(references['crowdNounBlockers'], 'references.crowdNounBlockers'),
    pluralPronouns: optionalList(references['pluralPronouns'], 'references.pluralPronouns'),
    pluralHeads: optionalList(references['pluralHeads'], 'references.pluralHeads'),
    unknownState: optionalString(references['unknownState'], 'references.unknownState', '---'),
    titles: titleList(people['titles']),
    honorifics: stringList(people['honorifics'], 'people.honorifics'),
    firstNames: stringList(people['firstNames'], 'people.firstNames'),
    nonNames: stringList(people['nonNames'], 'people.nonNames'),
    speechVerbs: stringList(people['speechVerbs'], 'people.speechVerbs'),
    namesAfterGivenName: stringList(people['namesAfterGivenName'], 'people.namesAfterGivenName'),
    invertedSpeechVerbs: stringList(people['invertedSpeechVerbs'], 'people.invertedSpeechVerbs'),
    nameParticles: stringList(people['nameParticles'], 'people.nameParticles'),
    roleModifiers: stringList(people['roleModifiers'], 'people.roleModifiers'),
    descriptionModifiers: stringList(people['descriptionModifiers'], 'people.descriptionModifiers'),
    organisationWords: stringList(people['organisationWords'], 'people.organisationWords'),
  };
}

function stringList(value: unknown, where: string): string[] {
  check(isStringArray(value), `data/actors/${where}`, 'must be an array of strings');
  return value;
}

function optionalList(value: unknown, where: string): string[] {
  return value === undefined ? [] : stringList(value, where);
}

function nested(value: unknown, key: string): unknown {
  if (value === undefined) return undefined;
  check(isRecord(value), 'data/actors/references.groupReferences', 'must be an object');
  return value[key];
}

function optionalString(value: unknown, where: string, fallback: string): string {
  if (value === undefined) return fallback;
  check(typeof value === 'string', `data/actors/${where}`, 'must be a string');
  return value;
}

function stringRecord(value: unknown, where: string): Record<string, string> {
  check(isRecord(value), `data/actors/${where}`, 'must be an object');
  for (const [key, v] of Object.entries(value)) {
    check(typeof v === 'string', `data/actors/${where}.${key}`, 'must be a string');
  }
  return value as Record<string, string>;
}

function stringListRecord(value: unknown, where: string): Record<string, string[]> {
  check(isRecord(value), `data/actors/${where}`, 'must be an object');
  const out: Record<string, string[]> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    out[key] = stringList(v, `${where}.${key}`);
  }
  return out;
}

/** `{GOV: ["government", …]}` → `{government: "GOV", …}`; an absent record gives `{}`. */
function invert(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  const out: Record<string, string> = {};
  for (const [sector, words] of Object.entries(stringListRecord(value, where))) {
    for (const word of words) out[word.toLowerCase()] = sector;
  }
  return out;
}

function organisationList(value: unknown, file: string, key: string, optional = false): OrganisationData[] {
  check(isRecord(value), `data/actors/${file}.json`, 'must be an object');
  if (optional && value[key] === undefined) return [];
  const list = value[key];
  check(Array.isArray(list), `data/actors/${file}.json ${key}`, 'must be an array');
  return list.map((item: unknown, i) => {
    const where = `${file}.${key}[${i}]`;
    check(isRecord(item), `data/actors/${where}`, 'must be an object');
    const code = item['code'];
    const name = item['name'];
    check(typeof code === 'string' && code.length > 0, `data/actors/${where}.code`, 'must be a string');
    check(typeof name === 'string' && name.length > 0, `data/actors/${where}.name`, 'must be a string');
    return {
      code,
      name,
      aliases: stringList(item['aliases'], `${where}.aliases`),
      organs: item['organs'] === undefined ? [] : stringList(item['organs'], `${where}.organs`),
      sector: typeof item['sector'] === 'string' ? item['sector'] : null,
    };
  });
}

function titleList(value: unknown): TitleData[] {
  check(Array.isArray(value), 'data/actors/people.titles', 'must be an array');
  return value.map((item: unknown, i) => {
    const where = `data/actors/people.titles[${i}]`;
    check(isRecord(item), where, 'must be an object');
    const title = item['title'];
    const role = item['role'];
    const actor = item['actor'] ?? null;
    check(typeof title === 'string', `${where}.title`, 'must be a string');
    check(typeof role === 'string', `${where}.role`, 'must be a string');
    check(actor === null || typeof actor === 'string', `${where}.actor`, 'must be a string or null');
    return { title, role, actor };
  });
}
