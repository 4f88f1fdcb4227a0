/**
 * Ingest benchmark (ARCHITECTURE.md habit 11): seed-sized articles through analysis alone,
 * store writes alone (SQLite file, batches of 100), and the whole `demarche ingest` path.
 *
 * Usage: npm run bench:ingest [-- N]   (N articles, default 1000)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { identifyArticle } from '../src/ingest/index.js';
import { runCli } from '../src/interfaces/cli/index.js';
import { loadLexicons } from '../src/lexicons/index.js';
import { createDefaultPipeline } from '../src/pipeline/index.js';
import { openSqliteStore, type ArticleToStore } from '../src/store/index.js';
import type { RawDocument } from '../src/core/index.js';

const N = Number(process.argv[2] ?? 1000);
const seedPath = fileURLToPath(new URL('../../shared/eval/dev/seed.json', import.meta.url));
const seed = JSON.parse(readFileSync(seedPath, 'utf8')) as { text: string; published: string; title: string };
const docs: RawDocument[] = Array.from({ length: N }, (_, i) => ({
  id: `bench-${i}`,
  raw: `${seed.text}\n\n(Report ${i}.)`,
  mediaType: 'text/plain',
  title: seed.title,
  published: seed.published,
}));
const megabytes = docs.reduce((n, d) => n + Buffer.byteLength(d.raw), 0) / 1e6;
const dir = mkdtempSync(join(tmpdir(), 'demarche-bench-'));

function report(label: string, ms: number): void {
  const s = ms / 1000;
  console.log(
    `${label.padEnd(34)} ${(N / s).toFixed(0).padStart(7)} articles/s ${(megabytes / s).toFixed(2).padStart(7)} MB/s  (${s.toFixed(2)} s)`,
  );
}

try {
  const pipeline = createDefaultPipeline(loadLexicons());
  for (const d of docs.slice(0, 20)) pipeline.run(d); // warm-up

  let t = performance.now();
  const items: ArticleToStore[] = docs.map((d) => ({ article: pipeline.run(d), ...identifyArticle(d) }));
  report('analysis alone', performance.now() - t);

  const store = await openSqliteStore({ path: join(dir, 'writes.db') });
  t = performance.now();
  for (let i = 0; i < items.length; i += 100) await store.putArticles(items.slice(i, i + 100));
  report('SQLite writes alone (batch 100)', performance.now() - t);
  t = performance.now();
  const again = await store.findKnown(items);
  report('duplicate check (findKnown)', performance.now() - t);
  if (again.some((id) => id === null)) throw new Error('an article was not stored');
  await store.close();

  const input = join(dir, 'bench.jsonl');
  writeFileSync(
    input,
    docs
      .map((d) => JSON.stringify({ id: d.id, text: d.raw, title: d.title, published: d.published }))
      .join('\n'),
  );
  const quiet = { out: () => {}, err: (e: string) => void process.stderr.write(e) };
  t = performance.now();
  await runCli(['ingest', input, '--db', join(dir, 'ingest.db'), '--quiet'], quiet);
  report('demarche ingest (analyse + store)', performance.now() - t);
  t = performance.now();
  await runCli(['ingest', input, '--db', join(dir, 'ingest.db'), '--quiet'], quiet);
  report('demarche ingest again (all known)', performance.now() - t);
  console.log(`${N} seed-sized articles (${(megabytes / N) * 1000} kB each), Node ${process.version}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
