const DIACRITICS = /[\u0300-\u036f]/g;
const ALIAS_PIECE = /[^\s\-–]+|[-–]/g;
const POSSESSIVE = /^(.+?)(['’]s)$/;

/**
 * The lookup key of a token or alias word: lower case, accents removed, curly
 * apostrophes straightened, dots of abbreviations dropped ("U.S." → "us").
 *
 * @example
 * normaliseKey('Élysée'); // 'elysee'
 */
export function normaliseKey(text: string): string {
  let key = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(key)) key = key.normalize('NFD').replace(DIACRITICS, '').replace(/[’‘]/g, "'");
  if (key.length > 1 && key.includes('.') && /[a-z]/.test(key)) key = key.replace(/\./g, '');
  return key;
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
  return text !== text.toLowerCase() && text === text.toUpperCase();
}
