import { ArrayPool } from './array-pool.js';
import { keyOfLower } from './normalise-key.js';

/**
 * Bits of a word's classes: which readers of the actors stage may start at a token. A token's
 * classes are looked up once per article, so that each reader skips the other tokens by a bit
 * test instead of a lookup of its own (and without reading the token itself).
 */
export const WORD_CLASS = {
  /** Opens an actor name of the registry ("japan", "united", "kremlin"). */
  actorStart: 1,
  /** Opens a phrase of the collective-reference resolver ("the", "both", "ministry", "clash"). */
  collectiveOpener: 2,
  /** An article or pronoun the description resolver reads ("the", "a", "he", "her"). */
  descriptionWord: 4,
  /** A noun of a crowd's act ("protest", "demonstrators"). */
  crowdNoun: 8,
  /** A force noun after an ethnonym ("forces", "fighters"). */
  forceNoun: 16,
  /** An organiser or opposition noun ("organisers", "opponents"). */
  memberNoun: 32,
  /** An act noun or a noun that refers back to an act ("annexation", "move"). */
  actNoun: 64,
  /** A plural pronoun ("they", "their"). */
  pluralPronoun: 128,
  /** A word that is no person's name: a non-name or an honorific ("mr", "monday"). */
  nameStop: 256,
  /** Opens a title of the name lexicon ("minister", "chief"). */
  titleStart: 512,
  /** A noun of an organisation referred back to ("organisation", "bloc"). */
  collectiveNoun: 1024,
  /** Opens a government body of the registry ("government", "foreign"). */
  bodyStart: 2048,
} as const;

/**
 * Bits of a token's written form, read in the same pass as its key, so that the readers that only
 * ask how a token opens (or whether it is a quote mark) need not read its text again.
 */
export const SHAPE = {
  /** Opens with an ASCII capital (A–Z). */
  upperInitial: 1,
  /** Opens with an ASCII small letter (a–z). */
  lowerInitial: 2,
  /** Opens with another ASCII character (a digit, punctuation). */
  otherAsciiInitial: 4,
  /** Has two characters or more. */
  long: 8,
  /** Is one quote mark: " “ ” « ». */
  quoteMark: 16,
} as const;

/** Least slots of the class table: 2^13, so that the ~1,900 bundled classed words leave most empty. */
const MIN_SLOTS = 0x2000;

/**
 * The words that have classes, in an open-addressing table keyed by the hash that `readWords`
 * computes in its pass over each token's characters: most tokens (which have no class) find an
 * empty slot at once, with no map lookup and no second read of their text. The table is small
 * (hashes and bits in typed arrays) so that it stays in the cache.
 */
export interface WordClasses {
  /** Number of slots less one (a power of two less one). */
  readonly mask: number;
  /** `hashKey` of the key of each slot; 0 for an empty slot. */
  readonly hashes: Int32Array;
  /** Key of each slot, or undefined. */
  readonly keys: readonly (string | undefined)[];
  /** OR of the `WORD_CLASS` bits of the key of each slot. */
  readonly bits: Uint16Array;
}

/**
 * Builds the class table from the words (keys) of each class.
 *
 * @example
 * buildWordClasses([[WORD_CLASS.actorStart, registry.root.keys()]]); // a table where 'japan' has class 1
 */
export function buildWordClasses(
  groups: readonly (readonly [bit: number, words: Iterable<string>])[],
): WordClasses {
  const words = groups.map(([bit, list]) => [bit, [...list]] as const);
  // at least four slots per distinct word (user dictionaries may add thousands of names)
  const distinct = new Set(words.flatMap(([, list]) => list)).size;
  let size = MIN_SLOTS;
  while (size < 4 * distinct) size *= 2;
  const hashes = new Int32Array(size);
  const keys = new Array<string | undefined>(size).fill(undefined);
  const bits = new Uint16Array(size);
  const table = { mask: size - 1, hashes, keys, bits };
  for (const [bit, list] of words) {
    for (const word of list) {
      const hash = hashKey(word);
      let slot = slotOf(table, word, hash);
      if (slot < 0) {
        slot = emptySlotOf(table, hash);
        hashes[slot] = hash;
        keys[slot] = word;
      }
      bits[slot]! |= bit;
    }
  }
  return table;
}

/**
 * The slot of a key in the class table, or -1 when it has no class: what `ArticleWords.slots`
 * holds for a token with that key.
 *
 * @example
 * const rootAt = []; for (const [key, node] of registry.root) rootAt[tableSlot(classes, key)] = node;
 */
export function tableSlot(table: WordClasses, key: string): number {
  return slotOf(table, key, hashKey(key));
}

/** The slot of `key` (whose `hashKey` is `hash`) in the table, or -1. */
function slotOf(table: WordClasses, key: string, hash: number): number {
  const { hashes, keys } = table;
  const mask = table.mask;
  for (let slot = firstSlot(hash, mask); ; slot = (slot + 1) & mask) {
    const found = hashes[slot]!;
    if (found === 0) return -1;
    if (found === hash && keys[slot] === key) return slot;
  }
}

function emptySlotOf(table: WordClasses, hash: number): number {
  let slot = firstSlot(hash, table.mask);
  while (table.hashes[slot] !== 0) slot = (slot + 1) & table.mask;
  return slot;
}

function firstSlot(hash: number, mask: number): number {
  return (hash ^ (hash >>> 13)) & mask;
}

/** The lookup keys of an article's tokens, their classes and shapes. */
export interface ArticleWords {
  /** `keyOfLower` of each token's lower-cased text. */
  readonly keys: string[];
  /** `WORD_CLASS` bits of each token (lent by a pool: valid for the article's run only). */
  readonly classes: Uint16Array;
  /** `SHAPE` bits of each token (lent by a pool: valid for the article's run only). */
  readonly shapes: Uint8Array;
  /** Slot of each token's key in the class table, or -1 (lent by a pool: as above). */
  readonly slots: Int32Array;
  /** Start offset of each token's span (lent by a pool: as above). */
  readonly starts: Int32Array;
}

const CLASSES = new ArrayPool((n) => new Uint16Array(n));
const SHAPES = new ArrayPool((n) => new Uint8Array(n));
const SLOTS = new ArrayPool((n) => new Int32Array(n));
const STARTS = new ArrayPool((n) => new Int32Array(n));

/**
 * The key (`keyOfLower`), classes and shape of every token, in one pass over their characters.
 *
 * @example
 * readWords(tokens, classes).classes; // Uint16Array [1, 0, …] for "Japan said …"
 */
export function readWords(
  tokens: readonly { readonly text: string; readonly lower: string; readonly start: number }[],
  table: WordClasses,
): ArticleWords {
  const n = tokens.length;
  const keys = new Array<string>(n);
  const classes = CLASSES.take(n);
  const shapes = SHAPES.take(n);
  const slots = SLOTS.take(n, -1);
  const starts = STARTS.take(n);
  const { mask, hashes, bits } = table;
  for (let t = 0; t < n; t++) {
    const token = tokens[t]!;
    shapes[t] = shapeOf(token.text);
    starts[t] = token.start;
    const lower = token.lower;
    // the hash of `hashKey`, and whether the key may differ from the text (a dot, a non-ASCII character)
    let hash = lower.length;
    let special = false;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if (c > 0x7f || c === 0x2e) special = true;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    let key = lower;
    if (special) {
      key = keyOfLower(lower);
      if (key !== lower) hash = hashKey(key);
    }
    keys[t] = key;
    if (hash === 0) hash = 1;
    // most tokens: an empty first slot, read from the hashes alone
    if (hashes[firstSlot(hash, mask)] === 0) continue;
    const slot = slotOf(table, key, hash);
    if (slot >= 0) {
      classes[t] = bits[slot]!;
      slots[t] = slot;
    }
  }
  return { keys, classes, shapes, slots, starts };
}

function shapeOf(text: string): number {
  const c = text.charCodeAt(0); // (NaN for an empty text: no initial bit)
  let shape = text.length >= 2 ? SHAPE.long : 0;
  if (c >= 0x41 && c <= 0x5a) shape |= SHAPE.upperInitial;
  else if (c >= 0x61 && c <= 0x7a) shape |= SHAPE.lowerInitial;
  else if (c < 0x80) shape |= SHAPE.otherAsciiInitial;
  if (
    text.length === 1 &&
    (c === 0x22 || c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb) // " “ ” « »
  )
    shape |= SHAPE.quoteMark;
  return shape;
}

/** A string hash of a key's UTF-16 code units (as `readWords` computes it in its pass), never 0. */
export function hashKey(key: string): number {
  let hash = key.length;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return hash === 0 ? 1 : hash;
}
