import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisPool, type AnalysisPool } from '../../src/pool/index.js';
import {
  QUEUE_NAME,
  openProducer,
  readQueueStatus,
  redisConnection,
  retryFailed,
  startArticleWorker,
} from '../../src/queue/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { runDemarche as demarche } from '../support/cli.js';
import { until } from '../support/until.js';

const REDIS = process.env['DEMARCHE_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
const PREFIX = `demarche-test-retry-${process.pid}-${Date.now().toString(36)}`;

/**
 * Two articles the store refuses (a publication date that is not a date), as another producer
 * might enqueue them; the job id is the content hash of the text alone.
 */
const texts = [
  'Japan rejected the referendums held in the occupied regions, the foreign minister said.',
  'The United Nations General Assembly condemned the annexation in a vote on Wednesday.',
];
const bad = texts.map((raw, i) => ({
  doc: { id: `bad-${i}`, raw, mediaType: 'text/plain' as const, published: 'last Tuesday' },
  origin: `other-producer:${i + 1}`,
}));

describe('failed jobs and `queue retry`', () => {
  let store: Store;
  let pool: AnalysisPool;
  let dir: string;
  let file: string;
  const status = () => readQueueStatus(REDIS, { prefix: PREFIX });
  const drain = async () => {
    const worker = startArticleWorker({ url: REDIS, store, pool, prefix: PREFIX });
    try {
      await until(async () => (await status()).failed === bad.length, 60, 'both jobs to fail');
    } finally {
      await worker.close();
    }
  };

  beforeAll(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    pool = createAnalysisPool({ threads: 1 });
    await pool.ready();
    dir = mkdtempSync(join(tmpdir(), 'demarche-retry-'));
    file = join(dir, 'good.jsonl');
    // the same texts as a dump of good records
    writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: `good-${i}`, text })).join('\n') + '\n');
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(REDIS), prefix: PREFIX });
    await queue.obliterate({ force: true });
    await queue.close();
  }, 60_000);

  it('enqueuing a failed article again adds nothing, and ingest says why', async () => {
    const producer = openProducer(REDIS, { prefix: PREFIX });
    await producer.add(bad);
    expect(await producer.failed()).toBe(0);
    await drain();
    expect(await producer.failed()).toBe(2);
    await producer.close();
    const again = await demarche(['ingest', file, '--queue', REDIS, '--prefix', PREFIX]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('2 articles enqueued');
    expect(again.out).toContain(
      '2 failed jobs in the queue; their articles are not enqueued again until `demarche queue retry`',
    );
    const s = await status();
    expect([s.waiting, s.failed]).toEqual([0, 2]);
    const shown = await demarche(['queue', 'status', '--queue', REDIS, '--prefix', PREFIX]);
    expect(shown.out).toContain(
      'waiting 0 · active 0 · delayed 0 · done 0 · failed 2\nthroughput: no job done yet\n',
    );
    expect(shown.out).toContain('failed: other-producer:1: "published" of "bad-0" is not an ISO date');
    expect(shown.out).toContain('`demarche queue retry` puts failed jobs back once their cause is gone');
  }, 120_000);

  it('puts failed jobs back, oldest first up to --limit, each with its attempts counted afresh', async () => {
    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(REDIS), prefix: PREFIX });
    try {
      const failed = await queue.getJobs(['failed'], 0, -1, true);
      expect(failed.map((j) => j.attemptsMade)).toEqual([1, 1]);
      expect(await retryFailed(REDIS, { prefix: PREFIX, limit: 1 })).toBe(1);
      expect((await queue.getJobs(['waiting'])).map((j) => j.id)).toEqual([failed[0]!.id]);
      const cli = await demarche(['queue', 'retry', '--queue', REDIS, '--prefix', PREFIX]);
      expect(cli.code).toBe(0);
      expect(cli.out).toBe('demarche queue retry: 1 failed job back in the waiting list\n');
      const waiting = await queue.getJobs(['waiting']);
      expect(waiting).toHaveLength(2);
      expect(waiting.map((j) => [j.attemptsMade, j.failedReason ?? null])).toEqual([
        [0, null],
        [0, null],
      ]);
      expect((await status()).failed).toBe(0);
      // still bad input: a worker fails them again; put back while a worker runs, each job is put
      // back once, however soon it fails again
      await drain();
      const worker = startArticleWorker({ url: REDIS, store, pool, prefix: PREFIX });
      try {
        expect(await retryFailed(REDIS, { prefix: PREFIX })).toBe(2);
        await until(async () => (await status()).failed === bad.length, 60, 'both jobs to fail again');
      } finally {
        await worker.close();
      }
    } finally {
      await queue.close();
    }
  }, 120_000);
});
