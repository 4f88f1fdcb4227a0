import winkNLP, { type Model } from 'wink-nlp';
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
  const nlp = winkNLP(withRememberedLemmas(model), ['sbd', 'pos']);
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
      const ranges = paragraphRanges(text);
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
      let p = 0; // current range
      let open = -1; // token index where the open sentence starts, or -1
      // paragraphs are the ranges that hold at least one sentence: the last one's range and first sentence
      let paragraphRange = -1;
      let paragraphStart = 0;
      const close = () => {
        if (open < 0 || tokens.length === open) return;
        if (p !== paragraphRange) {
          if (paragraphRange >= 0) {
            paragraphs.push({
              span: ranges[paragraphRange]!,
              sentenceStart: paragraphStart,
              sentenceEnd: sentences.length,
            });
          }
          paragraphRange = p;
          paragraphStart = sentences.length;
        }
        sentences.push({
          span: [tokens[open]!.span[0], tokens[tokens.length - 1]!.span[1]],
          paragraph: paragraphs.length,
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
          const lower = value.toLowerCase();
          tokens.push({
            span: [start, start + value.length],
            text: value,
            lower,
            lemma: lemmas[i] ?? lower,
            pos: tag,
            sentence: sentences.length,
          });
        }
        close();
      }
      if (paragraphRange >= 0) {
        paragraphs.push({
          span: ranges[paragraphRange]!,
          sentenceStart: paragraphStart,
          sentenceEnd: sentences.length,
        });
      }
      return { paragraphs, sentences, tokens };
    },
  };
}

type Lemmatize = (value: string, pos: string, cache: unknown) => string;

/** Distinct (word, tag) lemmas remembered at most; the table is emptied when full. */
const LEMMAS_KEPT = 1 << 16;

/**
 * The model with a lemmatiser that remembers: wink lemmatises each adjective, noun and verb token
 * afresh (exception lists, then suffix rules each checked against its lexicon), though its answer
 * depends on the word and the tag alone (the lexicon it checks is the model's own, never grown), and
 * news repeats its words. Contractions never reach it (wink keeps their lemmas in the token).
 */
function withRememberedLemmas(base: Model): Model {
  const lemmatize = base.addons.lemmatize as Lemmatize;
  const byTag = new Map<string, Map<string, string>>();
  let kept = 0;
  const remembered: Lemmatize = (value, pos, cache) => {
    let lemmas = byTag.get(pos);
    if (lemmas === undefined) byTag.set(pos, (lemmas = new Map()));
    let lemma = lemmas.get(value);
    if (lemma === undefined) {
      lemma = lemmatize(value, pos, cache);
      if (++kept > LEMMAS_KEPT) {
        for (const table of byTag.values()) table.clear();
        kept = 1;
      }
      lemmas.set(value, lemma);
    }
    return lemma;
  };
  return { ...base, addons: { ...base.addons, lemmatize: remembered } };
}

/** Non-empty paragraph ranges of a text, trimmed of surrounding whitespace. */
function paragraphRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(text); m !== null; m = PARAGRAPH_BREAK.exec(text)) {
    const range = trimRange(text, start, m.index);
    if (range) ranges.push(range);
    start = m.index + m[0].length;
  }
  const range = trimRange(text, start, text.length);
  if (range) ranges.push(range);
  return ranges;
}

function trimRange(text: string, start: number, end: number): [number, number] | null {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return e > s ? [s, e] : null;
}

/** Whether a UTF-16 code unit is white space as the regular expression `\s` reads it. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
