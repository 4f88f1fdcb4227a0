import { WRITER_YOUNG_GENERATION_MB, createAnalysisPool, threadsBesideMain } from '../../../pool/index.js';
import type { WorkerNotice } from '../../../queue/index.js';
import { openStore, type WriteTimes } from '../../../store/index.js';
import type { RegisterCommand } from '../context.js';
import { positiveInteger, wholeNumber } from './options.js';

interface WorkerFlags {
  readonly queue: string;
  readonly db?: string;
  readonly concurrency?: number;
  readonly batch?: number;
  readonly writes?: number;
  readonly threads?: number;
  readonly prefix: string;
  readonly lockSeconds: number;
  readonly quiet?: boolean;
}

/**
 * The time the store's batch lock was held per article written, and the rate it allows all the
 * workers of one database together (see `WriteTimes`); empty before the first batch.
 */
function lockNote(times: WriteTimes): string {
  const perArticle = times.articles > 0 ? times.lockedMs / times.articles : 0;
  if (perArticle <= 0) return '';
  return ` · store lock ${perArticle.toFixed(2)} ms per article (the database takes at most ${Math.round(1000 / perArticle)} articles/s from all workers)`;
}

/**
 * `demarche worker --queue redis://… --db postgres://…`: takes articles from the queue, analyses
 * them on every core but the one its main thread keeps busy with the queue and the store, and
 * stores them, until SIGINT or SIGTERM (then finishes its active jobs).
 */
export const registerWorker: RegisterCommand = (program, { io, spec, fail }) => {
  program
    .command('worker')
    .description('analyse and store articles from the Redis queue (BullMQ) until stopped')
    .requiredOption('--queue <url>', 'Redis URL of the queue (redis://host:port[/db])')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DEMARCHE_DB, else ./demarche.db)')
    .option(
      '--concurrency <n>',
      'jobs taken at once (default: 128 per analysis thread; 64 more per extra --writes)',
      wholeNumber,
    )
    .option(
      '--batch <n>',
      'articles written per transaction at most (default: the concurrency ÷ (--writes + 1))',
      positiveInteger,
    )
    .option(
      '--writes <n>',
      'batches written at once (default 1; 2 overlaps one batch with the lock-holding other)',
      positiveInteger,
    )
    .option(
      '--threads <n>',
      'analysis threads (default: one per core but one, the main thread queueing and writing; 0 analyses on the main thread)',
      wholeNumber,
    )
    .option('--prefix <prefix>', 'Redis key prefix of the queue', 'demarche')
    .option(
      '--lock-seconds <n>',
      'seconds a job stays locked after its worker stops answering, before another worker takes it',
      wholeNumber,
      30,
    )
    .option('-q, --quiet', 'no line per failed job or progress line')
    .action(async (flags: WorkerFlags) => {
      const { checkRedis, startArticleWorker } = await import('../../../queue/index.js'); // BullMQ: loaded when used
      await checkRedis(flags.queue); // a wrong address is an error now, not a worker waiting in silence
      const store = await openStore(flags.db ?? process.env['DEMARCHE_DB']);
      const pool = createAnalysisPool({
        spec: spec(),
        threads: flags.threads ?? threadsBesideMain(),
        youngGenerationMb: WRITER_YOUNG_GENERATION_MB,
      });
      try {
        await pool.ready();
      } catch (cause) {
        await Promise.all([pool.close(), store.close()]);
        throw cause;
      }
      const tally = { stored: 0, duplicates: 0, failed: 0 };
      let last = performance.now();
      const started = last;
      let lastQueueError = -Infinity;
      const onNotice = (n: WorkerNotice) => {
        if (n.kind === 'queue-error') {
          // said even with --quiet (a worker that cannot reach Redis does nothing), once in 30 s:
          // the client retries every two seconds and each retry fails alike
          const now = performance.now();
          if (now - lastQueueError >= 30_000) {
            lastQueueError = now;
            io.err(`demarche worker: Redis: ${n.reason}; retrying\n`);
          }
          return;
        }
        if (n.kind === 'done') {
          if (n.result.status === 'stored') tally.stored++;
          else tally.duplicates++;
        } else if (n.final) {
          tally.failed++;
          if (!flags.quiet) io.err(`demarche worker: ${n.reason}\n`);
        }
        const now = performance.now();
        if (!flags.quiet && now - last > 5000) {
          last = now;
          const done = tally.stored + tally.duplicates;
          io.err(
            `demarche worker: ${tally.stored} stored, ${tally.duplicates} already stored, ${tally.failed} failed · ${(done / ((now - started) / 1000)).toFixed(1)} articles/s${lockNote(store.writeTimes())}\n`,
          );
        }
      };
      const worker = startArticleWorker({
        url: flags.queue,
        store,
        pool,
        prefix: flags.prefix,
        lockDuration: Math.max(1, flags.lockSeconds) * 1000,
        onNotice,
        ...(flags.concurrency !== undefined && flags.concurrency > 0
          ? { concurrency: flags.concurrency }
          : {}),
        ...(flags.batch !== undefined ? { batch: flags.batch } : {}),
        ...(flags.writes !== undefined ? { writes: flags.writes } : {}),
      });
      io.err(
        `demarche worker: waiting for articles on ${flags.queue} (${pool.threads} analysis threads, ` +
          `${worker.concurrency} jobs at once in batches of ${worker.batch}, ${store.dialect})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await worker.close();
      await Promise.all([pool.close(), store.close()]);
      if (tally.failed > 0) fail(1);
      io.out(
        `demarche worker: ${tally.stored} stored, ${tally.duplicates} already stored, ${tally.failed} failed${lockNote(store.writeTimes())}\n`,
      );
    });
};
