/**
 * `npm run bench:petrarch` — PETRARCH-2's unit tests as a conformance suite for event coding.
 *
 * Data (read at run time, never copied into the repository): `PETR.UnitTest.records.xml` and the
 * validation actor, agent and verb dictionaries in ../shared/eval/peers/petrarch2-unittest (override
 * the folder with the first argument). The pipeline is built with those dictionaries loaded as user
 * dictionaries (`--actors`, `--verbs`), as a PETRARCH user would run demarche; `--own-verbs` leaves
 * the verb dictionary out, to score demarche's own trigger lexicon.
 *
 * Score: the share of expected (source, target, CAMEO root) triples that some event of the record
 * produces, actors compared on their primary code (the first three letters: "DAGGOV" ~ "DAG"); the
 * strict figure also needs the sector ("DAG" + GOV). Records whose codings use PETRARCH's special
 * codes (not CAMEO roots 01-20) are left out. `--verbose` lists every missed triple.
 *
 * @example
 * npm run bench:petrarch
 * npm run bench:petrarch -- ../shared/eval/peers/petrarch2-unittest --verbose
 * npm run bench:petrarch -- --own-verbs
 */
import { join } from 'node:path';
import { readPetrarchRecords, scorePetrarch } from '../src/eval/index.js';
import { loadLexicons, readActorDictionaries, readVerbDictionaries } from '../src/lexicons/index.js';
import { createDefaultPipeline } from '../src/pipeline/index.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dir =
  args.find((a) => !a.startsWith('--')) ??
  join(import.meta.dirname, '../../shared/eval/peers/petrarch2-unittest');
const user = readActorDictionaries([
  join(dir, 'PETR.Validate.actors.txt'),
  join(dir, 'PETR.Validate.agents.txt'),
]);
const ownVerbs = args.includes('--own-verbs');
const verbs = ownVerbs ? [] : readVerbDictionaries([join(dir, 'PETR.Validate.verbs.txt')]);
const pipeline = createDefaultPipeline(loadLexicons(), user, verbs);
const records = readPetrarchRecords(dir);
const t0 = performance.now();
const score = scorePetrarch(pipeline, records);
const seconds = (performance.now() - t0) / 1000;

if (verbose) {
  for (const m of score.misses) {
    const e = m.expected;
    console.log(
      `${m.id}: missed ${e.source} ${e.code} ${e.target}; coded [${m.coded.join('; ')}]\n   ${m.text}`,
    );
  }
}
const pct = (n: number): string => `${((100 * n) / Math.max(1, score.expected)).toFixed(1)}%`;
console.log(
  `PETRARCH-2 unit tests: ${score.records} records, ${score.expected} expected triples (${seconds.toFixed(1)} s)`,
);
console.log(`  produced (primary actor codes, CAMEO root): ${score.produced} = ${pct(score.produced)}`);
console.log(
  `  produced (full actor codes, CAMEO root):    ${score.producedStrict} = ${pct(score.producedStrict)}`,
);
console.log(`  events matching no expected triple:         ${score.extra}`);
