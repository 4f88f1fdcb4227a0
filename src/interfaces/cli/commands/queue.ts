import type { QueueStatus } from '../../../queue/index.js';
import type { RegisterCommand } from '../context.js';
import { positiveInteger } from './options.js';

/** A time as `YYYY-MM-DD HH:MM:SS UTC`. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/**
 * The throughput line of `queue status`: the last counted minute and the mean of the last ten,
 * then the jobs done since (BullMQ counts a minute once a job of a later minute is done).
 */
function throughput(s: QueueStatus): string {
  const open = s.uncounted;
  const since = open.since === null ? '' : `${open.done} done since ${utc(open.since)}`;
  if (s.perMinute.length === 0)
    return open.since === null ? 'no job done yet' : `${since} (no whole minute counted yet)`;
  const recent = s.perMinute.slice(0, 10);
  const average = recent.reduce((a, b) => a + b, 0) / recent.length;
  return (
    `${s.perMinute[0]} articles in the last counted minute, ${average.toFixed(1)}/min over the last ${recent.length} min` +
    (open.done > 0 ? `; ${since}` : '')
  );
}

/**
 * `demarche queue status --queue redis://…`: waiting, active, done and failed jobs, and throughput;
 * `demarche queue retry --queue redis://…`: failed jobs back to waiting.
 */
export const registerQueue: RegisterCommand = (program, { io }) => {
  const queue = program
    .command('queue')
    .description('inspect the Redis queue of articles (BullMQ), or put its failed jobs back');
  queue
    .command('status')
    .description('waiting, active, done and failed jobs, articles per minute, and the latest failures')
    .requiredOption('--queue <url>', 'Redis URL of the queue (redis://host:port[/db])')
    .option('--prefix <prefix>', 'Redis key prefix of the queue', 'demarche')
    .option('--json', 'print the status as JSON')
    .action(async (flags: { queue: string; prefix: string; json?: boolean }) => {
      const { checkRedis, readQueueStatus } = await import('../../../queue/index.js'); // BullMQ: loaded when used
      await checkRedis(flags.queue); // an unreachable Redis is an error, not a status that never comes
      const s = await readQueueStatus(flags.queue, { prefix: flags.prefix });
      if (flags.json) {
        io.out(JSON.stringify(s, null, 2) + '\n');
        return;
      }
      io.out(
        `waiting ${s.waiting} · active ${s.active} · delayed ${s.delayed} · done ${s.done} · failed ${s.failed}\n` +
          `throughput: ${throughput(s)}\n`,
      );
      for (const f of s.failures) io.out(`failed: ${f.reason}\n`);
      if (s.failed > 0)
        io.out(
          `(${s.failures.length < s.failed ? `the latest ${s.failures.length} of ${s.failed} failures; ` : ''}` +
            `\`demarche queue retry\` puts failed jobs back once their cause is gone)\n`,
        );
    });
  queue
    .command('retry')
    .description(
      'put failed jobs back in the waiting list, their attempts counted afresh (enqueuing a failed article again adds nothing)',
    )
    .requiredOption('--queue <url>', 'Redis URL of the queue (redis://host:port[/db])')
    .option('--prefix <prefix>', 'Redis key prefix of the queue', 'demarche')
    .option('--limit <n>', 'put back at most this many, the oldest failures first', positiveInteger)
    .action(async (flags: { queue: string; prefix: string; limit?: number }) => {
      const { checkRedis, retryFailed } = await import('../../../queue/index.js'); // BullMQ: loaded when used
      await checkRedis(flags.queue);
      const n = await retryFailed(flags.queue, {
        prefix: flags.prefix,
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      });
      io.out(`demarche queue retry: ${n} failed job${n === 1 ? '' : 's'} back in the waiting list\n`);
    });
};
