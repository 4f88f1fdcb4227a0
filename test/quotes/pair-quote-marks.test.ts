import { describe, expect, it } from 'vitest';
import { pairQuoteMarks } from '../../src/pipeline/quotes/index.js';

const quoted = (text: string) => pairQuoteMarks(text).map((s) => text.slice(s.contentStart, s.contentEnd));

describe('pairQuoteMarks', () => {
  it('pairs curly, straight, guillemet and low-high marks', () => {
    expect(quoted('“One two three,” he said.')).toEqual(['One two three,']);
    expect(quoted('He said "one two three" and left.')).toEqual(['one two three']);
    expect(quoted('Il a dit « un deux trois » hier.')).toEqual(['un deux trois']);
    expect(quoted('Er sagte „eins zwei drei“ gestern.')).toEqual(['eins zwei drei']);
    expect(quoted('She said ‘one two three’ twice.')).toEqual(['one two three']);
  });

  it('reads apostrophes as apostrophes', () => {
    expect(quoted("It’s Moscow’s view since the '90s, Kan'ani said; the ministers' talks.")).toEqual([]);
    expect(quoted('‘We can’t stay,’ she said.')).toEqual(['We can’t stay,']);
  });

  it('keeps a nested quote inside its outer quote', () => {
    expect(quoted('“They called it ‘a land grab’ today,” he said.')).toEqual([
      'They called it ‘a land grab’ today,',
    ]);
    expect(quoted('“He said “no” to us,” she added.')).toEqual(['He said “no” to us,']);
  });

  it('continues a quote into the next paragraph that opens with a mark', () => {
    const text = '“First part of it.\n\n“Second part,” she said.';
    const spans = pairQuoteMarks(text);
    expect(spans.map((s) => text.slice(s.contentStart, s.contentEnd))).toEqual([
      'First part of it.',
      'Second part,',
    ]);
    expect(spans[0]!.close).toBeNull();
    expect(spans[1]!.continues).toBe(0);
  });

  it('starts a new quote when a sentence ends inside an unclosed one', () => {
    const text = '“First sentence here. “Second one,” said Ana.';
    expect(quoted(text)).toEqual(['First sentence here.', 'Second one,']);
  });

  it('runs on over a line break in mid-sentence and caps at a paragraph', () => {
    expect(quoted('"The report will\npositively surprise," said Todd.')).toEqual([
      'The report will\npositively surprise,',
    ]);
    expect(quoted('He said “this never ends\n\nNext paragraph here.')).toEqual(['this never ends']);
  });

  it('ignores stray closing marks and never throws', () => {
    expect(quoted('A stray ” mark and ’ and » here.')).toEqual([]);
    expect(() => pairQuoteMarks('“‘«„"\'”’»“'.repeat(1000))).not.toThrow();
  });
});

describe('pairQuoteMarks: every mark family', () => {
  it('pairs English double and single curly marks', () => {
    expect(quoted('“Rain is coming soon,” she said.')).toEqual(['Rain is coming soon,']);
    expect(quoted('She called it ‘a very bad deal’ again.')).toEqual(['a very bad deal']);
  });

  it('pairs straight double and single marks', () => {
    expect(quoted('"Rain is coming soon," she said.')).toEqual(['Rain is coming soon,']);
    expect(quoted("He replied 'not this year' and left.")).toEqual(['not this year']);
  });

  it('pairs French guillemets with inner (also no-break) spaces', () => {
    expect(quoted('Elle a dit « nous partirons demain » hier.')).toEqual(['nous partirons demain']);
    expect(quoted('Il a répondu «\u00a0pas cette année\u00a0» ce matin.')).toEqual(['pas cette année']);
    expect(quoted('Il a dit «\u202fnon merci\u202f».')).toEqual(['non merci']);
    expect(quoted('Elle a dit ‹ pas du tout › hier.')).toEqual(['pas du tout']);
  });

  it('pairs German low-high marks, inner single ones and reversed guillemets', () => {
    expect(quoted('Er sagte „wir kommen morgen“ am Abend.')).toEqual(['wir kommen morgen']);
    expect(quoted('Sie sagte „er rief ‚nein‘ dreimal“ gestern.')).toEqual(['er rief ‚nein‘ dreimal']);
    expect(quoted('Er sagte »wir kommen morgen« am Abend.')).toEqual(['wir kommen morgen']);
  });

  it('pairs corner brackets', () => {
    expect(quoted('彼は「明日は来ません」と言った。')).toEqual(['明日は来ません']);
    expect(quoted('He wrote 「we will stay here」 today.')).toEqual(['we will stay here']);
    expect(quoted('She said 「he told me 『never again』 then」 twice.')).toEqual([
      'he told me 『never again』 then',
    ]);
  });

  it('keeps nested quotes of another family inside the outer quote', () => {
    expect(quoted('« Il a crié “assez” ce soir », dit-elle.')).toEqual(['Il a crié “assez” ce soir']);
    expect(quoted('“She told me « jamais » twice,” he said.')).toEqual(['She told me « jamais » twice,']);
    expect(quoted('"They said ‘no way’ to us," she said.')).toEqual(['They said ‘no way’ to us,']);
  });

  it('never swallows the article after an unclosed mark of any family', () => {
    for (const open of ['“', '"', '«', '„', '‹', '「', '»']) {
      const text = `He said ${open}this never ends\n\nA new paragraph starts here. And another one.`;
      const spans = quoted(text);
      expect(
        spans.every((s) => !s.includes('new paragraph')),
        open,
      ).toBe(true);
    }
  });
});
