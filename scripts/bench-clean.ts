/**
 * Measures the clean stage's speed on text input: the dev-set articles (../shared/eval/dev, read at
 * run time) cleaned over and over until about 20 MB have gone through, then one 5 MB text.
 * Reports MB/s by wall clock and by CPU time (on a shared machine the wall clock also counts
 * other processes' turns).
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
const rounds = Math.max(1, Math.ceil(20e6 / size));
time(`clean, ${texts.length} dev articles × ${rounds}`, rounds * size, () => {
  for (let r = 0; r < rounds; r++) for (const t of texts) clean(t);
});
const long = texts.join('\n\n').repeat(Math.max(1, Math.ceil(5e6 / size)));
time('clean, one long text', Buffer.byteLength(long), () => clean(long));
