import type { Article, Token } from '../../core/index.js';
import type { MarkSpan } from './pair-quote-marks.js';
import type { QuotesLexicon } from './parse-quotes-lexicon.js';
import { flagsOfWord, wordFlagsOf } from './word-flags.js';

/** Token-level view of the quotation spans: which quote each token sits in, and attribution units. */
export interface QuoteLayout {
  /** Quote index (into the mark spans) of each token, or -1 for tokens outside quotes. */
  readonly quoteOf: Int32Array;
  /** Attribution unit of each token: a sentence read outside the quotes. */
  readonly unitOf: Int32Array;
  /** First and one-past-last token of every unit. */
  readonly units: readonly (readonly [number, number])[];
  /** First and one-past-last token of every quote span (marks included). */
  readonly quoteTokens: readonly (readonly [number, number])[];
  /** Per unit: first word token outside quotes, first token inside a quote, first verb outside quotes (-1 when none). */
  readonly firstWord: Int32Array;
  readonly firstQuote: Int32Array;
  readonly firstVerb: Int32Array;
  /** Lexicon flags of each token's lower-cased form (see word-flags.ts). */
  readonly wordFlags: Uint16Array;
}

const LINE_END = /[.!?…:;”"»’')」』«。]$/;
const QUOTE_TOKEN = /^[“”"«»„‘’'‹›「」『』‚]+$/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Int32 arrays of token length in a layout's backing store (quoteOf, unitOf, firstWord, firstQuote, firstVerb). */
const PER_TOKEN_INTS = 5;

/**
 * Index of the first token whose end is after character offset `pos` (binary search).
 *
 * @example
 * tokenAfter(article, quote.open); // the token of the opening mark
 */
export function tokenAfter(article: Article, pos: number): number {
  const tokens = article.tokens;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether text[from, to) holds a line break (the gap between two tokens: a few characters).
 *
 * @example
 * hasLineBreak('Roe\nThe', 3, 4); // true
 */
export function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/**
 * Lays the quotation spans over the tokens and cuts the article into attribution
 * units: sentences as read outside the quotes, so that a quote of three sentences
 * and the cue after it ("“… .”assured the UN chief") stay one unit.
 *
 * @example
 * const layout = buildUnits(article, pairQuoteMarks(article.text), lexicon);
 * layout.unitOf[tokenIndex]; // unit of that token
 */
export function buildUnits(
  article: Article,
  marks: readonly MarkSpan[],
  lexicon: QuotesLexicon,
): QuoteLayout {
  const { tokens } = article;
  const n = tokens.length;
  // one backing store for all the arrays of the layout: allocating typed arrays one by one costs more than filling them
  const buffer = new ArrayBuffer(PER_TOKEN_INTS * 4 * n + 2 * n);
  const quoteOf = new Int32Array(buffer, 0, n).fill(-1);
  const unitOf = new Int32Array(buffer, 4 * n, n);
  // per unit, filled in the same pass that cuts the units (at most one unit per token)
  const firstWord = new Int32Array(buffer, 8 * n, n).fill(-1);
  const firstQuote = new Int32Array(buffer, 12 * n, n).fill(-1);
  const firstVerb = new Int32Array(buffer, 16 * n, n).fill(-1);
  const wordFlags = new Uint16Array(buffer, PER_TOKEN_INTS * 4 * n, n);
  const lexiconFlags = wordFlagsOf(lexicon);
  const quoteTokens: [number, number][] = [];
  let first = 0;
  for (let q = 0; q < marks.length; q++) {
    const m = marks[q]!;
    const end = m.close === null ? m.contentEnd : m.close + 1;
    // marks come in text order: walk on from the last one's first token (every token before it ends before this
    // mark too) rather than search all the tokens again
    if (q > 0 && m.open >= marks[q - 1]!.open) {
      while (first < tokens.length && tokens[first]!.end <= m.open) first++;
    } else first = tokenAfter(article, m.open);
    let last = first;
    while (last < tokens.length && tokens[last]!.start < end) {
      quoteOf[last] = q;
      last++;
    }
    quoteTokens.push([first, last]);
  }
  const units: [number, number][] = [];
  let unitStart = 0;
  let u = 0;
  let prev: Token | undefined;
  for (let i = 0; i < n; i++) {
    const cur = tokens[i]!;
    if (prev !== undefined && breaksBefore(article, marks, lexicon, quoteOf, i, prev, cur)) {
      units.push([unitStart, i]);
      unitStart = i;
      u++;
    }
    unitOf[i] = u;
    // (read here, in the one pass over the tokens, rather than in a pass of its own)
    wordFlags[i] = flagsOfWord(lexiconFlags, cur.lower);
    prev = cur;
    if (quoteOf[i] !== -1) {
      if (firstQuote[u] === -1) firstQuote[u] = i;
      continue;
    }
    if (firstWord[u] === -1 && WORD_CHAR.test(cur.text)) firstWord[u] = i;
    if (firstVerb[u] === -1 && cur.pos === 'VERB') firstVerb[u] = i;
  }
  if (n > 0) units.push([unitStart, n]);
  return {
    quoteOf,
    unitOf,
    units,
    quoteTokens,
    firstWord: firstWord.subarray(0, units.length),
    firstQuote: firstQuote.subarray(0, units.length),
    firstVerb: firstVerb.subarray(0, units.length),
    wordFlags,
  };
}

/** Whether a unit starts at token `i` (`cur`), after `prev` (module-level, not a closure made per article: see SpeakerReading). */
function breaksBefore(
  article: Article,
  marks: readonly MarkSpan[],
  lexicon: QuotesLexicon,
  quoteOf: Int32Array,
  i: number,
  prev: Token,
  cur: Token,
): boolean {
  const { tokens, text } = article;
  const pq = quoteOf[i - 1]!;
  const cq = quoteOf[i]!;
  if (pq !== -1 && pq === cq) return false; // inside one quote
  if (pq !== -1 && cq !== -1 && marks[cq]!.continues === pq) return true;
  const newSentence = prev.sentence !== cur.sentence;
  const gapStart = prev.end;
  const gapEnd = cur.start;
  if (gapEnd > gapStart && hasLineBreak(text, gapStart, gapEnd)) {
    if (/\n\s*\n/.test(text.slice(gapStart, gapEnd))) return true;
    if (QUOTE_TOKEN.test(cur.text)) return true;
    if (LINE_END.test(prev.text)) return true;
    // a line break the tagger reads as mid-sentence (the clean stage unwraps hard-wrapped lines) does not end the unit
    return newSentence;
  }
  if (!newSentence) return false;
  // "John Roe (R-Fla.) said": the tagger split the sentence, but a sentence never starts in lower case
  if (/^\p{Ll}/u.test(cur.text) && cq === -1) return false;
  // "said RADM. Takahiro Nishiyama", "Mr. Maduro": an abbreviation does not end the sentence
  const bare = prev.lower.replace(/\.$/, '');
  const dotted = prev.text.endsWith('.') || text[prev.end] === '.';
  // (a title written out ends its sentence like any word: "… met the president. Clinton said")
  if (dotted && (lexicon.abbreviations.has(bare) || /^\p{Lu}$/u.test(bare))) return false;
  if (prev.text === '.') {
    const before = tokens[i - 2];
    const word = before?.lower ?? '';
    if (before !== undefined && (lexicon.abbreviations.has(word) || /^\p{Lu}$/u.test(before.text)))
      return false;
  }
  if (pq !== -1 && cq === -1) {
    // a sentence break right after a closing mark only counts before a capital
    return /^[\p{Lu}“"«„‘「»]/u.test(cur.text);
  }
  return true;
}
