/** A lone UTF-16 surrogate (half of a pair), which has no UTF-8 encoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The string with every lone surrogate replaced by U+FFFD, so that it encodes as valid UTF-8.
 *
 * @example
 * wellFormed('a\uD800b'); // 'a\uFFFDb'
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * One CSV record (RFC 4180): fields holding a comma, a double quote, CR or LF are enclosed in
 * double quotes with inner quotes doubled; the record ends with CRLF.
 *
 * @example
 * csvLine(['a', 'b,"c"']); // 'a,"b,""c"""\r\n'
 */
export function csvLine(fields: readonly string[]): string {
  return (
    fields
      .map((field) => {
        const f = wellFormed(field);
        return /[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
      })
      .join(',') + '\r\n'
  );
}

/**
 * One TSV record, one line: tabs and line breaks inside a field become a space each (so a record
 * never spans lines and `cut -f` works), a field holding a double quote is enclosed in double quotes
 * with inner quotes doubled (so CSV readers set to a tab delimiter read it back); ends with LF.
 *
 * @example
 * tsvLine(['a', 'b\tc', 'say "no"']); // 'a\tb c\t"say ""no"""\n'
 */
export function tsvLine(fields: readonly string[]): string {
  return (
    fields
      .map((field) => {
        const f = wellFormed(field).replace(/\r\n|[\t\r\n]/g, ' ');
        return f.includes('"') ? `"${f.replace(/"/g, '""')}"` : f;
      })
      .join('\t') + '\n'
  );
}
