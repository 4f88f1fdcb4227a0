import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from './helpers.js';

interface Expected {
  readonly note: string;
  readonly quotes: readonly { kind: string; cue: string | null; speaker: string | null; text: string }[];
  readonly indirect?: readonly { cue: string; speaker: string | null; text: string }[];
  /** Set when an expectation needs another stage (the actors stage) to do its part. */
  readonly dependsOn?: string;
}

const dir = new URL('../golden/quotes/', import.meta.url);
const inputs = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('quotes golden files (test/golden/quotes/<phenomenon>.txt → .json)', () => {
  it('has the phenomena the stage promises', () => {
    for (const name of [
      'quote-then-said-name',
      'name-said-colon-quote',
      'said-name-after-quote',
      'quote-spanning-paragraphs',
      'apostrophes-not-quotes',
      'floating-quote-inherits-speaker',
      'pronoun-speaker',
      'organisation-speaker',
      'indirect-said-that',
      'scare-quotes-skipped',
      'unbalanced-marks',
    ]) {
      expect(inputs).toContain(`${name}.txt`);
    }
  });

  for (const file of inputs) {
    const name = file.slice(0, -'.txt'.length);
    it(name, () => {
      const raw = readFileSync(new URL(file, dir), 'utf8');
      const expected = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Expected;
      const article = analyse(raw, name);
      const direct = article.quotes
        .filter((q) => q.kind !== 'indirect')
        .map((q) => ({ kind: q.kind, cue: q.cue, speaker: q.speaker?.name ?? null, text: q.text }));
      expect(direct).toEqual(expected.quotes);
      for (const want of expected.indirect ?? []) {
        const found = article.quotes.find((q) => q.kind === 'indirect' && q.text === want.text);
        expect(found, `indirect quote “${want.text}”`).toBeDefined();
        expect({ cue: found?.cue, speaker: found?.speaker?.name ?? null }).toEqual({
          cue: want.cue,
          speaker: want.speaker,
        });
      }
      for (const q of article.quotes) {
        // every span is the surface of its text, and a speaker span points at the speaker
        if (!q.text.includes('\n\n')) expect(article.text.slice(q.span[0], q.span[1])).toBe(q.text);
        if (q.speaker?.span) expect(q.speaker.span[1]).toBeGreaterThan(q.speaker.span[0]);
      }
    });
  }
});
