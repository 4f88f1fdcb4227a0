import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';
import { CAMEO_COLUMNS, POLECAT_COLUMNS, openStore } from '../../src/store/index.js';
import { findPostgres } from '../store/backends.js';
import { parseDelimited } from './rfc4180.js';

const dir = mkdtempSync(join(tmpdir(), 'demarche-export-'));
const schemas: { url: string; schema: string }[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const { url, schema } of schemas) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
});

/** A URL holding a comma, a double quote and a line break: the field that must round-trip. */
const AWKWARD_URL = 'https://example.org/news?q=a,"b"\nc';

// Articles written for this test. "dup" twice (different texts and months, the same event at the
// same offset) gives two stored events with the same contract id, which the export must make unique.
// "tokyo-wire", published a day later, reports the first "dup" event again: one event, two sources.
const ARTICLES = [
  {
    id: 'dup',
    published: '2022-09-30',
    url: AWKWARD_URL,
    title: 'Tokyo, "firmly", objects',
    text: 'Japan condemned Russia, "firmly"\nand without delay.\n',
  },
  {
    id: 'dup',
    published: '2022-10-30',
    url: 'https://example.org/news/2',
    text: 'Japan condemned Russia on Sunday, calling the “referendums” illegal.\n',
  },
  {
    id: 'tokyo-wire',
    published: '2022-10-01',
    url: 'https://wire.example.net/tokyo',
    text: 'Japan condemned Russia on Friday over the votes.\n',
  },
  {
    id: 'paris',
    published: '2022-10-03',
    url: 'https://www.example.com/paris',
    text: 'France imposed sanctions on Russia on Monday. Italy praised Ukraine for its courage on Sunday.\n',
  },
  {
    id: 'berlin',
    published: '2022-09-30',
    text: 'Germany condemned Russia on Thursday.\n',
  },
];

const input = join(dir, 'articles.jsonl');
writeFileSync(input, ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');

async function targets(): Promise<{ name: string; db: string }[]> {
  const out = [{ name: 'SQLite file', db: join(dir, 'export.db') }];
  const url = await findPostgres();
  if (url !== null) {
    const schema = `demarche_export_${process.pid}_${Date.now().toString(36)}`;
    schemas.push({ url, schema });
    out.push({ name: 'Postgres', db: `${url}?schema=${schema}` });
  }
  return out;
}

describe('demarche export', async () => {
  for (const { name, db } of await targets()) {
    describe(name, () => {
      let events = 0;

      it('ingests the articles', async () => {
        const c = capture();
        expect(await runCli(['ingest', input, '--db', db, '-q'], c.io)).toBe(0);
        const store = await openStore(db);
        events = (await store.counts()).events;
        await store.close();
        expect(events).toBeGreaterThanOrEqual(4);
      });

      it('writes a CAMEO CSV that an RFC 4180 reader loads back, with unique ids', async () => {
        const file = join(dir, `${name}.csv`);
        expect(await runCli(['export', '--db', db, '-f', 'cameo-csv', '--out', file], capture().io)).toBe(0);
        const bytes = readFileSync(file);
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        const [header, ...rows] = parseDelimited(text, ',', '\r\n');
        expect(header).toEqual([...CAMEO_COLUMNS]);
        expect(rows).toHaveLength(events);
        for (const r of rows) expect(r).toHaveLength(CAMEO_COLUMNS.length);
        const ids = rows.map((r) => r[0]);
        expect(new Set(ids).size).toBe(rows.length);
        expect(ids.some((id) => /-a\d+$/.test(id!))).toBe(true);

        const awkward = rows.find((r) => r[8] === AWKWARD_URL);
        expect(awkward).toBeDefined();
        expect(awkward!.slice(1, 8)).toEqual([
          '2022-09-30',
          'JPN',
          'RUS',
          awkward![4],
          awkward![4]!.slice(0, 2),
          '3',
          awkward![7],
        ]);
        expect(awkward![9]).toBe('Japan condemned Russia, "firmly" and without delay.');
        // Reported by two articles of two outlets, in two independent stories.
        expect(awkward!.slice(10)).toEqual(['2', '2', '2']);
        for (const r of rows.filter((x) => x !== awkward)) expect(r.slice(10)).toEqual(['1', '1', '1']);
        const sanction = rows.find((r) => r[2] === 'FRA')!;
        expect(sanction.slice(1, 7)).toEqual(['2022-10-03', 'FRA', 'RUS', sanction[4], '16', '4']);
        expect(Number(sanction[7])).toBeLessThan(0);

        // Standard output gives the same bytes as --out.
        const stdout = capture();
        expect(await runCli(['export', '--db', db, '-f', 'cameo-csv'], stdout.io)).toBe(0);
        expect(stdout.out.join('')).toBe(text);
      });

      it('writes a POLECAT TSV whose every row has the 40 columns, one line per event', async () => {
        const c = capture();
        expect(await runCli(['export', '--db', db, '--format', 'polecat-tsv'], c.io)).toBe(0);
        const text = c.out.join('');
        expect(text.split('\n')).toHaveLength(events + 2); // header, rows, and the final empty piece
        const [header, ...rows] = parseDelimited(text, '\t', '\n');
        expect(header).toEqual([...POLECAT_COLUMNS]);
        expect(header).toHaveLength(40);
        expect(rows).toHaveLength(events);
        for (const r of rows) expect(r).toHaveLength(40);
        const col = (r: string[], c: (typeof POLECAT_COLUMNS)[number]) => r[POLECAT_COLUMNS.indexOf(c)];
        expect(new Set(rows.map((r) => col(r, 'Event ID'))).size).toBe(rows.length);
        const awkward = rows.find(
          (r) =>
            col(r, 'Actor Name Raw') === 'Japan' &&
            col(r, 'Event Type') === 'ACCUSE' &&
            col(r, 'Source') === 'example.org',
        );
        expect(awkward).toBeDefined();
        const italy = rows.find((r) => col(r, 'Actor Country') === 'ITA')!;
        expect({
          type: col(italy, 'Event Type'),
          date: col(italy, 'Event Date'),
          actor: col(italy, 'Actor Name'),
          recipient: col(italy, 'Recipient Country'),
          quad: col(italy, 'Quad Code'),
          published: col(italy, 'Publication Date'),
          source: col(italy, 'Source'),
          language: col(italy, 'Language'),
          placename: col(italy, 'Placename'),
        }).toEqual({
          type: 'SUPPORT',
          date: '2022-10-02',
          actor: 'Italy',
          recipient: 'UKR',
          quad: '1',
          published: '2022-10-03',
          source: 'example.com',
          language: 'en',
          placename: '',
        });
      });

      it('writes PLOVER JSONL under the manual’s field names', async () => {
        const c = capture();
        expect(await runCli(['export', '--db', db, '-f', 'plover-jsonl'], c.io)).toBe(0);
        const lines = c.out.join('').split('\n');
        expect(lines.pop()).toBe('');
        expect(lines).toHaveLength(events);
        const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(new Set(records.map((r) => r['id'])).size).toBe(records.length);
        const awkward = records.find((r) => (r['cite_info'] as { url: string }).url === AWKWARD_URL)!;
        expect(awkward).toMatchObject({
          date: '2022-09-30',
          event: ['ACCUSE'],
          context: expect.any(Array),
          source: [{ code: 'JPN', actor_text: 'Japan', identifier_text: 'Japan', kind: 'country' }],
          recipient: [{ code: 'RUS', actor_text: 'Russia' }],
          quad_code: 3,
          text: 'Japan condemned Russia, "firmly" and without delay.',
          text_info: { start: 0 },
          cite_info: {
            citation: 'dup',
            title: 'Tokyo, "firmly", objects',
            language: 'en',
            published: '2022-09-30',
            urls: [AWKWARD_URL, 'https://wire.example.net/tokyo'],
            num_articles: 2,
            num_sources: 2,
            num_stories: 2,
          },
          coder: expect.stringMatching(/^demarche /),
          cameo: expect.stringMatching(/^11/),
          modality: 'asserted',
          negated: false,
        });
        expect(awkward['event_scale']).toBe(awkward['goldstein']);
        expect(awkward).toHaveProperty('mode');
        const info = awkward['text_info'] as { start: number; end: number };
        expect(info.end - info.start).toBe((awkward['text'] as string).length);
      });

      it('applies the query filters and --limit, and pages through every event', async () => {
        const c = capture();
        expect(
          await runCli(
            ['export', '--db', db, '-f', 'cameo-csv', '--source', 'JPN', '--type', 'ACCUSE'],
            c.io,
          ),
        ).toBe(0);
        const [, ...rows] = parseDelimited(c.out.join(''), ',', '\r\n');
        expect(rows.length).toBeGreaterThanOrEqual(2);
        for (const r of rows) expect([r[2], r[3]]).toEqual(['JPN', 'RUS']);

        const limited = capture();
        expect(await runCli(['export', '--db', db, '-f', 'plover-jsonl', '--limit', '2'], limited.io)).toBe(
          0,
        );
        expect(limited.out.join('').trim().split('\n')).toHaveLength(2);
      });

      it('rejects a missing or unknown format and a bad filter (exit 2)', async () => {
        expect(await runCli(['export', '--db', db], capture().io)).toBe(2);
        expect(await runCli(['export', '--db', db, '-f', 'xml'], capture().io)).toBe(2);
        const bad = capture();
        expect(await runCli(['export', '--db', db, '-f', 'cameo-csv', '--text', '?!'], bad.io)).toBe(2);
        expect(bad.err.join('')).toContain('the search text has no words');
        expect(bad.out.join('')).toBe('');
      });
    });
  }
});
