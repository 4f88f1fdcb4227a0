import { Queue } from 'bullmq';
import type { ArticleJob } from './article-jobs.js';
import { DEFAULT_PREFIX, QUEUE_NAME, redisConnection } from './connection.js';

/** Failed jobs read and put back per round trip. */
const PAGE = 200;

/**
 * Puts failed jobs back in the waiting list (`demarche queue retry`), each with its attempts
 * counted afresh, so that it gets the full retries with backoff again. A failed job keeps its
 * content hash as job id, so enqueuing the same article again adds nothing while it is there:
 * this is how an article that failed (for a database that was down longer than the retries
 * lasted, or for a fault since fixed) is analysed again. Resolves with the number of jobs put
 * back; `limit` stops after that many (the oldest failures first).
 *
 * @example
 * const n = await retryFailed('redis://127.0.0.1:6379');
 */
export async function retryFailed(
  url: string,
  options: { readonly prefix?: string; readonly limit?: number } = {},
): Promise<number> {
  const queue = new Queue<ArticleJob>(QUEUE_NAME, {
    connection: redisConnection(url),
    prefix: options.prefix ?? DEFAULT_PREFIX,
  });
  const limit = options.limit ?? Infinity;
  let retried = 0;
  try {
    // a job put back that fails again (a worker may be running) joins the list's tail: not again
    const seen = new Set<string>();
    while (retried < limit) {
      // each page leaves the failed list, so the next page starts at its head again
      const page = await queue.getJobs(['failed'], 0, PAGE - 1, true);
      const jobs = page.filter((job) => job.id !== undefined && !seen.has(job.id)).slice(0, limit - retried);
      if (jobs.length === 0) break;
      for (const job of jobs) seen.add(job.id!);
      const outcomes = await Promise.allSettled(
        jobs.map((job) => job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })),
      );
      // a job another retry (or a worker) moved meanwhile is not this run's; anything else is Redis's trouble
      const done = outcomes.filter((o) => o.status === 'fulfilled').length;
      if (done === 0) throw (outcomes[0] as PromiseRejectedResult).reason;
      retried += done;
    }
    return retried;
  } finally {
    await queue.close();
  }
}
