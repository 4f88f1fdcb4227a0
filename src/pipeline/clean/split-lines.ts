/** A line of the text: [start, end) without its "\n"; [contentStart, contentEnd) without edge spaces. */
export interface Line {
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
}

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0xa0;

/**
 * Splits a text on "\n" into lines with their trimmed content ranges.
 *
 * @example
 * splitLines('a\n  b ')[1] // { start: 2, end: 6, contentStart: 4, contentEnd: 5 }
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let cs = start;
    while (cs < end && isBlank(text.charCodeAt(cs))) cs++;
    let ce = end;
    while (ce > cs && isBlank(text.charCodeAt(ce - 1))) ce--;
    lines.push({ start, end, contentStart: cs, contentEnd: ce });
    if (end === text.length) break;
    start = end + 1;
  }
  return lines;
}

/** Number of words (runs of non-space characters) in text[start, end). */
export function countWords(text: string, start: number, end: number): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const space = isBlank(text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * Whether a line reads as running text: it ends with . ! or ? (before any closing quotes or
 * brackets) and not with an ellipsis, as teaser headlines do.
 *
 * @example
 * endsLikeSentence('He left.', 0, 8) // true
 */
export function endsLikeSentence(text: string, start: number, end: number): boolean {
  let i = end - 1;
  while (i >= start && '"”’\')]»'.includes(text[i]!)) i--;
  if (i < start) return false;
  const ch = text[i]!;
  if (ch !== '.' && ch !== '!' && ch !== '?') return false;
  return !(ch === '.' && i > start && text[i - 1] === '.');
}

/** A paragraph of a laid-out text: [start, end) between "\n\n" separators. */
export interface ParagraphRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits a laid-out text (paragraphs separated by exactly "\n\n") into paragraph ranges.
 *
 * @example
 * splitParagraphs('a\n\nbc') // [{ start: 0, end: 1 }, { start: 3, end: 5 }]
 */
export function splitParagraphs(text: string): ParagraphRange[] {
  const out: ParagraphRange[] = [];
  let start = 0;
  for (;;) {
    let end = text.indexOf('\n\n', start);
    if (end === -1) end = text.length;
    out.push({ start, end });
    if (end === text.length) return out;
    start = end + 2;
  }
}

/**
 * The text ranges that delete whole paragraphs `runs` (inclusive index pairs, sorted, disjoint)
 * with their separators, so that the rest stays separated by exactly "\n\n".
 *
 * @example
 * removalRanges(splitParagraphs('a\n\nb\n\nc'), [[1, 1]]) // [[1, 4]]: "\n\nb"
 */
export function removalRanges(
  paragraphs: readonly ParagraphRange[],
  runs: readonly (readonly [from: number, to: number])[],
): [start: number, end: number][] {
  const out: [number, number][] = [];
  let removedBefore = 0; // paragraphs at the start removed so far
  for (const [from, to] of runs) {
    const first = paragraphs[from]!;
    const last = paragraphs[to]!;
    const next = paragraphs[to + 1];
    if (from === removedBefore) {
      // leading run: take the separator after it
      out.push([first.start, next === undefined ? last.end : next.start]);
      removedBefore = to + 1;
    } else {
      out.push([first.start - 2, last.end]);
    }
  }
  return out;
}
