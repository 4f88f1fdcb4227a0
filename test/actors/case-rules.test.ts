import { describe, expect, it } from 'vitest';
import { DemarcheError } from '../../src/core/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { parseActorsLexicon } from '../../src/pipeline/actors/index.js';
import { analyse } from './build-article.js';

function actorsOf(text: string): string[] {
  return analyse(text)
    .mentions.filter((m) => m.kind !== 'person' && m.kind !== 'description')
    .map((m) => `${m.text}=${m.actor}`);
}

describe('actor mentions: case and ambiguity rules', () => {
  it('reads acronyms only in capitals', () => {
    expect(actorsOf('Let us ask who pays. The US and the WHO replied.')).toEqual(['US=USA', 'WHO=WHO']);
  });

  it('does not read lower-case common words as countries', () => {
    expect(actorsOf('They ate turkey from china plates while chad watched.')).toEqual([]);
  });

  it('prefers the longest name', () => {
    expect(actorsOf('South Korea and the Democratic Republic of the Congo met Guinea-Bissau.')).toEqual([
      'South Korea=KOR',
      'Democratic Republic of the Congo=COD',
      'Guinea-Bissau=GNB',
    ]);
  });

  it('leaves country names that are part of a person name', () => {
    const article = analyse('Michael Jordan praised Jordan. Georgia Henderson visited Georgia.');
    expect(article.mentions.filter((m) => m.kind === 'country').map((m) => m.actor)).toEqual(['JOR', 'GEO']);
  });

  it('handles possessives and curly apostrophes', () => {
    expect(actorsOf("Russia’s army and Japan's government spoke.")).toEqual([
      'Russia’s army=RUS',
      "Japan's government=JPN",
    ]);
  });
});

describe('actors stage edge cases', () => {
  it('returns empty layers for an empty article', () => {
    const article = analyse('');
    expect([article.mentions, article.people, article.actors]).toEqual([[], [], []]);
  });
});

describe('parseActorsLexicon', () => {
  it('rejects a malformed data file with LEXICON_INVALID', () => {
    const files = { ...(loadLexicons()['actors'] ?? {}), organisations: { organisations: [{ code: 'UN' }] } };
    expect(() => parseActorsLexicon(files)).toThrow(DemarcheError);
  });

  it('fails when a data file is missing', () => {
    expect(() => parseActorsLexicon({})).toThrow(/data\/actors\/countries\.json is missing/);
  });
});
