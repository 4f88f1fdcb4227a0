import type { Replacement } from './apply-replacements.js';
import { DIGIT, LETTER, MARK, UPPER, flagsAt, hashRange, hashWord, wordSpans } from './char-classes.js';
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

interface Paragraph {
  /** Word ids: hashes of the lower-cased words. */
  readonly words: Int32Array;
  /** A 256-bit set of word-hash bits: a cheap first test of how many words two paragraphs share. */
  readonly signature: Int32Array;
  /** Names and numbers: capitalised words not opening a sentence, and words with digits. */
  readonly names: Int32Array;
  /** The distinct words, built when the paragraph is first compared closely. */
  distinct?: Set<number>;
}

function distinctWords(p: Paragraph): Set<number> {
  p.distinct ??= new Set(p.words);
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
  const isCopy = (first: Paragraph, later: Paragraph): boolean => {
    if (later.words.length < MIN_EXACT_WORDS) return false;
    if (sameWords(first.words, later.words)) return true;
    if (first.words.length < MIN_WORDS || later.words.length < MIN_WORDS) return false;
    // the first must be about as long as the later one, or longer (a truncated copy)
    if (first.words.length < SEQUENCE * later.words.length - 2) return false;
    const [sharedBits, laterBits] = signatureOverlap(first.signature, later.signature);
    if (sharedBits < SHARED_WORDS * laterBits) return false;
    for (const name of later.names) if (!mayHave(first.signature, name)) return false;
    const firstWords = distinctWords(first);
    const laterWords = distinctWords(later);
    let shared = 0;
    for (const w of laterWords) if (firstWords.has(w)) shared++;
    if (shared < SHARED_WORDS * laterWords.size) return false;
    for (const name of later.names) if (!firstWords.has(name)) return false;
    const a = shingles(first.words);
    const b = shingles(later.words);
    if (a.size > 0 && b.size > 0) {
      let common = 0;
      for (const s of b) if (a.has(s)) common++;
      if (common / (a.size + b.size - common) >= JACCARD || common / b.size >= CONTAINMENT) return true;
    }
    if (first.words.length * later.words.length > MAX_SEQUENCE_CELLS) return false;
    const lcs = lcsLength(first.words, later.words);
    return (
      lcs / Math.max(first.words.length, later.words.length) >= SEQUENCE ||
      lcs / later.words.length >= CONTAINMENT
    );
  };

  // keys cut to 30 bits: small integers, looked up without boxing
  const calendar = new Set([...lexicon.calendarWords].map((w) => hashWord(w, true) & 0x3fffffff));

  return (text) => {
    const ranges = splitParagraphs(text);
    const paragraphs: Paragraph[] = ranges.map(({ start, end }) => {
      const spans = wordSpans(text, LETTER | MARK | DIGIT, start, end);
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
          while (k >= start && text.charCodeAt(k) === 0x20) k--;
          if (k >= start && !SENTENCE_OPENERS.includes(text[k]!)) names.push(id);
        }
      }
      const signature = new Int32Array(SIGNATURE_WORDS);
      for (const w of words) {
        const slot = (w >>> 29) & 7;
        signature[slot] = signature[slot]! | (1 << ((w >>> 24) & 31));
      }
      return { words, signature, names: Int32Array.from(names) };
    });

    const runs: [number, number][] = [];
    const kept: Paragraph[] = [];
    const byHash = new Map<number, Paragraph[]>();
    paragraphs.forEach((p, i) => {
      // exact copies anywhere; near copies among the last MAX_COMPARED paragraphs kept
      let h = p.words.length;
      for (const w of p.words) h = Math.imul(h ^ w, 0x01000193);
      h &= 0x3fffffff; // a small integer key; copies are confirmed word by word
      const same = byHash.get(h);
      const copy =
        (p.words.length >= MIN_EXACT_WORDS &&
          same !== undefined &&
          same.some((k) => sameWords(k.words, p.words))) ||
        kept.slice(-MAX_COMPARED).some((k) => isCopy(k, p));
      if (copy) {
        runs.push([i, i]);
      } else {
        kept.push(p);
        if (same === undefined) byHash.set(h, [p]);
        else same.push(p);
      }
    });
    return removalRanges(ranges, runs).map(([start, end]) => ({
      start,
      end,
      text: '',
      kind: 'drop-duplicate-paragraph',
    }));
  };
}
