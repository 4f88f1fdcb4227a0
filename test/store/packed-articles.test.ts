import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { packArticle, unpackArticle, type Article } from '../../src/core/index.js';
import { openReadModel } from '../../src/interfaces/http/index.js';
import { toAnalysed } from '../../src/pool/index.js';
import { openStore, type ArticleToStore } from '../../src/store/index.js';
import { findPostgres } from './backends.js';
import { analysedDevSet } from './dev-set.js';

/**
 * The dev set as a pool thread hands it over: each article unpacked from its packed form, with the
 * JSON texts of its stored-whole fields beside it (`AnalysisOutcome.json`).
 */
async function packedDevSet(): Promise<{ plain: ArticleToStore[]; packed: ArticleToStore[] }> {
  const { items } = await analysedDevSet();
  const plain = items.map((i) => ({ ...i, article: toAnalysed(i.article as Article) }));
  const packed = plain.map((i) => {
    const sent = structuredClone(packArticle(i.article));
    return { ...i, article: unpackArticle(sent.article, sent.json), json: sent.json };
  });
  return { plain, packed };
}

/** Every stored article as the API shows it (ids and ingestion times aside), in storing order. */
async function readBack(target: string): Promise<unknown[]> {
  const reads = await openReadModel(target);
  try {
    const list = await reads.listArticles({ limit: 100 });
    const details = await Promise.all(list.map((a) => reads.articleDetail(a.id)));
    return JSON.parse(
      JSON.stringify(details, (key, value: unknown) =>
        key === 'id' || key === 'articleId' || key === 'ingestedAt' || key === 'story' ? undefined : value,
      ),
    ) as unknown[];
  } finally {
    await reads.close();
  }
}

/** Stores the plain and the packed dev set in two fresh databases and reads both back. */
async function storeBoth(targets: readonly [string, string]): Promise<[unknown[], unknown[]]> {
  const { plain, packed } = await packedDevSet();
  const out: unknown[][] = [];
  for (const [target, items] of [
    [targets[0], plain],
    [targets[1], packed],
  ] as const) {
    const store = await openStore(target);
    const outcomes = await store.putArticles(items);
    expect(outcomes.every((o) => o.status === 'stored' || o.status === 'duplicate')).toBe(true);
    await store.close();
    out.push(await readBack(target));
  }
  return [out[0]!, out[1]!];
}

describe('articles handed over packed, as from a pool thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-packed-'));
  const schemas: string[] = [];
  let url: string | null = null;
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url === null || schemas.length === 0) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  });

  it('are stored in SQLite exactly as the same articles given as objects', async () => {
    const [plain, packed] = await storeBoth([join(dir, 'plain.db'), join(dir, 'packed.db')]);
    expect(plain.length).toBeGreaterThan(30);
    expect(JSON.stringify(plain)).toContain('"mentions":[{');
    expect(packed).toEqual(plain);
  }, 120_000);

  it('are stored in Postgres exactly as the same articles given as objects', async () => {
    url = await findPostgres();
    if (url === null) return; // PGlite has no second connection for the read model: covered on SQLite
    const run = `${process.pid}_${Date.now().toString(36)}`;
    const targets = ['plain', 'packed'].map((n) => {
      schemas.push(`demarche_packed_${n}_${run}`);
      return `${url}${url!.includes('?') ? '&' : '?'}schema=demarche_packed_${n}_${run}`;
    });
    const [plain, packed] = await storeBoth([targets[0]!, targets[1]!]);
    expect(plain.length).toBeGreaterThan(30);
    expect(packed).toEqual(plain);
  }, 120_000);

  it('have their JSON texts written as given, not made again from the objects', async () => {
    const { packed } = await packedDevSet();
    const item = packed[0]!;
    const note = {
      stage: 'events',
      code: 'EVENT_SKIPPED',
      severity: 'info',
      message: 'written from the text given',
    };
    const json = { ...item.json!, diagnostics: JSON.stringify([note]) };
    const target = join(dir, 'given.db');
    const store = await openStore(target);
    await store.putArticles([{ ...item, json }]);
    await store.close();
    const [detail] = (await readBack(target)) as { diagnostics: unknown }[];
    expect(detail?.diagnostics).toEqual([note]);
  }, 60_000);
});
