import type { Replacement } from './apply-replacements.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import type { WordCounts } from './tally-words.js';

/**
 * Builds the step that fixes a doubled first letter ("vviolate" → "violate"): only when the
 * doubled spelling is not an English word ("llama", "ooze") and the single one is, or appears
 * elsewhere in the article. A fix supported by the word list alone is marked low-confidence.
 *
 * @example
 * repairDoubledLetters(lexicon)('They vviolate law.', createWordTally()('They vviolate law.')) // 'vviolate' → 'violate'
 */
export function repairDoubledLetters(
  lexicon: CleanLexicon,
): (text: string, counts: WordCounts) => Replacement[] {
  return (text, counts) => {
    const out: Replacement[] = [];
    const { spans } = counts;
    for (let i = 0; i < spans.length; i += 2) {
      const start = spans[i]!;
      const end = spans[i + 1]!;
      if (end - start < 4) continue;
      // "vviolate", "Vviolate": the first letter typed twice, then a lower-case word
      const ac = text.charCodeAt(start);
      const bc = text.charCodeAt(start + 1);
      if (ac < 0x80 && bc < 0x80) {
        // ASCII, by code: b is a lower-case letter and a the same letter in either case
        if (bc < 0x61 || bc > 0x7a || (ac !== bc && ac !== bc - 0x20)) continue;
      } else {
        const a = text[start]!;
        const b = text[start + 1]!;
        if (b !== a.toLowerCase() || b === a.toUpperCase()) continue;
      }
      const token = text.slice(start, end);
      const rest = token.slice(2);
      if (rest !== rest.toLowerCase()) continue;
      const fixed = token[0]! + token.slice(2);
      const lowerToken = token.toLowerCase();
      const lowerFixed = fixed.toLowerCase();
      if (lexicon.englishWords.has(lowerToken)) continue;
      const inArticle = counts.countAnyCase(lowerFixed) > 0;
      const inList = lexicon.englishWords.has(lowerFixed);
      if (!inArticle && !inList) continue;
      out.push({
        start,
        end,
        text: fixed,
        kind: 'fix-doubled-letter',
        ...(inArticle ? {} : { confidence: 'low' as const }),
      });
    }
    return out;
  };
}
