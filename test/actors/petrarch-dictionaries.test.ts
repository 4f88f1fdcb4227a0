import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLexicons, readActorDictionaries } from '../../src/lexicons/index.js';
import { codeOn, parsePetrarchDictionary } from '../../src/pipeline/actors/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';
import { measurePetrarchRecognition, readPetrarchRecords } from './measure-petrarch-recognition.js';

const PEERS = fileURLToPath(new URL('../../../shared/eval/peers/petrarch2-unittest/', import.meta.url));

// a made-up dictionary in PETRARCH's format, one feature per entry
const DICTIONARY = `<!-- a comment
spanning lines -->
VALDORIA [VLD] # trailing comment
+VALDORIAN
+PORT_MERRIN

KESTRA_
\t[KSTGOV 19990101 - 20041231]
\t[KSTREB > 050101]
\t[KST < 990101]

OLD_MAN_OF_THE_HILLS [---]
TWIN_CITIES [TWA/TWB]
`;
const AGENTS = `!CROWD! = MAN, MEN
COAST_GUARD [~MIL]
HARBOUR!CROWD! [~LAB]
BUREAU {} [~GOV]
`;

describe('PETRARCH dictionary reader', () => {
  const actors = parsePetrarchDictionary(DICTIONARY).actors;

  it('reads names, synonyms and codes, turning underscores into spaces', () => {
    expect(actors[0]).toMatchObject({ code: 'VLD', names: ['Valdoria', 'Valdorian', 'Port Merrin'] });
    expect(actors[2]).toMatchObject({ code: null, names: ['Old Man of the Hills'] });
    expect(actors[3]?.code).toBe('TWA/TWB');
  });

  it('reads date-bounded codes and picks the one in force on a date', () => {
    const kestra = actors[1]!;
    expect(codeOn(kestra, '1995-06-01')).toBe('KST');
    expect(codeOn(kestra, '2002-03-04')).toBe('KSTGOV');
    expect(codeOn(kestra, '2010-01-01')).toBe('KSTREB');
  });

  it('reads agents with their plural forms and substitution markers', () => {
    const agents = parsePetrarchDictionary(AGENTS).agents;
    expect(agents).toEqual([
      { names: ['coast guard', 'coast guards'], sector: 'MIL' },
      { names: ['harbourman', 'harbourmen'], sector: 'LAB' },
      { names: ['bureau'], sector: 'GOV' },
    ]);
  });

  it('codes text with a dictionary it read, by the article date', () => {
    const pipeline = createDefaultPipeline(loadLexicons(), {
      ...parsePetrarchDictionary(DICTIONARY),
      agents: parsePetrarchDictionary(AGENTS).agents,
    });
    const run = (raw: string, published: string) =>
      pipeline
        .run({ id: 't', raw, mediaType: 'text/plain', published })
        .mentions.filter((m) => m.kind !== 'person')
        .map((m) => `${m.text}=${m.actor}${m.sector ?? ''}`);
    expect(run('Kestra accused the Valdorian coast guard.', '2003-01-01')).toEqual([
      'Kestra=KSTGOV',
      'Valdorian coast guard=VLDMIL',
    ]);
    expect(run('Kestra met the Twin Cities and the Old Man of the Hills.', '2010-01-01')).toEqual([
      'Kestra=KSTREB',
      'Twin Cities=TWA',
      'Twin Cities=TWB',
    ]);
  });
});

describe('PETRARCH validation suite', () => {
  it('recognises at least 90% of the actor codes of PETR.UnitTest.records.xml', () => {
    expect(existsSync(PEERS), `expected the PETRARCH unit tests at ${PEERS}`).toBe(true);
    expect(readPetrarchRecords(PEERS).length).toBeGreaterThan(200);
    const user = readActorDictionaries([
      join(PEERS, 'PETR.Validate.actors.txt'),
      join(PEERS, 'PETR.Validate.agents.txt'),
    ]);
    const result = measurePetrarchRecognition(createDefaultPipeline(loadLexicons(), user), PEERS);
    expect(result.found / result.checked).toBeGreaterThanOrEqual(0.9);
  });
});
