import { describe, expect, it } from 'vitest';
import type { Event, OutputRecord, Quote } from '../../src/core/index.js';
import { maxMatching, normaliseName, parseGold, sameSpeaker, scoreArticle } from '../../src/eval/index.js';

function event(source: string, type: Event['type'], target: string): Event {
  return {
    id: `${source}-${type}-${target}`,
    type,
    mode: null,
    source: { code: source, text: source, span: [0, 1] },
    target: { code: target, text: target, span: [0, 1] },
    negated: false,
    modality: 'asserted',
    date: null,
    cameo: '12',
    goldstein: -4,
    quad: 3,
    contexts: [],
    trigger: { text: 't', span: [0, 1] },
    evidence: { sentence: 's', span: [0, 1], raw: [0, 1] },
    quote: null,
    confidence: 1,
    rule: 'test',
  };
}

function quote(text: string, speaker: string | null, kind: Quote['kind'] = 'direct'): Quote {
  return {
    text,
    span: [0, 1],
    kind,
    cue: 'said',
    speaker: speaker ? { name: speaker, actor: null, span: null } : null,
  };
}

function record(parts: Partial<OutputRecord>): OutputRecord {
  return {
    id: 'x',
    title: null,
    url: null,
    published: null,
    text: '',
    credits: [],
    edits: [],
    people: [],
    actors: [],
    quotes: [],
    events: [],
    diagnostics: [],
    ...parts,
  };
}

const gold = parseGold(
  {
    id: 'x',
    text: 'irrelevant',
    events: [
      { source: 'JPN', type: 'REJECT', alt: ['ACCUSE'], target: 'RUS', evidence: 'a' },
      { source: 'JPN', type: 'ACCUSE', alt: ['REJECT'], target: 'RUS', evidence: 'b' },
      { source: 'USA', type: 'SUPPORT', alt: [], target: 'UKR', evidence: 'c' },
    ],
    quotes: [
      { speaker: 'Hirokazu Matsuno', actor: 'JPN', text: 'cannot allow these acts that violate' },
      {
        speaker: 'United Nations',
        actor: 'UN',
        text: 'should not be accepted',
        alt_speakers: ['Antonio Guterres'],
      },
    ],
    people: ['Hirokazu Matsuno', 'António Guterres'],
  },
  'x.json',
);

describe('scoreArticle', () => {
  if (typeof gold === 'string') throw new Error(gold);

  it('counts a triple once and matches it through alt types', () => {
    const s = scoreArticle(
      gold,
      record({
        events: [
          event('JPN', 'ACCUSE', 'RUS'),
          event('JPN', 'ACCUSE', 'RUS'), // same triple again: counted once
          event('JPN', 'REJECT', 'RUS'),
          event('USA', 'SUPPORT', 'RUS'), // wrong target
        ],
      }),
    );
    expect(s.events).toEqual({ tp: 2, fp: 1, fn: 1 });
  });

  it('matches quotes on last name or alt speaker and overlapping words, ignoring indirect quotes', () => {
    const s = scoreArticle(
      gold,
      record({
        quotes: [
          quote('Japan cannot allow these acts that violate international law', 'Matsuno'),
          quote('It should not be accepted', 'Antonio Guterres'),
          quote('something paraphrased', 'Matsuno', 'indirect'),
          quote('an unattributed quotation here', null),
        ],
      }),
    );
    expect(s.quotes).toEqual({ tp: 2, fp: 1, fn: 0 });
  });

  it('matches people on accent-free normalised names', () => {
    const s = scoreArticle(
      gold,
      record({
        people: [
          { name: 'Antonio Guterres', actor: 'UN', role: null, mentions: [] },
          { name: 'Friday Morning', actor: null, role: null, mentions: [] },
        ],
      }),
    );
    expect(s.people).toEqual({ tp: 1, fp: 1, fn: 1 });
  });
});

describe('helpers', () => {
  it('normalises names', () => {
    expect(normaliseName('  António   Guterres ')).toBe('antonio guterres');
    expect(normaliseName('Joshua E. Keating')).toBe('joshua e keating');
  });

  it('compares speakers by last name', () => {
    expect(sameSpeaker('Blinken', 'Antony Blinken')).toBe(true);
    expect(sameSpeaker('United Nations Organization', 'United Nations')).toBe(true);
    expect(sameSpeaker('Vladimir Putin', 'Antony Blinken')).toBe(false);
  });

  it('finds a maximum matching where a greedy one would not', () => {
    // left 0 can take right 0 or 1; left 1 only right 0
    const pairs = maxMatching(2, 2, (i, j) => (i === 0 ? true : j === 0));
    expect(pairs).toHaveLength(2);
  });

  it('rejects a malformed gold file with its name', () => {
    expect(
      parseGold({ id: 'y', text: 't', events: [{ source: 'A', type: 'NOPE', target: 'B' }] }, 'y.json'),
    ).toMatch(/y\.json: events\[0\]: unknown type/);
  });
});
