import type { Replacement } from './apply-replacements.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import { endsLikeSentence, removalRanges, splitParagraphs } from './split-lines.js';
import type { ParagraphRange } from './split-lines.js';

/** Features of one paragraph the classifier reads. */
export interface BlockFeatures {
  readonly words: number;
  /** Share of words that are function words ("the", "of", "said" is not one). */
  readonly stopDensity: number;
  /** Share of words (of two letters or more) that start with a capital. */
  readonly titleCase: number;
  readonly endsLikeSentence: boolean;
  /** Made of URLs, e-mail addresses, handles or "|"-separated menu items. */
  readonly linkLike: boolean;
  /** A PHP, JavaScript or server error message. */
  readonly error: boolean;
}

const URL_LIKE =
  /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w{2,}|(?:^|\s)@\w{2,}|\S+\.(?:com|org|net|html?|php)(?:\/\S*)?(?=\s|$)/giu;
const ADDRESS_HINT = /:\/\/|www\.|@|\.(?:com|org|net|html?|php)\b/iu;
const ERROR_HINT = /line \d|Error|JavaScript|browser|Undefined|database/u;
/** Text every ERROR_HINT match holds: a text with none of it has no error hint in any paragraph. */
const ERROR_HINT_TEXT = ['line ', 'Error', 'JavaScript', 'browser', 'Undefined', 'database'];
const ERROR_LINE =
  /^(?:(?:PHP )?(?:Warning|Notice|Fatal error|Parse error|Deprecated|Strict Standards)\s*:.{0,300}?\bon line \d+|(?:Uncaught )?(?:TypeError|ReferenceError|SyntaxError|RangeError)\s*:.{0,300}|Error establishing a database connection|(?:JavaScript|JS) (?:is )?(?:disabled|required).{0,120}|Please enable JavaScript.{0,120}|Your browser does not support.{0,120}|Undefined (?:index|variable|offset)\s*:.{0,200})$/iu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
const MENU_SEPARATORS = /\s[|•·»]\s|\s\/\s/gu;

/** A menu or link list: many short items between separators, or mostly addresses. */
function isLinkLike(p: string, words: number): boolean {
  const urls = ADDRESS_HINT.test(p) ? (p.match(URL_LIKE) ?? []) : [];
  const urlChars = urls.reduce((n, u) => n + u.trim().length, 0);
  if (urls.length > 0 && urlChars >= 0.5 * p.replace(/\s+/g, '').length) return true;
  const separators = p.match(MENU_SEPARATORS)?.length ?? 0;
  return separators >= 2 && words / (separators + 1) <= 3;
}

/**
 * Computes the features of paragraph `p` (its text).
 *
 * @example
 * blockFeatures('Share | Tweet | Email', new Set(['the'])).linkLike // true
 */
export function blockFeatures(p: string, functionWords: ReadonlySet<string>): BlockFeatures {
  const words = p.match(WORD) ?? [];
  let stop = 0;
  let capital = 0;
  let long = 0;
  for (const w of words) {
    if (functionWords.has(w.toLowerCase())) stop++;
    if (w.length >= 2 && !functionWords.has(w.toLowerCase())) {
      long++;
      const c = w[0]!;
      if (c !== c.toLowerCase()) capital++;
    }
  }
  const n = words.length;
  return {
    words: n,
    stopDensity: n === 0 ? 0 : stop / n,
    titleCase: long === 0 ? 0 : capital / long,
    endsLikeSentence: endsLikeSentence(p, 0, p.length),
    linkLike: n <= 40 && isLinkLike(p, n),
    error: p.length <= 400 && ERROR_LINE.test(p.trim()),
  };
}

/** Longest paragraph (in characters) the classifier looks at. */
const MAX_FURNITURE_CHARS = 400;
const PROSE: BlockFeatures = {
  words: 100,
  stopDensity: 0.5,
  titleCase: 0,
  endsLikeSentence: true,
  linkLike: false,
  error: false,
};

/** Longest a headline-like paragraph may be, in words. */
const HEADLINE_WORDS = 14;
/** Shortest run of headline-like paragraphs at the end of the text taken as a link list. */
const MIN_TAIL_RUN = 3;
/** Shortest run of headline-like paragraphs inside the text taken as a link list. */
const MIN_INNER_RUN = 5;

/** A short title-case line with no sentence end and few function words: a link or a menu item. */
function headlineLike(f: BlockFeatures): boolean {
  return (
    f.words > 0 &&
    f.words <= HEADLINE_WORDS &&
    !f.endsLikeSentence &&
    f.titleCase >= 0.6 &&
    f.stopDensity <= 0.35
  );
}

/**
 * Builds the step that classifies the paragraphs a marker did not catch (data/clean/boilerplate.json)
 * and drops those that are site furniture, conservatively:
 * - error lines (PHP warnings "… on line 12", "Uncaught TypeError: …", "Please enable JavaScript");
 * - link-like lines (bare URLs, e-mail addresses, handles, "Share | Tweet | Email" menus);
 * - a run of three or more short title-case lines without sentence ends that closes the text
 *   (a list of related headlines), or of five or more inside it.
 * Running text (ending like a sentence, or with function words) is never dropped.
 *
 * @example
 * classifyBlocks(lexicon)('Body text.\n\nhttps://example.com/x') // drops the URL line
 */
export function classifyBlocks(lexicon: CleanLexicon): (text: string) => Replacement[] {
  const { functionWords } = lexicon;
  return (text) => {
    if (text.length === 0) return [];
    const paragraphs: ParagraphRange[] = splitParagraphs(text);
    const hinted = ERROR_HINT_TEXT.some((hint) => text.includes(hint));
    // a long paragraph is neither a headline, a menu nor an error line: skip the features
    // and a sentence is none of them unless it may be an error message
    const features = paragraphs.map((p) =>
      p.end - p.start > MAX_FURNITURE_CHARS ||
      (endsLikeSentence(text, p.start, p.end) && !(hinted && ERROR_HINT.test(text.slice(p.start, p.end))))
        ? PROSE
        : blockFeatures(text.slice(p.start, p.end), functionWords),
    );
    const drop = features.map((f) => f.error || (f.linkLike && !f.endsLikeSentence));
    // runs of headline-like paragraphs
    let i = 0;
    while (i < features.length) {
      if (!headlineLike(features[i]!)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < features.length && (headlineLike(features[j + 1]!) || drop[j + 1])) j++;
      const length = j - i + 1;
      const atEnd = j === features.length - 1;
      if (i > 0 && ((atEnd && length >= MIN_TAIL_RUN) || length >= MIN_INNER_RUN)) {
        for (let k = i; k <= j; k++) drop[k] = true;
      }
      i = j + 1;
    }
    // never drop everything: a text made only of such lines is left as it is
    if (drop.every(Boolean)) return [];
    const runs: [number, number][] = [];
    for (let k = 0; k < drop.length; k++) {
      if (!drop[k]) continue;
      let e = k;
      while (e + 1 < drop.length && drop[e + 1]) e++;
      runs.push([k, e]);
      k = e;
    }
    return removalRanges(paragraphs, runs).map(([start, end]) => ({
      start,
      end,
      text: '',
      kind: 'drop-boilerplate',
    }));
  };
}
