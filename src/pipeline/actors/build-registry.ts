import worldCountries from 'world-countries';
import type { Country } from 'world-countries';
import type { MentionKind } from '../../core/index.js';
import type { ActorsLexicon } from './parse-actors-lexicon.js';
import { NO_USER_ACTORS } from './parse-user-actors.js';
import type { DatedCode, UserActors } from './parse-user-actors.js';
import { isAllUpper, isCapitalised, normaliseKey, splitAlias } from './normalise-key.js';

export type ActorKindOfMention = Exclude<MentionKind, 'person' | 'description'>;

/** One name of an actor, as stored in the registry trie. */
export interface RegistryEntry {
  /** Actor code; '' for a name that stands for no actor ("Latin American", PETRARCH's `---`). */
  readonly code: string;
  /** Codes bounded by dates (user dictionaries); the first whose bounds hold the article's date wins. */
  readonly dated: readonly DatedCode[];
  /** PLOVER sector the name gives (a group's REB, a body's GOV), or null. */
  readonly sector: string | null;
  readonly kind: ActorKindOfMention;
  /** Words of the alias as written, for the case check. */
  readonly words: readonly string[];
  /** The case check of each word, read from `words` once (`CASE_RULE`). */
  readonly cases: Uint8Array;
  /** An acronym ("US", "WHO"): matches only when written in capitals. */
  readonly acronym: boolean;
  /** Only stands for the actor when no other actor mention precedes it ("the Security Council"). */
  readonly organ: boolean;
  /** Also a person's name ("Jordan", "Washington"): not matched inside a run of capitalised names. */
  readonly personLike: boolean;
  readonly priority: number;
}

export interface TrieNode {
  readonly next: Map<string, TrieNode>;
  entries: RegistryEntry[];
  /** Set when two actors share this name at the same priority: the name matches nothing. */
  ambiguous: boolean;
}

/** Everything the actors stage looks names up in, built once per lexicon. */
export interface Registry {
  readonly root: Map<string, TrieNode>;
  /** Government-body phrases keyed like the actor trie ("foreign ministry"). */
  readonly bodies: Map<string, TrieNode>;
  /** Display name and ActorRef kind per actor code. */
  readonly actors: ReadonlyMap<
    string,
    { readonly name: string; readonly kind: 'country' | 'organisation' | 'group' }
  >;
}

// world-countries is CommonJS: its default export is the array itself
const countries = worldCountries as unknown as readonly Country[];

const PRIORITY = { user: 6, data: 5, name: 4, institution: 4, demonym: 3, capital: 2 } as const;
const LATIN = /^[A-Za-z\u00C0-\u024F'’.\- ]+$/;

/**
 * Builds the actor-name trie from world-countries plus the data files, then the user
 * dictionaries (whose names win over the bundled ones).
 *
 * @example
 * const registry = buildRegistry(parseActorsLexicon(loadLexicons().actors ?? {}));
 */
export function buildRegistry(lexicon: ActorsLexicon, user: UserActors = NO_USER_ACTORS): Registry {
  const root = new Map<string, TrieNode>();
  const actors = new Map<string, { name: string; kind: 'country' | 'organisation' | 'group' }>();
  const data = lexicon.countries;
  const dropNames = new Set(data.dropNames.map(normaliseKey));
  const dropCapitals = new Set(data.dropCapitals.map(normaliseKey));
  const personLike = new Set(data.personLikeNames.map(normaliseKey));
  const ambiguousDemonyms = new Set(data.ambiguousDemonyms.map(normaliseKey));
  const territories = new Set(data.territories);

  const add = (
    alias: string,
    code: string,
    kind: ActorKindOfMention,
    priority: number,
    organ = false,
    sector: string | null = null,
    dated: readonly DatedCode[] = [],
  ): void => {
    const words = splitAlias(stripArticle(alias));
    if (words.length === 0) return;
    const acronym = words.every((w) => isAllUpper(w) && w.replace(/[^A-Za-z]/g, '').length <= 6);
    const key = words.map(normaliseKey).join(' ');
    const entry = { code, dated, sector, kind, acronym, organ, personLike: personLike.has(key), priority };
    insert(root, words, { ...entry, words, cases: caseRules(words, acronym) });
    // the tokenizer keeps some hyphenated words whole ("anti-balaka"): store that form too
    const joined = words.join(' ').replace(/ - /g, '-').split(' ');
    if (joined.length < words.length)
      insert(root, joined, { ...entry, words: joined, cases: caseRules(joined, acronym) });
  };

  for (const country of countries) {
    if (!country.independent && !territories.has(country.cca3)) continue;
    const code = data.codes[country.cca3] ?? country.cca3;
    actors.set(code, { name: country.name.common, kind: 'country' });
    const names = [country.name.common, country.name.official, ...country.altSpellings];
    for (const name of names) {
      if (name.length <= 2 || !LATIN.test(name) || name.includes(',')) continue;
      if (dropNames.has(normaliseKey(name))) continue;
      add(name, code, 'country', PRIORITY.name);
    }
    for (const capital of country.capital ?? []) {
      if (dropCapitals.has(normaliseKey(capital)) || !LATIN.test(capital)) continue;
      add(capital, code, 'capital', PRIORITY.capital);
    }
    const demonyms = country.demonyms?.['eng'];
    for (const demonym of new Set([demonyms?.m, demonyms?.f])) {
      if (demonym === undefined || ambiguousDemonyms.has(normaliseKey(demonym))) continue;
      add(demonym, code, 'demonym', PRIORITY.demonym);
      if (/(an|i)$/.test(demonym)) add(`${demonym}s`, code, 'demonym', PRIORITY.demonym);
    }
  }
  for (const [code, names] of Object.entries(data.names)) {
    for (const name of names) add(name, code, 'country', PRIORITY.data);
  }
  for (const [code, names] of Object.entries(data.demonyms)) {
    for (const name of names) add(name, code, 'demonym', PRIORITY.data);
  }
  for (const [code, names] of Object.entries(data.capitals)) {
    for (const name of names) add(name, code, 'capital', PRIORITY.data);
  }
  for (const [code, names] of Object.entries(lexicon.institutions)) {
    for (const name of names) add(name, code, 'institution', PRIORITY.data);
  }
  for (const org of lexicon.organisations) {
    actors.set(org.code, { name: org.name, kind: 'organisation' });
    for (const alias of org.aliases) add(alias, org.code, 'organisation', PRIORITY.data);
    for (const organ of org.organs) add(organ, org.code, 'organisation', PRIORITY.data, true);
  }
  for (const group of lexicon.groups) {
    actors.set(group.code, { name: group.name, kind: 'group' });
    for (const alias of group.aliases) add(alias, group.code, 'group', PRIORITY.data, false, group.sector);
  }
  for (const name of data.nonActors) add(name, '', 'country', PRIORITY.data);
  for (const actor of user.actors) {
    for (const codes of [actor.code, ...actor.dated.map((d) => d.code)]) {
      for (const code of codes?.split('/') ?? []) {
        if (code) actors.set(code, { name: actor.name, kind: actor.kind });
      }
    }
    for (const name of actor.names) {
      add(name, actor.code ?? '', actor.kind, PRIORITY.user, false, actor.sector, actor.dated);
    }
  }
  for (const code of Object.values(data.codes))
    if (!actors.has(code)) actors.set(code, { name: code, kind: 'country' });

  const bodies = new Map<string, TrieNode>();
  const bodyList: (readonly [string, string | null])[] = [
    ...lexicon.bodies.map((b) => [b, lexicon.bodySectors[b.toLowerCase()] ?? null] as const),
    ...user.agents.flatMap((a) => a.names.map((n) => [n, a.sector] as const)),
  ];
  for (const [body, sector] of bodyList) {
    const words = splitAlias(body);
    const lower = words.map((w) => w.toLowerCase());
    insert(bodies, words, {
      code: '',
      dated: [],
      sector,
      kind: 'institution',
      words: lower,
      cases: caseRules(lower, false),
      acronym: false,
      organ: false,
      personLike: false,
      priority: 0,
    });
  }
  return { root, bodies, actors };
}

function capitals(words: readonly string[]): number {
  return words.filter(isCapitalised).length;
}

function stripArticle(alias: string): string {
  return /^the\s/i.test(alias) ? alias.slice(4) : alias;
}

function insert(root: Map<string, TrieNode>, words: readonly string[], entry: RegistryEntry): void {
  let map = root;
  let node: TrieNode | undefined;
  for (const word of words) {
    const key = normaliseKey(word);
    node = map.get(key);
    if (!node) {
      node = { next: new Map(), entries: [], ambiguous: false };
      map.set(key, node);
    }
    map = node.next;
  }
  if (!node) return;
  const same = node.entries.find((e) => e.code === entry.code && e.acronym === entry.acronym);
  if (same) {
    // a higher priority wins; at equal priority the form with fewer capitals ("anti-balaka") matches more
    if (
      entry.priority > same.priority ||
      (entry.priority === same.priority && capitals(entry.words) < capitals(same.words))
    )
      node.entries = node.entries.map((e) => (e === same ? entry : e));
    return;
  }
  const best = node.entries.reduce((max, e) => Math.max(max, e.priority), -1);
  if (entry.priority > best) {
    // a more specific source (the data files) settles any earlier ambiguity
    node.entries = node.entries.filter((e) => e.acronym !== entry.acronym || e.priority > entry.priority);
    node.entries.push(entry);
    node.ambiguous = false;
  } else if (entry.priority === best && node.entries.some((e) => e.acronym === entry.acronym)) {
    node.ambiguous = true;
  } else if (!node.entries.some((e) => e.acronym === entry.acronym)) {
    node.entries.push(entry);
  }
}

/**
 * True when the words of `entry` may stand for the text words: acronyms only in
 * capitals, capitalised alias words only capitalised.
 *
 * @example
 * caseMatches(entryForUS, ['us']); // false
 */
export function caseMatches(entry: RegistryEntry, texts: readonly string[]): boolean {
  for (let k = 0; k < entry.words.length; k++) if (!wordCaseMatches(entry, k, texts[k] ?? '')) return false;
  return true;
}

/** What the case check asks of a text word: nothing, a capital first letter, or capitals only. */
const CASE_RULE = { any: 0, capitalised: 1, allUpper: 2 } as const;

/**
 * `caseMatches` against the tokens of a match starting at token `start`, with no array made.
 *
 * @example
 * caseMatchesTokens(entryForUS, tokens, start); // true when the tokens read "US"
 */
export function caseMatchesTokens(
  entry: RegistryEntry,
  tokens: readonly { readonly text: string }[],
  start: number,
): boolean {
  const { cases } = entry;
  for (let k = 0; k < cases.length; k++) {
    const rule = cases[k]!;
    if (rule === CASE_RULE.any) continue;
    const text = tokens[start + k]?.text ?? '';
    if (rule === CASE_RULE.capitalised ? !isCapitalised(text) : !isAllUpper(text)) return false;
  }
  return true;
}

const LATIN_LETTER = /[A-Za-z]/;

/** The `CASE_RULE` of each word of an alias (what `wordCaseMatches` asks of it). */
function caseRules(words: readonly string[], acronym: boolean): Uint8Array {
  const rules = new Uint8Array(words.length);
  words.forEach((word, k) => {
    if (acronym) rules[k] = LATIN_LETTER.test(word) ? CASE_RULE.allUpper : CASE_RULE.any;
    else rules[k] = isCapitalised(word) ? CASE_RULE.capitalised : CASE_RULE.any;
  });
  return rules;
}

function wordCaseMatches(entry: RegistryEntry, k: number, text: string): boolean {
  const word = entry.words[k] ?? '';
  if (entry.acronym) return !LATIN_LETTER.test(word) || isAllUpper(text);
  return !isCapitalised(word) || isCapitalised(text);
}
