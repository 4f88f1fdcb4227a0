import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCleanStage } from '../../src/pipeline/clean/index.js';
import { createArticle } from '../../src/core/index.js';
import { clean, lexicon } from './helpers.js';

const seed = JSON.parse(
  readFileSync(new URL('../../../shared/eval/dev/seed.json', import.meta.url), 'utf8'),
) as {
  text: string;
};

const count = (text: string, part: string) => text.split(part).length - 1;

describe('clean stage on the seed article', () => {
  const result = clean(seed.text);
  const { text } = result;

  it('splits glued words and fixes the doubled letter', () => {
    expect(text).toContain('Matsuno at a press conference');
    expect(text).toContain('Moscow what veto');
    expect(text).toContain('troops violate the territorial');
    expect(text).not.toContain('vviolate');
    expect(text).not.toContain('Matsunoat');
  });

  it('keeps real words whole', () => {
    for (const word of ['Putin', 'Washington', 'Kherson', 'Donetsk', 'Zaporizhzhia', 'Kremlin']) {
      expect(text).toMatch(new RegExp(`\\b${word}\\b`));
    }
    expect(text).not.toContain('Put in');
  });

  it('drops the related-story block after KEEP READING', () => {
    expect(text).not.toContain('KEEP READING');
    expect(text).not.toContain('collapse of the Soviet Union');
    expect(text).not.toContain('revealing audios');
    expect(text.trimEnd().endsWith('constitutional framework.')).toBe(true);
  });

  it('keeps one copy of each repeated paragraph', () => {
    expect(count(text, 'Antony Blinken accused Russia on Thursday')).toBe(1);
    expect(count(text, 'United Nations Organization (UN) roundly condemned')).toBe(1);
  });

  it('turns the credit line into metadata', () => {
    expect(result.credits).toEqual(['EFE']);
    expect(text).not.toContain('With information from');
  });

  it('inserts the missing spaces after closing quotes', () => {
    expect(text).toContain('condemned” the UN');
    expect(text).toContain('accepted” assured');
  });

  it('keeps the headline as the first paragraph and curly quotes as they are', () => {
    expect(text.split('\n\n')[0]).toBe(
      'Japan did not recognize the Russian referendums in Ukraine and announced that it will apply a new package of sanctions to Moscow',
    );
    expect(text).toContain('“land grab”');
    expect(text).not.toMatch(/\n{3,}|^\s|\s$| {2}/);
  });

  it('logs every edit against the raw text and maps the clean text back to it', () => {
    for (const edit of result.edits) expect(seed.text.slice(edit.raw[0], edit.raw[1])).toBe(edit.before);
    const kinds = new Set(result.edits.map((e) => e.kind));
    for (const kind of [
      'split-glued-word',
      'fix-doubled-letter',
      'drop-duplicate-paragraph',
      'extract-credit',
      'drop-boilerplate',
      'insert-space',
    ]) {
      expect(kinds).toContain(kind);
    }
    const at = text.indexOf('Hirokazu Matsuno');
    const [s, e] = result.offsets.toRawSpan([at, at + 'Hirokazu'.length]);
    expect(seed.text.slice(s, e)).toBe('Hirokazu');
  });

  it('runs as a pipeline stage', () => {
    const stage = createCleanStage(lexicon);
    expect(stage).toMatchObject({ name: 'clean', requires: [], provides: ['text'] });
    const out = stage.run(createArticle({ id: 'seed', raw: seed.text, mediaType: 'text/plain' }));
    expect(out.text).toBe(text);
    expect(out.credits).toEqual(['EFE']);
    expect(out.offsets?.cleanLength).toBe(text.length);
  });
});

describe('clean stage diagnostics', () => {
  const stage = createCleanStage(lexicon);
  const run = (raw: string) => stage.run(createArticle({ id: 'x', raw, mediaType: 'text/plain' }));

  it('warns when nothing is left', () => {
    expect(run('KEEP READING:\nOther story').diagnostics).toEqual([
      expect.objectContaining({ stage: 'clean', code: 'CLEAN_EMPTY', severity: 'warning' }),
    ]);
  });

  it('notes when most of the text was dropped', () => {
    const out = run('Short lead.\n\nKEEP READING:\n' + 'Another headline about something else\n'.repeat(10));
    expect(out.text).toBe('Short lead.');
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ code: 'CLEAN_DROPPED_MOST', severity: 'info' }),
    ]);
  });

  it('says nothing about an ordinary article', () => {
    expect(run('A headline\n\nThe body of the article.').diagnostics).toBeUndefined();
  });
});
