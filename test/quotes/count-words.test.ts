import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/pipeline/quotes/index.js';

describe('countWords', () => {
  it('counts letter and digit runs, joined by inner apostrophes, hyphens and full stops', () => {
    expect(countWords('“land grab”')).toBe(2);
    expect(countWords("it’s a so-called U.S. plan, isn't it?")).toBe(7);
    expect(countWords('a.-b ..c 3,210')).toBe(5);
    expect(countWords('Ärzte 中国 𠀀x ١٢')).toBe(4);
  });

  it('stops at the limit', () => {
    expect(countWords('one two three four five', 3)).toBe(3);
    expect(countWords('one two', 3)).toBe(2);
  });
});
