import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Sentence, Token } from '../../core/index.js';
import type { Stage } from '../stage.js';

const PARAGRAPH_BREAK = /\n[ \t]*\n\s*/g;

/** Options of the segment stage. */
export interface SegmentOptions {
  /**
   * Distinct lexemes the stage reads before it starts wink afresh (default 262,144). wink adds
   * every word its lexicon lacks (a name, a number, a glued "Matsunoat") to that lexicon, for good:
   * about 170 bytes a word, which real news brings dozens of per article at first and a few per
   * article after millions, so a worker that reads an archive would grow without end. A fresh wink
   * reads every text as the old one did.
   */
  readonly lexemes?: number;
}

/** Default of `SegmentOptions.lexemes`. */
const LEXEMES_KEPT = 1 << 18;

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
export function createSegmentStage(options: SegmentOptions = {}): Stage {
  const budget = Math.max(1, options.lexemes ?? LEXEMES_KEPT);
  let nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  // (wink's types give `its.lemma` a signature that `out` does not take; it reads tokens all the same)
  const lemmaOf = its.lemma as unknown as typeof its.value;
  // wink's lexicon and the lexemes read from it, started afresh together (the ids are wink's)
  let lexemes = new LexemeTable();
  return {
    name: 'segment',
    requires: ['text'],
    provides: ['paragraphs', 'sentences', 'tokens'],
    run(article) {
      if (lexemes.size >= budget) {
        nlp = winkNLP(model, ['sbd', 'pos']);
        lexemes = new LexemeTable();
      }
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
      // a token's text and lemma are read from its lexeme (wink's unique id), once per lexeme and
      // tag: per token, wink would look each up again in its lexicon
      const ids = all.out(its.uniqueId) as unknown as number[];
      const contracted = all.out(its.contractionFlag) as unknown as boolean[];
      const pos = all.out(its.pos);
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
          span: [tokens[open]!.start, tokens[tokens.length - 1]!.end],
          paragraph: paragraphs.length,
          tokenStart: open,
          tokenEnd: tokens.length,
        });
        open = -1;
      };
      for (const [first, last] of doc.sentences().out(its.span) as unknown as [number, number][]) {
        for (let i = first; i <= last; i++) {
          const lexeme = lexemes.get(ids[i]!) ?? lexemes.add(ids[i]!, all.itemAt(i).out(its.value));
          const value = lexeme.value;
          const start = startOf(text, value, cursor);
          cursor = start + value.length;
          const tag = pos[i]!;
          if (tag === 'SPACE') continue;
          if (start >= ranges[p]![1]) {
            close();
            while (p + 1 < ranges.length && start >= ranges[p]![1]) p++;
          }
          if (open < 0) open = tokens.length;
          // a contraction's piece has its own lemma ("'s" is "be" or "have"): asked of wink each time
          const lemma = contracted[i]
            ? all.itemAt(i).out(lemmaOf)
            : lexeme.tag === tag
              ? lexeme.lemma
              : lexeme.lemmaAs(tag, () => all.itemAt(i).out(lemmaOf));
          tokens.push({
            start,
            end: start + value.length,
            text: value,
            lower: lexeme.lower,
            lemma: (lemma as string | undefined) ?? lexeme.lower,
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

/**
 * What wink knows of one lexeme whatever its context: its text, lower-cased, and its lemma under
 * the tag it last had (a word mostly keeps its tag), with the lemmas under other tags beside.
 * wink's lemma depends on the lexeme and the tag alone (its exception lists and suffix rules check
 * the model's own lexicon, which never grows), a contraction's piece excepted.
 */
class Lexeme {
  readonly lower: string;
  tag = '';
  lemma: string | undefined = undefined;
  #others: Map<string, string | undefined> | null = null;

  constructor(readonly value: string) {
    this.lower = value.toLowerCase();
  }

  /** The lemma under `tag`, asked of wink (`read`) the first time. */
  lemmaAs(tag: string, read: () => string | undefined): string | undefined {
    if (this.tag === '') {
      this.tag = tag;
      return (this.lemma = read());
    }
    this.#others ??= new Map();
    if (this.#others.has(tag)) return this.#others.get(tag);
    const lemma = read();
    this.#others.set(tag, lemma);
    return lemma;
  }
}

const PAGE_BITS = 12;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

/** Lexemes by wink's unique id, in pages of 4,096: an array read, no hashing, whatever the ids reach. */
class LexemeTable {
  #pages: ((Lexeme | undefined)[] | undefined)[] = [];
  /** Lexemes held. */
  size = 0;

  get(id: number): Lexeme | undefined {
    return this.#pages[id >>> PAGE_BITS]?.[id & PAGE_MASK];
  }

  add(id: number, value: string): Lexeme {
    this.size++;
    const at = id >>> PAGE_BITS;
    while (this.#pages.length <= at) this.#pages.push(undefined);
    const page = (this.#pages[at] ??= new Array<Lexeme | undefined>(1 << PAGE_BITS).fill(undefined));
    const lexeme = new Lexeme(value);
    page[id & PAGE_MASK] = lexeme;
    return lexeme;
  }
}

/**
 * Where a token of wink's starts in the text, reading on from `cursor` (the end of the token before).
 * wink keeps the text's characters in order, leaving out the spaces between tokens (it keeps line
 * breaks and tabs as tokens of their own, and drops a few spaces it does not count, such as U+3000),
 * so the token is found at once or after white space; asking wink for each token's spaces instead
 * cost a string per token and missed the spaces it drops.
 */
function startOf(text: string, value: string, cursor: number): number {
  if (text.startsWith(value, cursor)) return cursor;
  let start = cursor;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  if (text.startsWith(value, start)) return start;
  // not met so far; searched for, so that one odd token cannot shift the offsets of all after it
  const found = text.indexOf(value, cursor);
  return found < 0 ? start : found;
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
