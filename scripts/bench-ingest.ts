/**
 * Ingest benchmark (ARCHITECTURE.md habit 11): seed-sized articles through analysis alone,
 * store writes alone (SQLite file, batches of 100, closing included), and the whole
 * `demarche ingest` path (the built CLI in its own process, start-up included).
 *
 * The N articles are the seed with a line appended, so they are near-copies of one story: the
 * store links them into one story cluster and merges their events (the "copies" line). The
 * "unrelated" line writes the same analysed articles made unrelated for the store (each text's words
 * shuffled, each article's event dates moved three days apart), so every article starts its own
 * story and every event is new: the write path without merges.
 *
 * Usage: npm run bench:ingest [-- N]   (N articles, default 5000: throughput is the rate of a sustained
 * ingest; on 1,000 articles, about 3 s, the fixed start-up — process, analysis thread, pipeline build,
 * and the JIT's warm-up of each — weighs a third; the "again (all known)" line shows that start-up)
 *        DEMARCHE_BENCH_PG=postgres://127.0.0.1:5432/test npm run bench:ingest   (also Postgres writes)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash, identifyArticle } from '../src/ingest/index.js';
import { loadLexicons } from '../src/lexicons/index.js';
import { createDefaultPipeline } from '../src/pipeline/index.js';
import { openPostgresStore, openSqliteStore, type ArticleToStore, type Store } from '../src/store/index.js';
import type { RawDocument } from '../src/core/index.js';
import { runBuiltCli } from './lib/run-built-cli.js';

const N = Number(process.argv[2] ?? 5000);
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

/** The article made unrelated for the store: words shuffled (no shared shingles), event dates 3·i days later. */
function unrelate(item: ArticleToStore, i: number): ArticleToStore {
  let state = (i + 1) * 2654435761;
  const shuffle = (text: string) => {
    const words = text.split(' ');
    for (let k = words.length - 1; k > 0; k--) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const j = state % (k + 1);
      [words[k], words[j]] = [words[j]!, words[k]!];
    }
    return words.join(' ');
  };
  const later = (date: string | null) =>
    date === null ? null : new Date(Date.parse(date) + 3 * i * 86_400_000).toISOString().slice(0, 10);
  const raw = shuffle(item.article.raw);
  const article = {
    ...item.article,
    raw,
    text: shuffle(item.article.text),
    events: item.article.events.map((e) => ({ ...e, date: later(e.date) })),
  };
  return { ...item, article, contentHash: contentHash(raw) };
}

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

  const unrelated = items.map(unrelate);
  const writes = async (label: string, open: () => Promise<Store>, batch: readonly ArticleToStore[]) => {
    const store = await open(); // opening (and migrating) is not timed; closing (the last checkpoint) is
    const started = performance.now();
    for (let i = 0; i < batch.length; i += 100) await store.putArticles(batch.slice(i, i + 100));
    await store.close();
    report(label, performance.now() - started);
  };
  await writes(
    'SQLite writes alone (batch 100)',
    () => openSqliteStore({ path: join(dir, 'writes.db') }),
    items,
  );
  await writes(
    'SQLite writes, unrelated',
    () => openSqliteStore({ path: join(dir, 'unrelated.db') }),
    unrelated,
  );
  const pgUrl = process.env['DEMARCHE_BENCH_PG'];
  if (pgUrl !== undefined) {
    const schema = `demarche_bench_${process.pid}`;
    const pg = (s: string) => () => openPostgresStore({ url: pgUrl, schema: `${schema}_${s}` });
    await writes('Postgres writes alone (batch 100)', pg('copies'), items);
    await writes('Postgres writes, unrelated', pg('unrelated'), unrelated);
    const { default: Pg } = await import('pg');
    const client = new Pg.Client({ connectionString: pgUrl });
    await client.connect();
    for (const s of ['copies', 'unrelated'])
      await client.query(`drop schema if exists "${schema}_${s}" cascade`);
    await client.end();
  }
  const store = await openSqliteStore({ path: join(dir, 'writes.db') });
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
  // the built CLI in its own process, as users run it (the npm script builds first)
  const first = await runBuiltCli(['ingest', input, '--db', join(dir, 'ingest.db'), '--quiet'], true);
  report('demarche ingest (analyse + store)', first.seconds * 1000);
  const threads = /(\d+) analysis threads/.exec(first.stdout)?.[1] ?? '?';
  console.log(
    `    ${threads} analysis thread(s), peak RSS ${first.peakMb.toFixed(0)} MB (start-up included)`,
  );
  const rerun = await runBuiltCli(['ingest', input, '--db', join(dir, 'ingest.db'), '--quiet']);
  report('demarche ingest again (all known)', rerun.seconds * 1000);
  console.log(`${N} seed-sized articles (${(megabytes / N) * 1000} kB each), Node ${process.version}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
