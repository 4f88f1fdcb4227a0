import type { Replacement } from './apply-replacements.js';
import {
  DIGIT,
  FNV_OFFSET,
  FNV_PRIME,
  KEY_MASK,
  LETTER,
  MARK,
  UPPER,
  charInfo,
  flagsAt,
  hashWord,
} from './char-classes.js';
import { IntBuffer } from './int-buffer.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import { removalRanges, splitParagraphs } from './split-lines.js';
import type { ParagraphRange } from './split-lines.js';

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

/** Per paragraph, the words and derived lists are ranges of shared buffers: `from[p]`, `count[p]`. */
const NOT_READ = -1;

/** True when `word`'s signature bit is set in the signature at `at`: the word may be in the paragraph. */
function mayHave(signatures: Int32Array, at: number, word: number): boolean {
  return (signatures[at + ((word >>> 29) & 7)]! & (1 << ((word >>> 24) & 31))) !== 0;
}

/** Int32 words per signature: 256 bits. */
const SIGNATURE_WORDS = 8;

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * A set of int32 keys with a small mark each (open addressing over typed arrays kept between
 * calls): emptied in constant time by moving to a new generation, so comparing two paragraphs
 * builds no Set and sorts nothing.
 */
class MarkedSet {
  #keys = new Int32Array(256);
  #marks = new Uint8Array(256);
  #generations = new Int32Array(256);
  #generation = 1;
  #mask = 255;

  /** Empties the set, with room for `count` keys. */
  clear(count: number): void {
    if (2 * count > this.#keys.length || this.#generation === 0x3fffffff) {
      let size = this.#keys.length;
      while (size < 2 * count) size *= 2;
      this.#keys = new Int32Array(size);
      this.#marks = new Uint8Array(size);
      this.#generations = new Int32Array(size);
      this.#generation = 0;
      this.#mask = size - 1;
    }
    this.#generation++;
  }

  #slot(key: number): number {
    const mask = this.#mask;
    let slot = key & mask;
    while (this.#generations[slot] === this.#generation && this.#keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** The mark of `key`, 0 when absent. */
  mark(key: number): number {
    const slot = this.#slot(key);
    return this.#generations[slot] === this.#generation ? this.#marks[slot]! : 0;
  }

  /** Sets the mark of `key` (a non-zero one), adding the key when absent. */
  setMark(key: number, mark: number): void {
    const slot = this.#slot(key);
    this.#generations[slot] = this.#generation;
    this.#keys[slot] = key;
    this.#marks[slot] = mark;
  }
}

/** Marks of MarkedSet: a key of the first paragraph, a key of the later one. */
const IN_FIRST = 1;
const IN_LATER = 2;

/** The word 3-shingle of the words ids[i - 2], ids[i - 1], ids[i]. */
function shingle(ids: Int32Array, i: number): number {
  // a collision-tolerant key: exact enough for a similarity ratio
  return (
    Math.imul(ids[i - 2]!, 73_856_093) ^ Math.imul(ids[i - 1]!, 19_349_663) ^ Math.imul(ids[i]!, 83_492_791)
  );
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
  const calendar = new Set([...lexicon.calendarWords].map((w) => hashWord(w, true) & KEY_MASK));

  let text = '';
  let ranges: ParagraphRange[] = [];
  // the article's words, paragraph after paragraph: folded-hash ids and where each stands
  const words = new IntBuffer();
  const wordStarts = new IntBuffer();
  const wordEnds = new IntBuffer();
  // the signatures of the paragraphs, SIGNATURE_WORDS values each
  const signatures = new IntBuffer();
  // the names and numbers of the paragraphs compared closely, read once each
  const lists = new IntBuffer();
  const table = new ParagraphTable();
  const byHash = new Map<number, number>();
  const kept = new IntBuffer();
  const set = new MarkedSet();
  let prevRow = new Int32Array(256);
  let curRow = new Int32Array(256);

  function sameWords(a: number, b: number): boolean {
    const n = table.wordCount[a]!;
    if (n !== table.wordCount[b]) return false;
    const ids = words.data;
    const fa = table.firstWord[a]!;
    const fb = table.firstWord[b]!;
    for (let i = 0; i < n; i++) if (ids[fa + i] !== ids[fb + i]) return false;
    return true;
  }

  /**
   * Puts the names and numbers of paragraph `p` in `lists` (once): capitalised words not opening
   * a sentence, and words with digits.
   */
  function readNames(p: number): void {
    if (table.namesAt[p] !== NOT_READ) return;
    const n = table.wordCount[p]!;
    const at = lists.length;
    lists.reserve(n);
    const first = table.firstWord[p]!;
    const paragraphStart = ranges[p]!.start;
    let count = 0;
    for (let i = first; i < first + n; i++) {
      const ws = wordStarts.data[i]!;
      const we = wordEnds.data[i]!;
      const id = words.data[i]!;
      const f = flagsAt(text, ws);
      if ((f & (UPPER | DIGIT)) === 0) continue;
      let hasDigit = (f & DIGIT) !== 0;
      for (let k = ws + 1; !hasDigit && k < we; k++) hasDigit = (flagsAt(text, k) & DIGIT) !== 0;
      if (hasDigit) {
        lists.data[at + count++] = id;
      } else if (!calendar.has(id & KEY_MASK)) {
        let k = ws - 1;
        while (k >= paragraphStart && text.charCodeAt(k) === 0x20) k--;
        if (k >= paragraphStart && !SENTENCE_OPENERS.includes(text[k]!)) lists.data[at + count++] = id;
      }
    }
    lists.length = at + count;
    table.namesAt[p] = at;
    table.namesCount[p] = count;
  }

  /** Length of the longest common word sequence of paragraphs `a` and `b`. */
  function lcsLength(a: number, b: number): number {
    const aLength = table.wordCount[a]!;
    const bLength = table.wordCount[b]!;
    if (prevRow.length < bLength + 1) {
      prevRow = new Int32Array(2 * (bLength + 1));
      curRow = new Int32Array(2 * (bLength + 1));
    }
    let prev = prevRow;
    let cur = curRow;
    prev.fill(0, 0, bLength + 1);
    cur.fill(0, 0, bLength + 1);
    const ids = words.data;
    const aFirst = table.firstWord[a]! - 1;
    const bFirst = table.firstWord[b]! - 1;
    for (let i = 1; i <= aLength; i++) {
      const ai = ids[aFirst + i]!;
      // cur[j - 1] and prev[j - 1] carried in locals: one read of prev per cell
      let left = 0;
      let diagonal = 0;
      for (let j = 1; j <= bLength; j++) {
        const up = prev[j]!;
        const value = ai === ids[bFirst + j]! ? diagonal + 1 : up > left ? up : left;
        cur[j] = value;
        left = value;
        diagonal = up;
      }
      const t = prev;
      prev = cur;
      cur = t;
    }
    return prev[bLength]!;
  }

  function isCopy(first: number, later: number): boolean {
    const firstCount = table.wordCount[first]!;
    const laterCount = table.wordCount[later]!;
    if (laterCount < MIN_EXACT_WORDS) return false;
    if (table.hash[first] === table.hash[later] && sameWords(first, later)) return true;
    if (firstCount < MIN_WORDS || laterCount < MIN_WORDS) return false;
    // the first must be about as long as the later one, or longer (a truncated copy)
    if (firstCount < SEQUENCE * laterCount - 2) return false;
    // bits of the later signature also set in the first's, and bits set in the later's
    const sig = signatures.data;
    let sharedBits = 0;
    for (let i = 0; i < SIGNATURE_WORDS; i++) {
      sharedBits += popcount(sig[first * SIGNATURE_WORDS + i]! & sig[later * SIGNATURE_WORDS + i]!);
    }
    if (sharedBits < SHARED_WORDS * table.signatureBits[later]!) return false;
    readNames(later);
    const namesAt = table.namesAt[later]!;
    const namesEnd = namesAt + table.namesCount[later]!;
    for (let i = namesAt; i < namesEnd; i++) {
      if (!mayHave(sig, first * SIGNATURE_WORDS, lists.data[i]!)) return false;
    }
    // the distinct words: how many of the later paragraph's the first has
    const ids = words.data;
    const firstWord = table.firstWord[first]!;
    const laterWord = table.firstWord[later]!;
    set.clear(firstCount + laterCount);
    for (let i = firstWord; i < firstWord + firstCount; i++) set.setMark(ids[i]!, IN_FIRST);
    let laterDistinct = 0;
    let shared = 0;
    for (let i = laterWord; i < laterWord + laterCount; i++) {
      const mark = set.mark(ids[i]!);
      if ((mark & IN_LATER) !== 0) continue;
      laterDistinct++;
      if (mark === IN_FIRST) shared++;
      set.setMark(ids[i]!, mark | IN_LATER);
    }
    if (shared < SHARED_WORDS * laterDistinct) return false;
    for (let i = namesAt; i < namesEnd; i++) {
      if ((set.mark(lists.data[i]!) & IN_FIRST) === 0) return false;
    }
    // the distinct shingles: how many there are in each paragraph, and in both
    set.clear(firstCount + laterCount);
    let a = 0;
    for (let i = firstWord + 2; i < firstWord + firstCount; i++) {
      const key = shingle(ids, i);
      if (set.mark(key) !== 0) continue;
      set.setMark(key, IN_FIRST);
      a++;
    }
    let b = 0;
    let common = 0;
    for (let i = laterWord + 2; i < laterWord + laterCount; i++) {
      const key = shingle(ids, i);
      const mark = set.mark(key);
      if ((mark & IN_LATER) !== 0) continue;
      b++;
      if (mark === IN_FIRST) common++;
      set.setMark(key, mark | IN_LATER);
    }
    if (a > 0 && b > 0) {
      if (common / (a + b - common) >= JACCARD || common / b >= CONTAINMENT) return true;
    }
    if (firstCount * laterCount > MAX_SEQUENCE_CELLS) return false;
    const lcs = lcsLength(first, later);
    return lcs / Math.max(firstCount, laterCount) >= SEQUENCE || lcs / laterCount >= CONTAINMENT;
  }

  /**
   * One pass over the text: every word's id and place, and per paragraph its word count, the hash
   * of its words in order and its signature.
   */
  function readParagraphs(): void {
    const count = ranges.length;
    table.reset(count);
    // a word takes a character and a separator, but the last
    const most = (text.length >> 1) + 1;
    words.length = 0;
    wordStarts.length = 0;
    wordEnds.length = 0;
    words.reserve(most);
    wordStarts.reserve(most);
    wordEnds.reserve(most);
    signatures.length = 0;
    signatures.reserve(count * SIGNATURE_WORDS);
    signatures.data.fill(0, 0, count * SIGNATURE_WORDS);
    const ids = words.data;
    const starts = wordStarts.data;
    const ends = wordEnds.data;
    const sig = signatures.data;
    let n = 0;
    for (let p = 0; p < count; p++) {
      const { start, end } = ranges[p]!;
      const firstWord = n;
      const at = p * SIGNATURE_WORDS;
      let hash = 0;
      let i = start;
      while (i < end) {
        // flags and folded code in one table read (charInfo)
        let info = charInfo(text.charCodeAt(i));
        if ((info & (LETTER | MARK | DIGIT)) === 0) {
          i++;
          continue;
        }
        // the word's folded hash as hashRange(text, start, end, true) gives it, in the same loop
        // (never reading past the end: a NaN code would slow every table read of the loop)
        const ws = i;
        let w = FNV_OFFSET | 0;
        for (;;) {
          w = Math.imul(w ^ (info >>> 8), FNV_PRIME);
          if (++i >= end) break;
          info = charInfo(text.charCodeAt(i));
          if ((info & (LETTER | MARK | DIGIT)) === 0) break;
        }
        ids[n] = w;
        starts[n] = ws;
        ends[n] = i;
        n++;
        hash = Math.imul(hash ^ w, FNV_PRIME);
        const slot = at + ((w >>> 29) & 7);
        sig[slot] = sig[slot]! | (1 << ((w >>> 24) & 31));
      }
      const wordCount = n - firstWord;
      let bits = 0;
      for (let k = at; k < at + SIGNATURE_WORDS; k++) bits += popcount(sig[k]!);
      table.signatureBits[p] = bits;
      table.firstWord[p] = firstWord;
      table.wordCount[p] = wordCount;
      // a small integer key; copies are confirmed word by word
      table.hash[p] = Math.imul(hash ^ wordCount, FNV_PRIME) & KEY_MASK;
    }
    words.length = n;
    wordStarts.length = n;
    wordEnds.length = n;
    signatures.length = count * SIGNATURE_WORDS;
  }

  return (input) => {
    text = input;
    ranges = splitParagraphs(text);
    // a lone paragraph repeats nothing: its words need no reading
    if (ranges.length < 2) {
      text = '';
      ranges = [];
      return [];
    }
    readParagraphs();
    lists.length = 0;
    kept.length = 0;
    byHash.clear();
    const runs: [number, number][] = [];
    for (let i = 0; i < ranges.length; i++) {
      // exact copies anywhere; near copies among the last MAX_COMPARED paragraphs kept
      const h = table.hash[i]!;
      const same = byHash.get(h) ?? -1;
      let copy = false;
      if (table.wordCount[i]! >= MIN_EXACT_WORDS) {
        for (let k = same; !copy && k !== -1; k = table.nextSame[k]!) copy = sameWords(k, i);
      }
      for (let k = kept.length - 1; !copy && k >= 0 && k >= kept.length - MAX_COMPARED; k--) {
        copy = isCopy(kept.data[k]!, i);
      }
      if (copy) {
        runs.push([i, i]);
      } else {
        kept.push(i);
        table.nextSame[i] = same;
        byHash.set(h, i);
      }
    }
    text = ''; // hold no article between calls
    const out = removalRanges(ranges, runs).map(([start, end]): Replacement => ({
      start,
      end,
      text: '',
      kind: 'drop-duplicate-paragraph',
    }));
    ranges = [];
    return out;
  };
}

/** What the step knows of each paragraph of the article, in typed arrays kept between articles. */
class ParagraphTable {
  firstWord = new Int32Array(0);
  wordCount = new Int32Array(0);
  /** A hash of the word ids in order, cut to 30 bits: equal for exact copies (confirmed word by word). */
  hash = new Int32Array(0);
  /** The next earlier kept paragraph of the same hash, or -1. */
  nextSame = new Int32Array(0);
  /** Bits set in the signature. */
  signatureBits = new Int32Array(0);
  namesAt = new Int32Array(0);
  namesCount = new Int32Array(0);

  /** Room for `count` paragraphs, none read closely yet. */
  reset(count: number): void {
    if (this.firstWord.length < count) {
      const size = Math.max(64, 2 * count);
      this.firstWord = new Int32Array(size);
      this.wordCount = new Int32Array(size);
      this.hash = new Int32Array(size);
      this.nextSame = new Int32Array(size);
      this.signatureBits = new Int32Array(size);
      this.namesAt = new Int32Array(size);
      this.namesCount = new Int32Array(size);
    }
    this.namesAt.fill(NOT_READ, 0, count);
  }
}
