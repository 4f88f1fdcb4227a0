import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';
import { openStore, type StoreCounts } from '../../src/store/index.js';
import { findPostgres } from './backends.js';
import { DEV_DIR, analysedDevSet, seedWithCopies } from './dev-set.js';

const dir = mkdtempSync(join(tmpdir(), 'demarche-cli-store-'));
const db = join(dir, 'dev.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** What the dev set left in SQLite, for the Postgres run to match exactly. */
let sqliteCounts: StoreCounts | undefined;

const article =
  'Japan on Monday rejected the results of the referendums held by Russia, calling them illegal.\n';
writeFileSync(
  join(dir, 'mixed.jsonl'),
  [
    JSON.stringify({
      id: 'm1',
      text: article,
      published: '2022-09-26',
      url: 'https://example.org/a?utm_source=x',
    }),
    '{not json',
    JSON.stringify({ id: 'm3', title: 'no text' }),
    JSON.stringify({ id: 'm4', text: article + ' Updated.', url: 'https://www.example.org/a' }),
    JSON.stringify({ id: 'm5', text: article }),
  ].join('\n'),
);

describe('demarche ingest', () => {
  it('stores the dev set, and a second run adds nothing', async () => {
    const { counts } = await analysedDevSet();
    const first = capture();
    expect(await runCli(['ingest', DEV_DIR, '--db', db, '--quiet'], first.io)).toBe(0);
    expect(first.out.join('')).toMatch(
      new RegExp(`${counts.articles} articles read, ${counts.articles} stored, 0 already`),
    );
    const second = capture();
    expect(await runCli(['ingest', DEV_DIR, '--db', db], second.io)).toBe(0);
    expect(second.out.join('')).toMatch(new RegExp(`0 stored, ${counts.articles} already stored, 0 bad`));
    const store = await openStore(db);
    sqliteCounts = await store.counts();
    expect(sqliteCounts).toMatchObject(counts);
    await store.close();
  });

  it('reports bad records with file and line, skips them and URL or text duplicates, exits 1', async () => {
    const c = capture();
    const target = join(dir, 'mixed.db');
    expect(
      await runCli(['ingest', join(dir, 'mixed.jsonl'), join(dir, 'missing.txt'), '--db', target], c.io),
    ).toBe(1);
    expect(c.err.join('')).toContain(`demarche: ${join(dir, 'mixed.jsonl')}:2: not valid JSON`);
    expect(c.err.join('')).toContain(`demarche: ${join(dir, 'mixed.jsonl')}:3: "text" is missing`);
    expect(c.err.join('')).toContain(`demarche: ${join(dir, 'missing.txt')}: no such file`);
    expect(c.out.join('')).toMatch(/6 articles read, 1 stored, 2 already stored, 3 bad/);
  });

  it('reads the database from DEMARCHE_DB', async () => {
    const target = join(dir, 'env.db');
    process.env['DEMARCHE_DB'] = target;
    try {
      expect(await runCli(['ingest', join(dir, 'mixed.jsonl'), '-q'], capture().io)).toBe(1);
      const store = await openStore(target);
      expect((await store.counts()).articles).toBe(1);
      await store.close();
    } finally {
      delete process.env['DEMARCHE_DB'];
    }
  });

  it('ingests into Postgres with --db postgres://…?schema=, with the same counts as SQLite', async (ctx) => {
    const url = await findPostgres();
    if (url === null) return ctx.skip();
    const schema = `demarche_cli_${process.pid}_${Date.now().toString(36)}`;
    const target = `${url}?schema=${schema}`;
    try {
      expect(await runCli(['ingest', DEV_DIR, '--db', target, '-q'], capture().io)).toBe(0);
      expect(await runCli(['ingest', DEV_DIR, '--db', target, '-q'], capture().io)).toBe(0);
      const store = await openStore(target);
      const counts = await store.counts();
      expect(counts).toMatchObject((await analysedDevSet()).counts);
      if (sqliteCounts !== undefined) expect(counts).toEqual(sqliteCounts);
      await store.close();
    } finally {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});

describe('demarche query', () => {
  it('prints matching events as a table, JSON or JSON lines', async () => {
    const table = capture();
    expect(await runCli(['query', '--db', db, '--source', 'JPN', '--type', 'REJECT'], table.io)).toBe(0);
    expect(table.out.join('')).toMatch(/JPN\s+REJECT\s+RUS/);
    expect(table.out.join('')).toMatch(/\d+ events?\n$/);

    const json = capture();
    expect(await runCli(['query', '--db', db, '--actor', 'RUS', '--quad', '3', '-f', 'json'], json.io)).toBe(
      0,
    );
    const rows = JSON.parse(json.out.join('')) as {
      source: { code: string };
      target: { code: string };
      quad: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect([r.source.code, r.target.code]).toContain('RUS');
      expect(r.quad).toBe(3);
    }

    const lines = capture();
    expect(
      await runCli(
        [
          'query',
          '--db',
          db,
          '--text',
          'Matsuno',
          '--from',
          '2022-09-01',
          '--to',
          '2022-10-31',
          '-f',
          'jsonl',
        ],
        lines.io,
      ),
    ).toBe(0);
    const events = lines.out
      .join('')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: string;
            date: string;
            article: { doc_id: string };
            sources: { article: { doc_id: string }; event_id: string; evidence: { sentence: string } }[];
            articles: number;
            stories: number;
            evidence: object;
          },
      );
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.article.doc_id).toBe('seed');
      expect(e.date >= '2022-09-01' && e.date <= '2022-10-31').toBe(true);
      expect(e.sources).toHaveLength(1);
      expect(e.sources[0]).toMatchObject({ article: { doc_id: 'seed' }, event_id: e.id });
      expect(e).toMatchObject({ articles: 1, stories: 1 });
      expect(e.evidence).toHaveProperty('sentence');
    }
  });

  it('shows syndicated copies as one story: each event once, with its three reports', async () => {
    const target = join(dir, 'copies.db');
    const input = join(dir, 'copies.jsonl');
    writeFileSync(
      input,
      seedWithCopies()
        .map(({ article: a }) =>
          JSON.stringify({ id: a.id, title: a.title, url: a.url, published: a.published, text: a.raw }),
        )
        .join('\n'),
    );
    const ingest = capture();
    expect(await runCli(['ingest', input, '--db', target], ingest.io)).toBe(0);
    expect(ingest.out.join('')).toMatch(/3 stored, .* 2 near-copies joined a story/);
    const json = capture();
    expect(await runCli(['query', '--db', target, '--limit', '1000', '-f', 'json'], json.io)).toBe(0);
    const rows = JSON.parse(json.out.join('')) as { id: string; articles: number; stories: number }[];
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.filter((r) => r.articles === 3 && r.stories === 1).length).toBeGreaterThan(5);
    const table = capture();
    expect(await runCli(['query', '--db', target, '--source', 'USA', '--type', 'ACCUSE'], table.io)).toBe(0);
    expect(table.out.join('')).toMatch(/USA\s+ACCUSE\s+RUS .* 3\/1 /);
  });

  it('lists articles matching --text with --articles', async () => {
    const c = capture();
    expect(await runCli(['query', '--db', db, '--articles', '--text', 'Matsuno', '-f', 'json'], c.io)).toBe(
      0,
    );
    expect((JSON.parse(c.out.join('')) as { docId: string }[]).map((h) => h.docId)).toContain('seed');
  });

  it('rejects bad filters (exit 2) and a missing database (exit 1)', async () => {
    const bad = capture();
    expect(await runCli(['query', '--db', db, '--text', '?!'], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('the search text has no words');
    expect(await runCli(['query', '--db', db, '--type', 'HUG'], capture().io)).toBe(2);
    const missing = capture();
    expect(await runCli(['query', '--db', join(dir, 'nothing.db')], missing.io)).toBe(1);
    expect(missing.err.join('')).toContain('no database at');
  });
});
