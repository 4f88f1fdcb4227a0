import { LETTER, MARK, UPPER, flagsOf, foldCode, hashWord } from './char-classes.js';

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

const OPENERS = '.!?:“"‘(—–\n';

/** Shape bit: the word is made of ASCII letters only. */
export const ASCII_WORD = 1;
/** Shape bit: a capital letter stands after the word's first letter ("inUkraine", "McCain"). */
export const INNER_CAPITAL = 2;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Keys are hashes cut to 30 bits, small integers the maps hold unboxed. */
const SMALL = 0x3fffffff;

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

/** A growable Int32Array kept between articles. */
class IntBuffer {
  data = new Int32Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(2 * this.data.length);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
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
  const lookUps: Omit<WordCounts, 'spans'> = {
    count: (word) => exact.get(hashWord(word, false) & SMALL),
    countAnyCase: (word) => folded.get(hashWord(word, true) & SMALL),
    isName: (word) => names.get(hashWord(word, false) & SMALL) > 0,
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
    spans.length = 0;
    exactHashes.length = 0;
    foldedHashes.length = 0;
    shapes.length = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      let f = flagsOf(c);
      if ((f & (LETTER | MARK)) === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      let hf = FNV_OFFSET;
      let nonAscii = 0;
      let capitals = 0;
      do {
        h = Math.imul(h ^ c, FNV_PRIME);
        hf = Math.imul(hf ^ foldCode(c), FNV_PRIME);
        nonAscii |= c >= 0x80 || (f & LETTER) === 0 ? 1 : 0;
        capitals += (f & UPPER) !== 0 ? 1 : 0;
        i++;
        c = text.charCodeAt(i);
        f = i < n ? flagsOf(c) : 0;
      } while ((f & (LETTER | MARK)) !== 0);
      // a one-letter run ("a", the "s" of "Russia’s") is neither repaired nor evidence for a repair
      if (i - start === 1) continue;
      const firstUpper = (flagsOf(text.charCodeAt(start)) & UPPER) !== 0 ? 1 : 0;
      shapes.push((nonAscii === 0 ? ASCII_WORD : 0) | (capitals > firstUpper ? INNER_CAPITAL : 0));
      spans.push(start);
      spans.push(i);
      h &= SMALL;
      hf &= SMALL;
      exactHashes.push(h);
      foldedHashes.push(hf);
      exact.bump(h);
      folded.bump(hf);
      if ((flagsOf(text.charCodeAt(start)) & UPPER) !== 0) {
        let k = start - 1;
        while (k >= 0 && text.charCodeAt(k) === 0x20) k--;
        if (k >= 0 && !OPENERS.includes(text[k]!)) names.bump(h);
      }
    }
    return { ...lookUps, spans: spans.data.subarray(0, spans.length) };
  };
}
