import type { Replacement, StepResult } from './apply-replacements.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import { countWords, endsLikeSentence, removalRanges, splitParagraphs } from './split-lines.js';

const MAX_CREDIT_WORDS = 16;
const MAX_CREDIT_CHARS = 250;
const TAIL_CHARS = 130;
const SEPARATORS = /\s*(?:[,;/&+]|\band\b)\s*/iu;
/** A parenthesised credit closing a paragraph: "… the conflict. (With information from EFE)". */
const TRAILING_PARENS = /(?<=[.!?"”’])\s*[([]([^()[\]\n]{2,120})[)\]]\s*$/u;
/** A dash credit closing a paragraph: "… he said. — AFP". */
const TRAILING_DASH = /(?<=[.!?"”’])\s+[—–-]\s*([^—–\n]{2,60})$/u;

/**
 * Builds the step that turns credit lines ("(With information from EFE)", "Source: Reuters",
 * "— AFP", "(Reporting by …; Editing by …)") into metadata: each is removed from the text and
 * the agencies it names are returned as credits.
 *
 * @example
 * extractCredits(lexicon)('Body.\n\n(With information from EFE)').credits // ['EFE']
 */
export function extractCredits(lexicon: CleanLexicon): (text: string) => StepResult {
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
    const found: string[] = [];
    for (const part of who.split(/\s*(?:[,;/&+]|\band\b|\bby\b|\bfrom\b)\s*/iu)) {
      const name = lexicon.agencies.get(
        part
          .trim()
          .toLowerCase()
          .replace(/^the\s+/u, '')
          .replace(/\.$/u, ''),
      );
      if (name !== undefined) found.push(name);
    }
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
      const content = text.slice(s, e);
      let body = content;
      let bracketed = false;
      const open = content[0];
      const close = content[content.length - 1];
      if ((open === '(' && close === ')') || (open === '[' && close === ']')) {
        body = content.slice(1, -1);
        bracketed = true;
      } else if (/^[—–-]\s*\S/u.test(content)) {
        const agencies = agenciesOnly(content.replace(/^[—–-]\s*/u, ''));
        if (agencies !== undefined) {
          credits.push(...agencies);
          whole.push([index, index]);
        }
        return;
      }
      if (body.length <= MAX_CREDIT_CHARS && countWords(body, 0, body.length) <= MAX_CREDIT_WORDS * 2) {
        const found = readCredit(body.trim(), bracketed);
        if (found !== undefined) {
          credits.push(...found);
          whole.push([index, index]);
          return;
        }
      }
      // a credit closing a paragraph of text: only its end is searched, which bounds the regex work
      const endingStart = Math.max(0, content.length - TAIL_CHARS);
      const ending = content.slice(endingStart);
      const tail =
        close === ')' || close === ']'
          ? TRAILING_PARENS.exec(ending)
          : /[—–-]/u.test(content.slice(-60))
            ? TRAILING_DASH.exec(ending)
            : null;
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
