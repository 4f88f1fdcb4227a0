import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toOutputRecord } from '../../src/core/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';

/** The seed article (read at run time from ../shared; never copied into the repository). */
const seed = JSON.parse(
  readFileSync(new URL('../../../shared/eval/dev/seed.json', import.meta.url), 'utf8'),
) as { id: string; text: string; published: string };

describe('seed article, end to end', () => {
  const record = toOutputRecord(
    createDefaultPipeline(loadLexicons()).run({
      id: seed.id,
      raw: seed.text,
      mediaType: 'text/plain',
      published: seed.published,
    }),
  );
  const triples = new Set(record.events.map((e) => `${e.source.code} ${e.type} ${e.target.code}`));

  it('codes the reactions of Japan, the US and the UN to the referendums', () => {
    expect(triples).toContain('JPN REJECT RUS');
    expect(['JPN SANCTION RUS', 'JPN THREATEN RUS'].some((t) => triples.has(t))).toBe(true);
    expect(triples).toContain('USA ACCUSE RUS');
    expect(triples).toContain('USA REJECT RUS');
    expect(triples).toContain('UN ACCUSE RUS');
  });

  it('attributes the quotes of Matsuno, Blinken and Guterres', () => {
    const speakers = new Set(record.quotes.map((q) => q.speaker?.name));
    expect(speakers).toContain('Hirokazu Matsuno');
    expect(speakers).toContain('Antony Blinken');
    expect(speakers).toContain('Antonio Guterres');
  });

  it('takes nothing from the KEEP READING block', () => {
    expect(record.text).not.toMatch(/KEEP READING/);
    expect(record.text).not.toMatch(/revealing audios/);
    const keepReading = seed.text.indexOf('KEEP READING:');
    for (const e of record.events) expect(e.evidence.raw[0]).toBeLessThan(keepReading);
    for (const q of record.quotes) expect(record.text.slice(...q.span)).toBe(q.text);
  });

  it('links every event to evidence that holds its trigger, in clean and raw text', () => {
    for (const e of record.events) {
      expect(record.text.slice(...e.evidence.span)).toBe(e.evidence.sentence);
      expect(record.text.slice(...e.trigger.span)).toBe(e.trigger.text);
      expect(e.trigger.span[0]).toBeGreaterThanOrEqual(e.evidence.span[0]);
      expect(e.trigger.span[1]).toBeLessThanOrEqual(e.evidence.span[1]);
      const rawSentence = seed.text.slice(...e.evidence.raw);
      expect(rawSentence.split(/\s+/)[0]?.slice(0, 3)).toBe(e.evidence.sentence.split(/\s+/)[0]?.slice(0, 3));
    }
  });
});
