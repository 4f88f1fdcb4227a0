import { describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { createSegmentStage } from '../../src/pipeline/segment/index.js';
import { createQuotesStage, pairQuoteMarks } from '../../src/pipeline/quotes/index.js';
import { createArticle } from '../../src/core/index.js';
import type { Article } from '../../src/core/index.js';
import { analyse, lexicon } from './helpers.js';

const PIECES = [
  'minister',
  'said',
  'told',
  'he',
  'she',
  'the',
  'spokesman',
  'added',
  'according to',
  'Lisbon',
  'Kenya',
  'Maria Silva',
  'the ministry',
  'that',
  'council',
  'talks',
  'border',
  ',',
  '.',
  ':',
  ';',
  '“',
  '”',
  '‘',
  '’',
  '"',
  "'",
  '«',
  '»',
  '„',
  '‹',
  '›',
  '\n',
  '\n\n',
  'it’s',
  "Kan'ani",
  "'90s",
  '(',
  ')',
  '…',
  '—',
  '―',
  '「',
  '」',
  '『',
  '』',
  '‚',
  'is saying',
  'pledged to',
  'saying',
  "''",
  'believes',
  'plans to',
  'claim that',
  'decision to',
  'Maria’s',
  'his',
  'who',
  'which',
  'they',
  'ROE:',
  'so-called',
  'was told',
  'would',
  'and',
  'found',
];

function randomText(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(PIECES[Math.floor(next() * PIECES.length)]!);
    if (next() < 0.7) out.push(' ');
  }
  return out.join('');
}

const segment = createSegmentStage();
const quotes = createQuotesStage(lexicon);

/** Segment only, then quotes: the quotes stage alone over text the clean and actors stages never saw. */
function quotesOnly(text: string): Article {
  const base = { ...createArticle({ id: 'fuzz', raw: text, mediaType: 'text/plain' }), text };
  const segmented = { ...base, ...segment.run(base) } as Article;
  return { ...segmented, ...quotes.run(segmented) } as Article;
}

function checkInvariants(article: Article): void {
  const n = article.text.length;
  for (const q of article.quotes) {
    expect(q.span[0]).toBeGreaterThanOrEqual(0);
    expect(q.span[1]).toBeLessThanOrEqual(n);
    expect(q.span[0]).toBeLessThanOrEqual(q.span[1]);
    if (q.speaker?.span) {
      expect(q.speaker.span[0]).toBeGreaterThanOrEqual(0);
      expect(q.speaker.span[1]).toBeLessThanOrEqual(n);
    }
  }
  // direct quotes never overlap one another
  const direct = article.quotes.filter((q) => q.kind !== 'indirect');
  for (let i = 1; i < direct.length; i++)
    expect(direct[i]!.span[0]).toBeGreaterThanOrEqual(direct[i - 1]!.span[1]);
}

describe('quotes stage on fuzzed text', () => {
  it('pairs marks in random text without throwing, spans inside the text', () => {
    const next = prng(20260930);
    for (let round = 0; round < 300; round++) {
      const text = randomText(next, 5 + Math.floor(next() * 200));
      const spans = pairQuoteMarks(text);
      let last = -1;
      for (const s of spans) {
        expect(s.open).toBeGreaterThan(last);
        expect(s.contentStart).toBeGreaterThan(s.open);
        expect(s.contentEnd).toBeGreaterThanOrEqual(s.contentStart);
        expect(s.contentEnd).toBeLessThanOrEqual(text.length);
        if (s.close !== null) expect(s.close).toBeGreaterThanOrEqual(s.contentEnd);
        last = s.close ?? s.contentEnd;
      }
    }
  });

  it('runs the quotes stage over random text', () => {
    const next = prng(7);
    for (let round = 0; round < 60; round++) {
      checkInvariants(quotesOnly(randomText(next, 20 + Math.floor(next() * 300))));
    }
  });

  it('runs the whole pipeline over random text', () => {
    const next = prng(11);
    for (let round = 0; round < 10; round++) checkInvariants(analyse(randomText(next, 400)));
  });

  it('caps a quote opened in 1 MB of text that never closes it at its paragraph', () => {
    const paragraph = 'The minister said the talks would go on and the border would stay open for trade. ';
    const body = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    const text = `Kenya’s envoy said: “We will not move ${body}\n\nMaria Silva said: “The talks are over for this year.”`;
    const spans = pairQuoteMarks(text);
    expect(spans).toHaveLength(2);
    expect(spans[0]!.close).toBeNull();
    expect(spans[0]!.contentEnd).toBeLessThan(text.indexOf('\n\n') + 1);
    expect(text.slice(spans[1]!.contentStart, spans[1]!.contentEnd)).toBe(
      'The talks are over for this year.',
    );
  });

  it('never throws on 1 MB without a closing mark, for every opening mark', () => {
    const sentence = 'the minister said the talks would go on ― and the border would stay open for trade ';
    const body = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
    for (const open of ['“', '"', "'", '‘', '«', '»', '„', '‚', '‹', '「', '『']) {
      const text = `Maria Silva said: ${open}We will not move ${body}`;
      expect(() => pairQuoteMarks(text), open).not.toThrow();
      const spans = pairQuoteMarks(text);
      expect(spans.length, open).toBeLessThanOrEqual(1);
    }
  });

  it('runs the quotes stage over 200 kB with an unclosed quote and many cues', () => {
    const unit = '“We will not move, the minister said, and he added that the border stays open. ';
    const text = unit.repeat(2500);
    const article = quotesOnly(text);
    checkInvariants(article);
    expect(article.quotes.filter((q) => q.kind !== 'indirect').length).toBeGreaterThan(0);
  });
});
