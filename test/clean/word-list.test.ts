import { describe, expect, it } from 'vitest';
import { loadLexicons } from '../../src/lexicons/index.js';
import { parseCleanLexicon } from '../../src/pipeline/index.js';
import { WordList } from '../../src/pipeline/clean/word-list.js';

describe('WordList', () => {
  it('holds each line once, trimmed and lower-cased, blank lines skipped', () => {
    const list = WordList.fromLines('rain\r\n  Reign \n\nrein\nrain\nREIN\n');
    expect(list.size).toBe(3);
    for (const w of ['rain', 'reign', 'rein']) expect(list.has(w)).toBe(true);
    for (const w of ['Rain', 'rai', 'rains', '', 'reign ', 'ran']) expect(list.has(w)).toBe(false);
    const read: string[] = [];
    list.forEach((text, start, end) => read.push(text.slice(start, end)));
    expect(read).toEqual(['rain', 'reign', 'rein']);
  });

  it('answers as a Set of the same words does, word for word', () => {
    const words = ['kyiv', 'kiev', 'oblast', 'referendum', 'referenda', 'a', 'ab', 'ba', 'über', 'naïve'];
    const list = WordList.of(words);
    const probes = [...words, ...words.map((w) => w + 's'), ...words.map((w) => w.slice(1)), 'uber', 'naive'];
    for (const p of probes) expect(list.has(p)).toBe(words.includes(p));
  });

  it('reads the packaged list as the split list it replaces', () => {
    const lexicon = parseCleanLexicon(loadLexicons().clean ?? {});
    expect(lexicon.englishWords.size).toBeGreaterThan(200_000);
    for (const w of ['violate', 'annexation', 'referendum', 'the'])
      expect(lexicon.englishWords.has(w)).toBe(true);
    for (const w of ['matsunoat', 'violatedthe', 'kherson']) expect(lexicon.englishWords.has(w)).toBe(false);
    // a data folder may give the list as words, as before
    const own = parseCleanLexicon({ ...loadLexicons().clean, 'english-words': { words: ['Alpha', 'beta'] } });
    expect(own.englishWords.size).toBe(2);
    expect(own.englishWords.has('alpha')).toBe(true);
    expect(own.englishWords.has('violate')).toBe(false);
  });
});
