import { describe, expect, it } from 'vitest';
import { DemarcheError } from '../../src/core/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { parseCleanLexicon } from '../../src/pipeline/clean/index.js';
import { clean } from './helpers.js';

const files = loadLexicons().clean ?? {};

describe('parseCleanLexicon', () => {
  it('reads the shipped data', () => {
    const lexicon = parseCleanLexicon(files);
    expect(lexicon.markers.get('keep reading')).toBe('rest');
    expect(lexicon.functionWords.has('at')).toBe(true);
    expect(lexicon.agencies.get('agencia efe')).toBe('EFE');
    expect(lexicon.englishWords.has('violate')).toBe(true);
  });

  it.each([
    ['boilerplate', undefined, /data\/clean\/boilerplate\.json is missing/],
    [
      'boilerplate',
      { markers: [{ text: 'read more', scope: 'everything' }] },
      /boilerplate\.json\.markers\[0\]\.scope/,
    ],
    ['boilerplate', { markers: [], leading: ['(unclosed'] }, /boilerplate\.json\.leading\[0\]/],
    ['function-words', { words: 'at in on' }, /function-words\.json\.words: must be an array of strings/],
    ['credits', { leadIns: [], agencies: [{ name: 'EFE' }] }, /credits\.json\.agencies\[0\]\.aliases/],
    ['characters', { quotes: { '„“': '"' }, entities: {} }, /characters\.json\.quotes/],
  ])('names the file and problem when %s is wrong', (file, value, message) => {
    const broken = { ...files, [file]: value };
    if (value === undefined) delete (broken as Record<string, unknown>)[file];
    expect(() => parseCleanLexicon(broken)).toThrow(DemarcheError);
    expect(() => parseCleanLexicon(broken)).toThrow(message);
  });
});

describe('paragraph layout', () => {
  it('keeps a headline line apart and joins a line that goes on in lower case', () => {
    expect(clean('Title without a stop\nFirst line goes\non here.\nNext paragraph.').text).toBe(
      'Title without a stop\n\nFirst line goes on here.\n\nNext paragraph.',
    );
  });

  it('joins a word hyphenated across lines', () => {
    expect(clean('The cross-\nborder talks resumed.').text).toBe('The cross-border talks resumed.');
  });

  it('returns an empty text for blank input', () => {
    const result = clean(' \n\n\t ');
    expect(result.text).toBe('');
    expect(result.offsets.cleanLength).toBe(0);
  });
});

describe('repairs need evidence', () => {
  it('never splits a real word or a name with no evidence', () => {
    const raw =
      'Putin met officials in Washington. Kherson and Donetsk were named, and the Maldives too. ' +
      'Put simply, the format within the takeover is another matter. Benin and Chilean envoys came.';
    expect(clean(raw).text).toBe(raw);
  });

  it('splits a lower-case glued pair of function words and marks it low-confidence', () => {
    const result = clean('The minister spoke inthe capital, and the talks went on.');
    expect(result.text).toBe('The minister spoke in the capital, and the talks went on.');
    expect(result.edits).toEqual([
      expect.objectContaining({
        kind: 'split-glued-word',
        before: 'inthe',
        after: 'in the',
        confidence: 'low',
      }),
    ]);
  });

  it('splits a function word glued to a capitalised word seen elsewhere', () => {
    expect(clean('Troops entered Ukraine on Monday and stayed inUkraine for a week.').text).toBe(
      'Troops entered Ukraine on Monday and stayed in Ukraine for a week.',
    );
  });

  it('splits a word glued to a proper name but not a camel-cased identifier', () => {
    const raw =
      'The president met Vladimir Putin. Later the presidentVladimir spoke, and a cacheError was logged.';
    expect(clean(raw).text).toBe(
      'The president met Vladimir Putin. Later the president Vladimir spoke, and a cacheError was logged.',
    );
  });

  it('does not split a word missing from the dictionary with a two-letter ending', () => {
    const raw = 'Users log on daily. The login page and the constructor were fixed.';
    expect(clean(raw).text).toBe(raw);
  });

  it('leaves abbreviations, numbers and addresses alone', () => {
    const raw =
      'The U.S. grew 3.5 percent, see www.example.com/News.Today or e-mail desk@example.org.Thanks.';
    expect(clean(raw).text).toBe(raw);
  });

  it('does not double a straight quote repair when quotes are unbalanced', () => {
    const raw = 'He said "no"and then 5" of rain fell.';
    expect(clean(raw).text).toBe(raw);
  });

  it('keeps a native ending on a transliterated stem but splits a glued word of another script', () => {
    expect(clean('Troops left Kyivщина on Monday.').text).toBe('Troops left Kyivщина on Monday.');
    expect(clean('Troops left KyivУкраїна on Monday.').text).toBe('Troops left Kyiv Україна on Monday.');
    expect(clean('The envoy met officials inبغداد on Monday.').text).toBe(
      'The envoy met officials in بغداد on Monday.',
    );
  });
});

describe('boilerplate blocks', () => {
  it('stops a block at the first line of running text', () => {
    const raw = 'Lead paragraph.\n\nRelated:\nOther headline here\nAnother one\n\nThe story goes on here.';
    expect(clean(raw).text).toBe('Lead paragraph.\n\nThe story goes on here.');
  });

  it('drops a leading date marker and reports the date', () => {
    const result = clean(' date 2021-03-04 Lima: The talks began.');
    expect(result.text).toBe('Lima: The talks began.');
    expect(result.published).toBe('2021-03-04');
  });
});

describe('repeated paragraphs', () => {
  it('keeps a near copy that names another actor', () => {
    const a = 'The United States will continue to support Ukraine as much as necessary, he said.';
    const b = 'The United States will continue to support Israel as much as necessary, he said.';
    expect(clean(`${a}\n\n${b}`).text).toBe(`${a}\n\n${b}`);
  });

  it('drops a shortened later copy', () => {
    const a =
      'Three weeks of protests have left at least 14 people dead and 150 injured. The unrest continues.';
    const b = 'Three weeks of protests have left at least 14 people dead and 150 injured.';
    expect(clean(`${a}\n\nMiddle.\n\n${b}`).text).toBe(`${a}\n\nMiddle.`);
  });
});
