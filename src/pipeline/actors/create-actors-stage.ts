import type { Mention, Person, Span } from '../../core/index.js';
import type { Stage } from '../stage.js';
import { affiliateCrowds } from './affiliate-crowds.js';
import { ArrayPool } from './array-pool.js';
import { buildNameLexicon } from './build-name-lexicon.js';
import { buildRegistry } from './build-registry.js';
import type { TrieNode } from './build-registry.js';
import { buildWordClasses, readWords, tableSlot, WORD_CLASS } from './classify-words.js';
import { collectActors } from './collect-actors.js';
import { createMention } from './create-mention.js';
import { findActorMentions, titleCaseSentences } from './find-actor-mentions.js';
import { findPeople, toPeople } from './find-people.js';
import { indexSentenceMentions } from './index-sentence-mentions.js';
import { buildGroupMemberLexicon, resolveGroupMembers } from './resolve-group-members.js';
import { normaliseKey } from './normalise-key.js';
import { buildActLexicon, resolveActReferences } from './resolve-act-references.js';
import { resolvePluralPronouns } from './resolve-plural-pronouns.js';
import { buildCollectiveLexicon, resolveCollectiveReferences } from './resolve-collective-references.js';
import {
  actorsLearned,
  COLLECTIVE_NOUNS,
  DESCRIPTION_WORDS,
  resolveDescriptions,
} from './resolve-descriptions.js';
import type { ActorsLexicon } from './parse-actors-lexicon.js';
import { NO_USER_ACTORS, roleOn } from './parse-user-actors.js';
import type { UserActors, UserPerson } from './parse-user-actors.js';
import type { TokenView } from './read-name-context.js';

/**
 * The actors stage: actor mentions (countries, demonyms, capitals, institutions,
 * organisations, groups), the people the article names, and descriptions and
 * pronouns resolved to them. The registry is built once here, with the user
 * dictionaries (`--actors`): their actors, agents and titles join the registry, and
 * their people give the actor and role (on the article's date) of the people they name.
 *
 * @example
 * const actors = createActorsStage(parseActorsLexicon(loadLexicons().actors ?? {}));
 * actors.run(article).people; // [{ name: 'Hirokazu Matsuno', actor: 'JPN', role: 'spokesman', mentions: [[…]] }]
 */
export function createActorsStage(lexicon: ActorsLexicon, user: UserActors = NO_USER_ACTORS): Stage {
  const registry = buildRegistry(lexicon, user);
  const names = buildNameLexicon({
    ...lexicon,
    titles: [...lexicon.titles, ...user.titles],
    firstNames: [...lexicon.firstNames, ...user.people.flatMap(givenNames)],
  });
  const known = indexPeople(user.people);
  const collective = buildCollectiveLexicon(lexicon);
  const acts = buildActLexicon(lexicon);
  const members = buildGroupMemberLexicon(lexicon);
  const crowds =
    lexicon.crowd === null
      ? null
      : {
          code: lexicon.crowd,
          nouns: new Set(lexicon.crowdNouns.map(normaliseKey)),
          blockers: new Set(lexicon.crowdNounBlockers.map(normaliseKey)),
        };
  const pluralPronouns = new Set(lexicon.pluralPronouns.map(normaliseKey));
  const pluralHeads = new Set(lexicon.pluralHeads.map(normaliseKey));
  const homeOffices = new Set(lexicon.homeOffices.map((o) => o.toLowerCase()));
  // the registry's country codes, in a set read once per mention by the resolvers
  const countries = new Set<string>();
  for (const [code, actor] of registry.actors) if (actor.kind === 'country') countries.add(code);
  const isCountry = (code: string): boolean => countries.has(code);
  const wordClasses = buildWordClasses([
    [WORD_CLASS.actorStart, registry.root.keys()],
    [WORD_CLASS.collectiveOpener, collective.openers],
    [WORD_CLASS.descriptionWord, DESCRIPTION_WORDS],
    [WORD_CLASS.crowdNoun, crowds?.nouns ?? []],
    [WORD_CLASS.forceNoun, members.forceNouns],
    [WORD_CLASS.memberNoun, [...members.organiserNouns, ...members.oppositionNouns]],
    [WORD_CLASS.actNoun, [...acts.actNouns, ...acts.references]],
    [WORD_CLASS.pluralPronoun, pluralPronouns],
    [WORD_CLASS.nameStop, [...names.nonNames, ...names.honorifics]],
    [WORD_CLASS.titleStart, names.titles.keys()],
    [WORD_CLASS.collectiveNoun, COLLECTIVE_NOUNS],
    [WORD_CLASS.bodyStart, registry.bodies.keys()],
  ]);
  // the registry's root node of each key, by its slot in the class table
  const rootNodes = new Array<TrieNode | undefined>(wordClasses.keys.length).fill(undefined);
  for (const [key, node] of registry.root) rootNodes[tableSlot(wordClasses, key)] = node;
  return {
    name: 'actors',
    requires: ['tokens'],
    provides: ['mentions', 'people', 'actors'],
    run(article) {
      const { text, tokens, sentences } = article;
      const { keys, classes, shapes, slots, starts } = readWords(tokens, wordClasses);
      const titleCase = titleCaseSentences(tokens, sentences, shapes);
      const found = findActorMentions(
        text,
        tokens,
        keys,
        sentences,
        registry,
        article.published,
        titleCase,
        classes,
        { slots, nodes: rootNodes },
      );
      const actorMentions =
        crowds === null ? found : affiliateCrowds(found, text, tokens, keys, crowds, classes);
      const view = createTokenView(
        text,
        tokens,
        keys,
        sentences,
        actorMentions,
        titleCase,
        classes,
        shapes,
        starts,
      );
      const drafts = findPeople(view, names);
      const descriptions = resolveDescriptions(view, drafts, names, isCountry);
      const people = toPeople(drafts, actorsLearned(descriptions, drafts.length));
      if (known.size > 0) {
        for (let p = 0; p < people.length; p++)
          people[p] = withKnownRole(people[p]!, known, article.published);
      }
      // last word of each person's role ("Foreign Minister" → "minister") and its sector, read once
      const heads = new Array<string | undefined>(people.length);
      const sectors = new Array<string | undefined>(people.length);
      for (let p = 0; p < people.length; p++) {
        const head = roleHeadOf(people[p]!.role);
        heads[p] = head;
        sectors[p] = head === undefined ? undefined : lexicon.roleSectors[head];
      }
      const dateline = findDateline(view);
      if (dateline !== null) {
        for (let p = 0; p < people.length; p++) {
          const person = people[p]!;
          const first = drafts[p]!.runs[0]!;
          const sector = sectors[p];
          if (person.actor !== null || tokens[first.start]!.sentence !== dateline.sentence) continue;
          if (sector === 'GOV' || sector === 'MIL') people[p] = { ...person, actor: dateline.actor };
        }
      }
      const home = findHomeState(view, isCountry);
      if (home !== null) {
        // "Foreign Minister Ana Ruiz", "President Ruiz" with no state: an office of the home state
        for (let p = 0; p < people.length; p++) {
          const person = people[p]!;
          const head = heads[p];
          if (person.actor === null && head !== undefined && homeOffices.has(head)) {
            people[p] = { ...person, actor: home };
          }
        }
      }
      // mentions the resolvers add to the actor mentions (which are in text order already)
      const extra: Mention[] = [];
      for (const d of descriptions) {
        const actor =
          d.person !== null ? (people[d.person]!.actor ?? (d.nationality ? null : d.actor)) : d.actor;
        extra.push(
          createMention(
            d.span,
            text.slice(d.span[0], d.span[1]),
            'description',
            actor,
            d.person,
            tokens[d.start]!.sentence,
            d.person === null ? undefined : sectors[d.person],
          ),
        );
      }
      for (const ref of resolveCollectiveReferences(view, collective, isCountry, home)) {
        if (overlapsAny(descriptions, ref.span)) continue;
        extra.push(referenceMention(text, tokens, ref, ref.sector ?? undefined));
      }
      for (const ref of resolveGroupMembers(view, members)) extra.push(referenceMention(text, tokens, ref));
      for (let p = 0; p < people.length; p++) {
        const actor = people[p]!.actor;
        for (const run of drafts[p]!.runs) {
          extra.push(
            createMention(
              run.span,
              text.slice(run.span[0], run.span[1]),
              'person',
              actor,
              p,
              tokens[run.start]!.sentence,
              sectors[p],
            ),
          );
        }
      }
      const mentions = mergeByPosition(actorMentions, extra);
      const index = indexSentenceMentions(view, mentions);
      const refs = [
        ...resolveActReferences(view, mentions, acts, index),
        ...resolvePluralPronouns(view, mentions, pluralPronouns, pluralHeads, index),
      ];
      for (const ref of refs) mentions.push(referenceMention(text, tokens, ref));
      if (refs.length > 0) mentions.sort(byPosition);
      return { mentions, people, actors: collectActors(actorMentions, registry) };
    },
  };
}

/** A phrase a resolver found to stand for an actor: a description mention in its sentence. */
function referenceMention(
  text: string,
  tokens: TokenView['tokens'],
  ref: { span: Span; start: number; actor: string },
  sector?: string,
): Mention {
  return createMention(
    ref.span,
    text.slice(ref.span[0], ref.span[1]),
    'description',
    ref.actor,
    null,
    tokens[ref.start]!.sentence,
    sector,
  );
}

/** Whether a description overlaps `span` (a resolver's phrase that a description already stands for). */
function overlapsAny(descriptions: readonly { readonly span: Span }[], span: Span): boolean {
  for (const d of descriptions) if (d.span[0] < span[1] && span[0] < d.span[1]) return true;
  return false;
}

/** What follows the last space or hyphen of a role: its head word. */
const ROLE_HEAD = /[^\s-]*$/;

/**
 * The last word of a role, lower case ("Foreign Minister" → "minister"): what
 * `role.toLowerCase().split(/[\s-]+/).pop()` gives, with no array made; undefined for no role.
 */
function roleHeadOf(role: string | null): string | undefined {
  return role === null ? undefined : ROLE_HEAD.exec(role.toLowerCase())![0];
}

const ACTOR_AT = new ArrayPool((n) => new Int32Array(n));

function createTokenView(
  text: string,
  tokens: TokenView['tokens'],
  keys: readonly string[],
  sentences: TokenView['sentences'],
  mentions: TokenView['mentions'],
  titleCase: Uint8Array,
  classes: Uint16Array,
  shapes: Uint8Array,
  starts: Int32Array,
): TokenView {
  const actorAt = ACTOR_AT.take(tokens.length, -1);
  const mentionTokens: (readonly [number, number])[] = new Array<readonly [number, number]>(mentions.length);
  let t = 0;
  for (let index = 0; index < mentions.length; index++) {
    const span = mentions[index]!.span;
    while (t < tokens.length && starts[t]! < span[0]) t++;
    const start = t;
    while (t < tokens.length && tokens[t]!.end <= span[1]) actorAt[t++] = index;
    mentionTokens[index] = [start, t];
  }
  return { text, tokens, keys, sentences, mentions, actorAt, mentionTokens, titleCase, classes, shapes };
}

/**
 * `[...sorted, ...extra].sort(byPosition)`, with only `extra` sorted: as that stable sort does,
 * a mention of `sorted` comes before an `extra` one at the same position.
 */
function mergeByPosition(sorted: readonly Mention[], extra: Mention[]): Mention[] {
  for (let k = 1; k < sorted.length; k++) {
    if (byPosition(sorted[k - 1]!, sorted[k]!) > 0) return [...sorted, ...extra].sort(byPosition);
  }
  extra.sort(byPosition);
  const out = new Array<Mention>(sorted.length + extra.length);
  let a = 0;
  let b = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] =
      b >= extra.length || (a < sorted.length && byPosition(sorted[a]!, extra[b]!) <= 0)
        ? sorted[a++]!
        : extra[b++]!;
  }
  return out;
}

function byPosition(a: Mention, b: Mention): number {
  return a.span[0] - b.span[0] || b.span[1] - a.span[1];
}

/** How many of the article's first sentences naming a state make its lead. */
const LEAD_SENTENCES = 3;
/** Words of an opening that may stand before a sentence's subject ("On Tuesday, the …"). */
const BEFORE_SUBJECT = new Set(['DET', 'ADV', 'CCONJ', 'PUNCT', 'ADP', 'NUM', 'PROPN']);

/**
 * The article's home state: the state that is most often the subject of its lead (the first
 * sentences that name a state: "Valdoria has expelled …", "Valdoria and Kestra met" counts
 * both), then the one its lead names most; null when no state is a subject there or two tie.
 */
function findHomeState(view: TokenView, isCountry: (code: string) => boolean): string | null {
  const subject = new Map<string, number>();
  const named = new Map<string, number>();
  const { mentions, mentionTokens, tokens, keys } = view;
  let sentences = 0;
  let last = -1;
  let chain = -1; // token where the sentence's subject (or its coordination) ends, or -1
  for (let m = 0; m < mentions.length; m++) {
    const mention = mentions[m]!;
    if (mention.actor === null || !isCountry(mention.actor)) continue;
    const start = mentionTokens[m]![0];
    const end = mentionTokens[m]![1];
    if (mention.sentence !== last) {
      if (++sentences > LEAD_SENTENCES) break;
      last = mention.sentence;
      chain = -1;
      let k = view.sentences[mention.sentence]!.tokenStart;
      while (k < start && BEFORE_SUBJECT.has(tokens[k]!.pos)) k++;
      if (k === start) chain = end;
    } else if (chain >= 0) {
      let k = chain;
      while (k < start && (keys[k] === 'and' || keys[k] === ',')) k++;
      chain = k === start && start > chain ? end : -1;
    }
    named.set(mention.actor, (named.get(mention.actor) ?? 0) + 1);
    if (chain >= 0) subject.set(mention.actor, (subject.get(mention.actor) ?? 0) + 1);
  }
  const ranked = [...subject.keys()].sort(
    (a, b) => subject.get(b)! - subject.get(a)! || named.get(b)! - named.get(a)!,
  );
  const [first, second] = ranked;
  if (first === undefined) return null;
  if (
    second !== undefined &&
    subject.get(first) === subject.get(second) &&
    named.get(first) === named.get(second)
  ) {
    return null;
  }
  return first;
}

function givenNames(person: UserPerson): string[] {
  return [person.name, ...person.aliases].flatMap((n) => {
    const words = n.split(/\s+/);
    return words.length > 1 ? [words[0]!] : [];
  });
}

/** User people by normalised full name, alias and (when unique) surname. */
function indexPeople(people: readonly UserPerson[]): Map<string, UserPerson | null> {
  const byKey = new Map<string, UserPerson | null>();
  for (const person of people) {
    for (const name of [person.name, ...person.aliases]) byKey.set(personKey(name), person);
  }
  for (const person of people) {
    const surname = personKey(person.name).split(' ').pop()!;
    if (byKey.has(surname) && byKey.get(surname) !== person) byKey.set(surname, null);
    else byKey.set(surname, person);
  }
  return byKey;
}

/** A person the user dictionary knows acts for the actor, and in the role, it gives on the article's date. */
function withKnownRole(
  person: Person,
  known: ReadonlyMap<string, UserPerson | null>,
  date: string | undefined,
): Person {
  if (known.size === 0) return person;
  const entry = known.get(personKey(person.name));
  if (!entry) return person;
  const { actor, role } = roleOn(entry, date);
  return { ...person, actor: actor ?? person.actor, role: role ?? person.role };
}

function personKey(name: string): string {
  return name.split(/\s+/).map(normaliseKey).join(' ');
}

/** Sentences of the article's opening in which a dateline may stand. */
const DATELINE_SENTENCES = 3;
const DATELINE_MARKS = new Set([':', '—', '–', '-']);

/**
 * "New Delhi: Defence Minister Rajnath Singh …": a capital or country opening one of the first
 * sentences and followed by a colon or dash is the dateline; an official the dateline sentence
 * names without a state acts for the dateline's state.
 */
function findDateline(view: TokenView): { actor: string; sentence: number } | null {
  for (let m = 0; m < view.mentions.length; m++) {
    const mention = view.mentions[m]!;
    if (mention.sentence >= DATELINE_SENTENCES) break;
    if ((mention.kind !== 'capital' && mention.kind !== 'country') || mention.actor === null) continue;
    const start = view.mentionTokens[m]![0];
    const end = view.mentionTokens[m]![1];
    const sentence = view.sentences[mention.sentence]!;
    if (start - sentence.tokenStart > 6 || !DATELINE_MARKS.has(view.keys[end] ?? '')) continue;
    return { actor: mention.actor, sentence: mention.sentence };
  }
  return null;
}
