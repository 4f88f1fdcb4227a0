import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Sentence, Token } from '../../core/index.js';
import type { Stage } from '../stage.js';

const PARAGRAPH_BREAK = /\n[ \t]*\n\s*/g;

/**
 * Splits the cleaned text into paragraphs (blank-line separated), sentences and
 * tokens with POS tags and lemmas, using wink-nlp's English lite model.
 * Each paragraph is read on its own so a sentence never crosses a paragraph break
 * (headlines and captions often lack end punctuation).
 *
 * @example
 * const segment = createSegmentStage();
 * segment.run(article).sentences; // [{ span: [0, 42], paragraph: 0, tokenStart: 0, tokenEnd: 9 }, …]
 */
export function createSegmentStage(): Stage {
  const nlp = winkNLP(model);
  const its = nlp.its;
  return {
    name: 'segment',
    requires: ['text'],
    provides: ['paragraphs', 'sentences', 'tokens'],
    run(article) {
      const text = article.text;
      const paragraphs: Paragraph[] = [];
      const sentences: Sentence[] = [];
      const tokens: Token[] = [];
      for (const [pStart, pEnd] of paragraphRanges(text)) {
        const sentenceStart = sentences.length;
        const doc = nlp.readDoc(text.slice(pStart, pEnd));
        const values = doc.tokens().out(its.value);
        const spaces = doc.tokens().out(its.precedingSpaces);
        const pos = doc.tokens().out(its.pos);
        const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value);
        // character offset of every wink token, from the lossless value + preceding-space stream
        const starts = new Array<number>(values.length);
        let cursor = pStart;
        for (let i = 0; i < values.length; i++) {
          cursor += spaces[i]!.length;
          starts[i] = cursor;
          cursor += values[i]!.length;
        }
        for (const [first, last] of doc.sentences().out(its.span) as unknown as [number, number][]) {
          const tokenStart = tokens.length;
          for (let i = first; i <= last; i++) {
            const tag = pos[i]!;
            if (tag === 'SPACE') continue;
            const value = values[i]!;
            const start = starts[i]!;
            tokens.push({
              span: [start, start + value.length],
              text: value,
              lower: value.toLowerCase(),
              lemma: lemmas[i] ?? value.toLowerCase(),
              pos: tag,
              sentence: sentences.length,
            });
          }
          if (tokens.length === tokenStart) continue;
          const sStart = tokens[tokenStart]!.span[0];
          const sEnd = tokens[tokens.length - 1]!.span[1];
          sentences.push({
            span: [sStart, sEnd],
            paragraph: paragraphs.length,
            tokenStart,
            tokenEnd: tokens.length,
          });
        }
        if (sentences.length > sentenceStart) {
          paragraphs.push({ span: [pStart, pEnd], sentenceStart, sentenceEnd: sentences.length });
        }
      }
      return { paragraphs, sentences, tokens };
    },
  };
}

/** Non-empty paragraph ranges of a text, trimmed of surrounding whitespace. */
function* paragraphRanges(text: string): Generator<[number, number]> {
  let start = 0;
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(text); m !== null; m = PARAGRAPH_BREAK.exec(text)) {
    const range = trimRange(text, start, m.index);
    if (range) yield range;
    start = m.index + m[0].length;
  }
  const range = trimRange(text, start, text.length);
  if (range) yield range;
}

function trimRange(text: string, start: number, end: number): [number, number] | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e > s ? [s, e] : null;
}
