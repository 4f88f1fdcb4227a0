export { openProducer, type ArticleJob, type ArticleProducer, type ProducerOptions } from './article-jobs.js';
export {
  startArticleWorker,
  type ArticleWorker,
  type JobResult,
  type WorkerNotice,
  type WorkerOptions,
} from './article-worker.js';
export { DEFAULT_PREFIX, QUEUE_NAME, checkRedis, redisConnection } from './connection.js';
export { createKnownLookup, type KnownLookup, type KnownLookupOptions } from './known-lookup.js';
export { createWriteBatcher, type WriteBatcher, type WriteBatcherOptions } from './write-batcher.js';
export { readQueueStatus, type QueueStatus } from './queue-status.js';
export { retryFailed } from './retry-failed.js';
