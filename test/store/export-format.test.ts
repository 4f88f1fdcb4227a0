import { describe, expect, it } from 'vitest';
import {
  CAMEO_COLUMNS,
  POLECAT_COLUMNS,
  createExporter,
  csvLine,
  openSqliteStore,
  tsvLine,
  wellFormed,
  type StoredEvent,
} from '../../src/store/index.js';
import { parseDelimited } from '../cli/rfc4180.js';
import { analysedDevSet } from './dev-set.js';

const AWKWARD = 'He said, "no"\r\nthen\tleft \uD800 — ok,\n"done"';
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A real stored event (the seed through a real SQLite store), its sentence made awkward. */
async function awkwardRow(): Promise<StoredEvent> {
  const { items } = await analysedDevSet();
  const store = await openSqliteStore({ path: ':memory:' });
  try {
    await store.putArticles([items.find((i) => i.article.id === 'seed')!]);
    const rows = await store.queryEvents({ limit: 1 });
    if (!rows.ok) throw new Error(rows.problem.message);
    const row = rows.value[0]!;
    return { ...row, event: { ...row.event, evidence: { ...row.event.evidence, sentence: AWKWARD } } };
  } finally {
    await store.close();
  }
}

describe('export formatters', () => {
  it('replace lone surrogates so that every line is valid UTF-8', () => {
    expect(wellFormed('a\uD800b\uDC00c\uD83D\uDE00')).toBe('a\uFFFDb\uFFFDc\uD83D\uDE00');
  });

  it('quote CSV fields as RFC 4180 says, and a reader gets the fields back', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ''];
    const line = csvLine(fields);
    expect(line).toBe('plain,"a,b","say ""hi""","two\nlines","cr\r\nlf",\r\n');
    expect(parseDelimited(line, ',', '\r\n')).toEqual([fields]);
  });

  it('keep a TSV record on one line: tabs and line breaks become spaces, quotes are escaped', () => {
    const line = tsvLine(['a\tb', 'c\r\nd\ne', '"q"', 'x']);
    expect(line).toBe('a b\tc d e\t"""q"""\tx\n');
    expect(parseDelimited(line, '\t', '\n')).toEqual([['a b', 'c d e', '"q"', 'x']]);
  });

  it('write a real event with an awkward sentence in all three formats, each readable back', async () => {
    const row = await awkwardRow();
    const clean = wellFormed(AWKWARD);

    const csv = createExporter('cameo-csv', { coder: 'test' });
    const csvRows = parseDelimited(csv.header + csv.line(row), ',', '\r\n');
    expect(csvRows[0]).toEqual([...CAMEO_COLUMNS]);
    expect(csvRows[1]).toHaveLength(CAMEO_COLUMNS.length);
    expect(csvRows[1]![9]).toBe(clean);

    const tsv = createExporter('polecat-tsv', { coder: 'test' });
    const tsvText = tsv.header + tsv.line(row);
    expect(tsvText.split('\n')).toHaveLength(3);
    const tsvRows = parseDelimited(tsvText, '\t', '\n');
    expect(tsvRows.map((r) => r.length)).toEqual([40, 40]);
    expect(tsvRows[1]![POLECAT_COLUMNS.indexOf('Version')]).toBe('test');

    const jsonl = createExporter('plover-jsonl', { coder: 'test' });
    expect(jsonl.header).toBe('');
    const line = jsonl.line(row);
    expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    expect(LONE.test(line)).toBe(false);
    expect((JSON.parse(line) as { text: string }).text).toBe(clean);
  });

  it('make ids unique within one export, and only there', async () => {
    const row = await awkwardRow();
    const x = createExporter('cameo-csv', { coder: 'test' });
    const ids = [x.line(row), x.line(row), x.line(row)].map((l) => parseDelimited(l, ',', '\r\n')[0]![0]);
    expect(ids).toEqual([
      row.event.id,
      `${row.event.id}-a${row.articleId}`,
      `${row.event.id}-a${row.articleId}-2`,
    ]);
    const fresh = createExporter('cameo-csv', { coder: 'test' });
    expect(parseDelimited(fresh.line(row), ',', '\r\n')[0]![0]).toBe(row.event.id);
  });
});
