import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/ingest/index.js';
import {
  StoreError,
  type ArticleToStore,
  type CountKey,
  type EventCount,
  type Store,
} from '../../src/store/index.js';
import type { Backend } from './backends.js';
import { analyseDocs, analysedDevSet, seedParts, seedWithCopies } from './dev-set.js';

const EMPTY = { articles: 0, mentions: 0, people: 0, quotes: 0, events: 0, eventSources: 0, stories: 0 };

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

    it('times its batch writes, and the part of them that holds the lock writers queue for', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      expect(store.writeTimes()).toEqual({ batches: 0, articles: 0, writingMs: 0, lockedMs: 0 });
      await store.putArticles(items.slice(0, 10));
      await store.putArticles(items.slice(5)); // five duplicates: records all the same
      const times = store.writeTimes();
      expect(times).toMatchObject({ batches: 2, articles: items.length + 5 });
      expect(times.lockedMs).toBeGreaterThan(0);
      // SQLite's write lock spans the transaction; Postgres's batch lock is taken once a batch
      // has inserted its own rows
      if (store.dialect === 'sqlite') expect(times.lockedMs).toBe(times.writingMs);
      else expect(times.lockedMs).toBeLessThan(times.writingMs);
      // a copy: the store's own figures are not changed through it
      (times as { batches: number }).batches = 99;
      expect(store.writeTimes().batches).toBe(2);
    });

    it('stores the dev set once: re-ingesting it adds nothing and counts match the analysis', async () => {
      const { items, counts } = await analysedDevSet();
      expect(items.length).toBeGreaterThanOrEqual(31);
      const store = await open();
      const first = await store.putArticles(items);
      expect(first.filter((o) => o.status === 'stored')).toHaveLength(counts.articles);
      const stored = await store.counts();
      expect(stored).toMatchObject(counts);
      expect(stored.events).toBeGreaterThan(20);
      expect(stored.events).toBeLessThanOrEqual(stored.eventSources);
      // Unrelated articles never fall into one story cluster: each starts its own.
      for (const o of first) expect(o.status === 'stored' && o.story === o.id).toBe(true);

      const second = await store.putArticles(items);
      expect(second.every((o) => o.status === 'duplicate' && o.by === 'content-hash')).toBe(true);
      expect(second.map((o) => (o.status === 'duplicate' ? o.id : -1))).toEqual(
        first.map((o) => (o.status === 'stored' ? o.id : -2)),
      );
      expect(await store.counts()).toEqual(stored);

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
        const event = byId.get(row.event.id)!;
        expect(row.event).toEqual(JSON.parse(JSON.stringify(event)));
        expect(row.sources).toEqual([
          {
            articleId: id,
            docId: 'seed',
            url: null, // the seed has no URL, so no outlet either
            outlet: null,
            published: '2022-09-30',
            story: id,
            eventId: event.id,
            date: event.date,
            trigger: { span: event.trigger.span },
            evidence: event.evidence,
          },
        ]);
        expect(row).toMatchObject({ docId: 'seed', articles: 1, outlets: 1, stories: 1 });
      }
    });

    it('links syndicated copies into one story: each of their events is stored once, with three sources', async () => {
      const items = seedWithCopies();
      const { lead } = seedParts();
      const store = await open();
      const out = await store.putArticles(items);
      expect(out.map((o) => o.status)).toEqual(['stored', 'stored', 'stored']);
      const ids = out.map((o) => (o.status === 'stored' ? o.id : -1));
      expect(out.map((o) => o.status === 'stored' && o.story)).toEqual([ids[0], ids[0], ids[0]]);
      for (const id of ids)
        expect(await store.getArticle(id)).toMatchObject({ ok: true, value: { story: ids[0] } });
      expect((await store.counts()).stories).toBe(1);

      const rows = await store.queryEvents({ limit: 10_000 });
      if (!rows.ok) throw new Error(rows.problem.message);
      const [seed, ...copies] = items.map((i) => i.article);
      // The copies' leads report nothing; every event they report is one of the seed's body events.
      expect(copies[0]!.events.length).toBeGreaterThan(5);
      for (const [n, copy] of copies.entries()) {
        expect(out[n + 1]).toMatchObject({ events: copy.events.length, merged: copy.events.length });
        for (const e of copy.events) {
          const row = rows.value.filter((r) =>
            r.sources.some((s) => s.docId === copy.id && s.eventId === e.id),
          );
          expect(row).toHaveLength(1);
          expect(row[0]).toMatchObject({ articles: 3, outlets: 3, stories: 1 });
          expect(row[0]!.sources.map((s) => s.docId).sort()).toEqual([
            'seed',
            'seed-wire-copy-a',
            'seed-wire-copy-b',
          ]);
          // Shown as the best-ranked report: same date and publication day, so the smallest contract id.
          expect(row[0]!.event.id).toBe(row[0]!.sources.map((s) => s.eventId).sort()[0]);
        }
      }
      // Each event once: the copies added none; only the seed's headline and lead events have one source.
      expect(rows.value).toHaveLength(seed!.events.length);
      expect(rows.value.filter((r) => r.articles === 3)).toHaveLength(copies[0]!.events.length);
      for (const r of rows.value.filter((x) => x.articles !== 3)) {
        expect(r).toMatchObject({ articles: 1, docId: 'seed' });
        expect(lead).toContain(r.event.evidence.sentence.slice(0, 40));
      }
    });

    it('gives the same events, ids and sources whatever the order and batching of the articles', async () => {
      const items = seedWithCopies();
      const summary = async (batches: ArticleToStore[][]) => {
        const store = await open();
        for (const b of batches) await store.putArticles(b);
        const rows = await store.queryEvents({ limit: 10_000 });
        if (!rows.ok) throw new Error(rows.problem.message);
        expect((await store.counts()).stories).toBe(1);
        return rows.value
          .map((r) => ({
            event: r.event,
            docId: r.docId,
            sources: r.sources.map((s) => `${s.docId}:${s.eventId}`).sort(),
            counts: [r.articles, r.outlets, r.stories],
          }))
          .sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
      };
      const together = await summary([items]);
      expect(await summary([[items[2]!], [items[1]!], [items[0]!]])).toEqual(together);
      expect(await summary([[items[1]!, items[0]!], [items[2]!]])).toEqual(together);
    });

    it('merges reports of one event across stories only when dated within a day of each other', async () => {
      const store = await open();
      const [a, b, c, d, e] = analyseDocs([
        { id: 'cond-a', published: '2022-09-30', raw: 'Japan condemned Russia on Friday.\n' },
        {
          id: 'cond-b',
          published: '2022-10-01',
          url: 'https://other.example.com/b',
          raw: 'Japan condemned Russia on Saturday.\n',
        },
        { id: 'cond-c', published: '2022-10-05', raw: 'Japan condemned Russia on Wednesday.\n' },
        { id: 'cond-d', raw: 'Japan condemned Russia.\n' },
        { id: 'cond-e', published: '2022-09-30', raw: 'Japan will condemn Russia on Friday.\n' },
      ]);
      for (const x of [a, b, c, d]) expect(x!.article.events.map((ev) => ev.type)).toEqual(['ACCUSE']);
      await store.putArticles([b!]);
      await store.putArticles([a!, c!, d!, e!]);
      const rows = await store.queryEvents({ source: 'JPN', target: 'RUS' });
      if (!rows.ok) throw new Error(rows.problem.message);
      const byDocs = rows.value.map((r) => [r.event.date, r.sources.map((s) => s.docId).join('+')]);
      expect(byDocs.filter(([, docs]) => docs !== 'cond-e')).toEqual([
        ['2022-09-30', 'cond-a+cond-b'],
        ['2022-10-05', 'cond-c'],
        [null, 'cond-d'],
      ]);
      const merged = rows.value[0]!;
      // Shown as the earliest-published report, whichever was stored first.
      expect(merged).toMatchObject({ docId: 'cond-a', articles: 2, outlets: 2, stories: 2 });
      expect(merged.event.id).toBe(a!.article.events[0]!.id);
      expect(merged.sources.map((s) => s.date)).toEqual(['2022-09-30', '2022-10-01']);
      // A future-tense report is another fact, never merged with the asserted one.
      for (const ev of e!.article.events) expect(ev.modality).not.toBe('asserted');
      const counted = await store.countEvents(
        { source: 'JPN', target: 'RUS', type: 'ACCUSE', modality: 'asserted' },
        { reports: true },
      );
      expect(
        counted.ok && counted.value.find((x) => x.period === '2022-09' && x.type === 'ACCUSE'),
      ).toMatchObject({
        count: 1,
        articles: 2,
        stories: 2,
      });
    });

    it('filters events by actor, source, target, type, quad, dates, modality, negation and text', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      await store.putArticles(items);
      const run = async (filter: Parameters<Store['queryEvents']>[0]) => {
        const r = await store.queryEvents({ limit: 10_000, ...filter });
        if (!r.ok) throw new Error(r.problem.message);
        return r.value.map((x) => x.cursor.row).sort((a, b) => a - b);
      };
      // Every analysed event is reported exactly once, by the article that found it.
      const everything = await store.queryEvents({ limit: 10_000 });
      if (!everything.ok) throw new Error(everything.problem.message);
      const reported = everything.value.flatMap((r) => r.sources.map((s) => `${s.docId}:${s.eventId}`));
      expect(reported.sort()).toEqual(
        items.flatMap((i) => i.article.events.map((e) => `${i.article.id}:${e.id}`)).sort(),
      );
      // A filter holds for an event when it holds for its representative report (text: for any report).
      const textOf = new Map(items.map((i) => [i.article.id, i.article.text]));
      const all = everything.value.map((r) => ({
        e: r.event,
        row: r.cursor.row,
        docs: r.sources.map((s) => s.docId),
      }));
      const expected = (pred: (x: (typeof all)[number]) => boolean) =>
        all
          .filter(pred)
          .map((x) => x.row)
          .sort((a, b) => a - b);
      const mentions = (x: (typeof all)[number]) =>
        x.docs.some((d) => /Matsuno/.test(textOf.get(d)!) && /referendum/i.test(textOf.get(d)!));

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
      expect(await run({ text: 'Matsuno referendums' })).toEqual(expected(mentions));
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
      const everything = await store.queryEvents({ limit: 10_000 });
      if (!everything.ok) throw new Error(everything.problem.message);
      const all = everything.value;
      const textOf = new Map(items.map((i) => [i.article.id, i.article.text]));
      const expected = (pred: (x: (typeof all)[number]) => boolean, len: number) => {
        const m = new Map<string, [number, number, number]>();
        for (const x of all.filter(pred)) {
          const e = x.event;
          const key = `${e.source.code}|${e.date?.slice(0, len) ?? '~'}|${e.type}`;
          const [n, articles, stories] = m.get(key) ?? [0, 0, 0];
          m.set(key, [n + 1, articles + x.articles, stories + x.stories]);
        }
        return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      };
      const run = async (filter: Parameters<Store['countEvents']>[0], by: 'day' | 'month') => {
        const r = await store.countEvents(filter, { period: by, reports: true });
        if (!r.ok) throw new Error(r.problem.message);
        return r.value;
      };
      const keyed = (counts: EventCount[]) =>
        counts.map((c) => [`${c.source}|${c.period ?? '~'}|${c.type}`, [c.count, c.articles, c.stories]]);

      const byMonth = await run({ target: 'RUS' }, 'month');
      expect(byMonth.length).toBeGreaterThan(2);
      expect(keyed(byMonth)).toEqual(expected((x) => x.event.target.code === 'RUS', 7));
      // Ordered by source, then period with undated last, then type.
      const order = byMonth.map(
        (c) => `${c.source}\u0000${c.period === null ? '~' : c.period}\u0000${c.type}`,
      );
      expect(order).toEqual([...order].sort());
      for (const c of byMonth) expect(c.period === null || /^\d{4}-\d{2}$/.test(c.period)).toBe(true);

      const byDay = await run({ target: 'RUS', from: '2022-09-01' }, 'day');
      expect(keyed(byDay)).toEqual(
        expected(
          (x) => x.event.target.code === 'RUS' && x.event.date !== null && x.event.date >= '2022-09-01',
          10,
        ),
      );
      const withText = await run({ text: 'Matsuno referendums' }, 'month');
      expect(withText.reduce((n, c) => n + c.count, 0)).toBe(
        all.filter((x) =>
          x.sources.some(
            (s) => /Matsuno/.test(textOf.get(s.docId)!) && /referendum/i.test(textOf.get(s.docId)!),
          ),
        ).length,
      );
      expect(await run({ text: 'zzzxqy' }, 'month')).toEqual([]);
      expect(await store.countEvents({ target: 'RUS' }, { period: 'week' as never })).toMatchObject({
        ok: false,
        problem: { code: 'INVALID_FILTER' },
      });
      expect(await store.countEvents({ from: 'soon' }, { period: 'day' })).toMatchObject({
        ok: false,
        problem: { code: 'INVALID_FILTER' },
      });
    });

    it('answers counts from the monthly rollup exactly as from the events, after batches that merge', async () => {
      const { items } = await analysedDevSet();
      const store = await open();
      const conds = analyseDocs([
        {
          id: 'roll-b',
          published: '2022-10-01',
          url: 'https://b.example.com/1',
          raw: 'Japan condemned Russia on Saturday.\n',
        },
        { id: 'roll-a', published: '2022-09-30', raw: 'Japan condemned Russia on Friday.\n' },
        { id: 'roll-c', published: '2022-10-05', raw: 'Japan condemned Russia on Wednesday.\n' },
        { id: 'roll-d', raw: 'Japan condemned Russia.\n' },
        { id: 'roll-e', published: '2022-09-30', raw: 'Japan will condemn Russia on Friday.\n' },
      ]);
      const copies = seedWithCopies();
      // Several batches: a report dated 2022-10-01 first, then an earlier-published one that becomes
      // its event's representative and moves it to 2022-09; copies of the seed join its events.
      const batches = [
        [conds[0]!, ...items.slice(0, 10)],
        [copies[1]!, conds[1]!, conds[3]!],
        [...items.slice(10), conds[2]!],
        [copies[0]!, copies[2]!, conds[4]!],
      ];
      for (const batch of batches) await store.putArticles(batch);
      const moved = await store.queryEvents({
        source: 'JPN',
        target: 'RUS',
        type: 'ACCUSE',
        modality: 'asserted',
      });
      if (!moved.ok) throw new Error(moved.problem.message);
      expect(moved.value.find((r) => r.docId === 'roll-a')).toMatchObject({
        articles: 2,
        event: { date: '2022-09-30' },
      });
      expect((await store.counts()).eventSources).toBeGreaterThan((await store.counts()).events);

      const everything = await store.queryEvents({ limit: 10_000 });
      if (!everything.ok) throw new Error(everything.problem.message);
      const all = everything.value.map((r) => r.event);
      type Dim = 'source' | 'target' | 'period';
      /** The counts computed here from the events' representative fields. */
      const expected = (pred: (e: (typeof all)[number]) => boolean, by: readonly Dim[]) => {
        const m = new Map<string, { key: string[]; count: number; goldstein: number }>();
        for (const e of all.filter(pred)) {
          const key = [
            by.includes('source') ? e.source.code : '',
            by.includes('target') ? e.target.code : '',
            by.includes('period') ? (e.date?.slice(0, 7) ?? '~') : '',
            e.type,
          ];
          const id = key.join('|');
          const g = m.get(id) ?? m.set(id, { key, count: 0, goldstein: 0 }).get(id)!;
          g.count += 1;
          g.goldstein += e.goldstein;
        }
        return [...m.values()]
          .sort((a, b) => (a.key.join('\u0000') < b.key.join('\u0000') ? -1 : 1))
          .map((g) => [g.key.join('|'), g.count, Math.round(g.goldstein * 100) / 100]);
      };
      const keyed = (counts: EventCount[], by: readonly Dim[]) =>
        counts.map((c) => [
          [
            by.includes('source') ? c.source : '',
            by.includes('target') ? c.target : '',
            by.includes('period') ? (c.period ?? '~') : '',
            c.type,
          ].join('|'),
          c.count,
          c.goldstein,
        ]);
      const inRange = (from: string | null, to: string | null) => (e: (typeof all)[number]) =>
        e.date !== null && (from === null || e.date >= from) && (to === null || e.date <= to);
      const filters: [Parameters<Store['countEvents']>[0], (e: (typeof all)[number]) => boolean][] = [
        [{}, () => true],
        [{ target: 'RUS' }, (e) => e.target.code === 'RUS'],
        [{ source: 'JPN' }, (e) => e.source.code === 'JPN'],
        [{ actor: 'RUS' }, (e) => e.source.code === 'RUS' || e.target.code === 'RUS'],
        [{ type: 'ACCUSE', quad: 3 }, (e) => e.type === 'ACCUSE' && e.quad === 3],
        [{ modality: 'asserted', negated: false }, (e) => e.modality === 'asserted' && !e.negated],
        [{ from: '2022-09-01', to: '2022-09-30' }, inRange('2022-09-01', '2022-09-30')],
        [{ from: '2022-10-01' }, inRange('2022-10-01', null)],
        [{ to: '2022-09-30' }, inRange(null, '2022-09-30')],
        // Bounds inside a month: answered from the events.
        [{ from: '2022-09-30', to: '2022-10-01' }, inRange('2022-09-30', '2022-10-01')],
      ];
      const shapes: Dim[][] = [['source', 'period'], ['period'], ['source', 'target'], ['target'], []];
      for (const [i, [filter, pred]] of filters.entries())
        for (const by of shapes) {
          const rollup = await store.countEvents(filter, { by });
          const events = await store.countEvents(filter, { by, reports: true });
          if (!rollup.ok || !events.ok) throw new Error('count refused');
          const want = expected(pred, by);
          expect(keyed(rollup.value, by), JSON.stringify({ filter, by })).toEqual(want);
          expect(keyed(events.value, by), JSON.stringify({ filter, by })).toEqual(want);
          expect(rollup.value).toEqual(events.value.map((c) => ({ ...c, articles: 0, stories: 0 })));
          // Paged by two groups, each page after the last group of the one before: the same answer.
          if (i > 3) continue;
          for (const whole of [rollup.value, events.value]) {
            const reports = whole === events.value;
            const pages: EventCount[] = [];
            let after: CountKey | undefined;
            for (;;) {
              const page = await store.countEvents(filter, {
                by,
                reports,
                limit: 2,
                ...(after && { after }),
              });
              if (!page.ok) throw new Error(page.problem.message);
              pages.push(...page.value);
              const groups = new Set(page.value.map((c) => `${c.source}|${c.target}|${c.period}`));
              expect(groups.size).toBeLessThanOrEqual(2);
              if (groups.size < 2) break;
              const { source, target, period } = page.value.at(-1)!;
              after = { source, target, period };
            }
            expect(pages, JSON.stringify({ filter, by, reports })).toEqual(whole);
          }
        }
      expect(all.some((e) => e.date === null)).toBe(true);
      expect(all.some((e) => e.date?.startsWith('2022-10'))).toBe(true);
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
