import { describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { clean } from './helpers.js';

/** Random strings over a few alphabets: bytes, markup, news punctuation and words. */
function fuzzInputs(seed: number, count: number): string[] {
  const random = prng(seed);
  const pieces = [
    '<p>',
    '</div>',
    '&amp;',
    '&#x27;',
    '\u00ad',
    '\u200b',
    '“',
    '”',
    '"',
    "'",
    '\n',
    '\n\n',
    ' ',
    '.',
    'KEEP READING:',
    'Read more: ',
    'Advertisement',
    'Putin',
    'saidthe',
    'vviolate',
    'http://x.y/z',
    '| ',
    'Ã©',
    'Ο',
    '(With information from EFE)',
    'Reporting by A; Editing by B',
  ];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = Math.floor(random() * 400);
    let s = '';
    for (let i = 0; i < length; i++) {
      const r = random();
      if (r < 0.3) s += String.fromCharCode(Math.floor(random() * 0x10000));
      else if (r < 0.6) s += pieces[Math.floor(random() * pieces.length)];
      else s += 'abcdefghij KLMNOP'[Math.floor(random() * 17)];
    }
    out.push(s);
  }
  return out;
}

describe('clean never throws', () => {
  it('on random bytes, markup and news furniture, and its edits match the raw text', () => {
    for (const raw of fuzzInputs(11, 400)) {
      const result = clean(raw);
      for (const e of result.edits) expect(raw.slice(e.raw[0], e.raw[1])).toBe(e.before);
      const [s, e] = result.offsets.toRawSpan([0, result.text.length]);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(raw.length);
    }
  });

  it('on unbalanced tags and a 5 MB single line', () => {
    const inputs = [
      '<p>Unclosed <b>tags <i>everywhere<div>'.repeat(1000),
      'word '.repeat(1_000_000), // 5 MB, one line
      'x'.repeat(5_000_000),
      '\n'.repeat(100_000),
    ];
    for (const raw of inputs) expect(() => clean(raw)).not.toThrow();
  });
});
