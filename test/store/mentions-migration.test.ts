import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMentions, openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { findPostgres } from './backends.js';
import { analysedDevSet, mentionFields } from './dev-set.js';

const dir = mkdtempSync(join(tmpdir(), 'demarche-mentions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the `mentions` table held of a mention (it had no sector). */
const tableFields = mentionFields;

/** The 0001 table, as a database stored before migration 0005 has it. */
const OLD_TABLE = (id: string) => `create table mentions (
  id ${id},
  article_id integer not null references articles (id) on delete cascade,
  idx integer not null, span_start integer not null, span_end integer not null, text text not null,
  kind text not null, actor text, person integer, sentence integer not null);
  create index mentions_article on mentions (article_id);`;

/** Stores the dev set, then turns the database back into what it was before migration 0005. */
async function storedBefore0005(
  open: () => Promise<Store>,
  run: (statements: string) => Promise<void>,
  dialect: 'sqlite' | 'postgres',
): Promise<Map<string, ReturnType<typeof tableFields>[]>> {
  const { items } = await analysedDevSet();
  const store = await open();
  await store.putArticles(items);
  await store.close();
  // the rows the old writer wrote, one per mention, joined to the stored articles by document id
  const literal = (v: string | number | null) =>
    v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;
  const values = items.flatMap((i) =>
    i.article.mentions.map(
      (m, idx) =>
        `(${[i.article.id, idx, m.span[0], m.span[1], m.text, m.kind, m.actor, m.person, m.sentence]
          .map(literal)
          .join(', ')})`,
    ),
  );
  await run(
    OLD_TABLE(dialect === 'postgres' ? 'serial primary key' : 'integer primary key autoincrement') +
      `with v (doc_id, idx, span_start, span_end, text, kind, actor, person, sentence) as (values ${values.join(', ')})
       insert into mentions (article_id, idx, span_start, span_end, text, kind, actor, person, sentence)
       select a.id, v.idx, v.span_start, v.span_end, v.text, v.kind, v.actor, cast(v.person as integer), v.sentence
       from v join articles a on a.doc_id = v.doc_id;
       alter table articles drop column mentions;
       delete from demarche_migrations where name = '0005_mentions_in_articles';`,
  );
  return new Map(items.map((i) => [i.article.id, i.article.mentions.map(tableFields)]));
}

describe('migration 0005_mentions_in_articles', () => {
  it('moves the mention rows of a SQLite database into their articles, in order', async () => {
    const path = join(dir, 'upgraded.db');
    const sqlite = (statements: string) => {
      const db = new Database(path);
      db.exec(statements);
      db.close();
      return Promise.resolve();
    };
    const expected = await storedBefore0005(() => openSqliteStore({ path }), sqlite, 'sqlite');
    const before = new Database(path, { readonly: true });
    const rows = before.prepare('select count(*) as n from mentions').get() as { n: number };
    before.close();
    expect(rows.n).toBe([...expected.values()].reduce((n, m) => n + m.length, 0));

    const store = await openSqliteStore({ path });
    const counts = await store.counts();
    await store.close();
    expect(counts.mentions).toBe(rows.n);
    const after = new Database(path, { readonly: true });
    const stored = after.prepare('select doc_id, text, mentions from articles').all() as {
      doc_id: string;
      text: string;
      mentions: string;
    }[];
    const table = after.prepare(`select name from sqlite_master where name like 'mentions%'`).all();
    after.close();
    expect(table).toEqual([]);
    expect(stored.length).toBe(expected.size);
    for (const { doc_id, text, mentions } of stored)
      expect(decodeMentions(JSON.parse(mentions), text)).toEqual(expected.get(doc_id));
  });

  it('moves the mention rows of a Postgres database into their articles, in order', async (ctx) => {
    const url = await findPostgres();
    if (url === null) return ctx.skip();
    const schema = `demarche_mentions_${process.pid}_${Date.now().toString(36)}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const postgres = async (statements: string) => {
        await client.query(`set search_path to "${schema}"; ${statements}`);
      };
      const expected = await storedBefore0005(() => openPostgresStore({ url, schema }), postgres, 'postgres');
      const store = await openPostgresStore({ url, schema });
      const counts = await store.counts();
      await store.close();
      expect(counts.mentions).toBe([...expected.values()].reduce((n, m) => n + m.length, 0));
      const stored = await client.query<{ doc_id: string; text: string; mentions: unknown }>(
        'select doc_id, text, mentions from articles',
      );
      expect(stored.rows.length).toBe(expected.size);
      for (const { doc_id, text, mentions } of stored.rows)
        expect(decodeMentions(mentions, text)).toEqual(expected.get(doc_id));
      const table = await client.query(`select to_regclass('mentions') as t`);
      expect(table.rows[0].t).toBeNull();
    } finally {
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
