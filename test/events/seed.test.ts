import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse, triples } from './build-article.js';

const SEED = new URL('../../../shared/eval/dev/seed.json', import.meta.url);

describe.skipIf(!existsSync(SEED))('events on the seed article', () => {
  const seed = JSON.parse(readFileSync(SEED, 'utf8')) as { id: string; text: string; published: string };
  const article = analyse(seed.text, seed.id, seed.published);
  const found = new Set(triples(article));

  it('codes the headline facts of the seed article', () => {
    expect(found).toContain('JPN REJECT RUS');
    expect(found.has('JPN SANCTION RUS') || found.has('JPN THREATEN RUS')).toBe(true);
    expect(found).toContain('USA ACCUSE RUS');
    expect(found).toContain('USA REJECT RUS');
    expect(found).toContain('UN ACCUSE RUS');
  });

  it('codes nothing from after "KEEP READING:"', () => {
    const marker = article.text.indexOf('KEEP READING');
    if (marker >= 0) expect(article.events.filter((e) => e.evidence.span[0] > marker)).toEqual([]);
  });

  it('explains every event: a rule, evidence that is the sentence text, a stable id', () => {
    for (const e of article.events) {
      expect(e.rule).toMatch(/^[a-z]+(>[a-z]+)?\//);
      expect(article.text.slice(e.evidence.span[0], e.evidence.span[1])).toBe(e.evidence.sentence);
      expect(article.text.slice(e.trigger.span[0], e.trigger.span[1])).toBe(e.trigger.text);
      expect(e.source.code).not.toBe(e.target.code);
      expect(e.id).toMatch(/^e-[0-9a-f]{16}$/);
    }
    expect(new Set(article.events.map((e) => e.id)).size).toBe(article.events.length);
    expect(analyse(seed.text, seed.id, seed.published).events.map((e) => e.id)).toEqual(
      article.events.map((e) => e.id),
    );
  });

  it('dates "on Thursday" in a past-tense sentence to the Thursday before the Friday dateline', () => {
    const accuse = article.events.find((e) => e.type === 'ACCUSE' && e.source.code === 'USA');
    expect(accuse?.date).toBe('2022-09-29');
  });
});
