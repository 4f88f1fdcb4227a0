import type { Mention } from '../../core/index.js';
import type { Stage } from '../stage.js';
import { buildNameLexicon } from './build-name-lexicon.js';
import { buildRegistry } from './build-registry.js';
import { collectActors } from './collect-actors.js';
import { findActorMentions } from './find-actor-mentions.js';
import { findPeople, toPeople } from './find-people.js';
import { normaliseKey } from './normalise-key.js';
import { actorsLearned, resolveDescriptions } from './resolve-descriptions.js';
import type { ActorsLexicon } from './parse-actors-lexicon.js';
import type { TokenView } from './read-name-context.js';

/**
 * The actors stage: actor mentions (countries, demonyms, capitals, institutions,
 * organisations, groups), the people the article names, and descriptions and
 * pronouns resolved to them. The registry is built once here.
 *
 * @example
 * const actors = createActorsStage(parseActorsLexicon(loadLexicons().actors ?? {}));
 * actors.run(article).people; // [{ name: 'Hirokazu Matsuno', actor: 'JPN', role: 'spokesman', mentions: [[…]] }]
 */
export function createActorsStage(lexicon: ActorsLexicon): Stage {
  const registry = buildRegistry(lexicon);
  const names = buildNameLexicon(lexicon);
  const isCountry = (code: string): boolean => registry.actors.get(code)?.kind === 'country';
  return {
    name: 'actors',
    requires: ['tokens'],
    provides: ['mentions', 'people', 'actors'],
    run(article) {
      const { text, tokens, sentences } = article;
      const keys = tokens.map((t) => normaliseKey(t.text));
      const actorMentions = findActorMentions(text, tokens, keys, sentences, registry);
      const view = createTokenView(text, tokens, keys, sentences, actorMentions);
      const drafts = findPeople(view, names);
      const descriptions = resolveDescriptions(view, drafts, names, isCountry);
      const people = toPeople(drafts, actorsLearned(descriptions, drafts.length));
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
