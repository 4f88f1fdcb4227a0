import { FNV_OFFSET, FNV_PRIME, KEY_MASK, LETTER, MARK, UPPER, charInfo, hashWord } from './char-classes.js';
import { IntBuffer } from './int-buffer.js';
import { LeadSet } from './lead-scan.js';

/** How often each word stands on its own in the article, the evidence for word repairs. */
export interface WordCounts {
  /** Times `word` occurs, spelled exactly so. */
  count(word: string): number;
  /** Times `word` occurs in any letter case. */
  countAnyCase(word: string): number;
  /** Whether `word` occurs capitalised inside a sentence (not after . ! ? : or an opening mark). */
  isName(word: string): boolean;
  /** Start and end offsets of every word, in pairs: [s0, e0, s1, e1, …]. */
  readonly spans: Int32Array;
  /** Times the word of span `j` (the j-th pair of `spans`) occurs, spelled exactly so. */
  countSpan(j: number): number;
  /** Times the word of span `j` occurs in any letter case. */
  countSpanAnyCase(j: number): number;
  /** The word of span `j` lower-cased, as a 30-bit FNV-1a hash: `hashWord(word, true) & 0x3fffffff`. */
  foldedHash(j: number): number;
  /** The shape of the word of span `j`: ASCII_WORD and INNER_CAPITAL bits. */
  shape(j: number): number;
}

/** Characters after which a capital opens a sentence (and is no evidence of a name), by code. */
const OPENERS = new LeadSet();
for (const ch of '.!?:“"‘(—–\n') OPENERS.add(ch.charCodeAt(0));

/** Shape bit: the word is made of ASCII letters only. */
export const ASCII_WORD = 1;
/** Shape bit: a capital letter stands after the word's first letter ("inUkraine", "McCain"). */
export const INNER_CAPITAL = 2;

/**
 * Counts of 30-bit keys in an open-addressing table over typed arrays: cheaper than a Map for the
 * few hundred words of an article, and no boxed numbers. The arrays are kept between articles and
 * only cleared, so a table costs no allocation once it has seen its largest article.
 */
class KeyCounts {
  /** Per slot: key + 1 (0 when empty), then its count, side by side in memory. */
  #slots = new Int32Array(128);
  #mask = 63;
  #size = 0;

  /** Empties the table for `capacity` slots (a power of two), reusing its array. */
  reset(capacity: number): void {
    if (2 * capacity > this.#slots.length) this.#slots = new Int32Array(2 * capacity);
    else this.#slots.fill(0, 0, 2 * capacity);
    this.#mask = capacity - 1;
    this.#size = 0;
  }

  /** The index in #slots of `key`'s slot, or of the empty slot where it would go. */
  #find(key: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    let slot = key & mask;
    while (slots[2 * slot] !== 0 && slots[2 * slot] !== key + 1) slot = (slot + 1) & mask;
    return 2 * slot;
  }

  /** Adds one to `key`'s count. */
  bump(key: number): void {
    if (2 * (this.#size + 1) > this.#mask + 1) this.#grow();
    const at = this.#find(key);
    const slots = this.#slots;
    if (slots[at] === 0) {
      slots[at] = key + 1;
      this.#size++;
    }
    slots[at + 1] = slots[at + 1]! + 1;
  }

  get(key: number): number {
    return this.#slots[this.#find(key) + 1]!;
  }

  #grow(): void {
    const used = this.#mask + 1;
    const old = this.#slots.slice(0, 2 * used);
    this.reset(2 * used);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      const at = this.#find(old[i]! - 1);
      this.#slots[at] = old[i]!;
      this.#slots[at + 1] = old[i + 1]!;
      this.#size++;
    }
  }
}

/** Slots for a text of `length` characters: room for a distinct word in every three characters. */
function capacityFor(length: number): number {
  let capacity = 64;
  while (capacity < 1 << 16 && capacity * 3 < length) capacity *= 2;
  return capacity;
}

/**
 * Builds the word tally: it counts, by hash and in one pass, the letter runs of a text of two
 * letters or more ("Russia’s" counts "Russia"; no repair reads one-letter runs). The counts a call returns are valid until the next call (the tables are
 * reused), which is how the cleaner reads them.
 *
 * @example
 * createWordTally()('Matsuno said. Matsuno').count('Matsuno') // 2
 */
export function createWordTally(): (text: string) => WordCounts {
  const exact = new KeyCounts();
  const folded = new KeyCounts();
  const names = new KeyCounts();
  const spans = new IntBuffer();
  const exactHashes = new IntBuffer();
  const foldedHashes = new IntBuffer();
  const shapes = new IntBuffer();
  // one object, made once: a call only points its spans at the new words (the counts a call
  // returns are valid until the next call)
  const counts: { -readonly [K in keyof WordCounts]: WordCounts[K] } = {
    count: (word) => exact.get(hashWord(word, false) & KEY_MASK),
    countAnyCase: (word) => folded.get(hashWord(word, true) & KEY_MASK),
    isName: (word) => names.get(hashWord(word, false) & KEY_MASK) > 0,
    spans: spans.data.subarray(0, 0),
    countSpan: (j) => exact.get(exactHashes.data[j]!),
    countSpanAnyCase: (j) => folded.get(foldedHashes.data[j]!),
    foldedHash: (j) => foldedHashes.data[j]!,
    shape: (j) => shapes.data[j]!,
  };

  return (text) => {
    const capacity = capacityFor(text.length);
    exact.reset(capacity);
    folded.reset(capacity);
    names.reset(Math.max(64, capacity / 4));
    const n = text.length;
    // a counted word takes two letters and a separator, but the last: room for all of them up front
    const most = Math.floor(n / 3) + 1;
    const spanData = spans.reset(2 * most);
    const exactData = exactHashes.reset(most);
    const foldedData = foldedHashes.reset(most);
    const shapeData = shapes.reset(most);
    let words = 0;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      // flags and folded code in one table read (charInfo)
      let info = charInfo(c);
      if ((info & (LETTER | MARK)) === 0) {
        i++;
        continue;
      }
      const start = i;
      const firstUpper = (info & UPPER) !== 0 ? 1 : 0;
      // (| 0: a small integer from the start, as Math.imul makes it, so the loop keeps one representation)
      let hf = FNV_OFFSET | 0;
      let codes = 0;
      let capitals = 0;
      // (never read past the end: a NaN code would slow every table read of the loop)
      for (;;) {
        hf = Math.imul(hf ^ (info >>> 8), FNV_PRIME);
        codes |= c;
        capitals += (info & UPPER) !== 0 ? 1 : 0;
        if (++i >= n) break;
        c = text.charCodeAt(i);
        info = charInfo(c);
        if ((info & (LETTER | MARK)) === 0) break;
      }
      // a one-letter run ("a", the "s" of "Russia’s") is neither repaired nor evidence for a repair
      if (i - start === 1) continue;
      // without a capital letter the word is its own folded form, and so is its hash
      let h = hf;
      if (capitals > 0) {
        h = FNV_OFFSET | 0;
        for (let k = start; k < i; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
      }
      // no ASCII character is a mark: a word is all ASCII letters when no code reaches 0x80
      const nonAscii = codes >= 0x80 ? 1 : 0;
      shapeData[words] = (nonAscii === 0 ? ASCII_WORD : 0) | (capitals > firstUpper ? INNER_CAPITAL : 0);
      spanData[2 * words] = start;
      spanData[2 * words + 1] = i;
      h &= KEY_MASK;
      hf &= KEY_MASK;
      exactData[words] = h;
      foldedData[words] = hf;
      words++;
      exact.bump(h);
      folded.bump(hf);
      if (firstUpper !== 0) {
        let k = start - 1;
        while (k >= 0 && text.charCodeAt(k) === 0x20) k--;
        if (k >= 0 && !OPENERS.has(text.charCodeAt(k))) names.bump(h);
      }
    }
    spans.length = 2 * words;
    exactHashes.length = words;
    foldedHashes.length = words;
    shapes.length = words;
    counts.spans = spanData.subarray(0, 2 * words);
    return counts;
  };
}
