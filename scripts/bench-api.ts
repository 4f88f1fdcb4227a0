// API benchmark: generates N synthetic events (default 1,000,000) with a seeded generator straight
// into a SQLite file (schema made by the store's migrations; the monthly `event_counts` rollup filled
// by the migration's backfill statement, as for a database upgraded in place), then times the stance and timeline
// endpoints through app.request() and prints p50/p95 per query shape.
//   npm run bench:api                      # 1,000,000 events in a temporary file
//   npm run bench:api -- --events 200000 --db /tmp/bench.db --keep
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { PLOVER_TYPES, type PloverType } from '../src/core/index.js';
import { prng } from '../src/eval/index.js';
import { createApp, openReadModel } from '../src/interfaces/http/index.js';
import { buildPipeline } from '../src/lexicons/index.js';
import { EVENT_COUNTS_BACKFILL, openStore } from '../src/store/index.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20260' },
  },
});
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const EVENTS_PER_ARTICLE = 40;
const ACTORS = 250;

// a seeded generator, so every run builds the same database
const random = prng(Number(args.seed));

/** Actor codes with Zipf-like activity: the first actors take part in far more events. */
const codes = Array.from({ length: ACTORS }, (_, i) => `A${String(i).padStart(3, '0')}`);
const weights = codes.map((_, i) => 1 / (i + 1));
const total = weights.reduce((a, b) => a + b, 0);
const cumulative = weights.map(
  (
    (sum) => (w) =>
      (sum += w / total)
  )(0),
);
/** An actor drawn by activity (busy actors more often, as in the data). */
function pickActor(): string {
  const r = random();
  const i = cumulative.findIndex((c) => c >= r);
  return codes[i === -1 ? ACTORS - 1 : i]!;
}
/** Any actor, each as likely. */
const anyActor = () => codes[Math.floor(random() * ACTORS)]!;
/** `from=…&to=…` spanning one calendar year of the data. */
const oneYear = () => {
  const y = 2015 + Math.floor(random() * 10);
  return `from=${y}-01-01&to=${y}-12-31`;
};
const GOLDSTEIN: Partial<Record<PloverType, number>> = {
  SUPPORT: 3,
  AID: 7,
  AGREE: 4,
  REJECT: -4,
  ACCUSE: -2,
  SANCTION: -8,
};
const DAY = 86_400_000;
const START = Date.UTC(2015, 0, 1);
const DAYS = 3650;
const isoDay = (n: number) => new Date(START + n * DAY).toISOString().slice(0, 10);

/** Fills the store's tables with synthetic articles, events and one report per event. */
function generate(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const article = db.prepare(
    `insert into articles (id, doc_id, title, url, canonical_url, published, lang, content_hash, origin, raw, text,
       credits, edits, actors, diagnostics, ingested_at, story_id, shingles, minhash)
     values (?, ?, ?, null, null, ?, 'en', ?, 'bench', ?, ?, '[]', '[]', '[]', '[]', ?, ?, 0, null)`,
  );
  const event = db.prepare(
    `insert into events (id, uid, article_id, type, mode, source_code, source_text, source_span, target_code,
       target_text, target_span, negated, modality, date, cameo, goldstein, quad, contexts, trigger_text, trigger_span,
       evidence_sentence, evidence_span, evidence_raw, quote, confidence, rule, mentions)
     values (?, ?, ?, ?, null, ?, ?, '[0,4]', ?, ?, '[10,14]', ?, ?, ?, '000', ?, ?, '[]', 'acted', '[5,10]', ?,
       '[0,20]', '[0,20]', null, 0.9, 'bench/synthetic', null)`,
  );
  const source = db.prepare(
    `insert into event_sources (event_id, article_id, event_uid, story_id, date, trigger_span, evidence_sentence,
       evidence_span, evidence_raw) values (?, ?, ?, ?, ?, '[5,10]', ?, '[0,20]', '[0,20]')`,
  );
  const now = new Date().toISOString();
  const articles = Math.ceil(EVENTS / EVENTS_PER_ARTICLE);
  const fill = db.transaction((from: number, to: number) => {
    for (let a = from; a < to; a++) {
      const id = a + 1;
      const day = Math.floor(random() * DAYS);
      article.run(
        id,
        `bench-${id}`,
        `Synthetic article ${id}`,
        isoDay(day),
        id.toString(16).padStart(64, '0'),
        'synthetic',
        'synthetic',
        now,
        id,
      );
      for (let k = 0; k < EVENTS_PER_ARTICLE; k++) {
        const n = a * EVENTS_PER_ARTICLE + k + 1;
        if (n > EVENTS) break;
        const type = PLOVER_TYPES[Math.floor(random() * PLOVER_TYPES.length)]!;
        const s = pickActor();
        let t = pickActor();
        if (s === t) t = codes[(codes.indexOf(t) + 1) % ACTORS]!;
        const date = random() < 0.9 ? isoDay(Math.max(0, day - Math.floor(random() * 3))) : null;
        const sentence = `${s} ${type.toLowerCase()} ${t}.`;
        const g = GOLDSTEIN[type] ?? 0;
        event.run(
          n,
          `e-${n}`,
          id,
          type,
          s,
          s,
          t,
          t,
          random() < 0.05 ? 1 : 0,
          'asserted',
          date,
          g,
          g >= 3 ? 2 : g >= 0 ? 1 : g > -5 ? 3 : 4,
          sentence,
        );
        source.run(n, id, `e-${n}`, id, date, sentence);
      }
    }
  });
  for (let a = 0; a < articles; a += 1000) fill(a, Math.min(articles, a + 1000));
  // The monthly counts `putArticles` keeps in step, filled as the migration fills them on an existing database.
  db.exec(EVENT_COUNTS_BACKFILL);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dir = args.db === undefined ? mkdtempSync(join(tmpdir(), 'demarche-bench-api-')) : null;
  const path = args.db ?? join(dir!, 'bench.db');
  const fresh = !existsSync(path);
  const store = await openStore(path);
  if (fresh || (await store.counts()).events === 0) {
    const t0 = performance.now();
    await store.close();
    generate(path);
    console.log(
      `generated ${EVENTS.toLocaleString('en')} events in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${path}`,
    );
  } else await store.close();

  {
    // fresh statistics for the query planner, as after any bulk load
    const db = new Database(path);
    db.exec('analyze');
    db.close();
  }
  const api = await openStore(path);
  const reads = await openReadModel(path);
  const app = createApp({ store: api, reads, pipeline: buildPipeline });
  const counts = await api.counts();
  console.log(
    `${counts.events.toLocaleString('en')} events, ${counts.articles.toLocaleString('en')} articles; ${RUNS} requests per shape`,
  );

  // The cursor of the top actor's fifth page of stance rows (pages of the default 500 rows).
  let laterPage = '';
  for (let page = 0; page < 4; page++) {
    const res = await app.request(`/api/stance?target=A000${page > 0 ? `&cursor=${laterPage}` : ''}`);
    laterPage = ((await res.json()) as { next: string }).next;
  }

  // Actors drawn uniformly (any actor a user may look at) and by activity (busy actors more often).
  const shapes: [string, () => string][] = [
    ['stance   target=<any actor>', () => `/api/stance?target=${anyActor()}`],
    ['stance   target=<any actor>, one year', () => `/api/stance?target=${anyActor()}&${oneYear()}`],
    ['timeline target=<any actor>', () => `/api/timeline?target=${anyActor()}`],
    [
      'timeline actor=<any actor>, by day, one year',
      () => `/api/timeline?actor=${anyActor()}&by=day&${oneYear()}`,
    ],
    ['stance   target=<actor by activity>', () => `/api/stance?target=${pickActor()}`],
    ['timeline target=<actor by activity>', () => `/api/timeline?target=${pickActor()}`],
    ['stance   target=A000 (top actor, 14% of events)', () => '/api/stance?target=A000'],
    ['stance   target=A000, a later page (cursor)', () => `/api/stance?target=A000&cursor=${laterPage}`],
  ];
  const uniform: number[] = [];
  for (const [name, path] of shapes) {
    for (let i = 0; i < 5; i++) await app.request(path()); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const url = path();
      const t0 = performance.now();
      const res = await app.request(url);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    }
    times.sort((a, b) => a - b);
    if (name.includes('<any actor>')) uniform.push(...times);
    console.log(
      `${name.padEnd(46)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms   max ${times.at(-1)!.toFixed(1).padStart(7)} ms`,
    );
  }
  uniform.sort((a, b) => a - b);
  console.log(
    `${'stance+timeline, <any actor> shapes'.padEnd(46)} p50 ${percentile(uniform, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(uniform, 95).toFixed(1).padStart(7)} ms`,
  );
  await reads.close();
  await api.close();
  if (dir !== null && !args.keep) rmSync(dir, { recursive: true, force: true });
}

await main();
