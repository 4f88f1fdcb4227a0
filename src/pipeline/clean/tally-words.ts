import { LETTER, MARK, UPPER, flagsOf, hashWord } from './char-classes.js';

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
}

const OPENERS = '.!?:“"‘(—–\n';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Keys are hashes cut to 30 bits, small integers the maps hold unboxed. */
const SMALL = 0x3fffffff;

/**
 * Counts of 30-bit keys in an open-addressing table over typed arrays: cheaper than a Map for the
 * few hundred words of an article, and no boxed numbers.
 */
class KeyCounts {
  #keys: Int32Array; // key + 1, 0 when empty
  #counts: Int32Array;
  #size = 0;

  /** `capacity`: a power of two, doubled whenever the table is half full. */
  constructor(capacity: number) {
    this.#keys = new Int32Array(capacity);
    this.#counts = new Int32Array(capacity);
  }

  #slot(key: number): number {
    const mask = this.#keys.length - 1;
    let slot = key & mask;
    while (this.#keys[slot] !== 0 && this.#keys[slot] !== key + 1) slot = (slot + 1) & mask;
    return slot;
  }

  /** Adds one to `key`'s count. */
  bump(key: number): void {
    if (2 * (this.#size + 1) > this.#keys.length) this.#grow();
    const slot = this.#slot(key);
    if (this.#keys[slot] === 0) {
      this.#keys[slot] = key + 1;
      this.#size++;
    }
    this.#counts[slot] = this.#counts[slot]! + 1;
  }

  get(key: number): number {
    return this.#counts[this.#slot(key)]!;
  }

  #grow(): void {
    const keys = this.#keys;
    const counts = this.#counts;
    this.#keys = new Int32Array(2 * keys.length);
    this.#counts = new Int32Array(2 * keys.length);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.#slot(keys[i]! - 1);
      this.#keys[slot] = keys[i]!;
      this.#counts[slot] = counts[i]!;
    }
  }
}

/**
 * Counts the letter runs of a text ("Russia’s" counts "Russia" and "s") by hash, in one pass.
 *
 * @example
 * tallyWords('Matsuno said. Matsuno').count('Matsuno') // 2
 */
export function tallyWords(text: string): WordCounts {
  // about one word in six characters, distinct words fewer still: start small, grow when needed
  let capacity = 64;
  while (capacity < 4096 && capacity * 8 < text.length) capacity *= 2;
  const exact = new KeyCounts(capacity);
  const folded = new KeyCounts(capacity);
  const names = new KeyCounts(Math.max(64, capacity / 4));
  const spans: number[] = [];
  const exactHashes: number[] = [];
  const foldedHashes: number[] = [];
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
    do {
      h = Math.imul(h ^ c, FNV_PRIME);
      const lower =
        (f & UPPER) === 0 ? c : c < 256 ? c + 32 : String.fromCharCode(c).toLowerCase().charCodeAt(0);
      hf = Math.imul(hf ^ lower, FNV_PRIME);
      i++;
      c = text.charCodeAt(i);
      f = i < n ? flagsOf(c) : 0;
    } while ((f & (LETTER | MARK)) !== 0);
    spans.push(start, i);
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
  return {
    spans: Int32Array.from(spans),
    count: (word) => exact.get(hashWord(word, false) & SMALL),
    countAnyCase: (word) => folded.get(hashWord(word, true) & SMALL),
    isName: (word) => names.get(hashWord(word, false) & SMALL) > 0,
    countSpan: (j) => exact.get(exactHashes[j]!),
    countSpanAnyCase: (j) => folded.get(foldedHashes[j]!),
  };
}
