import { Queue } from 'bullmq';
import type { ArticleJob } from './article-jobs.js';
import { DEFAULT_PREFIX, QUEUE_NAME, redisConnection } from './connection.js';

/** The state of the articles queue (`demarche queue status`). */
export interface QueueStatus {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  /** Jobs done since the queue's metrics began (done jobs themselves leave Redis). */
  readonly done: number;
  readonly failed: number;
  /** Jobs done in each of the last minutes, latest first. */
  readonly perMinute: readonly number[];
  /**
   * Jobs done since the last minute counted in `perMinute`, and since when (an ISO time; null
   * before the first job is done). BullMQ counts a minute's jobs when the first job of a later
   * minute is done, so the jobs of the current minute, and all of a worker's jobs when it ran
   * less than a minute, are here rather than in `perMinute`.
   */
  readonly uncounted: { readonly done: number; readonly since: string | null };
  /** The latest failures, with the origin of the record and the reason. */
  readonly failures: readonly { readonly origin: string; readonly reason: string }[];
}

/**
 * Reads the queue's counts, the done-jobs metrics and the latest failures.
 *
 * @example
 * const s = await readQueueStatus('redis://127.0.0.1:6379');
 * console.log(`${s.waiting} waiting, ${s.done} done, ${s.failed} failed`);
 */
export async function readQueueStatus(
  url: string,
  options: { readonly prefix?: string; readonly minutes?: number; readonly failures?: number } = {},
): Promise<QueueStatus> {
  const queue = new Queue<ArticleJob>(QUEUE_NAME, {
    connection: redisConnection(url),
    prefix: options.prefix ?? DEFAULT_PREFIX,
  });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    const metrics = await queue.getMetrics('completed', 0, (options.minutes ?? 10) - 1);
    const failed = await queue.getFailed(0, (options.failures ?? 5) - 1);
    return {
      waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
      done: metrics.meta.count,
      failed: counts['failed'] ?? 0,
      perMinute: metrics.data,
      uncounted: {
        done: metrics.meta.count - metrics.meta.prevCount,
        since: metrics.meta.prevTS > 0 ? new Date(metrics.meta.prevTS).toISOString() : null,
      },
      failures: failed.map((job) => ({ origin: job.data.origin, reason: job.failedReason })),
    };
  } finally {
    await queue.close();
  }
}
