import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { createAnalysisPool, type AnalysisPool } from '../../src/pool/index.js';
import { QUEUE_NAME, openProducer, redisConnection, startArticleWorker } from '../../src/queue/index.js';
import { openSqliteStore, type ArticleToStore, type Store } from '../../src/store/index.js';

const REDIS = process.env['DEMARCHE_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
const PREFIX = `demarche-test-overlap-${process.pid}-${Date.now().toString(36)}`;
/** Twelve articles: three full batches of the default size for 8 jobs at once. */
const docs = generateCorpus({ seed: 11, bytes: 60_000 }).slice(0, 12);

/** Polls until `done` holds or `ms` pass; says which. */
async function within(ms: number, done: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return done();
}

describe('startArticleWorker', () => {
  let store: Store;
  let pool: AnalysisPool;
  beforeAll(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    pool = createAnalysisPool({ threads: 1 });
    await pool.ready();
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(REDIS), prefix: PREFIX });
    await queue.obliterate({ force: true });
    await queue.close();
  }, 60_000);

  it('by default goes on analysing the next articles while a batch is written', async () => {
    expect(docs).toHaveLength(12);
    // the real pool and store, watched: how many articles the pool has analysed, and the batches
    // written; the first write is held until the pool analyses more than that batch (or 20 s pass)
    let analysed = 0;
    const watchedPool = new Proxy(pool, {
      get(target, key, receiver) {
        if (key === 'analyse')
          return async (doc: Parameters<AnalysisPool['analyse']>[0]) => {
            const outcome = await target.analyse(doc);
            analysed++;
            return outcome;
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const batches: number[] = [];
    let analysedDuringFirstWrite = -1;
    const watchedStore = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'putArticles')
          return async (batch: readonly ArticleToStore[]) => {
            batches.push(batch.length);
            if (batches.length === 1) {
              const before = analysed;
              await within(20_000, () => analysed > before);
              analysedDuringFirstWrite = analysed - before;
            }
            return target.putArticles(batch);
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const producer = openProducer(REDIS, { prefix: PREFIX });
    await producer.add(docs.map((doc, i) => ({ doc, origin: `overlap:${i + 1}` })));
    await producer.close();
    // batches are written only when full (a long wait for stragglers), so that the first one is a
    // full batch of the default size for 8 jobs at once
    const worker = startArticleWorker({
      url: REDIS,
      store: watchedStore,
      pool: watchedPool,
      prefix: PREFIX,
      concurrency: 8,
      batchWaitMs: 60_000,
    });
    try {
      expect(await within(60_000, () => batches.length > 0 && analysedDuringFirstWrite >= 0)).toBe(true);
      expect(batches[0]).toBe(4);
      expect(analysedDuringFirstWrite).toBeGreaterThan(0);
      expect(await within(60_000, () => batches.length === 3)).toBe(true);
    } finally {
      await worker.close();
    }
    // the first batch was held, not lost: every article is stored once
    expect(batches).toEqual([4, 4, 4]);
    expect((await store.counts()).articles).toBe(12);
  }, 120_000);
});
