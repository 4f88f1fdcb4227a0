import type { Span } from '../../core/index.js';
import type { ActorsLexicon } from './parse-actors-lexicon.js';
import { isCapitalised, normaliseKey, splitAlias } from './normalise-key.js';
import { SHAPE, WORD_CLASS } from './classify-words.js';
import { firstMentionOfSentence } from './index-sentence-mentions.js';
import type { TokenView } from './read-name-context.js';

/** A phrase that stands for an actor the article named before ("the ministry", "the two sides"). */
export interface CollectiveReference {
  readonly span: Span;
  /** First token of the phrase. */
  readonly start: number;
  readonly actor: string;
  readonly sector: string | null;
}

interface PhraseNode {
  readonly next: Map<string, PhraseNode>;
  sector: string | null | undefined;
}

/** Lookup structures of the collective-reference resolver, built once per lexicon. */
export interface CollectiveLexicon {
  readonly bodies: Map<string, PhraseNode>;
  readonly pairNouns: ReadonlySet<string>;
  /** Words that, after "the", make a plural noun a pair ("the two sides", "the rival countries"). */
  readonly pairWords: ReadonlySet<string>;
  /** Bodies that refer back without "the" ("unless authorities agree"). */
  readonly bareBodies: ReadonlySet<string>;
  /** Role words by sector for articles that name no state ("the army" → "---MIL"). */
  readonly sectorNouns: Map<string, PhraseNode>;
  readonly unknownState: string;
  /** "the militia groups": every group of the sector named so far. */
  readonly groupsAll: Map<string, PhraseNode>;
  /** "the rebels": the one group of the sector named so far. */
  readonly groupsOne: Map<string, PhraseNode>;
  /** "military commanders agreed" after a pair phrase: both actors of the pair. */
  readonly pairAgents: Map<string, PhraseNode>;
  /** "during clash", "in the fighting" after a pair phrase: both actors of the pair. */
  readonly pairActs: ReadonlySet<string>;
  /** "the other four men" after "7 Iranians": the state whose people were named last. */
  readonly peopleNouns: ReadonlySet<string>;
  /** "were arrested": past participles by the sector of the body whose agentless passive they are. */
  readonly custodyVerbs: ReadonlyMap<string, string>;
  /** Every word that may open a phrase this resolver reads: other words are skipped at once. */
  readonly openers: ReadonlySet<string>;
  /**
   * The openers of a phrase other than a pair phrase (the first words of the tables above): after
   * the pair check, a word outside them ("the", "both") opens nothing, with no lookup in each table.
   */
  readonly phraseOpeners: ReadonlySet<string>;
}

/** (Read once: an imported binding read in a loop may cost a call each time.) */
const COLLECTIVE_OPENER = WORD_CLASS.collectiveOpener;
/** (`SHAPE`: the text opens with a–z.) */
const LOWER_INITIAL = SHAPE.lowerInitial;

/** How many sentences back a lone body may look for the state whose body it repeats. */
const BODY_WINDOW = 6;

/** How many sentences back a pair phrase may look for the pair an earlier one stood for. */
const PAIR_WINDOW = 6;

/**
 * Builds the trie of bodies that may stand alone and the set of pair nouns.
 *
 * @example
 * buildCollectiveLexicon(lexicon).pairNouns.has('sides'); // true
 */
export function buildCollectiveLexicon(lexicon: ActorsLexicon): CollectiveLexicon {
  const bodies = new Map<string, PhraseNode>();
  for (const body of lexicon.definiteBodies)
    addPhrase(bodies, body, lexicon.bodySectors[body.toLowerCase()] ?? null);
  const sectorNouns = new Map<string, PhraseNode>();
  for (const [noun, sector] of Object.entries(lexicon.sectorNouns)) addPhrase(sectorNouns, noun, sector);
  const groupsAll = new Map<string, PhraseNode>();
  for (const [noun, sector] of Object.entries(lexicon.groupsAll)) addPhrase(groupsAll, noun, sector);
  const groupsOne = new Map<string, PhraseNode>();
  for (const [noun, sector] of Object.entries(lexicon.groupsOne)) addPhrase(groupsOne, noun, sector);
  const pairAgents = new Map<string, PhraseNode>();
  for (const [noun, sector] of Object.entries(lexicon.pairAgents)) addPhrase(pairAgents, noun, sector);
  const pairWords = new Set(lexicon.pairWords.map(normaliseKey));
  const pairActs = new Set(lexicon.pairActs.map(normaliseKey));
  const peopleNouns = new Set(lexicon.peopleNouns.map(normaliseKey));
  const custodyVerbs = new Map<string, string>();
  for (const [verb, sector] of Object.entries(lexicon.custodyVerbs))
    custodyVerbs.set(normaliseKey(verb), sector);
  const phraseOpeners = new Set<string>([...pairActs, ...peopleNouns, ...custodyVerbs.keys()]);
  for (const trie of [bodies, sectorNouns, groupsAll, groupsOne, pairAgents])
    for (const word of trie.keys()) phraseOpeners.add(word);
  const openers = new Set<string>(['the', 'both', ...phraseOpeners]);
  return {
    openers,
    phraseOpeners,
    custodyVerbs,
    pairAgents,
    pairActs,
    peopleNouns,
    groupsAll,
    groupsOne,
    bodies,
    sectorNouns,
    unknownState: lexicon.unknownState,
    pairNouns: new Set(lexicon.pairNouns.map(normaliseKey)),
    pairWords,
    bareBodies: new Set(lexicon.bareBodies.map(normaliseKey)),
  };
}

function addPhrase(trie: Map<string, PhraseNode>, phrase: string, sector: string | null): void {
  let map = trie;
  let node: PhraseNode | undefined;
  for (const word of splitAlias(phrase)) {
    const key = normaliseKey(word);
    node = map.get(key);
    if (!node) {
      node = { next: new Map(), sector: undefined };
      map.set(key, node);
    }
    map = node.next;
  }
  if (node) node.sector = sector;
}

/**
 * Resolves phrases that refer back to actors the article has named:
 * - a state body standing alone ("the ministry", "Police", "the junta", "unless authorities …") →
 *   the state whose body of the same sector was named last (within a few sentences), else the only
 *   state named so far, else the article's home state (`homeState`, when it has one);
 * - "the two sides", "both countries" → the two actors the sentence named before it, else the pair
 *   an earlier pair phrase stood for (within a few sentences), else the two actors named most often
 *   so far (one reference each);
 * - "the (various) militia groups" → every non-state group of that sector named so far; "the rebels"
 *   → the group of that sector named so far, when only one was;
 * - in an article that names no state, a role word ("the army", "police", "rebels") → its sector
 *   with an unknown state ("---MIL").
 * When the text does not single the actor out, nothing is returned.
 *
 * @example
 * // "Hong Kong police arrested five activists. Police said …"
 * resolveCollectiveReferences(view, lexicon, isState); // [{ actor: 'HKG', sector: 'COP', … }]
 */
export function resolveCollectiveReferences(
  view: TokenView,
  lexicon: CollectiveLexicon,
  isState: (code: string) => boolean,
  homeState: string | null = null,
): CollectiveReference[] {
  const { tokens, keys, mentions, mentionTokens } = view;
  const out: CollectiveReference[] = [];
  const counts = new Map<string, { count: number; last: number }>();
  const bySector = new Map<string, { code: string; sentence: number }>();
  const groups = new Map<string, string[]>();
  const states = new Set<string>();
  let lastPair: { actors: readonly string[]; sentence: number } | null = null;
  let lastPeople: { actor: string; sentence: number } | null = null;
  let named: Uint8Array | null = null;
  /** Lone bodies (by first word: "ministry") a sentence showed are not a state's: states they are not. */
  const notOf = new Map<string, Set<string>>();
  const stateless = homeState === null && !namesState(mentions, isState);
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    // only an opener is read: what the mentions before it tell is tallied when one is met
    if ((view.classes[i]! & COLLECTIVE_OPENER) === 0) continue;
    for (; m < mentions.length && mentionTokens[m]![1] <= i; m++) {
      const mention = mentions[m]!;
      if (mention.actor === null) continue;
      const seen = counts.get(mention.actor);
      if (seen === undefined) counts.set(mention.actor, { count: 1, last: m });
      else {
        seen.count++;
        seen.last = m;
      }
      if (isState(mention.actor)) states.add(mention.actor);
      if (mention.sector) bySector.set(mention.sector, { code: mention.actor, sentence: mention.sentence });
      if (mention.kind === 'demonym' && namesPeople(view, m, lexicon.peopleNouns))
        lastPeople = { actor: mention.actor, sentence: mention.sentence };
      if (mention.kind === 'group' && mention.sector) {
        const named = groups.get(mention.sector) ?? [];
        if (!named.includes(mention.actor)) groups.set(mention.sector, [...named, mention.actor]);
      }
    }
    if (view.actorAt[i]! >= 0) continue;
    const sentence = tokens[i]!.sentence;
    const limit = view.sentences[sentence]!.tokenEnd;

    const pair = pairNounEnd(view, i, limit, lexicon);
    if (pair > 0) {
      const span = [tokens[i]!.start, tokens[pair - 1]!.end] as const;
      const before = [...new Set(sameSentence(view, m, sentence))];
      const actors: readonly string[] =
        before.length < 2 && lastPair && sentence - lastPair.sentence <= PAIR_WINDOW
          ? lastPair.actors
          : pairOf(counts, before);
      if (actors.length === 2) lastPair = { actors, sentence };
      for (const actor of actors) out.push({ span, start: i, actor, sector: null });
      i = pair - 1;
      continue;
    }

    const key = keys[i]!;
    if (!lexicon.phraseOpeners.has(key)) continue;
    const definite = i > 0 && keys[i - 1] === 'the';
    const group =
      groups.size > 0 && (lexicon.groupsAll.has(key) || lexicon.groupsOne.has(key))
        ? groupReference(view, i, limit, lexicon, groups)
        : null;
    if (group !== null) {
      for (const actor of group.actors)
        out.push({ span: group.span, start: group.start, actor, sector: group.sector });
      i = group.end - 1;
      continue;
    }
    if (stateless && lexicon.sectorNouns.has(key)) {
      const role = longestPhrase(lexicon.sectorNouns, keys, i, limit);
      // (not when the article named groups of the sector: "the rebels" is then one of them, unresolved)
      if (
        role !== null &&
        role.sector !== null &&
        !groups.has(role.sector) &&
        !describesPerson(view, role.end, limit)
      ) {
        const start = definite ? i - 1 : i;
        out.push({
          span: [tokens[start]!.start, tokens[role.end - 1]!.end],
          start,
          actor: lexicon.unknownState + role.sector,
          sector: role.sector,
        });
        i = role.end - 1;
        continue;
      }
    }
    if (lastPair && lexicon.pairAgents.has(key) && sentence - lastPair.sentence <= PAIR_WINDOW) {
      const agent = bareAgent(view, i, limit, lexicon.pairAgents);
      if (agent !== null) {
        named ??= sentencesNaming(view);
        if (named[sentence] === 0) {
          const span = [tokens[i]!.start, tokens[agent.end - 1]!.end] as const;
          for (const actor of lastPair.actors) out.push({ span, start: i, actor, sector: agent.sector });
          i = agent.end - 1;
          continue;
        }
      }
    }
    if (
      lastPair &&
      lexicon.pairActs.has(key) &&
      sentence - lastPair.sentence <= PAIR_WINDOW &&
      isPartylessAct(view, i, limit)
    ) {
      for (const actor of lastPair.actors)
        out.push({ span: [tokens[i]!.start, tokens[i]!.end], start: i, actor, sector: null });
      continue;
    }
    if (
      lastPeople &&
      lexicon.peopleNouns.has(key) &&
      sentence - lastPeople.sentence <= BODY_WINDOW &&
      !describesPerson(view, i + 1, limit)
    ) {
      const start = definitePeopleStart(view, i);
      if (start >= 0) {
        const span = [tokens[start]!.start, tokens[i]!.end] as const;
        out.push({ span, start, actor: lastPeople.actor, sector: null });
        continue;
      }
    }
    const custody = lexicon.custodyVerbs.get(key);
    if (custody !== undefined) {
      // "All protesters have since been released" after "Police hauled activists …"
      const last = bySector.get(custody);
      if (last && sentence - last.sentence <= BODY_WINDOW && isAgentlessPassive(view, i, limit, lexicon))
        out.push({ span: [tokens[i]!.start, tokens[i]!.end], start: i, actor: last.code, sector: custody });
      continue;
    }
    if (!lexicon.bodies.has(key)) continue;
    if (!definite && !isCapitalised(tokens[i]!.text) && !lexicon.bareBodies.has(key)) continue;
    const body = longestPhrase(lexicon.bodies, keys, i, limit);
    if (body === null) continue;
    if (describesPerson(view, body.end, limit)) continue;
    const last = body.sector === null ? undefined : bySector.get(body.sector);
    const candidate =
      last && sentence - last.sentence <= BODY_WINDOW
        ? last.code
        : states.size === 1
          ? [...states][0]!
          : homeState;
    // "The ministry … the Russian authorities": not Russia's, here nor when named again
    let actor = candidate;
    if (candidate !== null) {
      const others = notOf.get(key);
      if (others?.has(candidate)) actor = null;
      else if (namesBodyOf(view, sentence, candidate, body.sector)) {
        notOf.set(key, (others ?? new Set<string>()).add(candidate));
        actor = null;
      }
    }
    if (actor !== null) {
      const start = definite ? i - 1 : i;
      // "Police" after "Hong Kong police": the body named again, for what refers back to it next
      if (body.sector !== null) bySector.set(body.sector, { code: actor, sentence });
      out.push({
        span: [tokens[start]!.start, tokens[body.end - 1]!.end],
        start,
        actor,
        sector: body.sector,
      });
    }
    i = body.end - 1;
  }
  return out;
}

/** Whether a mention stands for a state. */
function namesState(mentions: TokenView['mentions'], isState: (code: string) => boolean): boolean {
  for (const mention of mentions) if (mention.actor !== null && isState(mention.actor)) return true;
  return false;
}

/**
 * The two actors a pair phrase refers to: the two the sentence named before it ("India and
 * Pakistan …, and the two countries"), else the two the article named most, leaving out an actor
 * the sentence named before it ("Washington, which considers both countries allies").
 */
function pairOf(
  counts: ReadonlyMap<string, { count: number; last: number }>,
  distinct: readonly string[],
): string[] {
  if (distinct.length >= 2) return distinct.slice(-2);
  const ranked = [...counts.entries()]
    .filter(([code]) => !distinct.includes(code))
    .sort((a, b) => b[1].count - a[1].count || b[1].last - a[1].last);
  return ranked.length >= 2 ? ranked.slice(0, 2).map(([code]) => code) : [];
}

/** Actor codes of the mentions of `sentence` among the first `seen` mentions. */
function sameSentence(view: TokenView, seen: number, sentence: number): string[] {
  const out: string[] = [];
  for (let k = seen - 1; k >= 0 && view.mentions[k]!.sentence === sentence; k--) {
    const actor = view.mentions[k]!.actor;
    if (actor !== null) out.unshift(actor);
  }
  return out;
}

/** End of "the two [adjective] sides" / "the rival countries" / "both (the) countries" at token `i`, or 0. */
function pairNounEnd(view: TokenView, i: number, limit: number, lexicon: CollectiveLexicon): number {
  const { keys, tokens } = view;
  let k: number;
  if (keys[i] === 'the' && lexicon.pairWords.has(keys[i + 1] ?? '')) k = i + 2;
  else if (keys[i] === 'both') k = keys[i + 1] === 'the' ? i + 2 : i + 1;
  else return 0;
  if (k < limit && tokens[k]!.pos === 'ADJ' && (view.shapes[k]! & LOWER_INITIAL) !== 0) k++;
  return k < limit && lexicon.pairNouns.has(keys[k]!) ? k + 1 : 0;
}

/**
 * "the (various) militia groups" → every group of the sector named so far; "the rebels" → the one
 * group of the sector named so far. Adjectives may stand between "the" and the noun.
 */
function groupReference(
  view: TokenView,
  i: number,
  limit: number,
  lexicon: CollectiveLexicon,
  groups: ReadonlyMap<string, readonly string[]>,
): { start: number; end: number; span: Span; sector: string; actors: readonly string[] } | null {
  const { keys, tokens } = view;
  if (i === 0 || tokens[i]!.pos === 'ADJ') return null;
  let d = i - 1;
  while (d > 0 && d >= i - 3 && tokens[d]!.pos === 'ADJ' && (view.shapes[d]! & LOWER_INITIAL) !== 0) d--;
  if (keys[d] !== 'the' || d < view.sentences[tokens[i]!.sentence]!.tokenStart) return null;
  const all = longestPhrase(lexicon.groupsAll, keys, i, limit);
  const one = all === null ? longestPhrase(lexicon.groupsOne, keys, i, limit) : null;
  const found = all ?? one;
  if (found === null || found.sector === null || describesPerson(view, found.end, limit)) return null;
  const named = groups.get(found.sector) ?? [];
  if (named.length === 0 || (one !== null && named.length > 1)) return null;
  return {
    start: d,
    end: found.end,
    span: [tokens[d]!.start, tokens[found.end - 1]!.end],
    sector: found.sector,
    actors: named,
  };
}

/** Parts of speech and words that, right before a plural agent, make it someone's ("the", "their", "Indian"). */
const OWNERS = new Set(['DET', 'PRON', 'PROPN', 'NUM']);

/**
 * "military commanders agreed": a plural agent of `trie` at token `i` with no determiner,
 * possessive, number or name before it and no noun after it, or null.
 */
function bareAgent(
  view: TokenView,
  i: number,
  limit: number,
  trie: Map<string, PhraseNode>,
): { end: number; sector: string | null } | null {
  const { tokens, keys } = view;
  const first = view.sentences[tokens[i]!.sentence]!.tokenStart;
  if (i > first) {
    const before = tokens[i - 1]!;
    if (OWNERS.has(before.pos) || keys[i - 1] === "'s" || view.actorAt[i - 1]! >= 0) return null;
  }
  const found = longestPhrase(trie, keys, i, limit);
  if (found === null || describesPerson(view, found.end, limit)) return null;
  return found;
}

/** Words after a hostile act noun that give its parties ("clashes between …", "fighting with …"). */
const PARTY_LINKS = new Set(['between', 'with', 'against', 'by', 'of', 'among']);

/**
 * "during clash", "in the fighting": an act noun with no party given: no actor, possessive or
 * other owner before it ("Indian clash", "its fighting") and no "between", "with", … after it.
 */
function isPartylessAct(view: TokenView, i: number, limit: number): boolean {
  const { tokens, keys } = view;
  if (tokens[i]!.pos !== 'NOUN') return false;
  const first = view.sentences[tokens[i]!.sentence]!.tokenStart;
  let b = i - 1;
  while (b >= first && tokens[b]!.pos === 'ADJ' && view.actorAt[b]! < 0) b--;
  if (b >= first && (view.actorAt[b]! >= 0 || OWNERS.has(tokens[b]!.pos) || keys[b] === "'s")) {
    if (!(keys[b] === 'the' || keys[b] === 'a')) return false;
  }
  return !(i + 1 < limit && PARTY_LINKS.has(keys[i + 1]!));
}

/**
 * Whether demonym mention `m` names people: a plural demonym ("7 Iranians"; not "Swiss") or one
 * before a people noun ("Iranian nationals").
 */
function namesPeople(view: TokenView, m: number, peopleNouns: ReadonlySet<string>): boolean {
  const text = view.mentions[m]!.text;
  if (text.endsWith('s') && !text.endsWith('ss')) return true;
  const next = view.mentionTokens[m]![1];
  return next < view.keys.length && peopleNouns.has(view.keys[next]!);
}

/** First token of "the (other) (four) men" ending at token `i`, or -1 when no "the" opens it. */
function definitePeopleStart(view: TokenView, i: number): number {
  const { tokens, keys } = view;
  const first = view.sentences[tokens[i]!.sentence]!.tokenStart;
  let d = i - 1;
  if (d >= first && tokens[d]!.pos === 'NUM') d--;
  if (d >= first && keys[d] === 'other') d--;
  return d >= first && keys[d] === 'the' ? d : -1;
}

/** Forms of "be" (or "get") that make a past participle after them a passive. */
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'be', 'being', 'is', 'are', 'got', 'get', 'gets']);
/** Words that may stand between the auxiliaries of a passive ("have since been", "were later"). */
const PASSIVE_FILLERS = new Set([
  'since',
  'later',
  'then',
  'also',
  'all',
  'not',
  'now',
  'already',
  'reportedly',
]);
const AUXILIARIES = new Set([
  'have',
  'has',
  'had',
  'will',
  'would',
  'may',
  'might',
  'could',
  'should',
  'must',
]);
/** Pronouns that may be the (patient) subject of a custody passive. */
const PERSON_PRONOUNS = new Set(['he', 'she', 'they', 'who', 'we', 'i', 'you']);

/**
 * "who were arrested", "All protesters have since been released": the participle at `i` after a
 * form of "be", with no "by" giving its agent after it, and a person, people (an actor, a people
 * noun) or a pronoun of persons as its subject ("the report was released" is no custody).
 */
function isAgentlessPassive(view: TokenView, i: number, limit: number, lexicon: CollectiveLexicon): boolean {
  const { tokens, keys } = view;
  if (tokens[i]!.pos !== 'VERB' || (i + 1 < limit && keys[i + 1] === 'by')) return false;
  const first = view.sentences[tokens[i]!.sentence]!.tokenStart;
  let b = i - 1;
  while (b >= first && (PASSIVE_FILLERS.has(keys[b]!) || tokens[b]!.pos === 'ADV')) b--;
  if (b < first || !PASSIVE_AUX.has(keys[b]!)) return false;
  b--;
  while (
    b >= first &&
    (AUXILIARIES.has(keys[b]!) || PASSIVE_FILLERS.has(keys[b]!) || tokens[b]!.pos === 'ADV')
  )
    b--;
  if (b < first) return false;
  const m = view.actorAt[b]!;
  if (m >= 0) {
    const kind = view.mentions[m]!.kind;
    return kind === 'group' || kind === 'demonym' || kind === 'person';
  }
  return PERSON_PRONOUNS.has(keys[b]!) || lexicon.peopleNouns.has(keys[b]!) || tokens[b]!.pos === 'PROPN';
}

/** 1 for each sentence in which an actor is named. */
function sentencesNaming(view: TokenView): Uint8Array {
  const out = new Uint8Array(view.sentences.length);
  for (const mention of view.mentions) if (mention.actor !== null) out[mention.sentence] = 1;
  return out;
}

/**
 * Whether the sentence names a body of `state` of the sector ("the Russian authorities"): a lone
 * body beside it ("The ministry … the Russian authorities") is another state's.
 */
function namesBodyOf(view: TokenView, sentence: number, state: string, sector: string | null): boolean {
  const { mentions } = view;
  // mentions are in text order: read only the sentence's own
  for (
    let m = firstMentionOfSentence(mentions, sentence);
    m < mentions.length && mentions[m]!.sentence === sentence;
    m++
  ) {
    const mention = mentions[m]!;
    if (mention.actor === state && mention.sector !== undefined && mention.sector === sector) return true;
  }
  return false;
}

/** "the army chief", "the police officer": a noun after the body makes it a description of a person. */
function describesPerson(view: TokenView, end: number, limit: number): boolean {
  const next = view.tokens[end];
  return (
    next !== undefined && end < limit && next.pos === 'NOUN' && (view.shapes[end]! & LOWER_INITIAL) !== 0
  );
}

function longestPhrase(
  trie: Map<string, PhraseNode>,
  keys: readonly string[],
  i: number,
  limit: number,
): { end: number; sector: string | null } | null {
  let map = trie;
  let best: { end: number; sector: string | null } | null = null;
  for (let j = i; j < limit; j++) {
    const node = map.get(keys[j]!);
    if (!node) break;
    if (node.sector !== undefined) best = { end: j + 1, sector: node.sector };
    map = node.next;
  }
  return best;
}
