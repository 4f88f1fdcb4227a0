import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse, sameSpeaker } from './helpers.js';

/** The seed article with its gold quotes (read at run time from ../shared; never copied into the repository). */
const seed = JSON.parse(
  readFileSync(new URL('../../../shared/eval/dev/seed.json', import.meta.url), 'utf8'),
) as {
  text: string;
  quotes: { speaker: string; actor: string; text: string; alt_speakers?: string[] }[];
};

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ');

/** Gold and system texts overlap on a run of min(4, |gold|, |system|) words, as the evaluator reads them. */
function overlaps(system: string, gold: string): boolean {
  const s = words(system);
  const g = words(gold);
  const need = Math.min(4, s.length, g.length);
  for (let i = 0; i + need <= s.length; i++) {
    for (let j = 0; j + need <= g.length; j++) {
      let k = 0;
      while (k < need && s[i + k] === g[j + k]) k++;
      if (k === need) return true;
    }
  }
  return false;
}

describe('seed article quotes (the hard cases of seed.json)', () => {
  const article = analyse(seed.text, 'seed');
  const quotes = article.quotes.filter((q) => q.kind !== 'indirect');

  for (const gold of seed.quotes) {
    it(`${gold.speaker}: “${gold.text}”`, () => {
      const speakers = [gold.speaker, ...(gold.alt_speakers ?? [])];
      const found = quotes.filter((q) => overlaps(q.text, gold.text));
      expect(found.length, 'a quote with this text').toBeGreaterThan(0);
      expect(
        found.some((q) => speakers.some((s) => sameSpeaker(q.speaker?.name, s))),
        `speaker ${speakers.join(' / ')}; got ${found.map((q) => q.speaker?.name ?? 'null').join(', ')}`,
      ).toBe(true);
    });
  }

  // Depends on the clean stage: it drops the repeated UN paragraph and the KEEP READING link block.
  it('finds no quote the gold does not list, and no scare quote', () => {
    const stray = quotes.filter((q) => !seed.quotes.some((g) => overlaps(q.text, g.text)));
    expect(stray.map((q) => q.text)).toEqual([]);
    expect(quotes.some((q) => q.text === 'land grab' || q.text === 'recognize')).toBe(false);
  });

  // Depends on the actors stage: the actor codes come from its people and mentions.
  it('codes the speakers’ actors (actors stage)', () => {
    const actorOf = (name: string) => quotes.find((q) => q.speaker?.name === name)?.speaker?.actor;
    expect(actorOf('Hirokazu Matsuno')).toBe('JPN');
    expect(actorOf('Antony Blinken')).toBe('USA');
    expect(actorOf('Antonio Guterres')).toBe('UN');
  });

  it('reads the glued and repaired attributions (clean stage repairs “Matsunoat”)', () => {
    const first = quotes.find((q) => q.text.startsWith('Acts such as'));
    expect(first?.speaker?.name).toBe('Hirokazu Matsuno');
    expect(first?.speaker?.span && article.text.slice(...first.speaker.span)).toBe('Hirokazu Matsuno');
  });

  it('links the events coded from a quotation to it (event.quote → its speaker)', () => {
    const support = article.events.find(
      (e) => e.source.code === 'JPN' && e.type === 'SUPPORT' && e.target.code === 'UKR',
    );
    expect(support?.quote).not.toBeNull();
    expect(article.quotes[support!.quote!]?.speaker?.name).toBe('Hirokazu Matsuno');
  });

  it('gives reported speech without marks as indirect quotes', () => {
    const indirect = article.quotes.filter((q) => q.kind === 'indirect');
    expect(indirect.some((q) => q.speaker?.name === 'Antonio Guterres' && q.cue === 'stressed')).toBe(true);
  });
});
