import type { ContextIndex } from './detect-contexts.js';
import type { Token } from '../../core/index.js';
import { TEXT_CUES, textCuesOf, wordId } from './parse-events-lexicon.js';
import type { EventsLexicon, TriggerEntry } from './parse-events-lexicon.js';
import { lemmaKey } from './match-triggers.js';

/**
 * What the lexicon knows about a word: the triggers it starts, the contexts it cues, whether it
 * names an issue, and its number if a pattern has it.
 */
export interface WordSense {
  readonly triggers: readonly TriggerEntry[];
  /** Positions in `ContextIndex.names`. */
  readonly contexts: readonly number[];
  readonly issue: boolean;
  /** The numbers (`wordId`) of the keys that are words of some trigger pattern: what word items match. */
  readonly words: readonly number[];
  /**
   * In a token's sense (`readSenses`): the bits (`TEXT_CUES`) of the cue sets that hold its
   * lower-case text ("which" is a hard boundary, "not" a negation), read with its senses instead of
   * looked up again wherever a clause or a pattern gap is walked. 0 in a word's own sense (`byWord`).
   */
  readonly cues: number;
}

/**
 * Every word the lexicon knows, by key: one lookup per key instead of one per table. Plurals and
 * a token's text are indexed too, so that reading an article makes no strings.
 */
export interface WordIndex {
  readonly byWord: ReadonlyMap<string, WordSense>;
  /** A known word of three or more letters plus -s → that word's sense: a token's singular key. */
  readonly byPlural: ReadonlyMap<string, WordSense>;
  /**
   * Lower-case text → the senses of a token that is its own lemma: its text's and its singular's,
   * merged, with the text's cue bits.
   */
  readonly byText: ReadonlyMap<string, WordSense>;
  /** Two senses merged (`merge`), by the first and the second: a token whose keys both hit makes no new lists. */
  readonly merged: Map<WordSense, Map<WordSense, WordSense>>;
}

const NONE: readonly never[] = [];

/**
 * Indexes the trigger first words, context cues and issue nouns of a lexicon by word, once per lexicon.
 *
 * @example
 * indexWords(lexicon, indexContexts(lexicon.contexts)).byWord.get('referendum'); // { triggers: [], contexts: [3], issue: true }
 */
export function indexWords(lexicon: EventsLexicon, contexts: ContextIndex): WordIndex {
  const patternWords = new Set<string>();
  for (const entry of lexicon.triggers)
    for (const item of entry.items)
      if (item.kind === 'word') for (const alt of item.alts) patternWords.add(alt);
  const words = new Set([
    ...lexicon.byFirstWord.keys(),
    ...contexts.byWord.keys(),
    ...lexicon.cues.issues,
    ...patternWords,
    ...Object.keys(TEXT_CUES).flatMap((name) => [...lexicon.cues[name as keyof typeof TEXT_CUES]]),
  ]);
  const byWord = new Map<string, WordSense>();
  for (const word of words) {
    byWord.set(word, {
      triggers: lexicon.byFirstWord.get(word) ?? NONE,
      contexts: contexts.byWord.get(word) ?? NONE,
      issue: lexicon.cues.issues.has(word),
      words: patternWords.has(word) ? [wordId(word)] : NONE,
      cues: 0,
    });
  }
  const byPlural = new Map<string, WordSense>();
  for (const [word, sense] of byWord) if (word.length >= 3) byPlural.set(`${word}s`, sense);
  const index = { byWord, byPlural, byText: new Map<string, WordSense>(), merged: new Map() };
  for (const text of new Set([...byWord.keys(), ...byPlural.keys()])) {
    const sense = add(index, byWord.get(text), byPlural.get(text));
    if (sense === undefined) continue;
    const cues = textCuesOf(lexicon.cues, text);
    index.byText.set(text, cues === 0 ? sense : { ...sense, cues });
  }
  return index;
}

/** A word the lexicon does not know. */
const UNKNOWN: WordSense = { triggers: NONE, contexts: NONE, issue: false, words: NONE, cues: 0 };

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

/**
 * The senses of a token's keys, in `tokenKeys` order, without listing them: a token that is not its
 * own lemma has its lemma's sense and its text's (`byText`: the text's and its singular's). Where
 * the singular is the lemma, its triggers are listed once all the same, and a context or word
 * listed twice counts once.
 */
function senseOf(token: Token, lemma: string, index: WordIndex): WordSense {
  const lower = token.lower;
  if (lemma === lower) return index.byText.get(lower) ?? UNKNOWN;
  return add(index, index.byWord.get(lemma), index.byText.get(lower)) ?? UNKNOWN;
}

function add(
  index: Pick<WordIndex, 'merged'>,
  sense: WordSense | undefined,
  more: WordSense | undefined,
): WordSense | undefined {
  if (more === undefined) return sense;
  if (sense === undefined) return more;
  let withFirst = index.merged.get(sense);
  if (withFirst === undefined) index.merged.set(sense, (withFirst = new Map()));
  let both = withFirst.get(more);
  if (both === undefined) withFirst.set(more, (both = merge(sense, more)));
  return both;
}

/**
 * Two keys' senses as one; a trigger indexed under both is listed once, in the first place.
 * `cues` are the second's: in a token's sense that is its text's (senseOf).
 */
function merge(a: WordSense, b: WordSense): WordSense {
  const triggers = [...a.triggers];
  for (const entry of b.triggers) if (!a.triggers.includes(entry)) triggers.push(entry);
  return {
    triggers,
    contexts: [...a.contexts, ...b.contexts],
    issue: a.issue || b.issue,
    words: [...a.words, ...b.words],
    cues: b.cues,
  };
}
