import { describe, expect, it } from 'vitest';
import { loadLexicons } from '../../src/lexicons/index.js';
import { parseEventsLexicon } from '../../src/pipeline/events/index.js';

const files = loadLexicons()['events'] ?? {};

function withTriggers(triggers: unknown[]) {
  return { ...files, triggers: { triggers } };
}

describe('events lexicon', () => {
  it('indexes every trigger under each alternative of its first word', () => {
    const lexicon = parseEventsLexicon(files);
    expect(lexicon.byFirstWord.get('condemn')?.map((t) => t.type)).toContain('ACCUSE');
    expect(lexicon.byFirstWord.get('recognise')?.[0]?.negated).toBe('REJECT');
    expect(lexicon.triggers.every((t) => t.items[t.items.length - 1]?.kind === 'word')).toBe(true);
  });

  it('rejects a trigger with an unknown type, CAMEO code or POS, naming the entry', () => {
    const ok = { match: 'slam', type: 'ACCUSE', cameo: '111', frame: 'verb' };
    expect(() => parseEventsLexicon(withTriggers([ok]))).not.toThrow();
    expect(() => parseEventsLexicon(withTriggers([{ ...ok, type: 'SCOLD' }]))).toThrow(/triggers\[0\].*type/);
    expect(() => parseEventsLexicon(withTriggers([{ ...ok, cameo: '999' }]))).toThrow(/cameo/);
    expect(() => parseEventsLexicon(withTriggers([{ ...ok, match: 'slam@X' }]))).toThrow(/POS/);
    expect(() => parseEventsLexicon(withTriggers([{ ...ok, match: 'slam *' }]))).toThrow(/end with/);
  });

  it('fails with LEXICON_INVALID when a data file is missing', () => {
    const { cues: _cues, ...rest } = files as Record<string, unknown>;
    expect(() => parseEventsLexicon(rest)).toThrow(expect.objectContaining({ code: 'LEXICON_INVALID' }));
  });
});
