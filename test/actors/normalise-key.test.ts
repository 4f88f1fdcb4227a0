import { describe, expect, it } from 'vitest';
import {
  isAllUpper,
  isCapitalised,
  keyOfLower,
  normaliseKey,
} from '../../src/pipeline/actors/normalise-key.js';

// words written for these tests

describe('word keys', () => {
  const words = [
    'Minister',
    'U.S.',
    'Élysée',
    'd’Ivoire',
    'e.g.',
    '...',
    '3.5',
    'Ōsaka',
    'NATO',
    'a',
    '',
    '.',
    '’s',
    '‘Acts',
    '“',
    '—',
    'U.S.’',
    'x…y',
    'Ōsaka’s',
  ];

  it('gives the same key from a token’s lower-cased text as from its text', () => {
    for (const word of words) expect(keyOfLower(word.toLowerCase())).toBe(normaliseKey(word));
  });

  it('reads capitals of ASCII and other scripts alike', () => {
    expect(['Japan', 'Élysée', 'japan', 'élysée', '3rd', ''].map(isCapitalised)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(['NATO', 'U.N.', 'Nato', 'ÉLYSÉE', 'Élysée', '42', ''].map(isAllUpper)).toEqual([
      true,
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
  });
});
