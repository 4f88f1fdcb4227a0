import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { createAnalysisPool, type AnalysisPool } from '../../src/pool/index.js';
import {
  QUEUE_NAME,
  openProducer,
  readQueueStatus,
  redisConnection,
  startArticleWorker,
} from '../../src/queue/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { runDemarche } from '../support/cli.js';
import { until } from '../support/until.js';

const REDIS = process.env['DEMARCHE_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const PREFIXES = [`demarche-test-full-${RUN}-a`, `demarche-test-full-${RUN}-b`];

/**
 * An archive enqueued faster than workers take it would fill Redis's memory with article texts:
 * the producer (and `ingest --queue`, which reads no further meanwhile) waits while the queue
 * holds its limit of waiting jobs, and goes on as workers take them.
 */
describe('a full queue holds the producer back', () => {
  let store: Store;
  let pool: AnalysisPool;
  let dir: string;
  const docs = generateCorpus({ seed: 21, bytes: 40_000 }).slice(0, 8);
  const waiting = (prefix: string) => readQueueStatus(REDIS, { prefix }).then((s) => s.waiting);
  /** Whether `promise` is still pending after `ms`. */
  const stillPending = (promise: Promise<unknown>, ms: number) =>
    Promise.race([promise.then(() => false), new Promise((r) => setTimeout(r, ms, true))]);

  beforeAll(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    pool = createAnalysisPool({ threads: 1 });
    await pool.ready();
    dir = mkdtempSync(join(tmpdir(), 'demarche-full-'));
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    for (const prefix of PREFIXES) {
      const queue = new Queue(QUEUE_NAME, { connection: redisConnection(REDIS), prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 60_000);

  it('an add that would pass the limit waits until a worker has taken jobs', async () => {
    const [prefix] = PREFIXES as [string];
    const full: number[] = [];
    const producer = openProducer(REDIS, { prefix, maxWaiting: 4, onFull: (n) => full.push(n) });
    const records = docs.map((doc, i) => ({ doc, origin: `test:${i + 1}` }));
    try {
      await producer.add(records.slice(0, 4));
      const more = producer.add(records.slice(4, 6));
      expect(await stillPending(more, 1500)).toBe(true);
      expect(full).toEqual([4]);
      expect(await waiting(prefix)).toBe(4);
      const worker = startArticleWorker({ url: REDIS, store, pool, prefix });
      try {
        await more;
        await until(async () => (await store.counts()).articles === 6, 60, 'six articles stored');
      } finally {
        await worker.close();
      }
    } finally {
      await producer.close();
    }
  }, 90_000);

  it('`ingest --queue --max-waiting` stops reading while the queue is full, says so, and ends once workers take the rest', async () => {
    const [, prefix] = PREFIXES as [string, string];
    const file = join(dir, 'dump.jsonl');
    const texts = generateCorpus({ seed: 22, bytes: 40_000 }).slice(0, 8);
    writeFileSync(file, texts.map((d) => JSON.stringify({ id: d.id, text: d.raw })).join('\n'));
    const before = (await store.counts()).articles;
    const ingest = runDemarche([
      'ingest',
      file,
      '--queue',
      REDIS,
      '--prefix',
      prefix,
      '--max-waiting',
      '4',
      '--batch',
      '2',
    ]);
    await until(async () => (await waiting(prefix)) === 4, 60, 'the queue to fill');
    expect(await stillPending(ingest, 1500)).toBe(true);
    expect(await waiting(prefix)).toBe(4); // not 8: the rest is not read meanwhile
    const worker = startArticleWorker({ url: REDIS, store, pool, prefix });
    try {
      const run = await ingest;
      expect(run.code).toBe(0);
      expect(run.out).toContain('8 articles enqueued');
      expect(run.err).toMatch(/4 jobs wait for workers \(--max-waiting\); reading paused/);
      await until(async () => (await store.counts()).articles === before + 8, 60, 'eight articles stored');
    } finally {
      await worker.close();
    }
  }, 120_000);
});
