import { describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { OffsetMap, OffsetMapBuilder } from '../../src/core/index.js';

describe('OffsetMapBuilder', () => {
  it('maps copied, replaced, deleted and inserted text back to raw', () => {
    const raw = 'Hello  world&amp;KEEP';
    const b = new OffsetMapBuilder(raw);
    b.copy(0, 5); // Hello
    b.replace(5, 7, ' '); // two spaces → one
    b.copy(7, 12); // world
    b.replace(12, 17, '&'); // entity
    b.replace(17, 21, ''); // deletion
    const { text, map } = b.finish();
    expect(text).toBe('Hello world&');
    expect(map.toRaw(0)).toBe(0);
    expect(map.toRaw(6)).toBe(7); // 'w'
    expect(map.toRawSpan([6, 11])).toEqual([7, 12]);
    expect(raw.slice(...map.toRawSpan([11, 12]))).toBe('&amp;');
    expect(raw.slice(...map.toRawSpan([0, 12]))).toBe('Hello  world&amp;');
  });

  it('keeps an insertion attached to where it was made', () => {
    const raw = 'MatsunoAt';
    const b = new OffsetMapBuilder(raw);
    b.copy(0, 7);
    b.replace(7, 7, ' ');
    b.copy(7, 9);
    const { text, map } = b.finish();
    expect(text).toBe('Matsuno At');
    expect(raw.slice(...map.toRawSpan([8, 10]))).toBe('At');
    expect(raw.slice(...map.toRawSpan([0, 7]))).toBe('Matsuno');
  });

  it('identity maps every offset to itself', () => {
    const map = OffsetMap.identity(10);
    expect(map.toRaw(4)).toBe(4);
    expect(map.toRawSpan([2, 9])).toEqual([2, 9]);
  });
});

describe('OffsetMap.compose', () => {
  it('chains two cleaning passes back to the raw text', () => {
    const raw = 'a  b&amp;c';
    const first = new OffsetMapBuilder(raw);
    first.copy(0, 1);
    first.replace(1, 3, ' ');
    first.copy(3, 4);
    first.replace(4, 9, '&');
    first.copy(9, 10);
    const one = first.finish(); // 'a b&c'
    const second = new OffsetMapBuilder(one.text);
    second.copy(0, 3);
    second.replace(3, 4, ' and ');
    second.copy(4, 5);
    const two = second.finish(); // 'a b and c'
    const map = one.map.compose(two.map);
    expect(two.text).toBe('a b and c');
    expect(raw.slice(...map.toRawSpan([8, 9]))).toBe('c');
    expect(raw.slice(...map.toRawSpan([2, 3]))).toBe('b');
    expect(raw.slice(...map.toRawSpan([3, 8]))).toBe('&amp;');
  });

  it('maps random spans of random edit scripts onto raw slices holding the same letters', () => {
    const rand = prng(42);
    for (let round = 0; round < 200; round++) {
      const raw = Array.from({ length: 40 }, () => 'abcde  \u00a0'[Math.floor(rand() * 8)]).join('');
      // pass: collapse whitespace runs to one space, keep letters
      const b = new OffsetMapBuilder(raw);
      let i = 0;
      while (i < raw.length) {
        if (/\s/.test(raw[i]!)) {
          let j = i;
          while (j < raw.length && /\s/.test(raw[j]!)) j++;
          b.replace(i, j, ' ');
          i = j;
        } else {
          b.copy(i, i + 1);
          i++;
        }
      }
      const { text, map } = b.finish();
      const s = Math.floor(rand() * text.length);
      const e = s + Math.floor(rand() * (text.length - s + 1));
      const letters = (t: string) => t.replace(/\s+/g, '');
      expect(letters(raw.slice(...map.toRawSpan([s, e])))).toBe(letters(text.slice(s, e)));
    }
  });
});
