import { LOWER, UPPER, flagsAt } from './char-classes.js';
import type { Replacement } from './apply-replacements.js';
import { splitLines } from './split-lines.js';
import type { Line } from './split-lines.js';

const isLower = (text: string, i: number): boolean => (flagsAt(text, i) & LOWER) !== 0;
const isUpper = (text: string, i: number): boolean => (flagsAt(text, i) & UPPER) !== 0;

/** Wrapped lines of hard-wrapped text are long; a shorter line without a full stop is a heading. */
const MIN_WRAPPED_LINE = 30;

/** Whether the line ends a sentence or introduces something (. ! ? : ; … before closing marks). */
function endsClause(text: string, line: Line): boolean {
  let i = line.contentEnd - 1;
  while (i >= line.contentStart && '"”’\')]»'.includes(text[i]!)) i--;
  return i >= line.contentStart && '.!?:;…'.includes(text[i]!);
}

/** Whether text[from, to) holds two line breaks or more: a blank line between two lines. */
function blankBetween(text: string, from: number, to: number): boolean {
  const first = text.indexOf('\n', from);
  if (first === -1 || first >= to) return false;
  const second = text.indexOf('\n', first + 1);
  return second !== -1 && second < to;
}

/** Whether text[start, end) is `to`, compared in place. */
function holds(text: string, start: number, end: number, to: string): boolean {
  if (end - start !== to.length) return false;
  for (let i = 0; i < to.length; i++) if (text.charCodeAt(start + i) !== to.charCodeAt(i)) return false;
  return true;
}

/** Adds the replacement of text[start, end) by `to` to `out`, unless the text already holds it. */
function want(out: Replacement[], text: string, start: number, end: number, to: string): void {
  if (!holds(text, start, end, to)) out.push({ start, end, text: to, kind: 'normalise-whitespace' });
}

/** Whether line `a` goes on in line `b` after a single newline: no clause end, a lower-case start. */
function goesOn(text: string, a: Line, b: Line): boolean {
  return !endsClause(text, a) && isLower(text, b.contentStart);
}

/**
 * Lays the text out as paragraphs separated by exactly "\n\n": lines are trimmed, runs of spaces
 * become one, blank lines collapse. A single newline becomes a space when the line goes on
 * (no closing punctuation before it and a lower-case letter after it, or hard-wrapped text),
 * and a paragraph break otherwise, so a headline line stays its own paragraph.
 *
 * @example
 * arrangeParagraphs('Title\nBody starts\nhere.  Next.') // the replacements that give 'Title\n\nBody starts here. Next.'
 */
export function arrangeParagraphs(text: string): Replacement[] {
  const lines = splitLines(text).filter((l) => l.contentEnd > l.contentStart);
  const out: Replacement[] = [];
  if (lines.length === 0) {
    want(out, text, 0, text.length, '');
    return out;
  }

  // how lines meet: 'blank' (a blank line between), or a single newline
  let single = 0;
  let continued = 0;
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (blankBetween(text, a.contentEnd, b.contentStart)) continue;
    single++;
    if (goesOn(text, a, b)) continued++;
  }
  const hardWrapped = continued >= 2 && continued * 4 >= single;

  want(out, text, 0, lines[0]!.contentStart, '');
  let doubleSpace = text.indexOf('  ');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // runs of spaces inside the line
    // (one forward search over the whole text: lines come in order)
    if (doubleSpace !== -1 && doubleSpace < line.contentStart)
      doubleSpace = text.indexOf('  ', line.contentStart);
    while (doubleSpace !== -1 && doubleSpace < line.contentEnd) {
      let end = doubleSpace + 2;
      while (end < line.contentEnd && text.charCodeAt(end) === 0x20) end++;
      want(out, text, doubleSpace, end, ' ');
      doubleSpace = text.indexOf('  ', end);
    }
    const next = lines[i + 1];
    if (next === undefined) {
      want(out, text, line.contentEnd, text.length, '');
      break;
    }
    const gapStart = line.contentEnd;
    const gapEnd = next.contentStart;
    const blank = blankBetween(text, gapStart, gapEnd);
    let sep = '\n\n';
    if (!blank) {
      const last = text[line.contentEnd - 1];
      const wrappedHyphen =
        last === '-' && isLower(text, line.contentEnd - 2) && isLower(text, next.contentStart);
      if (wrappedHyphen) sep = '';
      else if (goesOn(text, line, next)) sep = ' ';
      else if (
        hardWrapped &&
        i > 0 &&
        !endsClause(text, line) &&
        line.contentEnd - line.contentStart >= MIN_WRAPPED_LINE &&
        (isUpper(text, next.contentStart) || /[0-9"“‘(]/u.test(text[next.contentStart]!))
      ) {
        sep = ' ';
      }
    }
    want(out, text, gapStart, gapEnd, sep);
  }
  return out;
}
