import { Queue, type JobsOptions } from 'bullmq';
import type { RawDocument } from '../core/index.js';
import { identifyArticle } from '../ingest/index.js';
import { DEFAULT_PREFIX, QUEUE_NAME, redisConnection } from './connection.js';

/** What one job carries: the document, where it was read, and its identity in the store. */
export interface ArticleJob {
  readonly doc: RawDocument;
  readonly origin: string;
  readonly contentHash: string;
  readonly canonicalUrl: string | null;
}

/**
 * Job options: the content hash is the job id, so an article enqueued twice while its first job
 * waits is one job; failures other than bad input are retried with exponential backoff; done jobs
 * leave Redis (the store remembers what was stored), failed ones stay with their reason.
 */
function jobOptions(contentHash: string): JobsOptions {
  return {
    jobId: contentHash,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: false,
  };
}

/** Default of `ProducerOptions.maxWaiting`: about 500 MB of Redis at 5 kB per seed-sized article. */
const MAX_WAITING = 100_000;

/** How often a producer held back by `maxWaiting` looks at the queue again, in ms. */
const FULL_POLL_MS = 500;

export interface ProducerOptions {
  /** The queue's Redis key prefix (default `DEFAULT_PREFIX`). */
  readonly prefix?: string;
  /**
   * Most jobs left waiting in the queue (default `MAX_WAITING`; 0: no limit). An `add` that would
   * go over it waits until workers have taken enough, so enqueuing an archive of any size holds at
   * most this many articles in Redis (a batch larger than the limit goes in once nothing waits).
   */
  readonly maxWaiting?: number;
  /** Called when an `add` starts waiting for room, with the number of jobs waiting then. */
  readonly onFull?: (waiting: number) => void;
}

/** A producer: adds articles to the queue in bulk. */
export interface ArticleProducer {
  /**
   * Enqueues documents (one already waiting under the same content hash is not added again), once
   * the queue has room for them (`ProducerOptions.maxWaiting`).
   */
  add(records: readonly { readonly doc: RawDocument; readonly origin: string }[]): Promise<void>;
  /**
   * Jobs in the queue's failed list (0 before anything was enqueued). An article whose job is
   * there is not enqueued again (its content hash is the job id): `retryFailed` puts them back.
   */
  failed(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens the articles queue on Redis for enqueueing (`demarche ingest --queue`). The connection is
 * made by the first `add` that has something to enqueue, so a run whose records are all bad never
 * connects: BullMQ (5.x) emits an error nobody can listen to when a queue is closed while its
 * connection is still starting, and the process died of it after reporting the bad records.
 *
 * @example
 * const producer = openProducer('redis://127.0.0.1:6379', { maxWaiting: 50_000 });
 * await producer.add([{ doc, origin: 'dump.jsonl:3' }]);
 * await producer.close();
 */
export function openProducer(url: string, options: ProducerOptions = {}): ArticleProducer {
  const connection = redisConnection(url); // a bad URL fails here, before any record is read
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const maxWaiting = options.maxWaiting ?? MAX_WAITING;
  let queue: Queue<ArticleJob> | null = null;
  return {
    async add(records) {
      if (records.length === 0) return;
      const jobs = records.map(({ doc, origin }) => {
        const data: ArticleJob = { doc, origin, ...identifyArticle(doc) };
        return { name: 'analyse', data, opts: jobOptions(data.contentHash) };
      });
      queue ??= new Queue<ArticleJob>(QUEUE_NAME, { connection, prefix });
      if (maxWaiting > 0) {
        for (let told = false; ; told = true) {
          const waiting = await queue.getWaitingCount();
          if (waiting === 0 || waiting + jobs.length <= maxWaiting) break;
          if (!told) options.onFull?.(waiting);
          await new Promise((resolve) => setTimeout(resolve, FULL_POLL_MS));
        }
      }
      await queue.addBulk(jobs);
    },
    failed: async () => (queue === null ? 0 : await queue.getFailedCount()),
    close: async () => {
      await queue?.close();
    },
  };
}
