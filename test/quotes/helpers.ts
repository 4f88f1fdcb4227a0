import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';
import type { Article } from '../../src/core/index.js';
import { parseQuotesLexicon } from '../../src/pipeline/quotes/index.js';
import type { QuotesLexicon } from '../../src/pipeline/quotes/index.js';

/** The quotes lexicon from the package's data/quotes files. */
export const lexicon: QuotesLexicon = parseQuotesLexicon(loadLexicons().quotes ?? {});

const pipeline = createDefaultPipeline(loadLexicons());

/** Runs the real pipeline (clean → segment → actors → quotes → events) over a text. */
export function analyse(raw: string, id = 'test'): Article {
  return pipeline.run({ id, raw, mediaType: 'text/plain' });
}

/** Speakers match as the evaluator matches them: case-insensitive, the last name suffices. */
export function sameSpeaker(system: string | null | undefined, gold: string): boolean {
  if (system === null || system === undefined) return false;
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const s = norm(system);
  const g = norm(gold);
  if (s === g || ` ${s} `.includes(` ${g} `) || ` ${g} `.includes(` ${s} `)) return true;
  return s.split(' ').pop() === g.split(' ').pop();
}
