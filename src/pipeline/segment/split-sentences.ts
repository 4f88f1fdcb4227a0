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
  const nlp = winkNLP(model, ['sbd', 'pos']);
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
      const ranges = [...paragraphRanges(text)];
      if (ranges.length === 0) return { paragraphs, sentences, tokens };
      // one wink document per article (cheaper than one per paragraph); sentences are then
      // cut again at paragraph breaks, which wink does not always see (headlines lack a stop)
      const doc = nlp.readDoc(text);
      const all = doc.tokens();
      const values = all.out(its.value);
      const spaces = all.out(its.precedingSpaces);
      const pos = all.out(its.pos);
      const lemmas = all.out(its.lemma as unknown as typeof its.value);
      let cursor = 0;
      let p = 0; // current paragraph
      let open = -1; // token index where the open sentence starts, or -1
      const close = () => {
        if (open < 0 || tokens.length === open) return;
        sentences.push({
          span: [tokens[open]!.span[0], tokens[tokens.length - 1]!.span[1]],
          paragraph: p, // index into `ranges` until renumbered below
          tokenStart: open,
          tokenEnd: tokens.length,
        });
        open = -1;
      };
      for (const [first, last] of doc.sentences().out(its.span) as unknown as [number, number][]) {
        for (let i = first; i <= last; i++) {
          cursor += spaces[i]!.length;
          const start = cursor;
          const value = values[i]!;
          cursor += value.length;
          const tag = pos[i]!;
          if (tag === 'SPACE') continue;
          if (start >= ranges[p]![1]) {
            close();
            while (p + 1 < ranges.length && start >= ranges[p]![1]) p++;
          }
          if (open < 0) open = tokens.length;
          tokens.push({
            span: [start, start + value.length],
            text: value,
            lower: value.toLowerCase(),
            lemma: lemmas[i] ?? value.toLowerCase(),
            pos: tag,
            sentence: sentences.length,
          });
        }
        close();
      }
      // paragraphs that hold at least one sentence, and sentences renumbered to them
      for (let i = 0; i < sentences.length;) {
        const range = sentences[i]!.paragraph;
        let j = i;
        while (j < sentences.length && sentences[j]!.paragraph === range) {
          sentences[j] = { ...sentences[j]!, paragraph: paragraphs.length };
          j++;
        }
        paragraphs.push({ span: ranges[range]!, sentenceStart: i, sentenceEnd: j });
        i = j;
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
