import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { createKnownLookup } from '../../src/queue/index.js';
import { openSqliteStore, type ArticleKey, type Store } from '../../src/store/index.js';
import { analyseDocs } from '../store/dev-set.js';
import { recordBatches } from '../support/store-calls.js';

const items = analyseDocs(generateCorpus({ seed: 6, bytes: 20_000 }).map(({ mediaType: _, ...doc }) => doc));

const URL_B = 'https://example.com/news/b';

const unknownKey = (n: number): ArticleKey => ({
  contentHash: n.toString(16).padStart(64, '0'),
  canonicalUrl: null,
});

describe('createKnownLookup', () => {
  let store: Store;
  let ids: number[];
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    expect(items.length).toBeGreaterThanOrEqual(3);
    const outcomes = await store.putArticles([items[0]!, { ...items[1]!, canonicalUrl: URL_B }]);
    ids = outcomes.map((o) => (o.status === 'stored' ? o.id : -1));
  });
  afterEach(async () => {
    await store.close();
  });

  it('asks the store once for the keys asked in one turn, and answers each its own', async () => {
    const spy = recordBatches(store, 'findKnown');
    const known = createKnownLookup(spy.store);
    const a = items[0];
    const found = await Promise.all([
      known.find({ contentHash: a!.contentHash, canonicalUrl: null }),
      known.find(unknownKey(1)),
      // a stored article's canonical URL with another text
      known.find({ contentHash: 'e'.repeat(64), canonicalUrl: URL_B }),
      known.find({ contentHash: items[2]!.contentHash, canonicalUrl: items[2]!.canonicalUrl }),
    ]);
    expect(found).toEqual([ids[0], null, ids[1], null]);
    expect(spy.sizes).toEqual([4]);
    // asked after the answer came: a query of its own
    expect(await known.find(unknownKey(2))).toBeNull();
    expect(spy.sizes).toEqual([4, 1]);
  });

  it('splits what is asked at once into calls of at most `max` keys', async () => {
    const spy = recordBatches(store, 'findKnown');
    const known = createKnownLookup(spy.store, { max: 3 });
    const keys = Array.from({ length: 7 }, (_, n) => unknownKey(n + 10));
    keys[5] = { contentHash: items[0]!.contentHash, canonicalUrl: null };
    const found = await Promise.all(keys.map((k) => known.find(k)));
    expect(found).toEqual([null, null, null, null, null, ids[0], null]);
    expect(spy.sizes).toEqual([3, 3, 1]);
  });

  it('gives the store error to every key of the failed call', async () => {
    const known = createKnownLookup(store);
    await store.close(); // a closed store refuses every call
    const settled = await Promise.allSettled([known.find(unknownKey(1)), known.find(unknownKey(2))]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    store = await openSqliteStore({ path: ':memory:' }); // for afterEach
  });
});
