import type { RawDocument } from '../../../core/index.js';
import type { ArticleIdentity, InputRecord } from '../../../ingest/index.js';
import {
  createAnalysisPool,
  threadsBesideMain,
  WRITER_YOUNG_GENERATION_MB,
  type AnalysisOutcome,
  type AnalysisPool,
} from '../../../pool/index.js';
import { openStore, type ArticleKey, type ArticleToStore, type Store } from '../../../store/index.js';
import type { CliIo, RegisterCommand } from '../context.js';
import {
  fetchReadOptions,
  isoDate,
  positiveInteger,
  wholeNumber,
  withFetchOptions,
  type FetchFlags,
} from './options.js';

interface IngestOptions extends FetchFlags {
  readonly db?: string;
  readonly published?: string;
  readonly batch: number;
  readonly threads?: number;
  readonly queue?: string;
  readonly prefix: string;
  readonly maxWaiting?: number;
  readonly quiet?: boolean;
}

export interface Tally {
  read: number;
  stored: number;
  duplicates: number;
  bad: number;
  events: number;
}

/** The tally of a run, with what deduplication found. */
interface IngestTally extends Tally {
  /** Events that joined one already reported by another article. */
  merged: number;
  /** Stored articles that are near-copies of a stored story (joined its cluster). */
  copies: number;
}

/** "1h02m", "3m05s", "42s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Width of the progress bar on a terminal, in characters. */
const BAR = 20;

/**
 * The progress line: on a terminal a bar rewritten in place, else a log line at most once a second;
 * with the share done and an ETA when the number of inputs is known (`total`, null for stdin).
 */
export function createProgress(
  io: CliIo,
  quiet: boolean,
  total: number | null,
  tty = process.stderr.isTTY === true,
) {
  const started = performance.now();
  let last = Number.NEGATIVE_INFINITY; // the first batch is always reported
  const line = (t: Tally, done: boolean) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? t.read / seconds : 0;
    let head = `${t.read} articles read`;
    let eta = '';
    if (total !== null && total > 0 && !done) {
      const share = Math.min(1, t.read / total);
      head = `${t.read}/${total} articles read (${Math.floor(share * 100)}%)`;
      if (rate > 0) eta = ` · ETA ${formatDuration((total - t.read) / rate)}`;
      if (tty) {
        const filled = Math.round(share * BAR);
        head = `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${head}`;
      }
    }
    return `${head}, ${t.stored} stored, ${t.duplicates} already stored, ${t.bad} bad · ${rate.toFixed(0)} articles/s · ${seconds.toFixed(1)} s${eta}`;
  };
  return {
    update(t: Tally) {
      if (quiet) return;
      const now = performance.now();
      if (now - last < (tty ? 100 : 1000)) return;
      last = now;
      io.err(tty ? `\r\x1b[K${line(t, false)}` : `demarche ingest: ${line(t, false)}\n`);
    },
    /** A line of its own between progress lines (not with `quiet`): on a terminal, the bar is cleared first. */
    note(text: string) {
      if (quiet) return;
      io.err(tty ? `\r\x1b[K${text}\n` : `${text}\n`);
    },
    finish(t: Tally) {
      if (tty && !quiet) io.err('\r\x1b[K');
      return line(t, true);
    },
  };
}

type ReadRecord = Extract<InputRecord, { ok: true }>;

/** A batch on its way: the articles to analyse (not stored yet), and their analyses in progress. */
interface Analysing {
  readonly fresh: readonly ReadRecord[];
  /** Identity of each fresh article (content hash, canonical URL), computed once. */
  readonly keys: readonly ArticleKey[];
  readonly outcomes: Promise<AnalysisOutcome[]>;
}

/**
 * Starts analysing one batch on the pool: articles already stored (or repeated in the batch) are
 * counted as duplicates and never analysed.
 */
async function analyseBatch(
  batch: readonly ReadRecord[],
  {
    store,
    pool,
    identify,
  }: { store: Store; pool: AnalysisPool; identify: (doc: RawDocument) => ArticleIdentity },
  t: IngestTally,
): Promise<Analysing> {
  const keys = batch.map((rec) => identify(rec.doc));
  const known = await store.findKnown(keys);
  const seen = new Set<string>();
  const fresh: ReadRecord[] = [];
  const freshKeys: ArticleKey[] = [];
  batch.forEach((rec, i) => {
    const key = keys[i]!;
    const repeated = seen.has(key.contentHash) || (key.canonicalUrl !== null && seen.has(key.canonicalUrl));
    seen.add(key.contentHash);
    if (key.canonicalUrl !== null) seen.add(key.canonicalUrl);
    if (known[i] !== null || repeated) {
      t.duplicates++;
      return;
    }
    fresh.push(rec);
    freshKeys.push(key);
  });
  return { fresh, keys: freshKeys, outcomes: Promise.all(fresh.map((rec) => pool.analyse(rec.doc))) };
}

/** Writes an analysed batch in one transaction; analyses that failed are reported and skipped. */
async function storeBatch(
  { fresh, keys, outcomes }: Analysing,
  store: Store,
  report: (origin: string, message: string) => void,
  t: IngestTally,
): Promise<void> {
  const analysed = await outcomes;
  const items: ArticleToStore[] = [];
  const origins: string[] = [];
  analysed.forEach((outcome, i) => {
    const rec = fresh[i]!;
    if (!outcome.ok) {
      report(rec.origin, outcome.error);
      t.bad++;
      return;
    }
    items.push({
      article: outcome.article,
      ...keys[i]!,
      origin: rec.origin,
      ...(outcome.json ? { json: outcome.json } : {}),
    });
    origins.push(rec.origin);
  });
  const stored = await store.putArticles(items);
  stored.forEach((o, i) => {
    if (o.status === 'stored') {
      t.stored++;
      t.events += o.events;
      t.merged += o.merged;
      if (o.story !== o.id) t.copies++;
    } else if (o.status === 'duplicate') t.duplicates++;
    else {
      report(origins[i]!, o.problem.message);
      t.bad++;
    }
  });
}

/** Inputs below this many articles are analysed on the main thread unless `--threads` says otherwise. */
const SMALL_INPUT = 200;

/**
 * Analysis threads when `--threads` is not given. Starting a thread (building its pipeline) costs
 * about as much as analysing a few hundred articles, so a small input is analysed on the main
 * thread; a larger one on every core but one, since the main thread is busy too, writing each batch
 * while the next is analysed (one thread per core would leave three busy threads on two cores).
 */
function defaultThreads(total: number | null): number {
  if (total !== null && total < SMALL_INPUT) return 0;
  return threadsBesideMain();
}

/** Peak resident memory of this process (its analysis threads included), in MB. */
function peakMemory(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * `demarche ingest PATH...`: analyse articles on every core and keep them in the store, each
 * exactly once; or, with `--queue`, enqueue them for `demarche worker`.
 */
export const registerIngest: RegisterCommand = (program, { io, spec, fail }) => {
  withFetchOptions(
    program
      .command('ingest')
      .description(
        'analyse articles (files, folders, .jsonl dumps, also gzip-compressed, RSS/Atom feeds, URLs) and store them, each once',
      )
      .argument(
        '<paths...>',
        'files, folders, feed files (.xml/.rss/.atom) or http(s) URLs, or - for standard input',
      ),
  )
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DEMARCHE_DB, else ./demarche.db)')
    .option('--published <date>', 'publication date (YYYY-MM-DD) for plain-text inputs', isoDate)
    .option('--batch <n>', 'articles per transaction', positiveInteger, 100)
    .option(
      '--threads <n>',
      'analysis threads (default: one per core but one, the main thread writing; the main thread alone for fewer than 200 articles; 0: the main thread)',
      wholeNumber,
    )
    .option(
      '--queue <url>',
      'enqueue the articles on this Redis queue (BullMQ) for `demarche worker` instead',
    )
    .option('--prefix <prefix>', 'Redis key prefix of the queue', 'demarche')
    .option(
      '--max-waiting <n>',
      'with --queue: pause reading while this many jobs wait for workers (default 100000, about 500 MB of Redis; 0: no limit)',
      wholeNumber,
    )
    .option('-q, --quiet', 'no progress lines')
    .action(async (paths: string[], opts: IngestOptions) => {
      const t: IngestTally = { read: 0, stored: 0, duplicates: 0, bad: 0, events: 0, merged: 0, copies: 0 };
      // the readers (an HTML parser among them) load when the command runs, not at start-up
      const { countInputs, identifyArticle, readInputs } = await import('../../../ingest/index.js');
      // the total is for the progress line; without one (-q) only whether the input is small is
      // asked (for the default threads), so a large archive is not read an extra time to count it
      const quiet = opts.quiet === true;
      const total = !quiet
        ? await countInputs(paths)
        : opts.queue === undefined && opts.threads === undefined
          ? await countInputs(paths, { stopAt: SMALL_INPUT })
          : null;
      const progress = createProgress(io, quiet, quiet ? null : total);
      const report = (origin: string, message: string) => {
        io.err(`demarche: ${origin}: ${message}\n`);
        fail(1);
      };
      const records = readInputs(paths, {
        ...fetchReadOptions(opts),
        ...(opts.published !== undefined ? { published: opts.published } : {}),
        ...(io.stdin ? { stdin: io.stdin } : {}),
      });
      if (opts.queue !== undefined) {
        await enqueueAll(records, { ...opts, queue: opts.queue }, { report, progress, t, io });
        return;
      }
      const threads = opts.threads ?? defaultThreads(total);
      // the threads build their pipelines while the store opens (and migrates)
      const pool = createAnalysisPool({
        spec: spec(),
        threads,
        youngGenerationMb: WRITER_YOUNG_GENERATION_MB,
      });
      let store: Store;
      try {
        store = await openStore(opts.db ?? process.env['DEMARCHE_DB']);
      } catch (cause) {
        await pool.close();
        throw cause;
      }
      try {
        await pool.ready();
        // while one batch is written, the next is analysed on the pool's threads
        let pending: Analysing | undefined;
        const flush = async (batch: readonly ReadRecord[]) => {
          const next = await analyseBatch(batch, { store, pool, identify: identifyArticle }, t);
          if (pending !== undefined) await storeBatch(pending, store, report, t);
          pending = next;
          progress.update(t);
        };
        let batch: ReadRecord[] = [];
        for await (const rec of records) {
          t.read++;
          if (!rec.ok) {
            report(rec.origin, rec.error);
            t.bad++;
            continue;
          }
          batch.push(rec);
          if (batch.length >= opts.batch) {
            await flush(batch);
            batch = [];
          }
        }
        await flush(batch);
        if (pending !== undefined) await storeBatch(pending, store, report, t);
        io.out(
          `demarche ingest: ${progress.finish(t)}; ${t.events} events, ${t.merged} of them merged with ` +
            `other articles' reports; ${t.copies} near-copies joined a story (${store.dialect}, ` +
            `${pool.threads} analysis threads, peak memory ${peakMemory()} MB)\n`,
        );
      } finally {
        await Promise.all([pool.close(), store.close()]);
      }
    });
};

/** Least time between two notes that `ingest --queue` waits for room in the queue, in ms. */
const FULL_NOTE_MS = 60_000;

/** `ingest --queue`: the records go to the queue in batches; workers analyse and store them. */
async function enqueueAll(
  records: AsyncIterable<InputRecord>,
  opts: IngestOptions & { readonly queue: string },
  run: {
    readonly report: (origin: string, message: string) => void;
    readonly progress: ReturnType<typeof createProgress>;
    readonly t: IngestTally;
    readonly io: CliIo;
  },
): Promise<void> {
  const { report, progress, t, io } = run;
  const { checkRedis, openProducer } = await import('../../../queue/index.js'); // BullMQ: loaded when used
  const url = opts.queue;
  const size = opts.batch;
  await checkRedis(url); // before any record is read: a wrong address fails at once
  // while the queue is full, reading waits too: an archive streamed in holds at most the limit in Redis
  let toldAt = Number.NEGATIVE_INFINITY;
  const producer = openProducer(url, {
    prefix: opts.prefix,
    ...(opts.maxWaiting !== undefined ? { maxWaiting: opts.maxWaiting } : {}),
    onFull: (waiting) => {
      if (performance.now() - toldAt < FULL_NOTE_MS) return;
      toldAt = performance.now();
      progress.note(
        `demarche ingest: ${waiting} jobs wait for workers (--max-waiting); reading paused until they take some`,
      );
    },
  });
  let enqueued = 0;
  let failed: number;
  try {
    let batch: { doc: ReadRecord['doc']; origin: string }[] = [];
    for await (const rec of records) {
      t.read++;
      if (!rec.ok) {
        report(rec.origin, rec.error);
        t.bad++;
        continue;
      }
      batch.push({ doc: rec.doc, origin: rec.origin });
      if (batch.length >= size) {
        await producer.add(batch);
        enqueued += batch.length;
        batch = [];
        progress.update(t);
      }
    }
    await producer.add(batch);
    enqueued += batch.length;
    failed = await producer.failed();
  } finally {
    await producer.close();
  }
  io.out(
    `demarche ingest: ${progress.finish(t)}; ${enqueued} articles enqueued on ${url} ` +
      `(an article already waiting is one job); \`demarche queue status\` follows the workers\n`,
  );
  // an article whose job failed is not enqueued again while its job is in the failed list
  if (failed > 0)
    io.out(
      `demarche ingest: ${failed} failed job${failed === 1 ? '' : 's'} in the queue; their articles ` +
        `are not enqueued again until \`demarche queue retry\` puts them back\n`,
    );
}
