import type { Replacement } from './apply-replacements.js';
import {
  DIGIT,
  LETTER,
  MARK,
  UPPER,
  flagsAt,
  flagsOf,
  foldCode,
  hashRange,
  hashWord,
  wordSpans,
} from './char-classes.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import { removalRanges, splitParagraphs } from './split-lines.js';

/** Word 3-shingle Jaccard at or above which two paragraphs are copies. */
const JACCARD = 0.8;
/** Share of the later paragraph's shingles (or words in order) found in the earlier one. */
const CONTAINMENT = 0.9;
/** Longest common word sequence over the longer paragraph: same text, lightly reworded. */
const SEQUENCE = 0.8;
/** Share of the later paragraph's distinct words the earlier one must have to be compared further. */
const SHARED_WORDS = 0.7;
/** Paragraphs shorter than this (in words) must repeat exactly. */
const MIN_WORDS = 6;
/** Paragraphs shorter than this (in words) are never dropped: table cells, scores, "Here's why:". */
const MIN_EXACT_WORDS = 4;
/** How many earlier paragraphs a paragraph is compared with (exact copies are found anywhere). */
const MAX_COMPARED = 64;
/** Above this many word pairs the sequence comparison is skipped. */
const MAX_SEQUENCE_CELLS = 400_000;

const SENTENCE_OPENERS = '.!?:“"‘(—–';

/**
 * A paragraph as the step compares it. Every paragraph gets a word count, a hash of its words and a
 * signature in one pass over the text; the word ids and names are read only for the few paragraphs
 * whose signature says they may copy an earlier one.
 */
interface Paragraph {
  readonly start: number;
  readonly end: number;
  readonly wordCount: number;
  /** A hash of the word ids in order: equal for exact copies (confirmed word by word). */
  readonly hash: number;
  /** A 256-bit set of word-hash bits: a cheap first test of how many words two paragraphs share. */
  readonly signature: Int32Array;
  /** Word ids: hashes of the lower-cased words. */
  words?: Int32Array;
  /** Names and numbers: capitalised words not opening a sentence, and words with digits. */
  names?: Int32Array;
  /** The distinct words, built when the paragraph is first compared closely. */
  distinct?: Set<number>;
}

function distinctWords(p: Paragraph, read: (p: Paragraph) => Int32Array): Set<number> {
  p.distinct ??= new Set(read(p));
  return p.distinct;
}

/** True when `word`'s signature bit is set: the word may be in the paragraph. */
function mayHave(signature: Int32Array, word: number): boolean {
  return (signature[(word >>> 29) & 7]! & (1 << ((word >>> 24) & 31))) !== 0;
}

const SIGNATURE_WORDS = 8;

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Bits of `later`'s signature also set in `first`'s, and bits set in `later`'s. */
function signatureOverlap(first: Int32Array, later: Int32Array): [shared: number, total: number] {
  let shared = 0;
  let total = 0;
  for (let i = 0; i < SIGNATURE_WORDS; i++) {
    shared += popcount(first[i]! & later[i]!);
    total += popcount(later[i]!);
  }
  return [shared, total];
}

function lcsLength(a: Int32Array, b: Int32Array): number {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ai === b[j - 1]! ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function shingles(words: Int32Array): Set<number> {
  const out = new Set<number>();
  for (let i = 2; i < words.length; i++) {
    // a collision-tolerant key: exact enough for a similarity ratio
    out.add(
      Math.imul(words[i - 2]!, 73_856_093) ^
        Math.imul(words[i - 1]!, 19_349_663) ^
        Math.imul(words[i]!, 83_492_791),
    );
  }
  return out;
}

function sameWords(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Builds the step that drops a paragraph repeating an earlier one, exactly or nearly (word
 * 3-shingle Jaccard ≥ 0.8, containment ≥ 0.9, or the same words in order up to light rewording),
 * keeping the first. A later copy that names a person, place or number the first does not name
 * (other than a day or month) is a different paragraph and stays.
 *
 * @example
 * collapseRepeatedParagraphs(lexicon)('A b c d e f.\n\nA b c d e f.') // drops the second paragraph
 */
export function collapseRepeatedParagraphs(lexicon: CleanLexicon): (text: string) => Replacement[] {
  // keys cut to 30 bits: small integers, looked up without boxing
  const calendar = new Set([...lexicon.calendarWords].map((w) => hashWord(w, true) & 0x3fffffff));

  let text = '';
  /** Reads the word ids and names of `p` (once). */
  const read = (p: Paragraph): Int32Array => {
    if (p.words !== undefined) return p.words;
    const spans = wordSpans(text, LETTER | MARK | DIGIT, p.start, p.end);
    const words = new Int32Array(spans.length / 2);
    const names: number[] = [];
    for (let i = 0; i < spans.length; i += 2) {
      const ws = spans[i]!;
      const we = spans[i + 1]!;
      const id = hashRange(text, ws, we, true);
      words[i / 2] = id;
      const f = flagsAt(text, ws);
      if ((f & (UPPER | DIGIT)) === 0) continue;
      let hasDigit = (f & DIGIT) !== 0;
      for (let k = ws + 1; !hasDigit && k < we; k++) hasDigit = (flagsAt(text, k) & DIGIT) !== 0;
      if (hasDigit) {
        names.push(id);
      } else if (!calendar.has(id & 0x3fffffff)) {
        let k = ws - 1;
        while (k >= p.start && text.charCodeAt(k) === 0x20) k--;
        if (k >= p.start && !SENTENCE_OPENERS.includes(text[k]!)) names.push(id);
      }
    }
    p.words = words;
    p.names = new Int32Array(names);
    return words;
  };
  const namesOf = (p: Paragraph): Int32Array => {
    read(p);
    return p.names!;
  };

  const isCopy = (first: Paragraph, later: Paragraph): boolean => {
    if (later.wordCount < MIN_EXACT_WORDS) return false;
    if (first.hash === later.hash && sameWords(read(first), read(later))) return true;
    if (first.wordCount < MIN_WORDS || later.wordCount < MIN_WORDS) return false;
    // the first must be about as long as the later one, or longer (a truncated copy)
    if (first.wordCount < SEQUENCE * later.wordCount - 2) return false;
    const [sharedBits, laterBits] = signatureOverlap(first.signature, later.signature);
    if (sharedBits < SHARED_WORDS * laterBits) return false;
    for (const name of namesOf(later)) if (!mayHave(first.signature, name)) return false;
    const firstWords = distinctWords(first, read);
    const laterWords = distinctWords(later, read);
    let shared = 0;
    for (const w of laterWords) if (firstWords.has(w)) shared++;
    if (shared < SHARED_WORDS * laterWords.size) return false;
    for (const name of namesOf(later)) if (!firstWords.has(name)) return false;
    const a = shingles(read(first));
    const b = shingles(read(later));
    if (a.size > 0 && b.size > 0) {
      let common = 0;
      for (const s of b) if (a.has(s)) common++;
      if (common / (a.size + b.size - common) >= JACCARD || common / b.size >= CONTAINMENT) return true;
    }
    if (first.wordCount * later.wordCount > MAX_SEQUENCE_CELLS) return false;
    const lcs = lcsLength(read(first), read(later));
    return (
      lcs / Math.max(first.wordCount, later.wordCount) >= SEQUENCE || lcs / later.wordCount >= CONTAINMENT
    );
  };

  return (input) => {
    text = input;
    const ranges = splitParagraphs(text);
    const paragraphs: Paragraph[] = ranges.map(({ start, end }) => {
      // one pass: word count, the hash of the words in order, and the signature
      const signature = new Int32Array(SIGNATURE_WORDS);
      let wordCount = 0;
      let hash = 0;
      let i = start;
      while (i < end) {
        if ((flagsOf(text.charCodeAt(i)) & (LETTER | MARK | DIGIT)) === 0) {
          i++;
          continue;
        }
        // the word's folded hash as hashRange(text, start, end, true) gives it, in the same loop
        let w = 0x811c9dc5;
        for (let c = text.charCodeAt(i); i < end && (flagsOf(c) & (LETTER | MARK | DIGIT)) !== 0;) {
          w = Math.imul(w ^ foldCode(c), 0x01000193);
          c = text.charCodeAt(++i);
        }
        wordCount++;
        hash = Math.imul(hash ^ w, 0x01000193);
        const slot = (w >>> 29) & 7;
        signature[slot] = signature[slot]! | (1 << ((w >>> 24) & 31));
      }
      // a small integer key; copies are confirmed word by word
      return { start, end, wordCount, hash: Math.imul(hash ^ wordCount, 0x01000193) & 0x3fffffff, signature };
    });

    const runs: [number, number][] = [];
    const kept: Paragraph[] = [];
    const byHash = new Map<number, Paragraph[]>();
    paragraphs.forEach((p, i) => {
      // exact copies anywhere; near copies among the last MAX_COMPARED paragraphs kept
      const h = p.hash;
      const same = byHash.get(h);
      let copy =
        p.wordCount >= MIN_EXACT_WORDS &&
        same !== undefined &&
        same.some((k) => k.wordCount === p.wordCount && sameWords(read(k), read(p)));
      for (let k = kept.length - 1; !copy && k >= 0 && k >= kept.length - MAX_COMPARED; k--) {
        copy = isCopy(kept[k]!, p);
      }
      if (copy) {
        runs.push([i, i]);
      } else {
        kept.push(p);
        if (same === undefined) byHash.set(h, [p]);
        else same.push(p);
      }
    });
    text = ''; // hold no article between calls
    return removalRanges(ranges, runs).map(([start, end]) => ({
      start,
      end,
      text: '',
      kind: 'drop-duplicate-paragraph',
    }));
  };
}
