import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clean } from './helpers.js';

const dir = new URL('../golden/clean/', import.meta.url);
const inputs = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('clean golden files (test/golden/clean/<phenomenon>.txt → .json)', () => {
  it('has the phenomena the stage promises', () => {
    for (const name of [
      'glued-name-and-preposition',
      'doubled-initial-letter',
      'repeated-paragraph',
      'link-block-after-keep-reading',
      'credit-line',
      'missing-space-after-closing-quote',
      'curly-quotes-kept',
      'mojibake',
      'look-alike-letters',
    ]) {
      expect(inputs).toContain(`${name}.txt`);
    }
  });

  for (const file of inputs) {
    const name = file.slice(0, -'.txt'.length);
    it(name, async () => {
      const raw = readFileSync(new URL(file, dir), 'utf8');
      const result = clean(raw);
      for (const edit of result.edits) expect(raw.slice(edit.raw[0], edit.raw[1])).toBe(edit.before);
      const shown = {
        text: result.text,
        credits: result.credits,
        ...(result.published === undefined ? {} : { published: result.published }),
        edits: result.edits,
      };
      await expect(`${JSON.stringify(shown, null, 2)}\n`).toMatchFileSnapshot(`../golden/clean/${name}.json`);
    });
  }
});
