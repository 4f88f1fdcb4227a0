import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/ingest/index.js';
import { StoreError, type ArticleToStore, type Store } from '../../src/store/index.js';
import type { Backend } from './backends.js';
import { analysedDevSet } from './dev-set.js';

const EMPTY = { articles: 0, mentions: 0, people: 0, quotes: 0, events: 0, eventSources: 0 };

/** A copy of a dev article under a new identity (and optionally another URL or date). */
function variant(
  item: ArticleToStore,
  suffix: string,
  patch: { url?: string; published?: string } = {},
): ArticleToStore {
  const raw = `${item.article.raw}\n\n${suffix}`;
  return {
    ...item,
    article: { ...item.article, id: `${item.article.id}-${suffix}`, raw, ...patch },
    contentHash: contentHash(raw),
    canonicalUrl: patch.url ?? null,
  };
}

/**
 * The Store conformance suite (ARCHITECTURE.md habit 8): every adapter must pass it.
 *
 * @example
 * describeStoreConformance(sqliteMemoryBackend());
 */
export function describeStoreConformance(backend: Backend | Promise<Backend>): void {
  describe('Store conformance', () => {
    const opened: Store[] = [];
    let name = '';
    const open = async () => {
      const b = await backend;
      name = b.name;
      const store = await b.open();
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      for (const s of opened) await s.close();
      await (await backend).cleanup();
    });

    it('opens empty, migrates idempotently, and counts nothing', async () => {
      const store = await open();
      expect(await store.counts()).toEqual(EMPTY);
      expect(name).not.toBe('');
    });

    it('stores the dev set once: re-ingesting it adds nothing and counts match the analysis', async () => {
      const { items, counts } = await analysedDevSet();
      expect(items.length).toBeGreaterThanOrEqual(31);
      const store = await open();
      const first = await store.putArticles(items);
      expect(first.filter((o) => o.status === 'stored')).toHaveLength(counts.articles);
      expect(await store.counts()).toEqual(counts);
      expect(counts.events).toBeGreaterThan(20);

      const second = await store.putArticles(items);
      expect(second.every((o) => o.status === 'duplicate' && o.by === 'content-hash')).toBe(true);
      expect(second.map((o) => (o.status === 'duplicate' ? o.id : -1))).toEqual(
        first.map((o) => (o.status === 'stored' ? o.id : -2)),
      );
      expect(await store.counts()).toEqual(counts);

      const known = await store.findKnown([
        ...items.map((i) => ({ contentHash: i.contentHash, canonicalUrl: i.canonicalUrl })),
        { contentHash: 'f'.repeat(64), canonicalUrl: null },
        {
          contentHash: 'e'.repeat(64),
          canonicalUrl: items.find((i) => i.canonicalUrl !== null)!.canonicalUrl,
        },
      ]);
      expect(known.slice(0, items.length).every((id) => typeof id === 'number')).toBe(true);
      expect(known[items.length]).toBeNull();
      expect(typeof known[items.length + 1]).toBe('number');
    });

    it('treats an article with a known canonical URL, or repeated within a batch, as a duplicate', async () => {
      const { items } = await analysedDevSet();
      const seed = items.find((i) => i.article.id === 'seed')!;
      const store = await open();
      const a = variant(seed, 'A', { url: 'https://example.org/news/1' });
      const b = variant(seed, 'B', { url: 'https://example.org/news/1' });
      const c = variant(seed, 'C');
      const out = await store.putArticles([a, a, b, c]);
      expect(out.map((o) => o.status)).toEqual(['stored', 'duplicate', 'duplicate', 'stored']);
      expect(out[1]).toMatchObject({ by: 'content-hash' });
      expect(out[2]).toMatchObject({ by: 'canonical-url' });
      expect((await store.counts()).articles).toBe(2);
    });

    it('reports a bad record as a result and stores the rest of the batch', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      const bad = variant(items[0]!, 'bad', { published: 'last Friday' });
      const out = await store.putArticles([bad, items[1]!]);
      expect(out[0]).toMatchObject({ status: 'invalid', problem: { code: 'INVALID_ARTICLE' } });
      expect(out[1]).toMatchObject({ status: 'stored' });
      expect((await store.counts()).articles).toBe(1);
    });

    it('stores nothing of a batch that fails on a programmer error (one transaction per batch)', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      const broken = { ...items[2]!, contentHash: 'not-a-hash' };
      await expect(store.putArticles([items[0]!, items[1]!, broken])).rejects.toMatchObject({
        name: 'StoreError',
        code: 'STORE_KEY',
      });
      expect(await store.counts()).toEqual(EMPTY);
    });

    it('gives back articles and their events as the output contract has them', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      const seed = items.find((i) => i.article.id === 'seed')!;
      const [put] = await store.putArticles([seed]);
      expect(put?.status).toBe('stored');
      const id = put!.status === 'stored' ? put!.id : -1;

      const got = await store.getArticle(id);
      expect(got.ok && got.value).toMatchObject({
        id,
        docId: 'seed',
        published: '2022-09-30',
        raw: seed.article.raw,
        text: seed.article.text,
        contentHash: seed.contentHash,
      });
      expect(await store.getArticle(id + 1000)).toMatchObject({ ok: false, problem: { code: 'NOT_FOUND' } });

      const events = await store.queryEvents({});
      expect(events.ok).toBe(true);
      if (!events.ok) return;
      const byId = new Map(seed.article.events.map((e) => [e.id, e]));
      expect(events.value).toHaveLength(seed.article.events.length);
      for (const row of events.value) {
        expect(row.event).toEqual(JSON.parse(JSON.stringify(byId.get(row.event.id))));
        expect(row.sources).toEqual([id]);
        expect(row.docId).toBe('seed');
      }
    });

    it('filters events by actor, source, target, type, quad, dates, modality, negation and text', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      await store.putArticles(items);
      const all = items.flatMap((i) => i.article.events.map((e) => ({ e, i })));
      const run = async (filter: Parameters<Store['queryEvents']>[0]) => {
        const r = await store.queryEvents({ limit: 10_000, ...filter });
        if (!r.ok) throw new Error(r.problem.message);
        return r.value.map((x) => x.event.id).sort();
      };
      const expected = (pred: (x: (typeof all)[number]) => boolean) =>
        all
          .filter(pred)
          .map((x) => x.e.id)
          .sort();

      expect(await run({})).toEqual(expected(() => true));
      expect(await run({ source: 'JPN' })).toEqual(expected((x) => x.e.source.code === 'JPN'));
      expect(await run({ target: 'RUS' })).toEqual(expected((x) => x.e.target.code === 'RUS'));
      expect(await run({ actor: 'RUS' })).toEqual(
        expected((x) => x.e.source.code === 'RUS' || x.e.target.code === 'RUS'),
      );
      expect(await run({ type: 'REJECT', quad: 3 })).toEqual(
        expected((x) => x.e.type === 'REJECT' && x.e.quad === 3),
      );
      expect(await run({ quad: 4 })).toEqual(expected((x) => x.e.quad === 4));
      expect(await run({ from: '2022-09-01', to: '2022-09-30' })).toEqual(
        expected((x) => x.e.date !== null && x.e.date >= '2022-09-01' && x.e.date <= '2022-09-30'),
      );
      expect(await run({ modality: 'asserted', negated: false })).toEqual(
        expected((x) => x.e.modality === 'asserted' && !x.e.negated),
      );
      expect(await run({ text: 'Matsuno referendums' })).toEqual(
        expected((x) => /Matsuno/.test(x.i.article.text) && /referendum/i.test(x.i.article.text)),
      );
      expect(await run({ source: 'JPN' })).not.toEqual([]);
      expect(
        (await store.queryEvents({ limit: 2 })).ok && (await store.queryEvents({ limit: 2 })),
      ).toMatchObject({
        value: { length: 2 },
      });

      for (const bad of [
        { from: '30/09/2022' },
        { quad: 7 },
        { type: 'HUG' },
        { text: '?!' },
        { limit: 0 },
      ]) {
        expect(await store.queryEvents(bad as never)).toMatchObject({
          ok: false,
          problem: { code: 'INVALID_FILTER' },
        });
      }
    });

    it('pages through events with the cursor of the last row, in the order of one query', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      await store.putArticles(items);
      const all = await store.queryEvents({ limit: 10_000 });
      if (!all.ok) throw new Error(all.problem.message);
      expect(all.value.some((r) => r.event.date === null)).toBe(true);
      const paged: string[] = [];
      let after: Parameters<Store['queryEvents']>[0]['after'];
      for (;;) {
        const page = await store.queryEvents({ limit: 7, ...(after ? { after } : {}) });
        if (!page.ok) throw new Error(page.problem.message);
        paged.push(...page.value.map((r) => `${r.articleId}:${r.event.id}`));
        if (page.value.length < 7) break;
        after = page.value.at(-1)!.cursor;
      }
      expect(paged).toEqual(all.value.map((r) => `${r.articleId}:${r.event.id}`));

      const seed = all.value.find((r) => r.docId === 'seed')!;
      expect(seed).toMatchObject({ published: '2022-09-30', lang: 'en', title: expect.any(String) });
      const seedActors = items.find((i) => i.article.id === 'seed')!.article.actors;
      const actor = seedActors.find((a) => a.code === seed.event.source.code)!;
      expect(seed.sourceActor).toEqual({ name: actor.name, kind: actor.kind });
      expect(await store.queryEvents({ after: { date: 'yesterday', row: 1 } })).toMatchObject({
        ok: false,
        problem: { code: 'INVALID_FILTER' },
      });
    });

    it('counts events per source, period and type under the query filters', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      await store.putArticles(items);
      const all = items.flatMap((i) => i.article.events.map((e) => ({ e, i })));
      const expected = (pred: (x: (typeof all)[number]) => boolean, len: number) => {
        const m = new Map<string, number>();
        for (const { e } of all.filter(pred)) {
          const key = `${e.source.code}|${e.date?.slice(0, len) ?? '~'}|${e.type}`;
          m.set(key, (m.get(key) ?? 0) + 1);
        }
        return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      };
      const run = async (filter: Parameters<Store['countEvents']>[0], by: 'day' | 'month') => {
        const r = await store.countEvents(filter, by);
        if (!r.ok) throw new Error(r.problem.message);
        return r.value;
      };

      const byMonth = await run({ target: 'RUS' }, 'month');
      expect(byMonth.length).toBeGreaterThan(2);
      expect(byMonth.map((c) => [`${c.source}|${c.period ?? '~'}|${c.type}`, c.count])).toEqual(
        expected((x) => x.e.target.code === 'RUS', 7),
      );
      // Ordered by source, then period with undated last, then type.
      const order = byMonth.map(
        (c) => `${c.source}\u0000${c.period === null ? '~' : c.period}\u0000${c.type}`,
      );
      expect(order).toEqual([...order].sort());
      for (const c of byMonth) expect(c.period === null || /^\d{4}-\d{2}$/.test(c.period)).toBe(true);

      const byDay = await run({ target: 'RUS', from: '2022-09-01' }, 'day');
      expect(byDay.map((c) => [`${c.source}|${c.period ?? '~'}|${c.type}`, c.count])).toEqual(
        expected((x) => x.e.target.code === 'RUS' && x.e.date !== null && x.e.date >= '2022-09-01', 10),
      );
      const withText = await run({ text: 'Matsuno referendums' }, 'month');
      expect(withText.reduce((n, c) => n + c.count, 0)).toBe(
        all.filter((x) => /Matsuno/.test(x.i.article.text) && /referendum/i.test(x.i.article.text)).length,
      );
      expect(await run({ text: 'zzzxqy' }, 'month')).toEqual([]);
      expect(await store.countEvents({ target: 'RUS' }, 'week' as never)).toMatchObject({
        ok: false,
        problem: { code: 'INVALID_FILTER' },
      });
      expect(await store.countEvents({ from: 'soon' }, 'day')).toMatchObject({
        ok: false,
        problem: { code: 'INVALID_FILTER' },
      });
    });

    it('searches titles and texts, stemmed, best first', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      await store.putArticles(items);
      const seedId = (await store.findKnown([items.find((i) => i.article.id === 'seed')!]))[0];
      const hits = await store.searchArticles('Matsuno referendum');
      expect(hits.ok).toBe(true);
      if (!hits.ok) return;
      expect(hits.value.map((h) => h.id)).toContain(seedId);
      const expectedDocs = items
        .filter(
          (i) =>
            /Matsuno/.test(`${i.article.title ?? ''} ${i.article.text}`) &&
            /referendum/i.test(i.article.text),
        )
        .map((i) => i.article.id)
        .sort();
      expect(hits.value.map((h) => h.docId).sort()).toEqual(expectedDocs);
      expect(await store.searchArticles('zzzxqy')).toEqual({ ok: true, value: [] });
      expect(await store.searchArticles('  "*" ')).toMatchObject({
        ok: false,
        problem: { code: 'INVALID_FILTER' },
      });
    });

    it('throws a typed error when used after close', async () => {
      const store = await open();
      await store.close();
      await expect(store.counts()).rejects.toBeInstanceOf(StoreError);
      await expect(store.counts()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    });
  });
}
