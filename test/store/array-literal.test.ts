import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayLiteral, columnLiteral } from '../../src/store/write/array-literal.js';
import { findPostgres } from './backends.js';
import { ARRAY_STRINGS as STRINGS } from './array-strings.js';

describe('arrayLiteral', () => {
  it('writes numbers bare, strings quoted, null and undefined as NULL', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral([1, -2.5, null, undefined])).toBe('{1,-2.5,NULL,NULL}');
    expect(arrayLiteral(['a', 'NULL', ''])).toBe('{"a","NULL",""}');
    expect(arrayLiteral(['say "no"', 'c\\d'])).toBe('{"say \\"no\\"","c\\\\d"}');
    expect(arrayLiteral([Buffer.from([0, 255, 16])])).toBe('{"\\\\x00ff10"}');
  });

  it('reads a column of rows, a missing value as NULL', () => {
    const rows = [
      [1, 'a'],
      [2, undefined],
      [3, null],
    ];
    expect(columnLiteral(rows, 0)).toBe('{1,2,3}');
    expect(columnLiteral(rows, 1)).toBe('{"a",NULL,NULL}');
    expect(columnLiteral([], 0)).toBe('{}');
  });
});

/** Round trips through a real Postgres: what `$1::type[]` reads back is what was written. */
describe('arrayLiteral through Postgres', () => {
  let client: pg.Client | null = null;
  let pglite: { query: (q: string, p: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> } | null =
    null;

  beforeAll(async () => {
    const url = await findPostgres();
    if (url !== null) {
      client = new pg.Client({ connectionString: url });
      await client.connect();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      pglite = new PGlite();
    }
  }, 60_000);
  afterAll(async () => {
    await client?.end();
  });

  const unnest = async (literal: string, type: string): Promise<unknown[]> => {
    const q = `select v from unnest($1::${type}) with ordinality as t(v, n) order by n`;
    const { rows } = client !== null ? await client.query(q, [literal]) : await pglite!.query(q, [literal]);
    return rows.map((r) => r['v']);
  };

  it('carries every string unchanged, and NULL apart from "NULL"', async () => {
    const values = [...STRINGS, null];
    expect(await unnest(arrayLiteral(values), 'text[]')).toEqual(values);
  });

  it('carries integers, floats and bytes', async () => {
    expect(await unnest(arrayLiteral([0, -7, 2147483647, null]), 'int4[]')).toEqual([
      0,
      -7,
      2147483647,
      null,
    ]);
    expect((await unnest(arrayLiteral([2 ** 40, -1]), 'int8[]')).map(String)).toEqual([
      String(2 ** 40),
      '-1',
    ]);
    expect(await unnest(arrayLiteral([0.5, -1e-7, 123456.789]), 'float8[]')).toEqual([
      0.5, -1e-7, 123456.789,
    ]);
    const bytes = Buffer.from([0, 1, 127, 128, 255, 92, 34]);
    const [back] = await unnest(arrayLiteral([bytes]), 'bytea[]');
    expect(Buffer.from(back as Uint8Array).equals(bytes)).toBe(true);
  });
});
