const WORD = /[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu;

/**
 * Counts words (letter or digit runs, with inner hyphens and apostrophes) in a string.
 *
 * @example
 * countWords('“land grab”'); // 2
 */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}
