import { describe, expect, it } from 'vitest';
import { layoutHighlights } from '../../src/interfaces/web/highlight.js';

describe('layoutHighlights', () => {
  const text = 'Japan rejected the vote. Russia said nothing. Tokyo will never recognize it.';

  it('wraps each evidence span in one block, merging overlapping ones', () => {
    const blocks = layoutHighlights(
      text,
      [
        { span: [0, 24], event: 0 },
        { span: [0, 24], event: 1 },
        { span: [46, 76], event: 2 },
      ],
      [],
    );
    expect(blocks.map((b) => [b.evidence, text.slice(b.start, b.end)])).toEqual([
      [[0, 1], 'Japan rejected the vote.'],
      [null, ' Russia said nothing. '],
      [[2], 'Tokyo will never recognize it.'],
    ]);
  });

  it('cuts the text at every mark boundary, each run with the classes covering it', () => {
    const [block] = layoutHighlights(
      text,
      [{ span: [0, 24], event: 0 }],
      [
        { span: [6, 14], cls: 'trigger', title: 'REJECT' },
        { span: [0, 5], cls: 'actor' },
        { span: [0, 14], cls: 'quote' },
      ],
    );
    expect(block!.segments.map((s) => [s.text, s.classes])).toEqual([
      ['Japan', ['actor', 'quote']],
      [' ', ['quote']],
      ['rejected', ['trigger', 'quote']],
      [' the vote.', []],
    ]);
    expect(block!.segments.map((s) => s.text).join('')).toBe('Japan rejected the vote.');
  });

  it('ignores spans outside the text and keeps the whole text', () => {
    const blocks = layoutHighlights(text, [{ span: [70, 500], event: 0 }], [{ span: [5, 5], cls: 'actor' }]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.evidence).toBeNull();
    expect(blocks[0]!.segments.map((s) => s.text).join('')).toBe(text);
  });
});
