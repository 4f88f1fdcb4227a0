import { describe, expect, it } from 'vitest';
import { sortSmall } from '../../src/pipeline/sort-small.js';

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('sortSmall', () => {
  it('orders like Array.prototype.sort, equal items kept in their order, at every length', () => {
    const next = random(7);
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    for (let length = 0; length <= 40; length++) {
      for (let round = 0; round < 25; round++) {
        // few distinct keys, so that ties are common and stability is tested
        const items = Array.from({ length }, (_, i) => ({ key: Math.floor(next() * 4), at: i }));
        const expected = [...items].sort(byKey);
        const sorted = sortSmall(items, byKey);
        expect(sorted).toBe(items);
        expect(sorted.map((x) => x.at)).toEqual(expected.map((x) => x.at));
      }
    }
  });

  it('uses a comparator of several keys', () => {
    const items = [
      { start: 4, end: 6 },
      { start: 1, end: 9 },
      { start: 4, end: 5 },
      { start: 1, end: 3 },
    ];
    sortSmall(items, (a, b) => a.start - b.start || b.end - a.end);
    expect(items).toEqual([
      { start: 1, end: 9 },
      { start: 1, end: 3 },
      { start: 4, end: 6 },
      { start: 4, end: 5 },
    ]);
  });
});
