/**
 * Measures the clean stage's speed on text input: the dev-set articles (../shared/eval/dev, read at
 * run time) cleaned in rounds of about 1 MB for 15 s (best and median round, and MB/s by CPU time:
 * on a shared machine the wall clock also counts other processes' turns), then one 5 MB text.
 *
 * Usage: npm run bench:clean [-- DEV_DIR]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadLexicons } from '../src/lexicons/index.js';
import { createCleaner, parseCleanLexicon } from '../src/pipeline/clean/index.js';

const dir = process.argv[2] ?? join(import.meta.dirname, '../../shared/eval/dev');
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { text: string }).text);
const clean = createCleaner(parseCleanLexicon(loadLexicons().clean ?? {}));
const size = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

function time(label: string, bytes: number, run: () => void): void {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  run();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mb = bytes / 1e6;
  console.log(
    `${label}: ${mb.toFixed(1)} MB, ${(mb / wall).toFixed(1)} MB/s wall clock (${wall.toFixed(2)} s), ` +
      `${(mb / cpuSeconds).toFixed(1)} MB/s CPU time`,
  );
}

for (const t of texts) clean(t); // warm up
// rounds of about 1 MB; the best round is the figure least disturbed by other processes
const perRound = Math.max(1, Math.round(1e6 / size));
const rounds: number[] = [];
const c0 = process.cpuUsage();
const t0 = performance.now();
while (performance.now() - t0 < 15_000 && rounds.length < 40) {
  const t = performance.now();
  for (let r = 0; r < perRound; r++) for (const text of texts) clean(text);
  rounds.push((perRound * size) / 1e6 / ((performance.now() - t) / 1000));
}
const cpu = process.cpuUsage(c0);
const total = (rounds.length * perRound * size) / 1e6;
rounds.sort((a, b) => b - a);
console.log(
  `clean, ${texts.length} dev articles (${(size / texts.length / 1000).toFixed(1)} kB each) in ${rounds.length} rounds of ${((perRound * size) / 1e6).toFixed(1)} MB: ` +
    `best ${rounds[0]!.toFixed(1)} MB/s, median ${rounds[Math.floor(rounds.length / 2)]!.toFixed(1)} MB/s, ` +
    `${(total / ((cpu.user + cpu.system) / 1e6)).toFixed(1)} MB/s CPU time`,
);
// the dev set repeated: later copies collapse as repeated paragraphs, so this measures the
// worst case of one long input (no blow-up), not typical throughput
const long = texts.join('\n\n').repeat(Math.max(1, Math.ceil(5e6 / size)));
time('clean, one 5 MB text of repeated articles', Buffer.byteLength(long), () => clean(long));
