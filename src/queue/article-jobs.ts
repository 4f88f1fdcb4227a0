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

/** A producer: adds articles to the queue in bulk. */
export interface ArticleProducer {
  /** Enqueues documents (one already waiting under the same content hash is not added again). */
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
 * const producer = openProducer('redis://127.0.0.1:6379');
 * await producer.add([{ doc, origin: 'dump.jsonl:3' }]);
 * await producer.close();
 */
export function openProducer(url: string, prefix = DEFAULT_PREFIX): ArticleProducer {
  const connection = redisConnection(url); // a bad URL fails here, before any record is read
  let queue: Queue<ArticleJob> | null = null;
  return {
    async add(records) {
      if (records.length === 0) return;
      const jobs = records.map(({ doc, origin }) => {
        const data: ArticleJob = { doc, origin, ...identifyArticle(doc) };
        return { name: 'analyse', data, opts: jobOptions(data.contentHash) };
      });
      queue ??= new Queue<ArticleJob>(QUEUE_NAME, { connection, prefix });
      await queue.addBulk(jobs);
    },
    failed: async () => (queue === null ? 0 : await queue.getFailedCount()),
    close: async () => {
      await queue?.close();
    },
  };
}
