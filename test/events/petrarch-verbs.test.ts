import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { loadLexicons, readVerbDictionaries } from '../../src/lexicons/index.js';
import { createDefaultPipeline, parsePetrarchVerbs } from '../../src/pipeline/index.js';
import { capture } from '../support/cli.js';
import { testTempDir } from '../support/temp-dir.js';

/** A small dictionary in the TABARI/PETRARCH verb format, written for these tests. */
const DICTIONARY = `<!-- test verbs -->
&TIESYN
+TIES
+RELATIONS
+LINKS_OF_FRIENDSHIP

--- SNUB  [120] ---
SNUB {SNUBBED SNUBBING}   # a comment
- * &TIESYN  [161]
- NOT * TALKS  [040]
- * OFFER [---]

--- CONFER  [040:040] ---
CONFER

--- SHAKE_HANDS  [051] ---
SHAKE_HANDS {SHOOK_HANDS SHAKING_HANDS}
- * WARMLY_WITH [051]

--- PONDER  [---] ---
PONDER
- * LONG_AND_HARD  [0xx]
`;

describe('PETRARCH verb dictionaries', () => {
  it('reads verb blocks, forms, synsets, gaps and adjacency into triggers', () => {
    const { triggers, skipped } = parsePetrarchVerbs(DICTIONARY);
    const byMatch = new Map(triggers.map((t) => [t.match, t]));
    expect(byMatch.get('^snub|snubbed|snubbing')?.cameo).toBe('120');
    expect(byMatch.get('^snub|snubbed|snubbing * ties|relations')?.cameo).toBe('161');
    expect(byMatch.get('^confer')).toMatchObject({ cameo: '040', mutual: 'all' });
    expect(byMatch.get('^shake|shook|shaking hands')?.cameo).toBe('051');
    expect(byMatch.get('^shake|shook|shaking hands * warmly with')?.cameo).toBe('051');
    // the negated pattern, the [---] codes and the non-CAMEO code are left out
    expect([...byMatch.keys()].some((m) => m.includes('talks') || m.includes('ponder'))).toBe(false);
    expect(skipped).toBe(3);
  });

  it('codes events with the dictionary, its codes winning over the bundled triggers', () => {
    const dir = testTempDir('demarche-verbs-');
    const path = join(dir, 'TEST.verbs.txt');
    writeFileSync(path, DICTIONARY);
    const pipeline = createDefaultPipeline(loadLexicons(), undefined, readVerbDictionaries([path]));
    const run = (raw: string) =>
      pipeline.run({ id: 't', raw, mediaType: 'text/plain', published: '2024-03-15' }).events;
    const snub = run('Peru snubbed Chile on Monday.');
    expect(snub.map((e) => `${e.source.code} ${e.type} ${e.target.code} ${e.cameo}`)).toEqual([
      'PER REJECT CHL 120',
    ]);
    const cut = run('Peru snubbed its relations with Chile on Monday.');
    expect(cut.map((e) => `${e.source.code} ${e.type} ${e.target.code} ${e.cameo}`)).toContain(
      'PER SANCTION CHL 161',
    );
    const conferred = run('Peru and Chile conferred on Monday.').map(
      (e) => `${e.source.code} ${e.target.code}`,
    );
    expect(conferred).toEqual(expect.arrayContaining(['PER CHL', 'CHL PER']));
  });

  it('takes --verbs in demarche JSON too, and names the file of a bad one', async () => {
    const dir = testTempDir('demarche-verbs-');
    const good = join(dir, 'mine.json');
    writeFileSync(good, JSON.stringify({ triggers: [{ match: 'rebuff', cameo: '120', frame: 'verb' }] }));
    const article = join(dir, 'a.txt');
    writeFileSync(article, 'Peru rebuffed Chile on Monday.\n');
    const ok = capture();
    expect(await runCli(['--verbs', good, 'analyze', '-f', 'jsonl', article], ok.io)).toBe(0);
    const events = (JSON.parse(ok.out.join('')) as { events: { type: string; cameo: string }[] }).events;
    expect(events).toContainEqual(expect.objectContaining({ type: 'REJECT', cameo: '120' }));

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ triggers: [{ match: 'ponder', cameo: '010', frame: 'verb' }] }));
    const failed = capture();
    expect(await runCli(['--verbs', bad, 'analyze', article], failed.io)).toBe(1);
    expect(failed.err.join('')).toContain(`${bad} triggers[0]: CAMEO root 01 has no PLOVER type`);
  });
});
