import { DIGIT, LETTER, LOWER, UPPER, flagsAt } from './char-classes.js';
import type { Replacement } from './apply-replacements.js';
import { LeadSet } from './lead-scan.js';

/**
 * The code units where a missing space may be: quotes, sentence stops, and the letters of scripts
 * glued to Latin (Hebrew, Arabic, Cyrillic); one bit-set read per character of the scan.
 */
const CANDIDATES = new LeadSet();
for (const ch of '.”“!?»«') CANDIDATES.add(ch.charCodeAt(0));
for (let code = 0x0590; code <= 0x06ff; code++) CANDIDATES.add(code);
for (let code = 0x0400; code <= 0x04ff; code++) CANDIDATES.add(code);

function isOtherScriptCode(code: number): boolean {
  return (code >= 0x0590 && code <= 0x06ff) || (code >= 0x0400 && code <= 0x04ff);
}

// character tests on text[i] (false past either end), by the flag table where it gives the same
// answer as the Unicode property: a letter (\p{L}) or number (\p{N}), a lower-case letter (\p{Ll})
const isLetterOrDigit = (text: string, i: number): boolean => (flagsAt(text, i) & (LETTER | DIGIT)) !== 0;
const isLowerCase = (text: string, i: number): boolean => (flagsAt(text, i) & LOWER) !== 0;
/** \p{Lu}: the flag table's UPPER also holds title-case letters, so a flagged one is checked again. */
const isUpperCase = (text: string, i: number): boolean =>
  (flagsAt(text, i) & UPPER) !== 0 && /\p{Lu}/u.test(text[i]!);
const isLatin = (text: string, i: number): boolean => {
  const code = text.charCodeAt(i) | 0x20;
  return code >= 0x61 && code <= 0x7a;
};
const isOtherScript = (text: string, i: number): boolean => isOtherScriptCode(text.charCodeAt(i));

/** Whether the stop at `at` sits in an address or a piece of code ("example.com/News.Today", "acorn.Parser.extend("). */
function insideAddressOrCode(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && !/\s/u.test(text[s - 1]!)) s--;
  let e = at;
  while (e < text.length && !/\s/u.test(text[e]!)) e++;
  const token = text.slice(s, e);
  if (token.includes('://') || token.includes('@') || /www\./iu.test(token)) return true;
  // code: brackets, backticks or assignment in the token, or a camel-cased word after the stop
  return /[`(){}[\]=<>/\\_]/u.test(token) || /^\p{Lu}\p{Ll}+\p{Lu}/u.test(text.slice(at + 1, e));
}

/** A sentence stop glued to the next sentence: two lower-case letters (or a closing mark) before, "Xy" after. */
function gluedSentence(text: string, at: number): boolean {
  if (!isUpperCase(text, at + 1) || !isLowerCase(text, at + 2)) return false;
  const b1 = text[at - 1];
  const b2 = text[at - 2];
  const beforeOk =
    (isLowerCase(text, at - 1) && isLowerCase(text, at - 2)) ||
    (b1 !== undefined && ')]”’"'.includes(b1) && (isLowerCase(text, at - 2) || /[0-9]/.test(b2 ?? '')));
  return beforeOk && !insideAddressOrCode(text, at);
}

/**
 * Inserts the spaces that scraping lost, each with the character it goes next to:
 * - a closing quote glued to the next word: `condemned”the` → `condemned” the`;
 * - an opening quote glued to the word before and opening a word: `said“We` → `said “We`;
 * - a sentence glued to the next: `on Friday.According` → `on Friday. According` (two lower-case
 *   letters or a closing mark before the stop, a capitalised word after it, so "U.S.", "3.5",
 *   "example.com" and "Amazon.com Inc" are left alone, and nothing inside a URL or e-mail address);
 * - Arabic, Hebrew or Cyrillic script glued to Latin script (for Cyrillic, only where the glued run
 *   opens with a capital: "KyivУкраїна" is two words, "Kyivщина" one).
 * Straight quotes are told opening from closing by their order in the paragraph, and only in a
 * paragraph with an even number of them.
 *
 * @example
 * insertMissingSpaces('He condemned”the plan.') // one 'insert-space' replacing '”' with '” '
 */
export function insertMissingSpaces(text: string): Replacement[] {
  const out: Replacement[] = [];
  // one scan by character code; a match is cut out of the text only where a candidate stands
  for (let at = 0; at < text.length; at++) {
    if (!CANDIDATES.has(text.charCodeAt(at))) continue;
    const ch = text[at]!;
    if (ch === '”' || ch === '»') {
      if (isLetterOrDigit(text, at + 1))
        out.push({ start: at, end: at + 1, text: `${ch} `, kind: 'insert-space' });
    } else if (ch === '“' || ch === '«') {
      const before = text[at - 1];
      if (
        before !== undefined &&
        (isLetterOrDigit(text, at - 1) || '.,;:!?'.includes(before)) &&
        (isLetterOrDigit(text, at + 1) || text[at + 1] === '‘' || text[at + 1] === "'")
      ) {
        out.push({ start: at, end: at + 1, text: ` ${ch}`, kind: 'insert-space' });
      }
    } else if (ch === '.' || ch === '!' || ch === '?') {
      if (gluedSentence(text, at))
        out.push({ start: at, end: at + 1, text: `${ch} `, kind: 'insert-sentence-break' });
    } else {
      // a run of another script: a space before it and after it when glued to Latin letters
      let end = at + 1;
      while (end < text.length && isOtherScript(text, end)) end++;
      // in a cased script (Cyrillic) a word starts with a capital: a lower-case run after Latin
      // letters is a native ending on a transliterated stem ("Kyivщина"), not a second word
      const uncased = !isLowerCase(text, at) && !isUpperCase(text, at);
      if (isLatin(text, at - 1) && (uncased || isUpperCase(text, at)))
        out.push({ start: at - 1, end: at, text: `${text[at - 1]!} `, kind: 'insert-space' });
      if (isLatin(text, end) && (uncased || isUpperCase(text, end)))
        out.push({ start: end - 1, end, text: `${text[end - 1]!} `, kind: 'insert-space' });
      at = end - 1; // the scan goes on after the run
    }
  }
  // straight quotes, paragraph by paragraph: only up to the last quote, and each quote found once
  // (the next one is kept, so a paragraph without any costs no search to the end of the text)
  let next = text.indexOf('"');
  let start = 0;
  const quotes: number[] = [];
  while (next !== -1 && start <= text.length) {
    let end = text.indexOf('\n\n', start);
    if (end === -1) end = text.length;
    quotes.length = 0;
    for (; next !== -1 && next < end; next = text.indexOf('"', next + 1)) quotes.push(next);
    if (quotes.length % 2 === 0) {
      for (let i = 0; i < quotes.length; i++) {
        const q = quotes[i]!;
        if (i % 2 === 0) {
          const before = text[q - 1];
          if (q > start && before !== undefined && /[\p{L}\p{N},;:]/u.test(before)) {
            out.push({ start: q, end: q + 1, text: ' "', kind: 'insert-space' });
          } else if (before === '.' || before === '!' || before === '?') {
            out.push({ start: q, end: q + 1, text: ' "', kind: 'insert-sentence-break' });
          }
        } else if (isLetterOrDigit(text, q + 1)) {
          out.push({ start: q, end: q + 1, text: '" ', kind: 'insert-space' });
        }
      }
    }
    start = end + 2;
  }
  out.sort((a, b) => a.start - b.start);
  // one change per character
  const unique: Replacement[] = [];
  for (const r of out) if (unique.length === 0 || r.start >= unique[unique.length - 1]!.end) unique.push(r);
  return unique;
}
