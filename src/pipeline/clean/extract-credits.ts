import type { Replacement, StepResult } from './apply-replacements.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import { LETTER, flagsOf } from './char-classes.js';
import { countWords, endsLikeSentence, removalRanges, splitParagraphs } from './split-lines.js';

const MAX_CREDIT_WORDS = 16;
const MAX_CREDIT_CHARS = 250;
const TAIL_CHARS = 130;
const SEPARATORS = /\s*(?:[,;/&+]|\band\b)\s*/iu;
/** A parenthesised credit closing a paragraph: "… the conflict. (With information from EFE)". */
const TRAILING_PARENS = /(?<=[.!?"”’])\s*[([]([^()[\]\n]{2,120})[)\]]\s*$/u;
/** A dash credit closing a paragraph: "… he said. — AFP". */
const TRAILING_DASH = /(?<=[.!?"”’])\s+[—–-]\s*([^—–\n]{2,60})$/u;

/** Whether a dash after a space, as in "… he said. — AFP", stands in the last 62 characters of text[start, end). */
function spacedDashNear(text: string, start: number, end: number): boolean {
  for (let i = end - 1; i > start && i >= end - 62; i--) {
    const c = text.charCodeAt(i);
    if ((c === 0x2014 || c === 0x2013 || c === 0x2d) && /\s/u.test(text[i - 1]!)) return true;
  }
  return false;
}

/**
 * The first letter run at or after `from` (after at most four other characters), lower-cased, and
 * where it ends; '' when none starts there.
 */
function firstWord(text: string, from: number, to: number): [word: string, end: number] {
  let i = from;
  while (i < to && i < from + 4 && (flagsOf(text.charCodeAt(i)) & LETTER) === 0) i++;
  const start = i;
  while (i < to && (flagsOf(text.charCodeAt(i)) & LETTER) !== 0) i++;
  if (i === start) return ['', i];
  return [text.slice(start, i).toLowerCase(), i];
}

/** Separators between the names of a credit: "Photo: John Smith/AFP", "Reporting by X and Y". */
const CREDIT_PARTS = /\s*(?:[,;/&+:：|©]|\band\b|\bby\b|\bfrom\b|\bvia\b)\s*/iu;

/** The agencies named in a credit's parts, in order. */
function agenciesNamedIn(lexicon: CleanLexicon, who: string): string[] {
  const found: string[] = [];
  for (const part of who.split(CREDIT_PARTS)) {
    const name = lexicon.agencies.get(
      part
        .trim()
        .toLowerCase()
        .replace(/^the\s+/u, '')
        .replace(/\.$/u, ''),
    );
    if (name !== undefined) found.push(name);
  }
  return found;
}

/**
 * Builds the reader of a credit given apart from the text (an HTML page's "Photo: Reuters"): the
 * agencies it names, or the credit itself when it names none.
 *
 * @example
 * readGivenCredit(lexicon)('Photo: John Smith/AFP') // ['AFP']
 */
export function readGivenCredit(lexicon: CleanLexicon): (credit: string) => string[] {
  return (credit) => {
    const found = agenciesNamedIn(lexicon, credit);
    return found.length > 0 ? found : [credit.trim()];
  };
}

/**
 * Builds the step that turns credit lines ("(With information from EFE)", "Source: Reuters",
 * "— AFP", "(Reporting by …; Editing by …)") into metadata: each is removed from the text and
 * the agencies it names are returned as credits.
 *
 * @example
 * extractCredits(lexicon)('Body.\n\n(With information from EFE)').credits // ['EFE']
 */
export function extractCredits(lexicon: CleanLexicon): (text: string) => StepResult {
  // every credit opens with a lead-in or an agency name (after an optional "the"): a paragraph
  // whose first word opens neither is no credit, and is passed over without further work
  const openers = new Set<string>();
  for (const phrase of [...lexicon.creditLeadIns, ...lexicon.agencies.keys()]) {
    const [word] = firstWord(phrase, 0, phrase.length);
    if (word !== '') openers.add(word);
  }
  const mayOpenCredit = (text: string, from: number, to: number): boolean => {
    const [word, end] = firstWord(text, from, to);
    if (openers.has(word)) return true;
    return word === 'the' && openers.has(firstWord(text, end, to)[0]);
  };

  /** Agency names if every part of `who` is an agency. */
  const agenciesOnly = (who: string): string[] | undefined => {
    const parts = who
      .trim()
      .replace(/[.\s]+$/u, '')
      .split(SEPARATORS)
      .filter((p) => p !== '');
    if (parts.length === 0) return undefined;
    const names: string[] = [];
    for (const part of parts) {
      const name = lexicon.agencies.get(part.toLowerCase().replace(/^the\s+/u, ''));
      if (name === undefined) return undefined;
      names.push(name);
    }
    return names;
  };

  /** Agencies named anywhere in `who`, or the credit text itself when it names none. */
  const creditsOf = (who: string, whole: string): string[] => {
    const found = agenciesNamedIn(lexicon, who);
    return found.length > 0 ? found : [whole.trim()];
  };

  /** Credits when `body` (a line or the inside of brackets) is a credit, else undefined. */
  const readCredit = (body: string, bracketed: boolean): string[] | undefined => {
    const lower = body.toLowerCase();
    const agencies = agenciesOnly(body);
    if (agencies !== undefined) return agencies;
    for (const leadIn of lexicon.creditLeadIns) {
      if (!lower.startsWith(leadIn)) continue;
      const rest = body.slice(leadIn.length);
      const colon = /^\s*[:：]/u.test(rest);
      if (rest.trim() === '' && !bracketed) continue;
      if (!colon && rest !== '' && !/^\s/u.test(rest)) continue;
      if (!bracketed && !colon) {
        // an unbracketed line that reads like a sentence is article text ("Reporting by the BBC suggests …")
        if (countWords(body, 0, body.length) > MAX_CREDIT_WORDS || endsLikeSentence(body, 0, body.length)) {
          continue;
        }
      }
      return creditsOf(rest.replace(/^\s*[:：]/u, ''), body);
    }
    return undefined;
  };

  return (text) => {
    const partial: Replacement[] = [];
    const whole: [number, number][] = [];
    const credits: string[] = [];
    const paragraphs = splitParagraphs(text);
    paragraphs.forEach(({ start: s, end: e }, index) => {
      if (e <= s) return;
      // read by character code; a paragraph is cut out of the text only when it may be a credit
      const open = text.charCodeAt(s);
      const close = text.charCodeAt(e - 1);
      const bracketed = (open === 0x28 && close === 0x29) || (open === 0x5b && close === 0x5d);
      if (!bracketed && (open === 0x2014 || open === 0x2013 || open === 0x2d)) {
        const content = text.slice(s, e);
        if (/^[—–-]\s*\S/u.test(content)) {
          const agencies = agenciesOnly(content.replace(/^[—–-]\s*/u, ''));
          if (agencies !== undefined) {
            credits.push(...agencies);
            whole.push([index, index]);
          }
          return;
        }
      }
      const bodyLength = bracketed ? e - s - 2 : e - s;
      if (
        bodyLength <= MAX_CREDIT_CHARS &&
        mayOpenCredit(text, bracketed ? s + 1 : s, e) &&
        countWords(text, s, e) <= MAX_CREDIT_WORDS * 2
      ) {
        const found = readCredit(text.slice(bracketed ? s + 1 : s, bracketed ? e - 1 : e).trim(), bracketed);
        if (found !== undefined) {
          credits.push(...found);
          whole.push([index, index]);
          return;
        }
      }
      // a credit closing a paragraph of text: only its end is searched, which bounds the regex work
      const closesBracket = close === 0x29 || close === 0x5d;
      if (!closesBracket && !spacedDashNear(text, s, e)) return;
      const endingStart = Math.max(0, e - s - TAIL_CHARS);
      const ending = text.slice(s + endingStart, e);
      const tail = closesBracket ? TRAILING_PARENS.exec(ending) : TRAILING_DASH.exec(ending);
      if (tail !== null) {
        const inner = tail[1]!.trim();
        const opener = tail[0].trimStart()[0];
        const found = opener === '(' || opener === '[' ? readCredit(inner, true) : agenciesOnly(inner);
        if (found !== undefined) {
          credits.push(...found);
          partial.push({ start: s + endingStart + tail.index, end: e, text: '', kind: 'extract-credit' });
        }
      }
    });
    const removed: Replacement[] = removalRanges(paragraphs, whole).map(([start, end]) => ({
      start,
      end,
      text: '',
      kind: 'extract-credit',
    }));
    return { replacements: [...partial, ...removed].sort((a, b) => a.start - b.start), credits };
  };
}
