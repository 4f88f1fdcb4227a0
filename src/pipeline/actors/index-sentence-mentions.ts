import type { Mention } from '../../core/index.js';
import type { TokenView } from './read-name-context.js';

/** The mentions of one sentence: indexes into the article's mentions and their token ranges. */
export interface SentenceMentions {
  readonly indexes: readonly number[];
  /** First token and one-past-last token of each mention. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** Mentions by sentence, computed on first use: `of(s)`, and the mention covering a token. */
export interface SentenceMentionIndex {
  of(sentence: number): SentenceMentions;
  /** Index of the first mention (in text order) covering token `t`, or -1. */
  coveringToken(t: number): number;
}

/**
 * Index of the first mention of `sentence` in mentions sorted in text order (bisection), or where it
 * would be: the sentence's own mentions follow it.
 *
 * @example
 * for (let m = firstMentionOfSentence(mentions, 3); mentions[m]?.sentence === 3; m++) read(mentions[m]);
 */
export function firstMentionOfSentence(mentions: readonly Mention[], sentence: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.sentence < sentence) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Indexes the mentions (in text order) of an article by sentence, lazily, so that resolvers
 * that look at a few sentences pay for those only.
 *
 * @example
 * const index = indexSentenceMentions(view, mentions);
 * index.of(3).indexes; // the mentions of sentence 3
 */
export function indexSentenceMentions(view: TokenView, mentions: readonly Mention[]): SentenceMentionIndex {
  return new MentionIndex(view, mentions);
}

/** A class rather than an object of closures made per article (docs/scaling.md: "Full collections also cost compilation"). */
class MentionIndex implements SentenceMentionIndex {
  readonly #cache = new Map<number, SentenceMentions>();

  constructor(
    readonly view: TokenView,
    readonly mentions: readonly Mention[],
  ) {}

  of(sentence: number): SentenceMentions {
    let found = this.#cache.get(sentence);
    if (found) return found;
    const { view, mentions } = this;
    const lo = firstMentionOfSentence(mentions, sentence);
    const { tokenStart, tokenEnd } = view.sentences[sentence]!;
    const indexes: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let m = lo; m < mentions.length && mentions[m]!.sentence === sentence; m++) {
      const span = mentions[m]!.span;
      indexes.push(m);
      starts.push(tokenAt(view, span[0], tokenStart, tokenEnd));
      ends.push(tokenAt(view, span[1] - 1, tokenStart, tokenEnd) + 1);
    }
    found = { indexes, starts, ends };
    this.#cache.set(sentence, found);
    return found;
  }

  coveringToken(t: number): number {
    const { indexes, starts, ends } = this.of(this.view.tokens[t]!.sentence);
    for (let k = 0; k < indexes.length; k++) if (starts[k]! <= t && t < ends[k]!) return indexes[k]!;
    return -1;
  }
}

/** Index of the token (of [first, limit)) holding character `offset`. */
function tokenAt(view: TokenView, offset: number, first: number, limit: number): number {
  const { tokens } = view;
  let lo = first;
  let hi = limit - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
