/**
 * Character classes as bit flags. Characters up to U+24FF are looked up in a table computed once
 * when the module loads and read-only afterwards (one array read per character, which keeps the
 * word scanners of the clean stage fast); others are tested with Unicode property regexes
 * (non-global, so they hold no state).
 * Astral characters (surrogate halves) have no flags.
 */
export const LETTER = 1;
export const UPPER = 2;
export const LOWER = 4;
export const DIGIT = 8;
export const MARK = 16;

const P_LETTER = /\p{L}/u;
const P_UPPER = /\p{Lu}|\p{Lt}/u;
const P_LOWER = /\p{Ll}/u;
const P_DIGIT = /\p{N}/u;
const P_MARK = /\p{M}/u;

function classify(ch: string): number {
  let flags = 0;
  if (P_LETTER.test(ch)) flags |= LETTER;
  if (P_UPPER.test(ch)) flags |= UPPER;
  if (P_LOWER.test(ch)) flags |= LOWER;
  if (P_DIGIT.test(ch)) flags |= DIGIT;
  if (P_MARK.test(ch)) flags |= MARK;
  return flags;
}

/** Up to U+24FF: Latin, Greek, Cyrillic, Hebrew, Arabic, Indic scripts and general punctuation. */
const TABLE_SIZE = 0x2500;
const TABLE: Readonly<Uint8Array> = Uint8Array.from({ length: TABLE_SIZE }, (_, c) =>
  c >= 0xd800 && c <= 0xdfff ? 0 : classify(String.fromCharCode(c)),
);

/** Lower-case code unit of each code unit up to U+24FF (itself when it has none of one unit). */
const FOLD: Readonly<Uint16Array> = Uint16Array.from({ length: TABLE_SIZE }, (_, c) => {
  if ((TABLE[c]! & UPPER) === 0) return c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
});

/** Per code unit up to U+24FF: its lower-case form (foldCode) << 8 | its flags (flagsOf). */
const INFO: Readonly<Uint32Array> = Uint32Array.from(
  { length: TABLE_SIZE },
  (_, c) => (FOLD[c]! << 8) | TABLE[c]!,
);

/**
 * A code unit's flags and lower-case form in one read, for word scanners:
 * `(foldCode(code) << 8) | flagsOf(code)`.
 */
export function charInfo(code: number): number {
  return code < TABLE_SIZE ? INFO[code]! : (foldBeyondTable(code) << 8) | flagsBeyondTable(code);
}

/**
 * The lower-case form of a UTF-16 code unit, as hashes of folded words use it: one array read up to
 * U+24FF.
 */
export function foldCode(code: number): number {
  // small enough to be inlined into the word scanners; the rare rest is out of line
  return code < TABLE_SIZE ? FOLD[code]! : foldBeyondTable(code);
}

function foldBeyondTable(code: number): number {
  if ((flagsOf(code) & UPPER) === 0) return code;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/** Flags of a UTF-16 code unit. */
export function flagsOf(code: number): number {
  // small enough to be inlined into the word scanners; the rare rest is out of line
  return code < TABLE_SIZE ? TABLE[code]! : flagsBeyondTable(code);
}

function flagsBeyondTable(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return 0;
  return classify(String.fromCharCode(code));
}

/** Flags of the code unit at `text[i]` (0 past either end). */
export function flagsAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c === c ? flagsOf(c) : 0; // NaN past the end
}

/** FNV-1a (32-bit) offset basis and prime: the clean stage's word hashes, some computed inline in hot loops. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Word hashes are cut to 30 bits as keys: small integers that maps and typed tables hold unboxed. */
export const KEY_MASK = 0x3fffffff;

/**
 * A 32-bit FNV-1a hash of text[start, end), lower-cased when `fold` is set: words are compared
 * and counted by hash, without allocating a string per word.
 *
 * @example
 * hashRange('Oslo oslo', 0, 4, true) === hashRange('Oslo oslo', 5, 9, true) // true
 */
export function hashRange(text: string, start: number, end: number, fold: boolean): number {
  let h = FNV_OFFSET;
  if (fold) {
    for (let i = start; i < end; i++) h = Math.imul(h ^ foldCode(text.charCodeAt(i)), FNV_PRIME);
  } else {
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  }
  return h;
}

/** hashRange over a whole string. */
export function hashWord(word: string, fold: boolean): number {
  return hashRange(word, 0, word.length, fold);
}
