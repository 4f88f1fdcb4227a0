import type { Replacement } from './apply-replacements.js';
import { LETTER, MARK, flagsOf } from './char-classes.js';
import { LeadSet } from './lead-scan.js';
import type { CharacterStep } from './lead-scan.js';

/** Cyrillic and Greek letters drawn like a Latin letter, and that Latin letter. */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  // Cyrillic
  ['а', 'a'],
  ['е', 'e'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['у', 'y'],
  ['х', 'x'],
  ['і', 'i'],
  ['ј', 'j'],
  ['ѕ', 's'],
  ['ԁ', 'd'],
  ['А', 'A'],
  ['В', 'B'],
  ['Е', 'E'],
  ['К', 'K'],
  ['М', 'M'],
  ['Н', 'H'],
  ['О', 'O'],
  ['Р', 'P'],
  ['С', 'C'],
  ['Т', 'T'],
  ['Х', 'X'],
  ['У', 'Y'],
  ['І', 'I'],
  ['Ј', 'J'],
  ['Ѕ', 'S'],
  // Greek
  ['Α', 'A'],
  ['Β', 'B'],
  ['Ε', 'E'],
  ['Ζ', 'Z'],
  ['Η', 'H'],
  ['Ι', 'I'],
  ['Κ', 'K'],
  ['Μ', 'M'],
  ['Ν', 'N'],
  ['Ο', 'O'],
  ['Ρ', 'P'],
  ['Τ', 'T'],
  ['Υ', 'Y'],
  ['Χ', 'X'],
  ['ο', 'o'],
]);

/** Greek and Cyrillic code units (U+0370–U+052F): a text without any has no look-alike letter. */
const GREEK_OR_CYRILLIC = new LeadSet();
for (let code = 0x370; code <= 0x52f; code++) GREEK_OR_CYRILLIC.add(code);

/** A Latin letter: Basic Latin, Latin-1 and the Latin Extended blocks up to U+024F. */
function isLatin(code: number): boolean {
  return code < 0x250 && (flagsOf(code) & LETTER) !== 0;
}

/**
 * Builds the step that replaces Greek and Cyrillic letters drawn like Latin ones inside Latin
 * words ("Ukrаine" with a Cyrillic "а" → "Ukraine"). Only in a word whose other letters are all
 * Latin, and with at least two of them: Greek and Cyrillic words ("Россия", "Κρήτη", "сор") and
 * mixed-script words with any other non-Latin letter stay as they are.
 *
 * @example
 * replaceLookAlikeLetters()('Ukr\u0430ine') // replacement: 'a' for the Cyrillic 'а'
 */
export function replaceLookAlikeLetters(): CharacterStep {
  const step = (text: string, mayChange = GREEK_OR_CYRILLIC.foundIn(text)): Replacement[] => {
    if (!mayChange) return [];
    const out: Replacement[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if ((flagsOf(text.charCodeAt(i)) & (LETTER | MARK)) === 0) {
        i++;
        continue;
      }
      const start = i;
      let latin = 0;
      let alike = 0;
      let other = 0;
      while (i < n && (flagsOf(text.charCodeAt(i)) & (LETTER | MARK)) !== 0) {
        const code = text.charCodeAt(i);
        if (isLatin(code)) latin++;
        else if (LOOK_ALIKES.has(text[i]!)) alike++;
        else if ((flagsOf(code) & LETTER) !== 0) other++;
        i++;
      }
      if (alike === 0 || other > 0 || latin < 2) continue;
      for (let k = start; k < i; k++) {
        const latinForm = LOOK_ALIKES.get(text[k]!);
        if (latinForm !== undefined)
          out.push({ start: k, end: k + 1, text: latinForm, kind: 'normalise-character' });
      }
    }
    return out;
  };
  return Object.assign(step, { leads: GREEK_OR_CYRILLIC });
}
