import type { Mention, Person } from '../../core/index.js';
import type { Stage } from '../stage.js';
import { buildNameLexicon } from './build-name-lexicon.js';
import { buildRegistry } from './build-registry.js';
import { collectActors } from './collect-actors.js';
import { findActorMentions } from './find-actor-mentions.js';
import { findPeople, toPeople } from './find-people.js';
import { normaliseKey } from './normalise-key.js';
import { buildCollectiveLexicon, resolveCollectiveReferences } from './resolve-collective-references.js';
import { actorsLearned, resolveDescriptions } from './resolve-descriptions.js';
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
  const isCountry = (code: string): boolean => registry.actors.get(code)?.kind === 'country';
  return {
    name: 'actors',
    requires: ['tokens'],
    provides: ['mentions', 'people', 'actors'],
    run(article) {
      const { text, tokens, sentences } = article;
      const keys = tokens.map((t) => normaliseKey(t.text));
      const actorMentions = findActorMentions(text, tokens, keys, sentences, registry, article.published);
      const view = createTokenView(text, tokens, keys, sentences, actorMentions);
      const drafts = findPeople(view, names);
      const descriptions = resolveDescriptions(view, drafts, names, isCountry);
      const people = toPeople(drafts, actorsLearned(descriptions, drafts.length)).map((person) =>
        withKnownRole(person, known, article.published),
      );
      const sectorOf = (index: number | null): string | undefined => {
        const role = index === null ? null : people[index]!.role;
        const head = role
          ?.toLowerCase()
          .split(/[\s-]+/)
          .pop();
        return head === undefined ? undefined : lexicon.roleSectors[head];
      };
      const dateline = findDateline(view);
      if (dateline !== null) {
        people.forEach((person, index) => {
          const first = drafts[index]!.runs[0]!;
          const sector = sectorOf(index);
          if (person.actor !== null || tokens[first.start]!.sentence !== dateline.sentence) return;
          if (sector === 'GOV' || sector === 'MIL') people[index] = { ...person, actor: dateline.actor };
        });
      }
      const mentions: Mention[] = [...actorMentions];
      for (const d of descriptions) {
        const actor =
          d.person !== null ? (people[d.person]!.actor ?? (d.nationality ? null : d.actor)) : d.actor;
        mentions.push({
          span: d.span,
          text: text.slice(d.span[0], d.span[1]),
          kind: 'description',
          actor,
          person: d.person,
          sentence: tokens[d.start]!.sentence,
          ...withSector(sectorOf(d.person)),
        });
      }
      for (const ref of resolveCollectiveReferences(view, collective, isCountry)) {
        if (descriptions.some((d) => d.span[0] < ref.span[1] && ref.span[0] < d.span[1])) continue;
        mentions.push({
          span: ref.span,
          text: text.slice(ref.span[0], ref.span[1]),
          kind: 'description',
          actor: ref.actor,
          person: null,
          sentence: tokens[ref.start]!.sentence,
          ...withSector(ref.sector ?? undefined),
        });
      }
      people.forEach((person, index) => {
        for (const run of drafts[index]!.runs) {
          mentions.push({
            span: run.span,
            text: text.slice(run.span[0], run.span[1]),
            kind: 'person',
            actor: person.actor,
            person: index,
            sentence: tokens[run.start]!.sentence,
            ...withSector(sectorOf(index)),
          });
        }
      });
      mentions.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
      return { mentions, people, actors: collectActors(actorMentions, registry) };
    },
  };
}

function createTokenView(
  text: string,
  tokens: TokenView['tokens'],
  keys: readonly string[],
  sentences: TokenView['sentences'],
  mentions: TokenView['mentions'],
): TokenView {
  const actorAt = new Int32Array(tokens.length).fill(-1);
  const mentionTokens: (readonly [number, number])[] = [];
  let t = 0;
  mentions.forEach((mention, index) => {
    while (t < tokens.length && tokens[t]!.span[0] < mention.span[0]) t++;
    const start = t;
    while (t < tokens.length && tokens[t]!.span[1] <= mention.span[1]) actorAt[t++] = index;
    mentionTokens.push([start, t]);
  });
  return { text, tokens, keys, sentences, mentions, actorAt, mentionTokens };
}

function withSector(sector: string | undefined): { sector?: string } {
  return sector === undefined ? {} : { sector };
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
    const [start, end] = view.mentionTokens[m]!;
    const sentence = view.sentences[mention.sentence]!;
    if (start - sentence.tokenStart > 6 || !DATELINE_MARKS.has(view.keys[end] ?? '')) continue;
    return { actor: mention.actor, sentence: mention.sentence };
  }
  return null;
}
