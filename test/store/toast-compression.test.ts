import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/index.js';
import { LZ4_ARTICLE_COLUMNS } from '../../src/store/migrations.js';
import { findPostgres } from './backends.js';
import { seedWithCopies } from './dev-set.js';
import { createPGliteDialect } from './pglite-dialect.js';

const RUN = `${process.pid}_${Date.now().toString(36)}`;
const server = await findPostgres();
/** The seed and its copies, analysed once for both backends. */
const items = seedWithCopies();

/** How each large column of each stored article row is compressed (null: stored as it is). */
type Methods = Record<(typeof LZ4_ARTICLE_COLUMNS)[number], string | null>[];
const METHODS = `select ${LZ4_ARTICLE_COLUMNS.map((c) => `pg_column_compression(${c}) as ${c}`).join(', ')}
  from articles order by id`;

/** Every compressed value of the rows, by method. */
const compressed = (rows: Methods) =>
  rows.flatMap((row) => Object.values(row).filter((m): m is string => m !== null));

describe.runIf(server !== null)('Postgres article rows (migration 0009)', () => {
  const schema = `demarche_toast_${RUN}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: server! });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  it('compress their texts, JSON and full-text vector with lz4 where the server has it', async () => {
    const store = await openPostgresStore({ url: server!, schema });
    const outcomes = await store.putArticles(items);
    expect(outcomes.every((o) => o.status === 'stored')).toBe(true);
    await store.close();

    const client = new pg.Client({ connectionString: server!, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      const lz4 = (
        await client.query<{ lz4: boolean }>(
          `select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`,
        )
      ).rows[0]!.lz4;
      const rows = (await client.query<Methods[number]>(METHODS)).rows;
      const methods = compressed(rows);
      // each row is far over Postgres's 2 kB threshold, so its largest values are compressed
      expect(rows.every((row) => row.raw !== null)).toBe(true);
      expect(new Set(methods)).toEqual(new Set([lz4 ? 'lz4' : 'pglz']));
      // and read back whole
      const texts = (
        await client.query<{ n: number }>(`select sum(length(raw) + length(text))::int as n from articles`)
      ).rows[0]!.n;
      const expected = items.reduce((n, i) => n + i.article.raw.length + i.article.text.length, 0);
      expect(texts).toBe(expected);
    } finally {
      await client.end();
    }
  });
});

describe('PGlite, built without lz4', () => {
  it('migrates and stores with its default compression', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    try {
      const store = await openPostgresStore({ dialect: createPGliteDialect(db, { closeOnDestroy: false }) });
      const outcomes = await store.putArticles(items.slice(0, 1));
      expect(outcomes[0]?.status).toBe('stored');
      await store.close();
      const applied = await db.query<{ name: string }>(`select name from demarche_migrations order by name`);
      expect(applied.rows.map((r) => r.name)).toContain('0009_lz4_article_texts');
      const methods = compressed((await db.query<Methods[number]>(METHODS)).rows);
      expect(methods.length).toBeGreaterThan(0);
      expect(new Set(methods)).toEqual(new Set(['pglz']));
    } finally {
      await db.close();
    }
  });
});
