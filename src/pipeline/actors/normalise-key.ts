const DIACRITICS = /[\u0300-\u036f]/g;
const ALIAS_PIECE = /[^\s\-–]+|[-–]/g;
const POSSESSIVE = /^(.+?)(['’]s)$/;
const CURLY_APOSTROPHES = /[’‘]/g;
const DOTS = /\./g;

/**
 * The lookup key of a token or alias word: lower case, accents removed, curly
 * apostrophes straightened, dots of abbreviations dropped ("U.S." → "us").
 *
 * @example
 * normaliseKey('Élysée'); // 'elysee'
 */
export function normaliseKey(text: string): string {
  // one pass over the characters: most tokens are ASCII words with no dot, whose key is their lower case
  let ascii = true;
  let dot = false;
  let letter = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) ascii = false;
    else if (c === 0x2e) dot = true;
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) letter = true;
  }
  let key = text.toLowerCase();
  if (!ascii) {
    key = key.normalize('NFD').replace(DIACRITICS, '').replace(CURLY_APOSTROPHES, "'");
    letter = /[a-z]/.test(key);
  }
  if (dot && key.length > 1 && letter) key = key.replace(DOTS, '');
  return key;
}

/**
 * `normaliseKey` of a token's lower-cased text: the text itself when it is ASCII without a dot
 * (most words), so that no new string is made.
 *
 * @example
 * keyOfLower('minister'); // 'minister'
 */
export function keyOfLower(lower: string): string {
  let apostrophes = false;
  let dot = false;
  let letter = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c <= 0x7f) {
      if (c === 0x2e) dot = true;
      else if (c >= 0x61 && c <= 0x7a) letter = true;
      continue;
    }
    // general punctuation (dashes, quotes, ellipsis) has no accents to remove: only ’ ‘ change
    if (c < 0x2010 || c > 0x205e) return normaliseKey(lower);
    if (c === 0x2018 || c === 0x2019) apostrophes = true;
  }
  let key = apostrophes ? lower.replace(CURLY_APOSTROPHES, "'") : lower;
  if (dot && key.length > 1 && letter) key = key.replace(DOTS, '');
  return key;
}

/**
 * The lookup key of every token (`keyOfLower` of its lower-cased text).
 *
 * @example
 * keysOf(tokens); // ['japan', 'did', 'not', …]
 */
export function keysOf(tokens: readonly { readonly lower: string }[]): string[] {
  const keys = new Array<string>(tokens.length);
  for (let t = 0; t < tokens.length; t++) keys[t] = keyOfLower(tokens[t]!.lower);
  return keys;
}

/**
 * Splits an alias into the words wink-nlp makes of it: hyphens and a final
 * possessive are words of their own, "U.S." and "d'Ivoire" stay whole.
 *
 * @example
 * splitAlias("Guinea-Bissau"); // ['Guinea', '-', 'Bissau']
 */
export function splitAlias(alias: string): string[] {
  const out: string[] = [];
  for (const piece of alias.match(ALIAS_PIECE) ?? []) {
    const possessive = POSSESSIVE.exec(piece);
    if (possessive && possessive[1] !== undefined && possessive[2] !== undefined) {
      out.push(possessive[1], possessive[2]);
    } else {
      out.push(piece);
    }
  }
  return out;
}

/**
 * True when the first letter of `text` is an upper-case letter.
 *
 * @example
 * isCapitalised('Japan'); // true
 */
export function isCapitalised(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  const c = text.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/**
 * True when `text` has letters and none of them is lower case.
 *
 * @example
 * isAllUpper('U.N.'); // true
 */
export function isAllUpper(text: string): boolean {
  let letters = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return text !== text.toLowerCase() && text === text.toUpperCase();
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) letters = true;
  }
  return letters;
}
