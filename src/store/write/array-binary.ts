import type { ColumnType } from './batch-io.js';

/**
 * Postgres arrays in the binary format of the wire protocol, for the batch statements' column
 * arrays when the driver is node-postgres, which sends a `Buffer` parameter as binary.
 *
 * A text array literal (array-literal.ts) must escape every `"` and `\` of every element, and
 * Postgres must read it back character by character; an article's texts and JSON columns are
 * full of quotation marks. In binary, each element is its length and its bytes: on 100 articles of
 * the benchmark corpus (their texts and JSON columns) the literals took 19-20 ms of the client's
 * CPU and 24-27 ms for the statement, the binary arrays 5-7 and 12-13.
 *
 * The format (PostgreSQL's `array_recv`): dimensions (1), a has-nulls flag, the element type's
 * OID, then for the one dimension its length and lower bound (1); then each element as a 32-bit
 * byte length (-1 for NULL) and its bytes, numbers big-endian.
 */

/** Element type OIDs (pg_type), by column type; JSON travels as text and is cast in the statement. */
const ELEMENT_OID: Readonly<Record<ColumnType, number>> = {
  int4: 23,
  int8: 20,
  float8: 701,
  text: 25,
  json: 25,
  bytea: 17,
};

const HEADER = 20;

/** A value as the string a text element carries (as the array literal writes it). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

/** Bytes of one non-null element. */
function sizeOf(value: unknown, type: ColumnType): number {
  switch (type) {
    case 'int4':
      return 4;
    case 'int8':
    case 'float8':
      return 8;
    case 'bytea':
      return value instanceof Uint8Array ? value.byteLength : Buffer.byteLength(textOf(value));
    default:
      return Buffer.byteLength(textOf(value));
  }
}

/** Writes one non-null element's bytes at `at`; returns the offset after them. */
function writeElement(out: Buffer, at: number, value: unknown, type: ColumnType): number {
  switch (type) {
    case 'int4': {
      const n = Number(value);
      if (!Number.isInteger(n)) throw new RangeError(`not an int4: ${String(value)}`);
      return out.writeInt32BE(n, at); // (throws RangeError beyond 32 bits)
    }
    case 'int8':
      return out.writeBigInt64BE(typeof value === 'bigint' ? value : BigInt(Number(value)), at);
    case 'float8':
      return out.writeDoubleBE(Number(value), at);
    case 'bytea':
      if (value instanceof Uint8Array) {
        out.set(value, at);
        return at + value.byteLength;
      }
      return at + out.write(textOf(value), at);
    default:
      return at + out.write(textOf(value), at);
  }
}

/**
 * The value `encode` reads at `k`: the `k`th of `values` (`column` -1), or column `column` of its
 * `k`th row. An index rather than a callback: a closure made per statement dies with the batch, and
 * V8 dropped its optimised code with it, compiling it again every batch or two.
 */
function valueAt(values: readonly unknown[], column: number, k: number): unknown {
  return column < 0 ? values[k] : (values[k] as readonly unknown[])[column];
}

/** The binary array of the values (or of column `column` of the rows, see `valueAt`). */
function encode(values: readonly unknown[], column: number, type: ColumnType): Buffer {
  const count = values.length;
  let size = HEADER;
  let nulls = 0;
  for (let k = 0; k < count; k++) {
    const v = valueAt(values, column, k);
    size += 4;
    if (v === null || v === undefined) nulls = 1;
    else size += sizeOf(v, type);
  }
  const out = Buffer.allocUnsafe(size);
  let at = out.writeInt32BE(1, 0);
  at = out.writeInt32BE(nulls, at);
  at = out.writeInt32BE(ELEMENT_OID[type], at);
  at = out.writeInt32BE(count, at);
  at = out.writeInt32BE(1, at);
  for (let k = 0; k < count; k++) {
    const v = valueAt(values, column, k);
    if (v === null || v === undefined) {
      at = out.writeInt32BE(-1, at);
      continue;
    }
    const end = writeElement(out, at + 4, v, type);
    out.writeInt32BE(end - at - 4, at);
    at = end;
  }
  if (at !== size) throw new Error(`binary array: wrote ${at} bytes of ${size}`);
  return out;
}

/**
 * The values as a one-dimensional binary array of `type` elements (null and undefined are NULL),
 * to be cast in the statement as that array type (`$1::text[]`; JSON as `text[]`).
 *
 * @example
 * await client.query('select unnest($1::int4[])', [arrayBinary([1, null, 3], 'int4')]);
 */
export function arrayBinary(values: readonly unknown[], type: ColumnType): Buffer {
  return encode(values, -1, type);
}

/** Column `i` of the rows as a binary array of `type` elements (a missing value is NULL). */
export function columnBinary(rows: readonly (readonly unknown[])[], i: number, type: ColumnType): Buffer {
  if (i < 0) throw new RangeError(`no column ${i}`);
  return encode(rows, i, type);
}
