/**
 * Prints how many of the source/target codes of PETRARCH's unit-test records the actors
 * stage finds with the PETRARCH validation dictionaries loaded, and every miss.
 * Usage: npx tsx scripts/petrarch-recognition.ts [../shared/eval/peers/petrarch2-unittest]
 */
import { join } from 'node:path';
import { loadLexicons, readActorDictionaries } from '../src/lexicons/index.js';
import { createDefaultPipeline } from '../src/pipeline/index.js';
import { measurePetrarchRecognition } from '../test/actors/measure-petrarch-recognition.js';

const dir = process.argv[2] ?? '../shared/eval/peers/petrarch2-unittest';
const user = readActorDictionaries([
  join(dir, 'PETR.Validate.actors.txt'),
  join(dir, 'PETR.Validate.agents.txt'),
]);
const result = measurePetrarchRecognition(createDefaultPipeline(loadLexicons(), user), dir);
for (const m of result.misses)
  console.log(`${m.id} ${m.code} [${m.found.join(' ')}]\n   ${m.text.slice(0, 200)}`);
console.log(
  `PETRARCH codes recognised: ${result.found}/${result.checked} = ${((100 * result.found) / result.checked).toFixed(1)}%`,
);
