import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayBinary, columnBinary } from '../../src/store/write/array-binary.js';
import { arrayLiteral } from '../../src/store/write/array-literal.js';
import { ARRAY_STRINGS } from './array-strings.js';
import { findPostgres } from './backends.js';

/** What a literal would have to escape, and a text of 70 kB. */
const STRINGS = [...ARRAY_STRINGS, 'x'.repeat(70_000)];

describe('arrayBinary', () => {
  it('writes the header, each element as its length and bytes, and -1 for NULL', () => {
    const b = arrayBinary(['ab', null, 'é'], 'text');
    const ints = (at: number, n: number) => Array.from({ length: n }, (_, k) => b.readInt32BE(at + 4 * k));
    // one dimension, has NULLs, text (OID 25), 3 elements from index 1
    expect(ints(0, 5)).toEqual([1, 1, 25, 3, 1]);
    expect(b.readInt32BE(20)).toBe(2);
    expect(b.subarray(24, 26).toString()).toBe('ab');
    expect(b.readInt32BE(26)).toBe(-1);
    expect(b.readInt32BE(30)).toBe(2); // "é" is two bytes of UTF-8
    expect(b.length).toBe(36);
    expect(arrayBinary([], 'int4').length).toBe(20);
    expect(columnBinary([[1, 'a'], [2]], 1, 'text').readInt32BE(4)).toBe(1); // a missing value is NULL
  });

  it('refuses an int4 that is not a 32-bit integer, naming it', () => {
    expect(() => arrayBinary([1.5], 'int4')).toThrow(/int4: 1.5/);
    expect(() => arrayBinary([2 ** 31], 'int4')).toThrow(RangeError);
  });
});

const server = await findPostgres();

/** Round trips through the Postgres server (node-postgres sends a Buffer parameter as binary). */
describe.runIf(server !== null)('arrayBinary through Postgres', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: server! });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  const unnest = async (param: unknown, type: string): Promise<unknown[]> => {
    const q = `select v from unnest($1::${type}) with ordinality as t(v, n) order by n`;
    return (await client.query(q, [param])).rows.map((r: Record<string, unknown>) => r['v']);
  };

  it('carries every string unchanged, and NULL apart from "NULL", as the literal does', async () => {
    const values = [...STRINGS, null];
    expect(await unnest(arrayBinary(values, 'text'), 'text[]')).toEqual(values);
    expect(await unnest(arrayBinary(values, 'text'), 'text[]')).toEqual(
      await unnest(arrayLiteral(values), 'text[]'),
    );
    // JSON travels as text and is cast
    const json = ['{"a":"b \\"c\\""}', '[1,2]'];
    expect(
      (await client.query('select t::jsonb as j from unnest($1::text[]) as t', [arrayBinary(json, 'json')]))
        .rows,
    ).toEqual([{ j: { a: 'b "c"' } }, { j: [1, 2] }]);
  });

  it('carries integers, floats and bytes', async () => {
    expect(await unnest(arrayBinary([0, -7, 2147483647, -2147483648, null], 'int4'), 'int4[]')).toEqual([
      0,
      -7,
      2147483647,
      -2147483648,
      null,
    ]);
    expect((await unnest(arrayBinary([2 ** 40, -1, 2 ** 53 - 1], 'int8'), 'int8[]')).map(String)).toEqual([
      String(2 ** 40),
      '-1',
      String(2 ** 53 - 1),
    ]);
    expect(await unnest(arrayBinary([0.5, -1e-7, 123456.789, 8], 'float8'), 'float8[]')).toEqual([
      0.5, -1e-7, 123456.789, 8,
    ]);
    const bytes = Buffer.from([0, 1, 127, 128, 255, 92, 34]);
    const [back, none] = await unnest(arrayBinary([bytes, null], 'bytea'), 'bytea[]');
    expect(Buffer.from(back as Uint8Array).equals(bytes)).toBe(true);
    expect(none).toBeNull();
    expect(await unnest(arrayBinary([], 'text'), 'text[]')).toEqual([]);
  });
});
