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
}

const OPENERS = '.!?:“"‘(—–\n';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Counts the letter runs of a text ("Russia’s" counts "Russia" and "s") by hash, in one pass.
 *
 * @example
 * tallyWords('Matsuno said. Matsuno').count('Matsuno') // 2
 */
export function tallyWords(text: string): WordCounts {
  const exact = new Map<number, number>();
  const folded = new Map<number, number>();
  const names = new Set<number>();
  const spans: number[] = [];
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
    bump(exact, h);
    bump(folded, hf);
    if ((flagsOf(text.charCodeAt(start)) & UPPER) !== 0) {
      let k = start - 1;
      while (k >= 0 && text.charCodeAt(k) === 0x20) k--;
      if (k >= 0 && !OPENERS.includes(text[k]!)) names.add(h);
    }
  }
  return {
    spans: Int32Array.from(spans),
    count: (word) => exact.get(hashWord(word, false)) ?? 0,
    countAnyCase: (word) => folded.get(hashWord(word, true)) ?? 0,
    isName: (word) => names.has(hashWord(word, false)),
  };
}
