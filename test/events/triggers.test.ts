import { describe, expect, it } from 'vitest';
import { hasKey, lemmaKey, tokenKeys } from '../../src/pipeline/events/match-triggers.js';
import { analyse, triples } from './build-article.js';

describe('trigger matching', () => {
  it('counts a hyphenated word once inside a pattern gap', () => {
    const events = triples(
      analyse(
        'China lifted its old-style and new-style anti-dumping tariffs on Australian barley on Friday.',
      ),
    );
    expect(events).toContain('CHN RETREAT AUS');
  });

  it('prefers a verb over the noun it acts on ("will drop … tariffs on X" is no new tariff)', () => {
    const article = analyse('China said it will drop its tariffs on Australian barley.');
    const types = article.events.map((e) => e.type);
    expect(types).not.toContain('SANCTION');
    expect(triples(article)).toContain('CHN CONCEDE AUS');
  });

  it('reads "held … calling" as no talks: the held noun must be a noun', () => {
    const events = triples(
      analyse(
        'Japan on Monday rejected the results of the referendums held by Russia, calling them illegal.',
      ),
    );
    expect(events).toContain('JPN REJECT RUS');
    expect(events.filter((e) => e.includes('CONSULT'))).toEqual([]);
  });
});

describe('token keys', () => {
  it('hasKey and lemmaKey agree with the keys tokenKeys lists', () => {
    const article = analyse(
      'The Russian Foreign Ministry summoned the ambassadors; Japan was imposing sanctions on Moscow’s airstrikes, which were condemned by the UN.',
    );
    let lemmaDiffers = 0;
    for (const token of article.tokens) {
      const keys = tokenKeys(token);
      expect(lemmaKey(token)).toBe(keys[0]);
      if (token.lemma !== token.lower) lemmaDiffers++;
      const candidates = [
        token.text,
        token.lower,
        token.lemma,
        token.lemma.toLowerCase(),
        token.lower.slice(0, -1),
        `${token.lower}s`,
      ];
      for (const word of candidates) expect(hasKey(token, new Set([word]))).toBe(keys.includes(word));
    }
    // the sentence has words whose lemma is not their text ("summoned", "sanctions", "was")
    expect(lemmaDiffers).toBeGreaterThan(2);
  });
});
