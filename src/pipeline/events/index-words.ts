import type { ContextIndex } from './detect-contexts.js';
import type { Token } from '../../core/index.js';
import type { EventsLexicon, TriggerEntry } from './parse-events-lexicon.js';
import { lemmaKey } from './match-triggers.js';

/** What the lexicon knows about a word: the triggers it starts, the contexts it cues, whether it names an issue. */
export interface WordSense {
  readonly triggers: readonly TriggerEntry[];
  /** Positions in `ContextIndex.names`. */
  readonly contexts: readonly number[];
  readonly issue: boolean;
}

/**
 * Every word the lexicon knows, by key: one lookup per key instead of one per table. Plurals and
 * a token's text are indexed too, so that reading an article makes no strings.
 */
export interface WordIndex {
  readonly byWord: ReadonlyMap<string, WordSense>;
  /** A known word of three or more letters plus -s (pluralsOf) → that word's sense: a token's singular key. */
  readonly byPlural: ReadonlyMap<string, WordSense>;
  /** Lower-case text → the senses of a token that is its own lemma: its text's and its singular's, merged. */
  readonly byText: ReadonlyMap<string, WordSense>;
}

const NONE: readonly never[] = [];

/**
 * Indexes the trigger first words, context cues and issue nouns of a lexicon by word, once per lexicon.
 *
 * @example
 * indexWords(lexicon, indexContexts(lexicon.contexts)).byWord.get('referendum'); // { triggers: [], contexts: [3], issue: true }
 */
export function indexWords(lexicon: EventsLexicon, contexts: ContextIndex): WordIndex {
  const words = new Set([...lexicon.byFirstWord.keys(), ...contexts.byWord.keys(), ...lexicon.cues.issues]);
  const byWord = new Map<string, WordSense>();
  for (const word of words) {
    byWord.set(word, {
      triggers: lexicon.byFirstWord.get(word) ?? NONE,
      contexts: contexts.byWord.get(word) ?? NONE,
      issue: lexicon.cues.issues.has(word),
    });
  }
  const byPlural = new Map<string, WordSense>();
  for (const [word, sense] of byWord) if (word.length >= 3) byPlural.set(`${word}s`, sense);
  const byText = new Map<string, WordSense>();
  for (const text of new Set([...byWord.keys(), ...byPlural.keys()])) {
    const sense = add(byWord.get(text), byPlural.get(text));
    if (sense !== undefined) byText.set(text, sense);
  }
  return { byWord, byPlural, byText };
}

/** A word the lexicon does not know. */
const UNKNOWN: WordSense = { triggers: NONE, contexts: NONE, issue: false };

/**
 * What the lexicon knows about each token, read once per article in one pass: `lemmas[i]`, the
 * first key of token `i` (`lemmaKey`), and `senses[i]`, the senses of its keys (`tokenKeys`)
 * merged, in key order.
 *
 * @example
 * readSenses(article.tokens, index).senses[4]; // { triggers: [{ type: 'REJECT', … }], contexts: [], issue: false }
 */
export function readSenses(
  tokens: readonly Token[],
  index: WordIndex,
): { lemmas: string[]; senses: WordSense[] } {
  const lemmas: string[] = [];
  const senses: WordSense[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lemma = lemmaKey(token);
    lemmas.push(lemma);
    senses.push(senseOf(token, lemma, index));
  }
  return { lemmas, senses };
}

/** The senses of a token's keys, in `tokenKeys` order, without listing them. */
function senseOf(token: Token, lemma: string, index: WordIndex): WordSense {
  const lower = token.lower;
  if (lemma === lower) return index.byText.get(lower) ?? UNKNOWN;
  let sense = add(index.byWord.get(lemma), index.byWord.get(lower));
  // the singular (the text less its -s) is a key of its own unless it is the lemma
  const singular = lower.endsWith('s') ? index.byPlural.get(lower) : undefined;
  if (singular !== undefined && !(lemma.length === lower.length - 1 && lower.startsWith(lemma)))
    sense = add(sense, singular);
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
