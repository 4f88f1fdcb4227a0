import { describe, expect, it } from 'vitest';
import { parseQuotesLexicon } from '../../src/pipeline/quotes/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';

describe('parseQuotesLexicon', () => {
  it('reads data/quotes/cues.json', () => {
    const lexicon = parseQuotesLexicon(loadLexicons().quotes ?? {});
    for (const verb of [
      'said',
      'told',
      'added',
      'stressed',
      'warned',
      'insisted',
      'assured',
      'concluded',
      'tweeted',
      'wrote',
    ]) {
      expect(lexicon.verbs.has(verb)).toBe(true);
    }
    expect(lexicon.according).toContainEqual(['according', 'to']);
    expect(lexicon.documents.has('statement')).toBe(true);
  });

  it('fails with LEXICON_INVALID naming the file and field', () => {
    expect(() => parseQuotesLexicon({})).toThrow(/data\/quotes\/cues\.json is missing/);
    const good = loadLexicons().quotes!['cues'] as Record<string, unknown>;
    expect(() => parseQuotesLexicon({ cues: { ...good, verbs: 'said' } })).toThrow(/cues\.json verbs/);
    expect(() => parseQuotesLexicon({ cues: { ...good, according: [[]] } })).toThrow(/according/);
    try {
      parseQuotesLexicon({ cues: [] });
    } catch (error) {
      expect((error as { code?: string }).code).toBe('LEXICON_INVALID');
    }
  });
});
