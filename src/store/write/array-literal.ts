/**
 * Postgres array literals (`{1,NULL,"a \"b\""}`) for the batch statements' column arrays, where the
 * driver is not node-postgres (PGlite behind a given dialect); node-postgres gets binary arrays
 * (array-binary.ts), which need no escaping.
 *
 * `pg` turns a JavaScript array parameter into the same text, but escapes every element with two
 * regular-expression replacements and quotes numbers too; a batch sends tens of thousands of
 * elements (an article's text, its mentions' words), and that escaping was the largest share of
 * a queue worker's main thread after the socket writes. Here a string is scanned once and copied
 * as is unless it holds a quote or a backslash, and numbers go unquoted.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** `value` as a double-quoted array element: `"` and `\` escaped with a backslash. */
function quoted(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === QUOTE || c === BACKSLASH) return `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return `"${value}"`;
}

/**
 * One element: null and undefined are `NULL`; numbers and bigints as written (`NaN` and
 * `Infinity` are float8's own words); bytes as bytea's hex form; booleans as `t`/`f`; anything
 * else as its string, quoted (so `"NULL"`, `""` and strings with commas or braces stay strings).
 */
function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Uint8Array)
        return `"\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}"`;
      return quoted(String(value));
  }
}

/**
 * The values as a one-dimensional Postgres array literal, to be cast in the statement
 * (`$1::text[]`, `$1::int4[]`, `$1::bytea[]`).
 *
 * @example
 * arrayLiteral([1, null, 3]); // '{1,NULL,3}'
 * arrayLiteral(['a "b"', 'c\\d']); // '{"a \\"b\\"","c\\\\d"}'
 */
export function arrayLiteral(values: readonly unknown[]): string {
  if (values.length === 0) return '{}';
  let out = '{' + element(values[0]);
  for (let i = 1; i < values.length; i++) out += ',' + element(values[i]);
  return out + '}';
}

/** Column `i` of the rows as an array literal (a missing value is NULL). */
export function columnLiteral(rows: readonly (readonly unknown[])[], i: number): string {
  if (rows.length === 0) return '{}';
  let out = '{' + element(rows[0]![i]);
  for (let r = 1; r < rows.length; r++) out += ',' + element(rows[r]![i]);
  return out + '}';
}
