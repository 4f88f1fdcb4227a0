import { OffsetMap } from '../../core/index.js';
import type { Diagnostic, Edit } from '../../core/index.js';
import type { Stage, StageOutput } from '../stage.js';
import { applyReplacements } from './apply-replacements.js';
import type { Replacement } from './apply-replacements.js';
import { arrangeParagraphs } from './arrange-paragraphs.js';
import { classifyBlocks } from './classify-blocks.js';
import { collapseRepeatedParagraphs } from './collapse-repeated-paragraphs.js';
import { dropBoilerplate } from './drop-boilerplate.js';
import { extractCredits, readGivenCredit } from './extract-credits.js';
import { insertMissingSpaces } from './insert-missing-spaces.js';
import { LeadScan } from './lead-scan.js';
import { normaliseCharacters } from './normalise-characters.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';
import { repairDoubledLetters } from './repair-doubled-letters.js';
import { repairGluedWords } from './repair-glued-words.js';
import { repairMojibake } from './repair-mojibake.js';
import { replaceLookAlikeLetters } from './replace-look-alike-letters.js';
import { createWordTally } from './tally-words.js';

export { parseCleanLexicon } from './parse-clean-lexicon.js';
export type { CleanLexicon, MarkerScope } from './parse-clean-lexicon.js';

/** The result of cleaning one raw text. */
export interface CleanResult {
  readonly text: string;
  /** Maps offsets in `text` back to the raw input. */
  readonly offsets: OffsetMap;
  /** Every change, in raw order; `raw.slice(...edit.raw) === edit.before`. */
  readonly edits: Edit[];
  readonly credits: string[];
  /** Publication date found in a leading date marker, if any. */
  readonly published?: string;
}

/** Carries the text through the steps, composing offset maps and logging edits in raw terms. */
class Cleaning {
  text: string;
  map: OffsetMap;
  readonly edits: Edit[] = [];
  readonly raw: string;

  constructor(raw: string) {
    this.raw = raw;
    this.text = raw;
    this.map = OffsetMap.identity(raw.length);
  }

  apply(replacements: readonly Replacement[]): void {
    if (replacements.length === 0) return;
    for (const r of replacements) {
      const span = this.map.toRawSpan([r.start, r.end]);
      this.edits.push({
        kind: r.kind,
        raw: span,
        before: this.raw.slice(span[0], span[1]),
        after: r.text,
        ...(r.confidence === undefined ? {} : { confidence: r.confidence }),
      });
    }
    const next = applyReplacements(this.text, replacements);
    this.map = this.map.compose(next.map);
    this.text = next.text;
  }
}

/** Edits in raw order, the longer first where two start together (a module function, not a callback per article). */
function byRawStartLongerFirst(a: Edit, b: Edit): number {
  return a.raw[0] - b.raw[0] || b.raw[1] - a.raw[1];
}

/**
 * Sorts edits in raw order and leaves out those a later step made moot: any edit inside a span
 * that was dropped, and a whitespace edit inside a larger whitespace edit.
 */
function settleEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort(byRawStartLongerFirst);
  const out: Edit[] = [];
  let cover: Edit | undefined;
  for (const edit of sorted) {
    if (cover !== undefined && edit.raw[1] <= cover.raw[1] && edit.raw[0] < cover.raw[1]) {
      const dropped = cover.after === '' && cover.kind !== 'normalise-whitespace';
      const bothSpace = cover.kind === 'normalise-whitespace' && edit.kind === 'normalise-whitespace';
      if (dropped || bothSpace) continue;
    }
    out.push(edit);
    if (cover === undefined || edit.raw[1] > cover.raw[1]) cover = edit;
  }
  return out;
}

/**
 * Builds the cleaner: raw text → clean text, offset map, edits and credits (those given with the
 * document, as an HTML page's photo credits, read for the agencies they name, then those found in
 * the text), in this order:
 * repair mojibake → replace look-alike letters → normalise characters → arrange paragraphs → extract credits → drop boilerplate (markers, then the block classifier) → collapse
 * repeated paragraphs → insert missing spaces → repair doubled letters → repair glued words.
 *
 * @example
 * const clean = createCleaner(parseCleanLexicon(loadLexicons().clean ?? {}));
 * clean('Japan and Russia\n\nTokyo saidthe …').text
 */
export function createCleaner(
  lexicon: CleanLexicon,
): (raw: string, givenCredits?: readonly string[]) => CleanResult {
  const mojibake = repairMojibake();
  const lookAlikes = replaceLookAlikeLetters();
  const normalise = normaliseCharacters(lexicon);
  const credits = extractCredits(lexicon);
  const boilerplate = dropBoilerplate(lexicon);
  const blocks = classifyBlocks(lexicon);
  const duplicates = collapseRepeatedParagraphs(lexicon);
  const doubled = repairDoubledLetters(lexicon);
  const glued = repairGluedWords(lexicon);
  const readCredit = readGivenCredit(lexicon);
  const tallyWords = createWordTally();
  // the character steps, in order, and which of them a text needs, learnt in one scan
  const characterSteps = [mojibake, lookAlikes, normalise];
  const leadScan = new LeadScan(characterSteps.map((step) => step.leads));

  return (raw, givenCredits = []) => {
    const c = new Cleaning(raw);
    let needed = leadScan.stepsFor(c.text);
    for (let k = 0; k < characterSteps.length; k++) {
      if ((needed & (1 << k)) === 0) continue;
      const replacements = characterSteps[k]!(c.text, true);
      if (replacements.length === 0) continue;
      c.apply(replacements);
      // a changed text may hold leads it did not (a repaired "Â" + U+00A0 is a no-break space): scan again
      needed = leadScan.stepsFor(c.text);
    }
    c.apply(arrangeParagraphs(c.text));
    const credit = credits(c.text);
    c.apply(credit.replacements);
    const furniture = boilerplate(c.text);
    c.apply(furniture.replacements);
    c.apply(blocks(c.text));
    c.apply(duplicates(c.text));
    c.apply(insertMissingSpaces(c.text));
    const counts = tallyWords(c.text);
    // both repairs read the same tally and touch different tokens, so they apply together
    const repairs = [...doubled(c.text, counts), ...glued(c.text, counts)].sort((a, b) => a.start - b.start);
    c.apply(repairs.filter((r, i) => i === 0 || r.start >= repairs[i - 1]!.end));
    return {
      text: c.text,
      offsets: c.map,
      edits: settleEdits(c.edits),
      credits: mergeCredits(givenCredits.flatMap(readCredit), credit.credits ?? []),
      ...(furniture.published === undefined ? {} : { published: furniture.published }),
    };
  };
}

/** Share of the raw text dropped above which the stage says so. */
const DROPPED_NOTE = 0.5;

/** Diagnostics a reader should see: nothing left of the text, or most of it dropped. */
function describe(raw: string, result: CleanResult): Diagnostic[] {
  if (raw.trim() === '') return [];
  if (result.text === '') {
    return [
      {
        stage: 'clean',
        code: 'CLEAN_EMPTY',
        severity: 'warning',
        message: 'nothing is left of the text after cleaning',
      },
    ];
  }
  let dropped = 0;
  for (const edit of result.edits) {
    if (edit.kind === 'drop-boilerplate' || edit.kind === 'drop-duplicate-paragraph')
      dropped += edit.before.length;
  }
  if (dropped <= DROPPED_NOTE * raw.length) return [];
  return [
    {
      stage: 'clean',
      code: 'CLEAN_DROPPED_MOST',
      severity: 'info',
      message: `${Math.round((100 * dropped) / raw.length)}% of the raw text was dropped as boilerplate or repeated paragraphs`,
    },
  ];
}

/**
 * Credits given with the document (an HTML page's photo and story credits), then those found in
 * the text, each once: compared with case and spacing folded.
 */
function mergeCredits(given: readonly string[], found: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const credit of [...given, ...found]) {
    const text = credit.replace(/\s+/g, ' ').trim();
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}

/**
 * The clean stage: provides `text`, `offsets`, `edits` and `credits` (and `published` from a
 * leading date marker when the article has none).
 *
 * @example
 * const pipeline = createPipeline([createCleanStage(parseCleanLexicon(files)), createSegmentStage()]);
 */
export function createCleanStage(lexicon: CleanLexicon): Stage {
  const clean = createCleaner(lexicon);
  return {
    name: 'clean',
    requires: [],
    provides: ['text'],
    run(article): StageOutput {
      const result = clean(article.raw, article.credits);
      const diagnostics = describe(article.raw, result);
      return {
        text: result.text,
        offsets: result.offsets,
        edits: result.edits,
        credits: result.credits,
        ...(result.published !== undefined && article.published === undefined
          ? { published: result.published }
          : {}),
        ...(diagnostics.length > 0 ? { diagnostics } : {}),
      };
    },
  };
}
