import type { Token } from '../../core/index.js';
import type { QuotesLexicon } from './parse-quotes-lexicon.js';

/** A reporting cue word (`cueWords`) or "quoted". */
export const CUE_WORD = 1;
/** A verb of seeming (`seemVerbs`: "seems", "appears"). */
export const SEEM_VERB = 2;
/** An adjective of impersonal view (`impersonalAdjectives`: "likely", "clear"). */
export const IMPERSONAL_ADJECTIVE = 4;
/** A participle of passive view (`passiveViews`: "expected", "considered"). */
export const PASSIVE_VIEW = 8;

/** A noun cue (`nouns`: "claim", "warning"). */
export const NOUN_CUE = 16;
/** A noun that is a cue before some topic preposition (any word of `nounTopics`). */
export const TOPIC_NOUN = 32;
/** A role noun of a person (`personRoles`: "spokesman", "minister"). */
export const PERSON_ROLE = 64;

/** The lexicon sets the per-token scans test, folded into one map of flags per word (built once per lexicon). */
const flagsByLexicon = new WeakMap<QuotesLexicon, WordFlags>();

interface WordFlags {
  readonly map: ReadonlyMap<string, number>;
  /** Shortest and longest flagged word: tokens of other lengths (most of "the", ",", "a") need no lookup. */
  readonly minLength: number;
  readonly maxLength: number;
}

function flagsOf(lexicon: QuotesLexicon): WordFlags {
  let flags = flagsByLexicon.get(lexicon);
  if (flags !== undefined) return flags;
  const map = new Map<string, number>();
  const mark = (words: Iterable<string>, flag: number): void => {
    for (const w of words) map.set(w, (map.get(w) ?? 0) | flag);
  };
  mark(lexicon.cueWords, CUE_WORD);
  mark(['quoted'], CUE_WORD);
  mark(lexicon.seemVerbs, SEEM_VERB);
  mark(lexicon.impersonalAdjectives, IMPERSONAL_ADJECTIVE);
  mark(lexicon.passiveViews, PASSIVE_VIEW);
  mark(lexicon.nouns, NOUN_CUE);
  for (const words of lexicon.nounTopics.values()) mark(words, TOPIC_NOUN);
  mark(lexicon.personRoles, PERSON_ROLE);
  let minLength = Infinity;
  let maxLength = 0;
  for (const w of map.keys()) {
    minLength = Math.min(minLength, w.length);
    maxLength = Math.max(maxLength, w.length);
  }
  flags = { map, minLength, maxLength };
  flagsByLexicon.set(lexicon, flags);
  return flags;
}

/**
 * Writes into `out` the lexicon flags of the lower-cased form of every token, read with one lookup per token so
 * that the scans of the stage (cues, impersonal views, noun cues, roles) test a bit instead of looking each token
 * up in several sets.
 *
 * @example
 * const flags = readWordFlags(new Uint8Array(tokens.length), tokens, lexicon);
 * (flags[i]! & CUE_WORD) !== 0; // token i is a cue word
 */
export function readWordFlags(out: Uint8Array, tokens: readonly Token[], lexicon: QuotesLexicon): Uint8Array {
  const { map, minLength, maxLength } = flagsOf(lexicon);
  for (let i = 0; i < tokens.length; i++) {
    const lower = tokens[i]!.lower;
    if (lower.length >= minLength && lower.length <= maxLength) out[i] = map.get(lower) ?? 0;
  }
  return out;
}
