import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openPostgresStore,
  type ArticleToStore,
  type PutOutcome,
  type Store,
} from '../../src/store/index.js';
import { findPostgres } from './backends.js';
import { analyseDocs, analysedDevSet, seedWithCopies } from './dev-set.js';

const RUN = `${process.pid}_${Date.now().toString(36)}`;
const server = await findPostgres();

/**
 * What a store holds, comparable across stores whichever writer came first: each event as the
 * reports merged into it and its counts (its id, document and evidence are its first report's).
 */
async function eventSummary(store: Store) {
  const rows = await store.queryEvents({ limit: 100_000 });
  if (!rows.ok) throw new Error(rows.problem.message);
  return rows.value
    .map((r) => ({
      sources: r.sources.map((s) => `${s.docId}:${s.eventId}`).sort(),
      counts: [r.articles, r.outlets, r.stories],
    }))
    .sort((a, b) => (a.sources.join() < b.sources.join() ? -1 : a.sources.join() > b.sources.join() ? 1 : 0));
}

/** The story an article is filed under now (outcomes give it as of the article's own batch). */
async function storyOf(store: Store, id: number) {
  const found = await store.getArticle(id);
  if (!found.ok) throw new Error(found.problem.message);
  return found.value.story;
}

const idOf = (o: PutOutcome) => (o.status === 'stored' || o.status === 'duplicate' ? o.id : null);

/**
 * Two writers on one Postgres store at once, as two queue workers are: a batch writes its own rows
 * before it takes the store's batch lock, and clusters stories and merges events after, so the
 * writers overlap on the first part and take turns on the second.
 */
describe.runIf(server !== null)('Two writers on one Postgres store at once', () => {
  const schemas: string[] = [];
  const stores: Store[] = [];
  const open = async (schema: string) => {
    const store = await openPostgresStore({ url: server!, schema });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
    const client = new pg.Client({ connectionString: server! });
    await client.connect();
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  });

  it('store each article once, copies in their story, and the events one writer alone stores', async () => {
    const [seed, copyA, copyB] = seedWithCopies() as [ArticleToStore, ArticleToStore, ArticleToStore];
    const { items: dev, counts } = await analysedDevSet();
    const others = dev.filter((i) => i.article.id !== seed.article.id);
    // each writer's batches, starting together: the seed on one side and its copies on the other
    // (without the lock, each would cluster without seeing the other), a copy and some
    // dev articles on both sides (the second insert waits on the unique index, then is a duplicate)
    const half = others.length >> 1;
    const first: ArticleToStore[][] = [[seed, ...others.slice(0, 4)], [copyB], others.slice(4, half), others];
    const second: ArticleToStore[][] = [[copyA, copyB, ...others.slice(half, half + 4)], others.slice(half)];

    const schema = `demarche_concurrent_${RUN}`;
    schemas.push(schema);
    const a = await open(schema);
    const b = await open(schema);
    const write = async (store: Store, batches: ArticleToStore[][]) => {
      const out: [ArticleToStore, PutOutcome][] = [];
      for (const batch of batches) {
        const outcomes = await store.putArticles(batch);
        batch.forEach((item, i) => out.push([item, outcomes[i]!]));
      }
      return out;
    };
    const outcomes = (await Promise.all([write(a, first), write(b, second)])).flat();

    // one id per content hash, whichever writer stored it, and every item stored or a duplicate
    const ids = new Map<string, Set<number | null>>();
    for (const [item, outcome] of outcomes) {
      expect(['stored', 'duplicate']).toContain(outcome.status);
      (ids.get(item.contentHash) ?? ids.set(item.contentHash, new Set()).get(item.contentHash)!).add(
        idOf(outcome),
      );
    }
    for (const set of ids.values()) expect(set.size).toBe(1);
    const stored = outcomes.filter(([, o]) => o.status === 'stored');
    expect(stored).toHaveLength(counts.articles + 2);
    // the seed and its copies in one story, whichever batch clustered first: the second to take the
    // lock sees the first's articles, committed
    const idFor = (item: ArticleToStore) => idOf(stored.find(([i]) => i === item)![1])!;
    const story = await storyOf(a, idFor(seed));
    expect(await storyOf(b, idFor(copyA))).toBe(story);
    expect(await storyOf(b, idFor(copyB))).toBe(story);
    expect(await a.counts()).toMatchObject({ articles: counts.articles + 2, stories: counts.articles });

    // the same events, sources and counts as one writer storing every article in one go
    const schemaAlone = `demarche_concurrent_${RUN}_alone`;
    schemas.push(schemaAlone);
    const alone = await open(schemaAlone);
    await alone.putArticles([seed, copyA, copyB, ...others]);
    expect(await eventSummary(b)).toEqual(await eventSummary(alone));
  });
  it('write a batch again when Postgres ends it to break a deadlock with another writer', async () => {
    // two articles at two URLs, written in content-hash order; another writer holds a new,
    // uncommitted row at the second one's URL, and then adds one at the first one's URL: each waits
    // on the other, and Postgres ends the batch (it waited first)
    const items = analyseDocs([
      {
        id: 'deadlock-one',
        url: 'https://wire.example.com/a/ministers-meet',
        raw: 'Ministers meet\n\nThe foreign ministers of France and Germany met in Paris on Monday.',
      },
      {
        id: 'deadlock-two',
        url: 'https://wire.example.com/b/talks-resume',
        raw: 'Talks resume\n\nNegotiators from Kenya and Ethiopia resumed talks in Nairobi on Tuesday.',
      },
    ]).sort((x, y) => (x.contentHash < y.contentHash ? -1 : 1));
    const [first, second] = items as [ArticleToStore, ArticleToStore];

    const schema = `demarche_deadlock_${RUN}`;
    schemas.push(schema);
    const store = await open(schema);
    const other = new pg.Client({ connectionString: server! });
    await other.connect();
    const watch = new pg.Client({ connectionString: server! });
    await watch.connect();
    try {
      await other.query(`set search_path to "${schema}"`);
      const otherRow = (url: string, hash: string) =>
        other.query(
          `insert into articles (doc_id, lang, content_hash, canonical_url, raw, text, credits, edits,
             actors, diagnostics, ingested_at) values ($1, 'en', $2, $3, '', '', '[]', '[]', '[]', '[]', '')
           returning id`,
          [`other-${hash}`, `other-${hash}`, url],
        );
      await other.query('begin');
      const atSecond = Number((await otherRow(second.canonicalUrl!, 'b')).rows[0].id);

      const writing = store.putArticles([second, first]);
      void writing.catch(() => undefined); // awaited below, after the other writer's turn
      // the batch has inserted the first article and waits on the other writer's row
      for (let waited = 0; ; waited += 10) {
        const { rows } = await watch.query(
          `select count(*)::int as n from pg_stat_activity
           where wait_event_type = 'Lock' and query like 'insert into articles%'`,
        );
        if (rows[0].n > 0) break;
        if (waited > 10_000) throw new Error('the batch never waited on the other writer');
        await new Promise((done) => setTimeout(done, 10));
      }
      const atFirst = Number((await otherRow(first.canonicalUrl!, 'a')).rows[0].id);
      await other.query('commit');

      // the batch was rolled back and written again: both URLs are the other writer's now
      expect(await writing).toEqual([
        { status: 'duplicate', id: atSecond, by: 'canonical-url' },
        { status: 'duplicate', id: atFirst, by: 'canonical-url' },
      ]);
      expect((await store.counts()).articles).toBe(2);
    } finally {
      await other.end();
      await watch.end();
    }
  });
});
