/**
 * Prints the actor-code accuracy of the actors stage on a gold folder and every miss.
 * Usage: npx tsx scripts/actor-accuracy.ts [../shared/eval/dev] [--actors FILE]
 */
import { loadLexicons } from '../src/lexicons/index.js';
import { createDefaultPipeline } from '../src/pipeline/index.js';
import { measureActorAccuracy } from '../test/actors/measure-actor-accuracy.js';

const dir = process.argv[2] ?? '../shared/eval/dev';
const result = measureActorAccuracy(createDefaultPipeline(loadLexicons()), dir);
for (const m of result.misses) {
  console.log(`${m.file} ${m.role} ${m.code} [${m.found.join(' ')}]\n   ${m.sentence.slice(0, 300)}`);
}
console.log(
  `actor-code accuracy: ${result.found}/${result.checked} = ${((100 * result.found) / result.checked).toFixed(1)}%`,
);
