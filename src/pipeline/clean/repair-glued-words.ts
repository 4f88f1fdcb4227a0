import type { Replacement } from './apply-replacements.js';
import { FNV_OFFSET, FNV_PRIME, KEY_MASK, LETTER, LOWER, flagsAt, hashRange } from './char-classes.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import { ASCII_WORD, INNER_CAPITAL } from './tally-words.js';
import type { WordCounts } from './tally-words.js';

/** Whether text[start, end) holds ASCII letters only (the fast path below handles no other). */
function asciiLetters(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

/** FNV-1a hash of the lower-case ASCII word text[start, end) read from its last letter back. */
function reverseHash(text: string, start = 0, end = text.length): number {
  let h = FNV_OFFSET;
  for (let i = end - 1; i >= start; i--) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Shortest left part split off a capitalised token: "Put|in" and "Ben|in" stay whole. */
const MIN_NAME = 4;
/** Shortest left part split off a lower-case token. */
const MIN_WORD = 2;
/** Longest token looked at: longer runs of letters are no glued pair. */
const MAX_TOKEN = 40;
/** Shortest part other than a function word a general split takes. */
const MIN_EVIDENCE_PART = 3;
/** Characters that make a token part of an address, handle, hashtag or file name, before or after it. */
const ADDRESS_BEFORE = new Set([...'#@/._-'].map((c) => c.charCodeAt(0)));
const ADDRESS_AFTER = new Set([...'@/_-'].map((c) => c.charCodeAt(0)));

/**
 * Builds the step that splits two words glued together, only with evidence from the article:
 * - a name glued to a function word ("Matsunoat" → "Matsuno at", "Moscowwhat" → "Moscow what"):
 *   the name stands on its own elsewhere in the article, inside a sentence unless it is no
 *   English word (so a sentence-initial "Put" is no evidence for "Put in");
 * - a lower-case word glued to a function word ("violatedthe"): the left part is an English word
 *   that also stands on its own elsewhere, and the glued token is not itself a word ("within",
 *   "format", "takeover"); marked low-confidence;
 * - a lower-case word glued to a name ("inUkraine", "presidentVladimir"): the name is seen
 *   elsewhere, and the left part is a function word, or an English word seen elsewhere when the
 *   name is no English word; "iPhone", "parseInt" and "cacheError" stay.
 * A token that appears twice or more is taken as a real word and never split ("Putin", "Kherson").
 *
 * @example
 * repairGluedWords(lexicon)(text, createWordTally()(text)) // 'Matsunoat' → 'Matsuno at' when "Matsuno said" is in text
 */
export function repairGluedWords(lexicon: CleanLexicon): (text: string, counts: WordCounts) => Replacement[] {
  const { functionWords, notAfterNames, englishWords } = lexicon;
  let longest = 0;
  for (const w of functionWords) longest = Math.max(longest, w.length);
  // the last two letters of every function word: a token ending otherwise needs no closer look
  const endings = new Set([...functionWords].map((w) => w.slice(-2)));
  // the same endings as pairs of code units, looked up without slicing the token
  const endingCodes = new Set([...endings].map((e) => e.charCodeAt(0) * 0x10000 + e.charCodeAt(1)));
  // the word list by folded hash cut to 30 bits (as the tally keeps it) in an open-addressing
  // Int32Array (0 = empty): a token is ruled in or out with one probe and no string; a non-word
  // shares a key with a listed word about once in 4,000 look-ups, and is then left whole (the safe side)
  let size = 1;
  // about half full: 2 MB for the packaged list, small enough to stay in cache between articles
  while (size < 1.5 * englishWords.size) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size);
  englishWords.forEach((list, start, end) => {
    const h = hashRange(list, start, end, true) & KEY_MASK || 1;
    let slot = h & mask;
    while (slots[slot] !== 0 && slots[slot] !== h) slot = (slot + 1) & mask;
    slots[slot] = h;
  });
  // right parts by hash read backwards, as a bit set (a first filter: a hit is checked in full)
  const SUFFIX_BITS = 22;
  const suffixBits = new Uint8Array(1 << (SUFFIX_BITS - 3));
  const addSuffix = (h: number): void => {
    const bit = h >>> (32 - SUFFIX_BITS);
    suffixBits[bit >>> 3] = suffixBits[bit >>> 3]! | (1 << (bit & 7));
  };
  const maySuffix = (h: number): boolean => {
    const bit = h >>> (32 - SUFFIX_BITS);
    return (suffixBits[bit >>> 3]! & (1 << (bit & 7))) !== 0;
  };
  for (const w of functionWords) addSuffix(reverseHash(w));
  englishWords.forEach((list, start, end) => addSuffix(reverseHash(list, start, end)));

  /** Whether the token of span `j`, lower-cased, is in the word list (by its hash). */
  // the word list's table is megabytes and each look-up a cache miss; the common words of news
  // copy recur from article to article, so the last hits are kept in a small direct-mapped table
  const recent = new Int32Array(4096);
  const isEnglishSpan = (counts: WordCounts, j: number): boolean => {
    const h = counts.foldedHash(j) || 1;
    if (recent[h & 4095] === h) return true;
    for (let slot = h & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      if (slots[slot] === h) {
        recent[h & 4095] = h;
        return true;
      }
    }
    return false;
  };

  /**
   * Whether splitSeen may find a split of the ASCII token text[start, end), which is no English
   * word: some right part is capitalised or, lower-cased, may be a known word.
   */
  const maySplitAscii = (text: string, start: number, end: number): boolean => {
    let h = FNV_OFFSET;
    for (let i = end - 1; i > start; i--) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ (c | 0x20), FNV_PRIME);
      if (i > end - 2) continue; // right parts have two letters or more
      if (c < 0x61 || maySuffix(h)) return true;
    }
    return false;
  };

  /** Evidence that `word` is a name: capitalised inside a sentence, or seen and no English word. */
  const isName = (word: string, counts: WordCounts): boolean =>
    counts.isName(word) || (counts.count(word) > 0 && !englishWords.has(word.toLowerCase()));

  const splitName = (token: string, counts: WordCounts): number => {
    for (let k = token.length - 2; k >= Math.max(MIN_NAME, token.length - longest); k--) {
      const right = token.slice(k);
      if (!functionWords.has(right) || notAfterNames.has(right)) continue;
      const left = token.slice(0, k);
      if (functionWords.has(left.toLowerCase())) continue;
      // a name: seen inside a sentence, or seen anywhere when it is no English word ("Matsuno")
      if (isName(left, counts)) return k;
    }
    return -1;
  };

  const splitWord = (token: string, counts: WordCounts): number => {
    if (englishWords.has(token)) return -1;
    for (let k = token.length - 1; k >= Math.max(MIN_WORD, token.length - longest); k--) {
      const right = token.slice(k);
      if (!functionWords.has(right)) continue;
      const left = token.slice(0, k);
      // two function words ("inthe"), or a word seen elsewhere and a function word of three
      // letters or more: the dictionary misses words like "login" or "constructor"
      const evidence =
        functionWords.has(left) ||
        (right.length >= 3 && englishWords.has(left) && counts.countAnyCase(left) > 0);
      if (evidence && left.length + right.length >= 5) return k;
    }
    return -1;
  };

  /** A lower-case word glued to a name: "inUkraine", "presidentVladimir" (not "iPhone", "parseInt"). */
  const splitCamel = (token: string, counts: WordCounts): number => {
    const m = /^(\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})$/u.exec(token);
    if (m === null) return -1;
    const left = m[1]!;
    const right = m[2]!;
    if (!isName(right, counts)) return -1;
    // after a function word any name will do ("theUnited"); after another word only a proper
    // name that is no English word ("presidentVladimir", not "cacheError")
    if (functionWords.has(left)) return left.length;
    const properName = !englishWords.has(right.toLowerCase());
    return properName && englishWords.has(left) && counts.countAnyCase(left) > 0 ? left.length : -1;
  };

  const isLower = (part: string): boolean => part === part.toLowerCase() && part !== part.toUpperCase();
  const isCapitalised = (part: string): boolean =>
    part[0] !== part[0]!.toLowerCase() && isLower(part.slice(1));
  const dictionaryWord = (part: string): boolean =>
    part.length >= MIN_EVIDENCE_PART && englishWords.has(part);

  /** Whether `left` + `right` is a split the evidence supports. */
  const supported = (left: string, right: string, counts: WordCounts): boolean => {
    if (isCapitalised(left)) {
      // a name seen alone elsewhere in the article ("Ankara said" → "Ankarasaid")
      if (left.length < MIN_NAME || !isName(left, counts)) return false;
      if (isCapitalised(right)) return right.length >= MIN_EVIDENCE_PART && counts.count(right) > 0;
      if (!isLower(right)) return false;
      return (functionWords.has(right) && !notAfterNames.has(right)) || dictionaryWord(right);
    }
    if (!isLower(left) || !isLower(right)) return false;
    const leftFunction = functionWords.has(left) && (left.length >= 2 || left === 'a');
    const rightFunction = functionWords.has(right) && right.length >= 2;
    if (leftFunction) return rightFunction || dictionaryWord(right);
    if (!dictionaryWord(left)) return false;
    if (rightFunction) return true;
    // two content words: both must also stand alone in the article ("deathsentences")
    return dictionaryWord(right) && counts.countAnyCase(left) > 0 && counts.countAnyCase(right) > 0;
  };

  /**
   * Any two words glued ("expectedto", "Ankarasaid", "SovietUnion"): the token is no English word
   * and exactly one split into two parts is supported by the word list and the article.
   */
  const splitSeenAnyScript = (token: string, counts: WordCounts): number => {
    const lower = token.toLowerCase();
    if (englishWords.has(lower)) return -1;
    let found = -1;
    for (let k = 1; k <= token.length - 2; k++) {
      // cheap first test: a lower-case right part must be a known word
      const rightLower = lower.slice(k);
      const capitalRight = token[k] !== rightLower[0];
      if (!capitalRight && !functionWords.has(rightLower) && !englishWords.has(rightLower)) continue;
      if (!supported(token.slice(0, k), token.slice(k), counts)) continue;
      if (found !== -1) return -1; // ambiguous
      found = k;
    }
    return found;
  };

  /** splitSeen for an ASCII token: right parts are ruled out by hash before any string is cut. */
  const splitSeenAscii = (token: string, counts: WordCounts): number => {
    const lower = token.toLowerCase();
    if (englishWords.has(lower)) return -1;
    let found = -1;
    let h = FNV_OFFSET;
    for (let k = token.length - 1; k >= 1; k--) {
      h = Math.imul(h ^ lower.charCodeAt(k), FNV_PRIME);
      if (k > token.length - 2) continue;
      const capitalRight = token.charCodeAt(k) !== lower.charCodeAt(k);
      if (!capitalRight && !maySuffix(h)) continue;
      if (!capitalRight) {
        const rightLower = lower.slice(k);
        if (!functionWords.has(rightLower) && !englishWords.has(rightLower)) continue;
      }
      if (!supported(token.slice(0, k), token.slice(k), counts)) continue;
      if (found !== -1) return -1; // ambiguous
      found = k;
    }
    return found;
  };

  const splitSeen = (token: string, counts: WordCounts): number =>
    asciiLetters(token, 0, token.length) ? splitSeenAscii(token, counts) : splitSeenAnyScript(token, counts);

  return (text, counts) => {
    const out: Replacement[] = [];
    const { spans } = counts;
    for (let i = 0; i < spans.length; i += 2) {
      const start = spans[i]!;
      const end = spans[i + 1]!;
      if (end - start < 5 || end - start > MAX_TOKEN) continue;
      // the cheap tests first; the word list (a cache miss each) is read last
      // a token that appears twice or more is taken as a real word
      if (counts.countSpan(i >> 1) > 1) continue;
      // not part of an address, handle, hashtag, file name or number
      const before = text.charCodeAt(start - 1);
      const after = text.charCodeAt(end);
      if (before < 0x80 && (ADDRESS_BEFORE.has(before) || (before >= 0x30 && before <= 0x39))) continue;
      if (after < 0x80 && (ADDRESS_AFTER.has(after) || (after >= 0x30 && after <= 0x39))) continue;
      if (after === 0x2e && (flagsAt(text, end + 1) & LETTER) !== 0) continue;
      const shape = counts.shape(i >> 1);
      const camel = (shape & INNER_CAPITAL) !== 0 && (flagsAt(text, end - 1) & LOWER) !== 0;
      const ending = endingCodes.has(text.charCodeAt(end - 2) * 0x10000 + text.charCodeAt(end - 1));
      const ascii = (shape & ASCII_WORD) !== 0;
      // only a general split is left to try, and it needs a token seen once in any case
      if (!ending && !camel && counts.countSpanAnyCase(i >> 1) !== 1) continue;
      // an ASCII token in the word list, other than a camel-case one, is never split
      if (ascii && !camel && isEnglishSpan(counts, i >> 1)) continue;
      if (!ending && !camel) {
        if (ascii && !maySplitAscii(text, start, end)) continue;
        const token = text.slice(start, end);
        const k = splitSeen(token, counts);
        if (k > 0) {
          out.push({
            start,
            end,
            text: `${token.slice(0, k)} ${token.slice(k)}`,
            kind: 'split-glued-word',
            confidence: 'low',
          });
        }
        continue;
      }
      const token = text.slice(start, end);
      const first = token[0]!;
      const lowerToken = token.toLowerCase();
      let k = -1;
      let low = false;
      const rest = token.slice(1);
      const restLower = rest.toLowerCase();
      if (first !== first.toLowerCase() && rest === restLower && restLower !== rest.toUpperCase()) {
        if (!englishWords.has(lowerToken)) k = splitName(token, counts);
      } else if (token === lowerToken) {
        k = splitWord(token, counts);
        low = true;
      } else {
        k = splitCamel(token, counts);
      }
      if (k <= 0 && counts.countAnyCase(token) === 1) {
        k = splitSeen(token, counts);
        low = true;
      }
      if (k <= 0) continue;
      out.push({
        start,
        end,
        text: `${token.slice(0, k)} ${token.slice(k)}`,
        kind: 'split-glued-word',
        ...(low ? { confidence: 'low' as const } : {}),
      });
    }
    return out;
  };
}
