import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/pipeline/clean/repair-mojibake.js';
import { replaceLookAlikeLetters } from '../../src/pipeline/clean/replace-look-alike-letters.js';
import { clean } from './helpers.js';

/** The text a UTF-8 string turns into when its bytes are read as Windows-1252. */
function garble(text: string): string {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  let out = '';
  for (const b of Buffer.from(text, 'utf8'))
    out += b >= 0x80 && b <= 0x9f ? high[b - 0x80] : String.fromCharCode(b);
  return out;
}

describe('mojibake repair', () => {
  it.each(['’', '‘', '“', '–', '—', '…', '€', '™', 'é', 'ü', 'ñ', 'ç', 'Ü', 'ł', 'š', '£', '°'])(
    'repairs the mis-decoded form of %s',
    (ch) => {
      const raw = `Word ${garble(ch)} word`;
      expect(raw).not.toBe(`Word ${ch} word`);
      const result = clean(raw);
      expect(result.text).toBe(`Word ${ch} word`);
      const edit = result.edits.find((e) => e.kind === 'normalise-character');
      expect(edit?.before).toBe(garble(ch));
      expect(raw.slice(...edit!.raw)).toBe(garble(ch));
    },
  );

  it('leaves lone lead characters and real words alone', () => {
    const step = repairMojibake();
    expect(step('SÃO PAULO, Ã and â alone, Âme, Ångström, Ärger')).toEqual([]);
    expect(step('plain text')).toEqual([]);
  });
});

describe('look-alike letters', () => {
  const step = replaceLookAlikeLetters();

  it('replaces a Cyrillic or Greek letter inside a Latin word', () => {
    expect(clean('The army left Ukr\u0430ine on Monday.').text).toBe('The army left Ukraine on Monday.');
    expect(step('N\u0391TO')).toEqual([{ start: 1, end: 2, text: 'A', kind: 'normalise-character' }]);
  });

  it('never touches Greek or Cyrillic words', () => {
    expect(step('Россия сор Київ Κρήτη Αθήνα ОООО')).toEqual([]);
    // a word with a non-look-alike Cyrillic letter is not a Latin word
    expect(step('Kyivщina')).toEqual([]);
    // one Latin letter is too little evidence
    expect(step('Aсо')).toEqual([]);
  });
});
