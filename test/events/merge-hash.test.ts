import { describe, expect, it } from 'vitest';
import { hashEventId, mergeDuplicateEvents } from '../../src/pipeline/events/index.js';
import { EventMerger } from '../../src/pipeline/events/merge-duplicate-events.js';
import type { Event } from '../../src/core/index.js';
import { analyse } from './build-article.js';

/** The id as first defined: FNV-1a (64-bit, BigInt) of the joined key. */
function referenceId(
  articleId: string,
  type: string,
  source: string,
  target: string,
  offset: number,
): string {
  const key = `${articleId}\u0000${type}\u0000${source}\u0000${target}\u0000${offset}`;
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < key.length; i++)
    h = ((h ^ BigInt(key.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return `e-${h.toString(16).padStart(16, '0')}`;
}

describe('event ids', () => {
  it('hash the article id, type, actors and offset as one key, article after article', () => {
    const cases: [string, string, string, string, number][] = [
      ['seed', 'REJECT', 'JPN', 'RUS', 120],
      ['seed', 'AGREE', 'USA', 'NSA:Protesters', 0],
      ['other-é', 'REJECT', 'JPN', 'RUS', 9_007_199_254_740_991],
      ['seed', 'REJECT', 'JPN', 'RUS', 1_000_000],
      ['', '', '', '', 7],
      ['seed', 'REJECT', 'JPN', 'RUS', -3],
    ];
    for (const c of cases) expect(hashEventId(...c)).toBe(referenceId(...c));
  });
});

describe('merging repeated facts', () => {
  it('the stage merger keeps what mergeDuplicateEvents keeps', () => {
    const article = analyse(
      'Japan rejected the referendums held by Russia. On Friday Japan rejected the referendums again. Japan also rejected the referendums, officials said.',
    );
    const events = article.events;
    expect(events.some((e) => (e.mentions?.length ?? 0) > 0)).toBe(true);
    // the events unmerged again, as the stage finds them: each mention a report of its own
    const reports: Event[] = [];
    for (const { mentions, ...e } of events) {
      reports.push(e);
      for (const span of mentions ?? []) reports.push({ ...e, evidence: { ...e.evidence, span } });
    }
    const merger = new EventMerger();
    for (const e of reports)
      if (!merger.repeats(e.source.code, e.type, e.target.code, e.modality, e.negated, e.evidence.span))
        merger.keep(e);
    expect(merger.events()).toEqual(mergeDuplicateEvents(reports));
    expect(mergeDuplicateEvents(reports).map((e) => e.mentions)).toEqual(events.map((e) => e.mentions));
  });
});
