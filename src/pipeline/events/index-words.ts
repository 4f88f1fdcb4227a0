import type { ContextIndex } from './detect-contexts.js';
import type { Token } from '../../core/index.js';
import type { EventsLexicon, TriggerEntry } from './parse-events-lexicon.js';

/** What the lexicon knows about a word: the triggers it starts, the contexts it cues, whether it names an issue. */
export interface WordSense {
  readonly triggers: readonly TriggerEntry[];
  /** Positions in `ContextIndex.names`. */
  readonly contexts: readonly number[];
  readonly issue: boolean;
}

/** Every word the lexicon knows, by key: one lookup per key instead of one per table. */
export type WordIndex = ReadonlyMap<string, WordSense>;

const NONE: readonly never[] = [];

/**
 * Indexes the trigger first words, context cues and issue nouns of a lexicon by word, once per lexicon.
 *
 * @example
 * indexWords(lexicon, indexContexts(lexicon.contexts)).get('referendum'); // { triggers: [], contexts: [3], issue: true }
 */
export function indexWords(lexicon: EventsLexicon, contexts: ContextIndex): WordIndex {
  const words = new Set([...lexicon.byFirstWord.keys(), ...contexts.byWord.keys(), ...lexicon.cues.issues]);
  const index = new Map<string, WordSense>();
  for (const word of words) {
    index.set(word, {
      triggers: lexicon.byFirstWord.get(word) ?? NONE,
      contexts: contexts.byWord.get(word) ?? NONE,
      issue: lexicon.cues.issues.has(word),
    });
  }
  return index;
}

/** A word the lexicon does not know. */
const UNKNOWN: WordSense = { triggers: NONE, contexts: NONE, issue: false };

/**
 * What the lexicon knows about each token: the senses of its keys (`tokenKeys`) merged, in key order;
 * `lemmas[i]` is the first key of token `i` (`lemmaKey`), read once per article.
 *
 * @example
 * readSenses(article.tokens, article.tokens.map(lemmaKey), index)[4]; // { triggers: [{ type: 'REJECT', … }], contexts: [], issue: false }
 */
export function readSenses(
  tokens: readonly Token[],
  lemmas: readonly string[],
  index: WordIndex,
): WordSense[] {
  const out = new Array<WordSense>(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = senseOf(tokens[i]!, lemmas[i]!, index);
  return out;
}

/** The senses of a token's keys, in `tokenKeys` order, without listing them. */
function senseOf(token: Token, lemma: string, index: WordIndex): WordSense {
  const lower = token.lower;
  const singular = lower.length > 3 && lower.endsWith('s') ? lower.slice(0, -1) : lower;
  let sense = index.get(lemma);
  if (lemma !== lower) sense = add(sense, index.get(lower));
  if (singular !== lower && singular !== lemma) sense = add(sense, index.get(singular));
  return sense ?? UNKNOWN;
}

function add(sense: WordSense | undefined, more: WordSense | undefined): WordSense | undefined {
  if (more === undefined) return sense;
  return sense === undefined ? more : merge(sense, more);
}

/** Two keys' senses as one; a trigger indexed under both is listed once, in the first place. */
function merge(a: WordSense, b: WordSense): WordSense {
  const triggers = [...a.triggers];
  for (const entry of b.triggers) if (!a.triggers.includes(entry)) triggers.push(entry);
  return { triggers, contexts: [...a.contexts, ...b.contexts], issue: a.issue || b.issue };
}
