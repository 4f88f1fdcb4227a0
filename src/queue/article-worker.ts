import { MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { AnalysisPool } from '../pool/index.js';
import type { Store } from '../store/index.js';
import type { ArticleJob } from './article-jobs.js';
import { DEFAULT_PREFIX, QUEUE_NAME, redisConnection } from './connection.js';
import { createKnownLookup, type KnownLookup } from './known-lookup.js';
import { createWriteBatcher, type WriteBatcher } from './write-batcher.js';

/** What a job did, as its return value in BullMQ. */
export type JobResult =
  | { readonly status: 'stored'; readonly id: number; readonly events: number }
  | { readonly status: 'duplicate'; readonly id: number };

/** What a worker reports as it goes. */
export type WorkerNotice =
  | { readonly kind: 'done'; readonly origin: string; readonly result: JobResult }
  | { readonly kind: 'failed'; readonly origin: string; readonly reason: string; readonly final: boolean }
  /** Trouble with Redis (a lost connection, retried by the client meanwhile). */
  | { readonly kind: 'queue-error'; readonly reason: string };

export interface WorkerOptions {
  readonly url: string;
  readonly store: Store;
  readonly pool: AnalysisPool;
  /**
   * Jobs taken at once (default: 64 × (`writes` + 1) per analysis thread, 128 with one write at a
   * time): enough that no thread waits for Redis, that the threads go on analysing while batches
   * are written, and that batches are large enough to spread each one's round trips and statements
   * over many articles (batches of 64 per thread cost less CPU per article than batches of 32:
   * docs/performance-log.md, "Workers").
   */
  readonly concurrency?: number;
  /**
   * Articles written in one transaction at most (default: the concurrency ÷ (`writes` + 1), half
   * of it with one write at a time). A job stays active until its article is written, so batches
   * that held every job while they are written would leave the analysis threads waiting for the
   * database each time.
   */
  readonly batch?: number;
  /**
   * Batches written at once at most (default 1). With 2, a full batch inserts its own rows while
   * the one before holds the store's batch lock: one worker stores more, but each batch holds the
   * lock longer, and the lock bounds all the workers of a database together (docs/scaling.md).
   */
  readonly writes?: number;
  /** How long the first analysed article waits for others before its batch is written (ms, default 20). */
  readonly batchWaitMs?: number;
  readonly prefix?: string;
  /** How long a job stays locked without a heartbeat before another worker takes it over (ms). */
  readonly lockDuration?: number;
  readonly onNotice?: (notice: WorkerNotice) => void;
}

export interface ArticleWorker {
  /** Jobs taken at once (`WorkerOptions.concurrency`, or its default). */
  readonly concurrency: number;
  /** Articles written in one transaction at most (`WorkerOptions.batch`, or its default). */
  readonly batch: number;
  /** Stops taking jobs, lets the active ones finish, and disconnects. */
  close(): Promise<void>;
}

/**
 * Processes one job: an article already stored (by content hash or canonical URL, asked with the
 * jobs started meanwhile: createKnownLookup) is a duplicate, the rest is analysed on the pool and stored with the articles of other jobs analysed meanwhile
 * (one transaction per batch, see createWriteBatcher). Bad input (an analysis that fails,
 * a record the store refuses) is unrecoverable: the job fails at once with the reason instead of
 * being retried; other errors (the database unreachable) are retried with backoff.
 */
async function processArticle(
  job: Job<ArticleJob>,
  known: KnownLookup,
  pool: AnalysisPool,
  writes: WriteBatcher,
): Promise<JobResult> {
  const { doc, origin, contentHash, canonicalUrl } = job.data;
  const storedId = await known.find({ contentHash, canonicalUrl });
  if (storedId !== null) return { status: 'duplicate', id: storedId };
  const outcome = await pool.analyse(doc);
  if (!outcome.ok) throw new UnrecoverableError(`${origin}: ${outcome.error}`);
  const put = await writes.put({
    article: outcome.article,
    contentHash,
    canonicalUrl,
    origin,
    ...(outcome.json ? { json: outcome.json } : {}),
  });
  if (put.status === 'invalid') throw new UnrecoverableError(`${origin}: ${put.problem.message}`);
  return put.status === 'stored'
    ? { status: 'stored', id: put.id, events: put.events }
    : { status: 'duplicate', id: put.id };
}

/**
 * Default jobs at once per analysis thread: this many for each batch that may be in writing and as
 * many again for the threads to analyse meanwhile (64 × (writes + 1), batches of 64 per thread).
 */
const JOBS_PER_WRITE = 64;

/**
 * Starts a BullMQ worker on the articles queue that analyses each article on the pool's threads
 * and writes it to the store (`demarche worker`). Several workers, on one machine or many, share
 * the queue; a worker that dies leaves its jobs locked until `lockDuration` passes, then another
 * worker takes them over, and the store's identity check keeps each article stored once.
 *
 * @example
 * const worker = startArticleWorker({ url: 'redis://127.0.0.1:6379', store, pool });
 * process.on('SIGTERM', () => void worker.close());
 */
export function startArticleWorker(options: WorkerOptions): ArticleWorker {
  const { store, pool, onNotice } = options;
  const parallel = Math.max(1, options.writes ?? 1);
  const concurrency = options.concurrency ?? JOBS_PER_WRITE * (parallel + 1) * Math.max(1, pool.threads);
  const batch = options.batch ?? Math.ceil(concurrency / (parallel + 1));
  const writes = createWriteBatcher(store, {
    max: batch,
    ...(options.batchWaitMs !== undefined ? { waitMs: options.batchWaitMs } : {}),
    parallel,
  });
  const known = createKnownLookup(store);
  const worker = new Worker<ArticleJob, JobResult>(
    QUEUE_NAME,
    (job) => processArticle(job, known, pool, writes),
    {
      connection: redisConnection(options.url),
      prefix: options.prefix ?? DEFAULT_PREFIX,
      concurrency,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: Math.min(30_000, options.lockDuration ?? 30_000),
      maxStalledCount: 2,
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    },
  );
  worker.on('completed', (job, result) => onNotice?.({ kind: 'done', origin: job.data.origin, result }));
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    onNotice?.({ kind: 'failed', origin: job.data.origin, reason: error.message, final });
  });
  // connection trouble is retried by the client: report it rather than crash
  worker.on('error', (error) => onNotice?.({ kind: 'queue-error', reason: error.message }));
  return {
    concurrency,
    batch,
    async close() {
      await worker.close(); // waits for the active jobs, and so for their writes
      await writes.drain();
    },
  };
}
