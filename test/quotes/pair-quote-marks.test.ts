import { describe, expect, it } from 'vitest';
import { pairQuoteMarks } from '../../src/pipeline/quotes/index.js';

const quoted = (text: string) => pairQuoteMarks(text).map((s) => text.slice(s.contentStart, s.contentEnd));

describe('pairQuoteMarks', () => {
  it('pairs curly, straight, guillemet and low-high marks', () => {
    expect(quoted('“One two three,” he said.')).toEqual(['One two three,']);
    expect(quoted('He said "one two three" and left.')).toEqual(['one two three']);
    expect(quoted('Il a dit « un deux trois » hier.')).toEqual(['un deux trois']);
    expect(quoted('Er sagte „eins zwei drei“ gestern.')).toEqual(['eins zwei drei']);
    expect(quoted('She said ‘one two three’ twice.')).toEqual(['one two three']);
  });

  it('reads apostrophes as apostrophes', () => {
    expect(quoted("It’s Moscow’s view since the '90s, Kan'ani said; the ministers' talks.")).toEqual([]);
    expect(quoted('‘We can’t stay,’ she said.')).toEqual(['We can’t stay,']);
  });

  it('keeps a nested quote inside its outer quote', () => {
    expect(quoted('“They called it ‘a land grab’ today,” he said.')).toEqual([
      'They called it ‘a land grab’ today,',
    ]);
    expect(quoted('“He said “no” to us,” she added.')).toEqual(['He said “no” to us,']);
  });

  it('continues a quote into the next paragraph that opens with a mark', () => {
    const text = '“First part of it.\n\n“Second part,” she said.';
    const spans = pairQuoteMarks(text);
    expect(spans.map((s) => text.slice(s.contentStart, s.contentEnd))).toEqual([
      'First part of it.',
      'Second part,',
    ]);
    expect(spans[0]!.close).toBeNull();
    expect(spans[1]!.continues).toBe(0);
  });

  it('starts a new quote when a sentence ends inside an unclosed one', () => {
    const text = '“First sentence here. “Second one,” said Ana.';
    expect(quoted(text)).toEqual(['First sentence here.', 'Second one,']);
  });

  it('runs on over a line break in mid-sentence and caps at a paragraph', () => {
    expect(quoted('"The report will\npositively surprise," said Todd.')).toEqual([
      'The report will\npositively surprise,',
    ]);
    expect(quoted('He said “this never ends\n\nNext paragraph here.')).toEqual(['this never ends']);
  });

  it('ignores stray closing marks and never throws', () => {
    expect(quoted('A stray ” mark and ’ and » here.')).toEqual([]);
    expect(() => pairQuoteMarks('“‘«„"\'”’»“'.repeat(1000))).not.toThrow();
  });
});
