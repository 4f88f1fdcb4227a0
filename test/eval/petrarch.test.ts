import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPetrarchRecords, scorePetrarch } from '../../src/eval/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';
import { fileTempDir } from '../support/temp-dir.js';

const dir = fileTempDir('demarche-petrarch-');
writeFileSync(
  join(dir, 'PETR.UnitTest.records.xml'),
  `<Sentences>
<!-- a comment with <Sentence> inside is ignored -->
<Sentence date="20220930" id="T-01" category="T" sentence="true">
<EventCoding sourcecode="JPN" targetcode="RUS" eventcode="111"></EventCoding>
<Text>
Japan condemned Russia on Friday over the
annexation of four regions.
</Text>
</Sentence>
<Sentence date="20220930" id="T-02" category="T" sentence="true">
<EventCoding sourcecode="FRA" targetcode="DEU" eventcode="042"></EventCoding>
<EventCoding sourcecode="FRA" targetcode="DEU" eventcode="903"></EventCoding>
<EventCoding noevents="True"></EventCoding>
<Text>The weather was fine in Paris.</Text>
</Sentence>
</Sentences>`,
);

describe('PETRARCH unit-test records', () => {
  it('reads text, date and the CAMEO codings, leaving out special codes and comments', () => {
    const records = readPetrarchRecords(dir);
    expect(records.map((r) => r.id)).toEqual(['T-01', 'T-02']);
    expect(records[0]).toMatchObject({
      date: '2022-09-30',
      text: 'Japan condemned Russia on Friday over the annexation of four regions.',
      codings: [{ source: 'JPN', target: 'RUS', code: '111' }],
    });
    expect(records[1]!.codings).toEqual([{ source: 'FRA', target: 'DEU', code: '042' }]);
  });

  it('counts the expected triples the events produce, on the CAMEO root', () => {
    const score = scorePetrarch(createDefaultPipeline(loadLexicons()), readPetrarchRecords(dir));
    expect(score.expected).toBe(2);
    expect(score.produced).toBe(1);
    expect(score.misses.map((m) => m.id)).toEqual(['T-02']);
    expect(score.extra).toBe(0);
  });
});
