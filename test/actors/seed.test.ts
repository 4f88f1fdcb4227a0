import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from './build-article.js';

const SEED = new URL('../../../shared/eval/dev/seed.json', import.meta.url);

describe.skipIf(!existsSync(SEED))('actors on the seed article', () => {
  const seed = JSON.parse(readFileSync(SEED, 'utf8')) as { id: string; text: string };
  const article = analyse(seed.text, seed.id);

  it('finds the four people with the actor each acts for', () => {
    expect(article.people.map((p) => [p.name, p.actor])).toEqual([
      ['Hirokazu Matsuno', 'JPN'],
      ['Antony Blinken', 'USA'],
      ['Vladimir Putin', 'RUS'],
      ['Antonio Guterres', 'UN'],
    ]);
  });

  it('resolves the descriptions the quotes stage needs', () => {
    const described = article.mentions
      .filter((m) => m.kind === 'description' && m.person !== null)
      .map((m) => [m.text.toLowerCase(), article.people[m.person!]!.name]);
    expect(described).toContainEqual(['the spokesman', 'Hirokazu Matsuno']);
    expect(described).toContainEqual(['his country', 'Antony Blinken']);
    expect(described).toContainEqual(['the un chief', 'Antonio Guterres']);
  });

  it('takes nothing from after "KEEP READING:"', () => {
    const marker = article.text.indexOf('KEEP READING');
    if (marker >= 0) {
      // the clean stage keeps the block: no actor or person may come from it
      expect(article.mentions.filter((m) => m.span[0] > marker)).toEqual([]);
    }
    expect(article.people).toHaveLength(4);
  });
});
