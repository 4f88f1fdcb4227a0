import type { Replacement, StepResult } from './apply-replacements.js';
import type { CleanLexicon, MarkerScope } from './parse-clean-lexicon.js';
import { countWords, endsLikeSentence, removalRanges, splitParagraphs } from './split-lines.js';
import type { ParagraphRange } from './split-lines.js';

const LEADING_PUNCT = /^[\s•·*>»|#–—-]+/u;
const TRAILING_PUNCT = /[\s:：.…»>|–—!-]+$/u;
const MAX_LINE_MARKER_WORDS = 8;
/** Words from which a paragraph ending like a sentence is running text, not a headline. */
const RUNNING_TEXT_WORDS = 15;

/** A paragraph of article prose: long enough and ending like a sentence. */
function isRunningText(text: string, p: ParagraphRange): boolean {
  return countWords(text, p.start, p.end) >= RUNNING_TEXT_WORDS && endsLikeSentence(text, p.start, p.end);
}

/** The text up to the first space or ':' '|' '»' '>' ('read' in 'read more:'). */
function firstWord(s: string): string {
  const m = /^[^\s:：|»>]*/u.exec(s);
  return m === null ? '' : m[0];
}

interface MarkerMatch {
  readonly scope: MarkerScope;
  /** The marker opens the line and text follows it after ':' ("READ MORE: headline"). */
  readonly inline: boolean;
}

/**
 * Builds the step that drops site furniture: a leading date marker, link blocks after markers
 * such as "KEEP READING:" or "Read more", and lines such as "Advertisement" (data/clean/boilerplate.json).
 *
 * @example
 * dropBoilerplate(lexicon)('Body.\n\nKEEP READING:\nOther story') // drops from "KEEP READING:" to the end
 */
export function dropBoilerplate(lexicon: CleanLexicon): (text: string) => StepResult {
  const markers = [...lexicon.markers].sort((a, b) => b[0].length - a[0].length);

  // every marker starts with one of these words: a cheap first test
  const firstWords = new Set([...lexicon.markers.keys()].map((m) => firstWord(m)));

  const matchMarker = (text: string, line: ParagraphRange): MarkerMatch | undefined => {
    const raw = text.slice(line.start, line.end);
    if (raw.length === 0 || raw.length > 200) return undefined;
    const lower = raw.toLowerCase().replace(LEADING_PUNCT, '');
    if (!firstWords.has(firstWord(lower))) return undefined;
    const whole = lower.replace(TRAILING_PUNCT, '').replace(/\s+/g, ' ');
    const exact = lexicon.markers.get(whole);
    if (exact !== undefined) return { scope: exact, inline: false };
    for (const [marker, scope] of markers) {
      if (!lower.startsWith(marker)) continue;
      const rest = lower.slice(marker.length);
      if (/^\s*[:：|»>]\s*\S/u.test(rest)) return { scope, inline: true };
      const words = countWords(raw, 0, raw.length);
      if (
        scope === 'line' &&
        /^\s/u.test(rest) &&
        words <= MAX_LINE_MARKER_WORDS &&
        !endsLikeSentence(raw, 0, raw.length)
      ) {
        return { scope, inline: false };
      }
    }
    return undefined;
  };

  return (text) => {
    const replacements: Replacement[] = [];
    let published: string | undefined;
    let from = 0;
    for (const pattern of lexicon.leading) {
      const m = pattern.exec(text.slice(from));
      if (m === null || m[0].length === 0) continue;
      replacements.push({ start: from, end: from + m[0].length, text: '', kind: 'drop-boilerplate' });
      published ??= m.groups?.date;
      from += m[0].length;
    }
    if (from > 0 && text.startsWith('\n\n', from)) {
      // the marker was a paragraph of its own: take its separator too
      replacements[replacements.length - 1] = {
        start: replacements[replacements.length - 1]!.start,
        end: from + 2,
        text: '',
        kind: 'drop-boilerplate',
      };
      from += 2;
    }
    const paragraphs = splitParagraphs(text);
    const runs: [number, number][] = [];
    for (let i = 0; i < paragraphs.length; i++) {
      const paragraph = paragraphs[i]!;
      if (paragraph.start < from) continue; // what is left of a paragraph opened by a date marker is text
      const match = matchMarker(text, paragraph);
      if (match === undefined) continue;
      if (match.inline || match.scope === 'line') {
        runs.push([i, i]);
      } else if (match.scope === 'rest') {
        const next = paragraphs[i + 1];
        if (next !== undefined && isRunningText(text, next)) {
          // the links under the heading are gone (an HTML page's related block): the heading alone
          runs.push([i, i]);
          continue;
        }
        runs.push([i, paragraphs.length - 1]);
        break;
      } else {
        // block: the marker and the headline-like paragraphs after it, up to the first running text
        let last = i;
        while (last + 1 < paragraphs.length) {
          const next = paragraphs[last + 1]!;
          if (endsLikeSentence(text, next.start, next.end)) break;
          last++;
        }
        runs.push([i, last]);
        i = last;
      }
    }
    for (const [start, end] of removalRanges(paragraphs, runs)) {
      replacements.push({ start: Math.max(start, from), end, text: '', kind: 'drop-boilerplate' });
    }
    replacements.sort((a, b) => a.start - b.start);
    return published === undefined ? { replacements } : { replacements, published };
  };
}
