import { MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { AnalysisPool } from '../pool/index.js';
import type { Store } from '../store/index.js';
import type { ArticleJob } from './article-jobs.js';
import { DEFAULT_PREFIX, QUEUE_NAME, redisConnection } from './connection.js';

/** What a job did, as its return value in BullMQ. */
export type JobResult =
  | { readonly status: 'stored'; readonly id: number; readonly events: number }
  | { readonly status: 'duplicate'; readonly id: number };

/** What a worker reports as it goes. */
export type WorkerNotice =
  | { readonly kind: 'done'; readonly origin: string; readonly result: JobResult }
  | { readonly kind: 'failed'; readonly origin: string; readonly reason: string; readonly final: boolean };

export interface WorkerOptions {
  readonly url: string;
  readonly store: Store;
  readonly pool: AnalysisPool;
  /** Jobs taken at once (default: twice the pool's threads, so no thread waits for Redis). */
  readonly concurrency?: number;
  readonly prefix?: string;
  /** How long a job stays locked without a heartbeat before another worker takes it over (ms). */
  readonly lockDuration?: number;
  readonly onNotice?: (notice: WorkerNotice) => void;
}

export interface ArticleWorker {
  /** Stops taking jobs, lets the active ones finish, and disconnects. */
  close(): Promise<void>;
}

/**
 * Processes one job: an article already stored (by content hash or canonical URL) is a duplicate,
 * the rest is analysed on the pool and stored in one transaction. Bad input (an analysis that fails,
 * a record the store refuses) is unrecoverable: the job fails at once with the reason instead of
 * being retried; other errors (the database unreachable) are retried with backoff.
 */
async function processArticle(job: Job<ArticleJob>, store: Store, pool: AnalysisPool): Promise<JobResult> {
  const { doc, origin, contentHash, canonicalUrl } = job.data;
  const [known] = await store.findKnown([{ contentHash, canonicalUrl }]);
  if (known !== null && known !== undefined) return { status: 'duplicate', id: known };
  const outcome = await pool.analyse(doc);
  if (!outcome.ok) throw new UnrecoverableError(`${origin}: ${outcome.error}`);
  const [put] = await store.putArticles([{ article: outcome.article, contentHash, canonicalUrl, origin }]);
  if (put === undefined) throw new Error(`${origin}: the store gave no outcome`);
  if (put.status === 'invalid') throw new UnrecoverableError(`${origin}: ${put.problem.message}`);
  return put.status === 'stored'
    ? { status: 'stored', id: put.id, events: put.events }
    : { status: 'duplicate', id: put.id };
}

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
  const worker = new Worker<ArticleJob, JobResult>(QUEUE_NAME, (job) => processArticle(job, store, pool), {
    connection: redisConnection(options.url),
    prefix: options.prefix ?? DEFAULT_PREFIX,
    concurrency: options.concurrency ?? Math.max(2, 2 * pool.threads),
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: Math.min(30_000, options.lockDuration ?? 30_000),
    maxStalledCount: 2,
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  });
  worker.on('completed', (job, result) => onNotice?.({ kind: 'done', origin: job.data.origin, result }));
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    onNotice?.({ kind: 'failed', origin: job.data.origin, reason: error.message, final });
  });
  // connection trouble is retried by the client; say so rather than crash
  worker.on('error', () => {});
  return { close: () => worker.close() };
}
