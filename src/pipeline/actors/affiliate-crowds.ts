import type { Mention, Token } from '../../core/index.js';
import { WORD_CLASS } from './classify-words.js';
import { createMention, withActor } from './create-mention.js';

/** Kinds of mention that, right before a crowd word, say whose crowd it is ("KKE protesters", "Malian demonstrators"). */
const AFFILIATIONS = new Set<Mention['kind']>(['group', 'demonym', 'country', 'organisation']);

/** Kinds of mention that, right before a crowd noun, make it the state's act. */
const STATES = new Set<Mention['kind']>(['country', 'capital', 'institution']);

/** How many words before a crowd noun a blocker ("lodged a formal protest") may stand. */
const BLOCKER_WINDOW = 3;
/** (Read once: an imported binding read in a loop may cost a call each time.) */
const CROWD_NOUN = WORD_CLASS.crowdNoun;

/** The crowd code and the nouns of a crowd's act, built once per lexicon. */
export interface CrowdLexicon {
  readonly code: string;
  readonly nouns: ReadonlySet<string>;
  readonly blockers: ReadonlySet<string>;
}

/**
 * Finds crowds and gives them the affiliation the article states:
 * - a crowd noun ("mass protests", "a demonstration"; a noun, not after "lodged", "in", … ) that no
 *   other mention covers stands for the crowd (`lexicon.code`, e.g. NSA:Protesters);
 * - a crowd mention right after a group, demonym or state ("KKE protesters", "Malian
 *   demonstrators") stands for that actor, and so does every later crowd mention ("the
 *   protesters") when the article stated only one affiliation so far.
 * Returns a new array, in text order. `classes` (the tokens' `WORD_CLASS` bits), when given, spare
 * reading the tokens that are no crowd noun.
 *
 * @example
 * affiliateCrowds(mentions, text, tokens, keys, lexicon); // "KKE protesters … The protesters" → both NSA:KKE
 */
export function affiliateCrowds(
  mentions: readonly Mention[],
  text: string,
  tokens: readonly Token[],
  keys: readonly string[],
  lexicon: CrowdLexicon,
  classes?: Uint16Array,
): Mention[] {
  const crowd = lexicon.code;
  const nouns = crowdNouns(mentions, text, tokens, keys, lexicon, classes);
  const all = nouns.length === 0 ? mentions : [...mentions, ...nouns].sort(byStart);
  const out = [...all];
  const stated: string[] = [];
  for (let index = 0; index < out.length; index++) {
    const mention = out[index]!;
    if (mention.actor !== crowd) continue;
    const prev = all[index - 1];
    if (
      prev &&
      prev.actor !== null &&
      prev.actor !== crowd &&
      AFFILIATIONS.has(prev.kind) &&
      /^\s+$/.test(text.slice(prev.span[1], mention.span[0]))
    ) {
      if (!stated.includes(prev.actor)) stated.push(prev.actor);
      out[index] = withActor(mention, prev.actor);
    } else if (stated.length === 1) {
      out[index] = withActor(mention, stated[0]!);
    }
  }
  return out;
}

function byStart(a: Mention, b: Mention): number {
  return a.span[0] - b.span[0];
}

function crowdNouns(
  mentions: readonly Mention[],
  text: string,
  tokens: readonly Token[],
  keys: readonly string[],
  lexicon: CrowdLexicon,
  classes: Uint16Array | undefined,
): Mention[] {
  const out: Mention[] = [];
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (classes !== undefined && (classes[i]! & CROWD_NOUN) === 0) continue;
    const token = tokens[i]!;
    if (token.pos !== 'NOUN' || !lexicon.nouns.has(keys[i]!)) continue;
    while (m < mentions.length && mentions[m]!.span[1] <= token.start) m++;
    if (m < mentions.length && mentions[m]!.span[0] < token.end) continue;
    // "Ecuador protests the decision": a state's act (or a verb), not a crowd
    const before = m > 0 ? mentions[m - 1] : undefined;
    if (before && STATES.has(before.kind) && /^\s+$/.test(text.slice(before.span[1], token.start))) continue;
    let blocked = false;
    for (let k = i - 1; k >= 0 && k >= i - BLOCKER_WINDOW && tokens[k]!.sentence === token.sentence; k--) {
      if (lexicon.blockers.has(keys[k]!)) blocked = true;
    }
    if (blocked) continue;
    out.push(
      createMention(
        [token.start, token.end],
        text.slice(token.start, token.end),
        'group',
        lexicon.code,
        null,
        token.sentence,
      ),
    );
  }
  return out;
}
