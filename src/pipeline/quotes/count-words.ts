const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Characters that join two letter runs into one word ("it’s", "so-called", "U.S"). */
function isJoiner(code: number): boolean {
  return code === 0x2019 || code === 0x27 || code === 0x2d || code === 0x2e;
}

/** Code units of the letter or digit starting at `i` (2 for one outside the basic plane), or 0. */
function letterAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
      ? 1
      : 0;
  }
  const point = text.codePointAt(i)!;
  const width = point > 0xffff ? 2 : 1;
  return LETTER_OR_DIGIT.test(text.slice(i, i + width)) ? width : 0;
}

/** One past the run of letters and digits starting at `i`. */
function runEnd(text: string, i: number): number {
  let j = i;
  for (let w = letterAt(text, j); w > 0; w = letterAt(text, j)) j += w;
  return j;
}

/**
 * Counts words (letter or digit runs, with inner hyphens and apostrophes) in a string, stopping at
 * `limit` when only a threshold matters ("three words or more").
 *
 * @example
 * countWords('“land grab”'); // 2
 * countWords('a long quotation of many words', 3); // 3
 */
export function countWords(text: string, limit = Infinity): number {
  let n = 0;
  let i = 0;
  while (i < text.length && n < limit) {
    if (letterAt(text, i) === 0) {
      i++;
      continue;
    }
    n++;
    i = runEnd(text, i);
    while (i + 1 < text.length && isJoiner(text.charCodeAt(i)) && letterAt(text, i + 1) > 0)
      i = runEnd(text, i + 1);
  }
  return n;
}
