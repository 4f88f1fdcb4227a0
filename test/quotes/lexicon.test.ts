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
    // belief, plan and finding cues; nouns that carry a report; words that let a noun's possessor speak
    for (const verb of ['believes', 'plans', 'found', 'expects', 'thinks'])
      expect(lexicon.verbs.has(verb)).toBe(true);
    expect(lexicon.attitudeVerbs.has('thinks')).toBe(true);
    expect(lexicon.attitudeVerbs.has('said')).toBe(false);
    expect(lexicon.nouns.has('claim')).toBe(true);
    expect(lexicon.lightVerbs.has('voiced')).toBe(true);
    expect(lexicon.objectPrepositions.has('for')).toBe(true);
    expect(lexicon.possessives.get('his')).toBe(true);
    expect(lexicon.possessives.get('their')).toBe(false);
  });

  it('fails with LEXICON_INVALID naming the file and field', () => {
    expect(() => parseQuotesLexicon({})).toThrow(/data\/quotes\/cues\.json is missing/);
    const good = loadLexicons().quotes!['cues'] as Record<string, unknown>;
    expect(() => parseQuotesLexicon({ cues: { ...good, verbs: 'said' } })).toThrow(/cues\.json verbs/);
    expect(() => parseQuotesLexicon({ cues: { ...good, according: [[]] } })).toThrow(/according/);
    expect(() => parseQuotesLexicon({ cues: { ...good, nouns: 'claim' } })).toThrow(/cues\.json nouns/);
    // lists added later may be left out of a user's own cues.json
    const { nouns: _nouns, lightVerbs: _light, ...older } = good;
    expect(parseQuotesLexicon({ cues: older }).nouns.size).toBe(0);
    try {
      parseQuotesLexicon({ cues: [] });
    } catch (error) {
      expect((error as { code?: string }).code).toBe('LEXICON_INVALID');
    }
  });
});
