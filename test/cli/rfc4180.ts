/**
 * A strict RFC 4180 reader for the export tests (no CSV parser is installed): records end with
 * `eol`; a field is either bare (no quote, delimiter or line break in it) or enclosed in double
 * quotes with inner quotes doubled, followed by a delimiter, the end of the record or of the text.
 * Anything else throws, naming the offset.
 */
export function parseDelimited(text: string, delimiter: ',' | '\t', eol: '\r\n' | '\n'): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  if (text === '') return records;
  if (!text.endsWith(eol)) throw new Error('the last record does not end with a line break');
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated quoted field at ${i}`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== delimiter && !text.startsWith(eol, i)) {
        const c = text[i]!;
        if (c === '"' || c === '\r' || c === '\n')
          throw new Error(`bare ${JSON.stringify(c)} in a field at ${i}`);
        field += c;
        i++;
      }
    }
    record.push(field);
    if (text[i] === delimiter) {
      i++;
    } else if (text.startsWith(eol, i)) {
      records.push(record);
      record = [];
      i += eol.length;
    } else {
      throw new Error(`expected a delimiter or the end of the record at ${i}`);
    }
  }
  return records;
}
