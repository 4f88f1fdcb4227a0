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
/** A noun of a body (`bodies`: "ministry", "government"). */
export const BODY = 128;
/** A noun of a group of people (`groups`: "officials", "protesters"). */
export const GROUP = 256;
/** A noun of a document (`documents`: "statement", "report"). */
export const DOCUMENT = 512;
/** A word or mark that opens a clause of its own before a cue (CLAUSE_OPENERS: "that", "because", ";"). */
export const STOP_BACK = 1024;
/** A reporting verb (`verbs`: "said", "warned"). */
export const REPORTING_VERB = 2048;
/** A verb that is a cue only before a topic (`topicVerbs`: "spoke", "talked"). */
export const TOPIC_VERB = 4096;
/** A verb that is a cue only beside a quotation (`quoteVerbs`: "continued"). */
export const QUOTE_VERB = 8192;
/** A predicative adjective of view (`clauseAdjectives`, `infinitiveAdjectives` or `topicAdjectives`: "sure", "critical"). */
export const VIEW_ADJECTIVE = 16384;

/** Words and marks that open a clause before a cue: walking back from a cue for its subject stops there. */
const CLAUSE_OPENERS = [
  'that',
  'while',
  'after',
  'before',
  'unless',
  'until',
  'if',
  'where',
  'but',
  'because',
  'although',
  'though',
  'since',
  'when',
  'whereas',
  ';',
  ':',
  '—',
  '–',
  '―',
];

/** The lexicon sets the per-token scans test, folded into one map of flags per word (built once per lexicon). */
const flagsByLexicon = new WeakMap<QuotesLexicon, WordFlags>();

/** The flags of every flagged word of a lexicon (see wordFlagsOf). */
export interface WordFlags {
  readonly map: ReadonlyMap<string, number>;
  /** Shortest and longest flagged word: tokens of other lengths need no lookup. */
  readonly minLength: number;
  readonly maxLength: number;
  /**
   * A bit per sieve bucket (see sieveBucket) that some flagged word falls in: most tokens ("the", "of", "weather")
   * land in an empty bucket and need no map lookup.
   */
  readonly sieve: Uint8Array;
}

/** Buckets of the sieve: far more than flagged words, so that few buckets are taken. */
const SIEVE_BITS = 14;

/** The sieve bucket of a word of at least one character: its length and its first, middle and last characters, mixed. */
function sieveBucket(word: string): number {
  const n = word.length;
  const h = ((n * 31 + word.charCodeAt(0)) * 31 + word.charCodeAt(n >> 1)) * 31 + word.charCodeAt(n - 1);
  return Math.imul(h, 0x9e3779b1) >>> (32 - SIEVE_BITS);
}

/**
 * The word flags of a lexicon, so that the scans of the stage (cues, impersonal views, noun cues, roles, bodies)
 * test a bit per token instead of looking each token up in several sets.
 *
 * @example
 * const flags = wordFlagsOf(lexicon);
 * (flagsOfWord(flags, 'said') & CUE_WORD) !== 0; // true
 */
export function wordFlagsOf(lexicon: QuotesLexicon): WordFlags {
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
  mark(lexicon.bodies, BODY);
  mark(lexicon.groups, GROUP);
  mark(lexicon.documents, DOCUMENT);
  mark(CLAUSE_OPENERS, STOP_BACK);
  mark(lexicon.verbs, REPORTING_VERB);
  mark(lexicon.topicVerbs, TOPIC_VERB);
  mark(lexicon.quoteVerbs, QUOTE_VERB);
  mark(lexicon.clauseAdjectives, VIEW_ADJECTIVE);
  mark(lexicon.infinitiveAdjectives, VIEW_ADJECTIVE);
  mark(lexicon.topicAdjectives, VIEW_ADJECTIVE);
  let minLength = Infinity;
  let maxLength = 0;
  const sieve = new Uint8Array(1 << SIEVE_BITS);
  for (const w of map.keys()) {
    minLength = Math.min(minLength, w.length);
    maxLength = Math.max(maxLength, w.length);
    if (w.length > 0) sieve[sieveBucket(w)] = 1;
  }
  flags = { map, minLength, maxLength, sieve };
  flagsByLexicon.set(lexicon, flags);
  return flags;
}

/**
 * The flags of a lower-cased word (0 for none), with one lookup at most.
 *
 * @example
 * flagsOfWord(wordFlagsOf(lexicon), token.lower);
 */
export function flagsOfWord(flags: WordFlags, lower: string): number {
  if (lower.length < flags.minLength || lower.length > flags.maxLength) return 0;
  return flags.sieve[sieveBucket(lower)] === 1 ? (flags.map.get(lower) ?? 0) : 0;
}
