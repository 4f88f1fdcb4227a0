/** A quotation-mark span found in the text. Offsets are UTF-16 indexes into the cleaned text. */
export interface MarkSpan {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset of the closing mark, or null when the quote was never closed (capped). */
  readonly close: number | null;
  /** Quoted content, without the marks and surrounding spaces. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** True for ‘ ’ ' ‹ › quotes. */
  readonly single: boolean;
  /** Index of the span this one continues (the quote went on across a paragraph), or null. */
  readonly continues: number | null;
}

interface OpenMark {
  readonly pos: number;
  readonly ch: string;
  /** Characters of the mark (2 for a doubled apostrophe ''). */
  readonly width: number;
  readonly single: boolean;
  readonly continues: number | null;
}

const OPENERS = new Set(['“', '"', '«', '„', '‘', "'", '‹', '”', '「', '『', '‚', '»']);
const CLOSERS = new Set(['”', '"', '»', '“', '’', "'", '›', '」', '』', '‘', '«']);
/** Marks that only ever close the one opener they pair with. */
const PAIRED_CLOSE: Readonly<Record<string, string>> = { '»': '«', '›': '‹', '」': '「', '』': '『' };
const SENTENCE_END = new Set(['.', '!', '?', '…']);
const LINE_END_CAPS = new Set([
  '.',
  '!',
  '?',
  '…',
  ':',
  ';',
  '”',
  '"',
  '»',
  '’',
  "'",
  '›',
  ')',
  '」',
  '』',
  '«',
  '。',
]);
const OPEN_CONTEXT = new Set(['(', '[', '{', '—', '–', '-', '/', ':']);

const MAX_DEPTH = 8;
/** The stack entry of a doubled apostrophe used as a double quotation mark. */
const DOUBLED = "''";

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isQuoteChar = (c: string | undefined): boolean => c !== undefined && (OPENERS.has(c) || CLOSERS.has(c));
/** Source of a pattern for the only characters the pairing reads: line breaks and quotation marks. */
const READ_SOURCE = `[\\n${[...new Set([...OPENERS, ...CLOSERS])].join('')}]`;

/**
 * Pairs quotation marks (“ ” ‘ ’ « » „ “ ‚ ‘ ‹ › 「 」 『 』 " ', German » «) in one linear pass. Apostrophes
 * (it’s, Moscow’s, '90s, Kan'ani) are skipped; nested quotes stay inside their outer
 * quote; a quote still open at a line end continues when the next line opens with a
 * quote mark (a new part linked by `continues`), runs on over a mid-sentence line
 * break, and is otherwise capped there. Never throws.
 *
 * @example
 * pairQuoteMarks('“We will act,” he said.');
 * // [{ open: 0, close: 13, contentStart: 1, contentEnd: 13, single: false, continues: null }]
 */
export function pairQuoteMarks(text: string): MarkSpan[] {
  const spans: MarkSpan[] = [];
  const stack: OpenMark[] = [];
  let pendingAt = -1;
  let pendingFrom: number | null = null;

  const looksClosing = (i: number): boolean => {
    const prev = text[i - 1];
    const next = text[i + 1];
    return !isSpace(prev) && (isSpace(next) || !isWord(next));
  };
  const looksOpening = (i: number): boolean => {
    const prev = text[i - 1];
    const next = text[i + 1];
    return (isSpace(prev) || OPEN_CONTEXT.has(prev!) || isQuoteChar(prev)) && !isSpace(next);
  };
  /** ”⏎… .” — a closing-style mark that opens its line, with another one closing it later on that line, opens a quote. */
  const opensLine = (i: number): boolean => {
    if (i > 0 && text[i - 1] !== '\n') return false;
    const lineEnd = text.indexOf('\n', i);
    const close = text.indexOf('”', i + 1);
    return close !== -1 && (lineEnd === -1 || close < lineEnd);
  };
  /** A sentence ended right before position i ("him. “The", "him.“The"). */
  const sentenceBefore = (i: number): boolean => {
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    return j >= 0 && SENTENCE_END.has(text[j]!);
  };
  const lastOpen = (ch: string): number => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.ch === ch) return k;
    return -1;
  };
  const topDouble = (): number => {
    for (let k = stack.length - 1; k >= 0; k--) if (!stack[k]!.single) return k;
    return -1;
  };
  const trimEnd = (end: number, start: number): number => {
    let e = end;
    while (e > start && isSpace(text[e - 1])) e--;
    return e;
  };
  const emit = (mark: OpenMark, close: number | null, end: number): number => {
    let s = mark.pos + mark.width;
    while (s < end && isSpace(text[s])) s++;
    spans.push({
      open: mark.pos,
      close,
      contentStart: s,
      contentEnd: trimEnd(end, s),
      single: mark.single,
      continues: mark.continues,
    });
    return spans.length - 1;
  };
  const push = (pos: number, ch: string, single: boolean, width = 1): void => {
    if (stack.length >= MAX_DEPTH) return; // runaway nesting in broken text: ignore the mark
    const continues = stack.length === 0 && pos === pendingAt ? pendingFrom : null;
    stack.push({ pos, ch, single, width, continues });
  };
  /** Closes the entry at stack index k at the mark at i (its last character at `last`), dropping anything nested above it. */
  const closeAt = (k: number, i: number, last = i): void => {
    const mark = stack[k]!;
    stack.length = k;
    if (k === 0) emit(mark, last, i);
  };
  /** Ends the top-level double quote before position i without a closing mark. */
  const cap = (end: number): number | null => {
    const k = topDouble();
    const mark = k === -1 ? undefined : stack[0];
    stack.length = 0;
    if (mark === undefined || mark.single) return null;
    return emit(mark, null, end);
  };

  // jump from one mark or line break to the next: every other character is read by neither
  const reads = new RegExp(READ_SOURCE, 'g');
  const nextRead = (from: number): number => {
    reads.lastIndex = from;
    return reads.test(text) ? reads.lastIndex - 1 : text.length;
  };
  for (let i = nextRead(0); i < text.length; i = nextRead(i + 1)) {
    const c = text[i]!;
    if (c === '\n') {
      if (stack.length === 0) continue;
      let j = i + 1;
      let breaks = 1;
      while (j < text.length && isSpace(text[j])) {
        if (text[j] === '\n') breaks++;
        j++;
      }
      const lineEnd = trimEnd(i, 0);
      const last = text[lineEnd - 1];
      const nextChar = text[j];
      if (nextChar !== undefined && OPENERS.has(nextChar) && nextChar !== '”' && topDouble() !== -1) {
        const idx = cap(lineEnd);
        pendingAt = j;
        pendingFrom = idx;
      } else if (breaks > 1 || last === undefined || LINE_END_CAPS.has(last) || j >= text.length) {
        cap(lineEnd);
      } else {
        // a line break in mid-sentence: the quote runs on; unclosed single quotes end here
        const k = topDouble();
        stack.length = k + 1;
      }
      continue;
    }
    const prev = text[i - 1];
    const next = text[i + 1];
    if (c === "'" && next === "'") {
      // a doubled apostrophe written for a double quotation mark (''Yes,'' she said)
      const after = text[i + 2];
      const k = topDouble();
      const opening = (isSpace(prev) || OPEN_CONTEXT.has(prev!) || isQuoteChar(prev)) && !isSpace(after);
      const closing = !isSpace(prev) && (isSpace(after) || !isWord(after));
      if (k !== -1 && stack[k]!.ch === DOUBLED && (closing || !opening)) closeAt(k, i, i + 1);
      else if (opening && !isWord(prev)) push(i, DOUBLED, false, 2);
      i++;
      continue;
    }
    switch (c) {
      case '«': {
        // German »…« reads the guillemets the other way round
        const k = lastOpen('»');
        if (k !== -1) closeAt(k, i);
        else push(i, c, false);
        break;
      }
      case '„':
      case '「':
        push(i, c, false);
        break;
      case '‹':
      case '『':
      case '‚':
        push(i, c, true);
        break;
      case '»':
      case '›':
      case '」':
      case '』': {
        const k = lastOpen(PAIRED_CLOSE[c]!);
        if (k !== -1) closeAt(k, i);
        else if (c === '»' && looksOpening(i) && !looksClosing(i)) push(i, c, false);
        break;
      }
      case '“':
      case '”':
      case '"': {
        const k = topDouble();
        if (k === -1) {
          if (c === '”' && !looksOpening(i) && !opensLine(i)) break; // stray closing mark
          if (c === '"' && looksClosing(i) && !looksOpening(i)) break; // stray closing mark
          push(i, c, false);
        } else if (stack[k]!.ch === '„' && c !== '"') {
          closeAt(k, i);
        } else if (c === '”') {
          closeAt(k, i);
        } else if (looksOpening(i) && !looksClosing(i) && sentenceBefore(i) && k === 0) {
          // “First part. “Second part,” — the first quote was never closed
          const end = trimEnd(i, 0);
          const idx = cap(end);
          pendingAt = i;
          pendingFrom = idx;
          push(i, c, false);
        } else if (c === '“' && !looksClosing(i)) {
          push(i, c, false); // nested “ … ” inside a quote
        } else {
          closeAt(k, i);
        }
        break;
      }
      case '‘': {
        const low = lastOpen('‚');
        if (low !== -1 && !isSpace(prev)) {
          closeAt(low, i); // German ‚…‘
          break;
        }
        if (isWord(prev) && isWord(next)) break; // apostrophe written with ‘
        if (isWord(prev)) break;
        push(i, c, true);
        break;
      }
      case '’':
      case "'": {
        if (isWord(prev) && isWord(next)) break; // it’s, Kan'ani
        const top = stack[stack.length - 1];
        if (top !== undefined && top.single && !isSpace(prev) && top.pos < i - 1) {
          closeAt(stack.length - 1, i);
          break;
        }
        if (c === "'" && !isWord(prev) && isWord(next) && !/^'\d\ds\b/.test(text.slice(i, i + 5))) {
          push(i, c, true);
        }
        break;
      }
      default:
        break;
    }
  }
  if (stack.length > 0) cap(trimEnd(text.length, 0));
  return spans;
}
