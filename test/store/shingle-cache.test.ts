import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { createFingerprinter, type Fingerprint } from '../../src/store/dedup/minhash.js';
import { ShingleCache } from '../../src/store/dedup/shingle-cache.js';
import { openSqliteStore, type PutOutcome } from '../../src/store/index.js';
import { analyseDocs } from './dev-set.js';
import { fileTempDir } from '../support/temp-dir.js';

const fingerprinter = createFingerprinter();
const docs = generateCorpus({ seed: 23, bytes: 60_000 });
const fps: Fingerprint[] = docs.slice(0, 4).map((d) => fingerprinter.fingerprint(d.raw));
const candidate = (id: number, fp: Fingerprint) => ({
  articleId: id,
  story: id,
  size: fp.shingles.length,
  signature: fp.bytes,
});

describe('ShingleCache', () => {
  it('answers for the article an entry was made from, and no other under its id', () => {
    const cache = new ShingleCache();
    cache.put(7, fps[0]!);
    expect(cache.get(candidate(7, fps[0]!))).toBe(fps[0]!.shingles);
    expect(cache.get(candidate(8, fps[0]!))).toBeUndefined();
    // the id taken by another text (an SQLite row id after a rollback): a miss, and the entry goes
    expect(cache.get(candidate(7, fps[1]!))).toBeUndefined();
    expect(cache.size.articles).toBe(0);
    expect(cache.get(candidate(7, fps[0]!))).toBeUndefined();
  });

  it('drops the least recently used entries once it holds more shingles than its limit', () => {
    const [a, b, c] = fps.map((fp) => fp.shingles.length);
    const cache = new ShingleCache(a! + b! + c! - 1);
    cache.put(1, fps[0]!);
    cache.put(2, fps[1]!);
    expect(cache.get(candidate(1, fps[0]!))).toBeDefined(); // 1 is now the most recent
    cache.put(3, fps[2]!);
    expect(cache.get(candidate(2, fps[1]!))).toBeUndefined();
    expect(cache.get(candidate(1, fps[0]!))).toBeDefined();
    expect(cache.get(candidate(3, fps[2]!))).toBeDefined();
    expect(cache.size).toEqual({ shingles: a! + c!, articles: 2 });
    // a set larger than the whole cache is not kept, and pushes nothing out
    const tiny = new ShingleCache(10);
    tiny.put(1, fps[0]!);
    expect(tiny.size).toEqual({ shingles: 0, articles: 0 });
  });

  it('putting an id again replaces its entry', () => {
    const cache = new ShingleCache();
    cache.put(1, fps[0]!);
    cache.put(1, fps[1]!);
    expect(cache.size).toEqual({ shingles: fps[1]!.shingles.length, articles: 1 });
    expect(cache.get(candidate(1, fps[1]!))).toBe(fps[1]!.shingles);
  });
});

describe('story clustering with the cache', () => {
  const dir = fileTempDir('demarche-shingles-');
  // stories and their copies (a line added) in later batches, among articles of their own
  const originals = docs.slice(0, 12);
  const copies = originals.map((d, i) => ({
    ...d,
    id: `${d.id}-copy`,
    raw: `${d.raw}\n\nUpdated ${i + 1} times.`,
  }));
  const batches = analyseDocs(
    [
      ...originals.slice(0, 6),
      ...docs.slice(12, 15),
      ...copies.slice(0, 6),
      ...originals.slice(6),
      ...copies.slice(6),
    ].map(({ mediaType: _, ...doc }) => doc),
  ).reduce<ReturnType<typeof analyseDocs>[]>((all, item, i) => {
    if (i % 6 === 0) all.push([]);
    all.at(-1)!.push(item);
    return all;
  }, []);
  const storiesOf = (outcomes: readonly PutOutcome[]) =>
    outcomes.map((o) => (o.status === 'stored' ? o.story : o.status));

  it('assigns the stories that a store reading every candidate from the database assigns', async () => {
    const warm = await openSqliteStore({ path: join(dir, 'warm.db') });
    const withCache: (number | string)[] = [];
    for (const batch of batches) withCache.push(...storiesOf(await warm.putArticles(batch)));
    await warm.close();
    // a store opened afresh for every batch starts with an empty cache: each check reads the text
    const withoutCache: (number | string)[] = [];
    for (const batch of batches) {
      const cold = await openSqliteStore({ path: join(dir, 'cold.db') });
      withoutCache.push(...storiesOf(await cold.putArticles(batch)));
      await cold.close();
    }
    expect(withCache).toEqual(withoutCache);
    // every copy joined its original's story
    const ids = new Map<string, number | string>();
    batches.flat().forEach((item, i) => ids.set(item.article.id, withCache[i]!));
    for (const d of copies) expect(ids.get(d.id)).toBe(ids.get(d.id.replace(/-copy$/, '')));
    expect(new Set(originals.map((d) => ids.get(d.id))).size).toBe(originals.length);
  });
});
