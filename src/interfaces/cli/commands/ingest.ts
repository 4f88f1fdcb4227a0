import { InvalidArgumentError } from 'commander';
import { countInputs, identifyArticle, readInputs, type InputRecord } from '../../../ingest/index.js';
import { openStore, type ArticleToStore, type Store } from '../../../store/index.js';
import type { CliIo, RegisterCommand } from '../context.js';
import { isoDate } from './options.js';

interface IngestOptions {
  readonly db?: string;
  readonly published?: string;
  readonly batch: number;
  readonly quiet?: boolean;
}

export interface Tally {
  read: number;
  stored: number;
  duplicates: number;
  bad: number;
  events: number;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
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
    finish(t: Tally) {
      if (tty && !quiet) io.err('\r\x1b[K');
      return line(t, true);
    },
  };
}

/**
 * Analyses and stores one batch: articles already stored (or repeated in the batch) are
 * skipped before analysis, the rest are written in one transaction.
 */
async function ingestBatch(
  batch: readonly Extract<InputRecord, { ok: true }>[],
  store: Store,
  analyse: (rec: Extract<InputRecord, { ok: true }>) => ArticleToStore | string,
  report: (origin: string, message: string) => void,
  t: Tally,
): Promise<void> {
  const keys = batch.map((rec) => identifyArticle(rec.doc));
  const known = await store.findKnown(keys);
  const seen = new Set<string>();
  const fresh: ArticleToStore[] = [];
  const origins: string[] = [];
  batch.forEach((rec, i) => {
    const key = keys[i]!;
    const repeated = seen.has(key.contentHash) || (key.canonicalUrl !== null && seen.has(key.canonicalUrl));
    seen.add(key.contentHash);
    if (key.canonicalUrl !== null) seen.add(key.canonicalUrl);
    if (known[i] !== null || repeated) {
      t.duplicates++;
      return;
    }
    const item = analyse(rec);
    if (typeof item === 'string') {
      report(rec.origin, item);
      t.bad++;
      return;
    }
    fresh.push(item);
    origins.push(rec.origin);
  });
  const outcomes = await store.putArticles(fresh);
  outcomes.forEach((o, i) => {
    if (o.status === 'stored') {
      t.stored++;
      t.events += o.events;
    } else if (o.status === 'duplicate') t.duplicates++;
    else {
      report(origins[i]!, o.problem.message);
      t.bad++;
    }
  });
}

/** `demarche ingest PATH...`: analyse articles and keep them in the store, each exactly once. */
export const registerIngest: RegisterCommand = (program, { io, pipeline, fail }) => {
  program
    .command('ingest')
    .description('analyse articles (files, folders, .jsonl dumps) and store them, each once')
    .argument('<paths...>', 'input files or folders, or - for standard input')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DEMARCHE_DB, else ./demarche.db)')
    .option('--published <date>', 'publication date (YYYY-MM-DD) for plain-text inputs', isoDate)
    .option('--batch <n>', 'articles per transaction', positiveInt, 100)
    .option('-q, --quiet', 'no progress lines')
    .action(async (paths: string[], opts: IngestOptions) => {
      const store = await openStore(opts.db ?? process.env['DEMARCHE_DB']);
      const t: Tally = { read: 0, stored: 0, duplicates: 0, bad: 0, events: 0 };
      const progress = createProgress(io, opts.quiet === true, opts.quiet ? null : await countInputs(paths));
      const report = (origin: string, message: string) => {
        io.err(`demarche: ${origin}: ${message}\n`);
        fail(1);
      };
      const p = pipeline();
      const analyse = (rec: Extract<InputRecord, { ok: true }>): ArticleToStore | string => {
        try {
          return { article: p.run(rec.doc), ...identifyArticle(rec.doc), origin: rec.origin };
        } catch (cause) {
          return `analysis failed: ${(cause as Error).message}`;
        }
      };
      try {
        let batch: Extract<InputRecord, { ok: true }>[] = [];
        for await (const rec of readInputs(paths, {
          ...(opts.published !== undefined ? { published: opts.published } : {}),
          ...(io.stdin ? { stdin: io.stdin } : {}),
        })) {
          t.read++;
          if (!rec.ok) {
            report(rec.origin, rec.error);
            t.bad++;
            continue;
          }
          batch.push(rec);
          if (batch.length >= opts.batch) {
            await ingestBatch(batch, store, analyse, report, t);
            batch = [];
            progress.update(t);
          }
        }
        await ingestBatch(batch, store, analyse, report, t);
        io.out(`demarche ingest: ${progress.finish(t)}; ${t.events} events (${store.dialect})\n`);
      } finally {
        await store.close();
      }
    });
};
