/**
 * Times the actors stage against the whole analysis on a fixed corpus (the dev gold texts,
 * repeated), and the one-time registry build. Prints articles/s, MB/s and each stage's share.
 * Usage: npx tsx scripts/bench-actors.ts [GOLD_DIR] [ROUNDS] [--actors FILE ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadLexicons, readActorDictionaries } from '../src/lexicons/index.js';
import {
  createActorsStage,
  createDefaultPipeline,
  createPipeline,
  parseActorsLexicon,
  type Stage,
} from '../src/pipeline/index.js';

const args = process.argv.slice(2);
const actorFiles = args.flatMap((a, i) => (args[i - 1] === '--actors' ? [a] : []));
const positional = args.filter((a, i) => a !== '--actors' && args[i - 1] !== '--actors');
const dir = positional[0] ?? '../shared/eval/dev';
const rounds = Number(positional[1] ?? 5);
const docs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(
    (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; text: string; published?: string },
  );

const lexicons = loadLexicons();
const user = actorFiles.length > 0 ? readActorDictionaries(actorFiles) : undefined;
let t0 = performance.now();
createActorsStage(parseActorsLexicon(lexicons['actors'] ?? {}), user);
const registry = performance.now() - t0;
t0 = performance.now();
const base = createDefaultPipeline(lexicons, user);
const build = performance.now() - t0;
const times = new Map<string, number>();
const timed: Stage[] = base.stages.map((stage) => ({
  ...stage,
  run(article) {
    const start = performance.now();
    const out = stage.run(article);
    times.set(stage.name, (times.get(stage.name) ?? 0) + performance.now() - start);
    return out;
  },
}));
const pipeline = createPipeline(timed);
// one warm-up round
for (const d of docs) pipeline.run({ id: d.id, raw: d.text, mediaType: 'text/plain' });
times.clear();
let bytes = 0;
t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const d of docs) {
    bytes += d.text.length;
    pipeline.run({
      id: d.id,
      raw: d.text,
      mediaType: 'text/plain',
      ...(d.published ? { published: d.published } : {}),
    });
  }
}
const total = performance.now() - t0;
const n = docs.length * rounds;
console.log(
  `${n} articles, ${(bytes / 1e6).toFixed(2)} MB in ${total.toFixed(0)} ms: ${((n * 1000) / total).toFixed(1)} articles/s, ${(bytes / 1e3 / total).toFixed(2)} MB/s`,
);
console.log(`actor registry build: ${registry.toFixed(0)} ms`);
console.log(`pipeline build (all stages, incl. actor registry): ${build.toFixed(0)} ms`);
for (const [name, ms] of times)
  console.log(`  ${name.padEnd(8)} ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / total).toFixed(1)}%`);
const actors = times.get('actors') ?? 0;
console.log(`actors stage adds ${((100 * actors) / (total - actors)).toFixed(1)}% to the other stages' time`);
