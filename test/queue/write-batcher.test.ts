import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { createWriteBatcher } from '../../src/queue/index.js';
import { openSqliteStore, type ArticleToStore, type Store } from '../../src/store/index.js';
import { analyseDocs } from '../store/dev-set.js';
import { recordBatches } from '../support/store-calls.js';

const items = analyseDocs(generateCorpus({ seed: 5, bytes: 40_000 }).map(({ mediaType: _, ...doc }) => doc));

describe('createWriteBatcher', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes articles put at once in batches of at most `max`, each stored once', async () => {
    expect(items.length).toBeGreaterThanOrEqual(8);
    const spy = recordBatches(store, 'putArticles');
    const batcher = createWriteBatcher(spy.store, { max: 3, waitMs: 5 });
    const outcomes = await Promise.all(items.slice(0, 8).map((item) => batcher.put(item)));
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill('stored'));
    expect(spy.sizes).toEqual([3, 3, 2]);
    expect((await store.counts()).articles).toBe(8);
    // the same articles again: duplicates, nothing added
    const again = await Promise.all(items.slice(0, 8).map((item) => batcher.put(item)));
    expect(again.map((o) => o.status)).toEqual(Array(8).fill('duplicate'));
    expect((await store.counts()).articles).toBe(8);
  });

  it('waits up to waitMs for a batch to fill, then writes what it has', async () => {
    const spy = recordBatches(store, 'putArticles');
    const batcher = createWriteBatcher(spy.store, { max: 100, waitMs: 10 });
    const first = batcher.put(items[0]!);
    await new Promise((r) => setTimeout(r, 2));
    const second = batcher.put(items[1]!);
    await Promise.all([first, second]);
    expect(spy.sizes).toEqual([2]);
    await batcher.drain();
  });

  it('fails only the article the store refuses; its batch neighbours are stored', async () => {
    const spy = recordBatches(store, 'putArticles');
    const batcher = createWriteBatcher(spy.store, { max: 4, waitMs: 5 });
    // a content hash that is not a SHA-256 makes the whole putArticles call throw
    const poison: ArticleToStore = { ...items[1]!, contentHash: 'not-a-hash' };
    const empty: ArticleToStore = {
      ...items[2]!,
      article: { ...items[2]!.article, raw: '  ' },
      contentHash: 'f'.repeat(64),
    };
    const settled = await Promise.allSettled([
      batcher.put(items[0]!),
      batcher.put(poison),
      batcher.put(empty),
      batcher.put(items[3]!),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'STORE_KEY' });
    const statuses = settled.map((s) => (s.status === 'fulfilled' ? s.value.status : 'error'));
    expect(statuses).toEqual(['stored', 'error', 'invalid', 'stored']);
    // one batch that threw, then each article alone
    expect(spy.sizes).toEqual([4, 1, 1, 1, 1]);
    expect((await store.counts()).articles).toBe(2);
  });

  it('writes a full batch beside the one being written, two at most; a partial one waits for both', async () => {
    // putArticles held open until the test lets each call go, in order
    const gates: (() => void)[] = [];
    const sizes: number[] = [];
    const held = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'putArticles')
          return async (batch: readonly ArticleToStore[]) => {
            sizes.push(batch.length);
            await new Promise<void>((go) => gates.push(go));
            return target.putArticles(batch);
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const settle = () => new Promise((r) => setTimeout(r, 40)); // well past waitMs
    const batcher = createWriteBatcher(held, { max: 2, waitMs: 5, parallel: 2 });
    const outcomes = Promise.all(items.slice(0, 7).map((item) => batcher.put(item)));
    await settle();
    expect(sizes).toEqual([2, 2]); // the third full batch waits: two are being written
    gates[0]!();
    await settle();
    expect(sizes).toEqual([2, 2, 2]); // it goes once one is done; the seventh article waits
    gates[1]!();
    await settle();
    expect(sizes).toEqual([2, 2, 2]); // not yet: a batch is being written and this one is not full
    gates[2]!();
    await settle();
    expect(sizes).toEqual([2, 2, 2, 1]); // nothing is being written: it goes after waitMs
    gates[3]!();
    expect((await outcomes).map((o) => o.status)).toEqual(Array(7).fill('stored'));
    expect((await store.counts()).articles).toBe(7);
  });

  it('drain writes what waits before the timer', async () => {
    const batcher = createWriteBatcher(store, { max: 100, waitMs: 60_000 });
    const pending = Promise.all(items.slice(0, 2).map((item) => batcher.put(item)));
    await batcher.drain();
    expect((await pending).map((o) => o.status)).toEqual(['stored', 'stored']);
  });
});
