/**
 * `head`, then what `rest` gives (from where it stands: an iterator already begun goes on).
 *
 * @example
 * prepend(firstChunk, chunks[Symbol.asyncIterator]()); // the stream again, its first chunk looked at
 */
export async function* prepend<T>(head: T, rest?: AsyncIterator<T>): AsyncGenerator<T> {
  yield head;
  if (rest === undefined) return;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

/**
 * The text of a stream of UTF-8 bytes (or of text already decoded), chunk by chunk: a character
 * split between two chunks is joined and invalid bytes become U+FFFD, as `readFile(path, 'utf8')`
 * reads them whole; a leading byte-order mark is dropped (a line's `trim` drops it from a whole read).
 */
export async function* decodeChunks(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

/**
 * The lines of a text given in chunks, each without its `\n` (a `\r` before it is kept, as
 * `split('\n')` keeps it), the last one even without a final `\n`, unless it is empty. Only the
 * line being read is held, so a dump of any size is read in the memory of its longest line.
 *
 * @example
 * for await (const line of readLines(decodeChunks(createReadStream('dump.jsonl')))) JSON.parse(line);
 */
export async function* readLines(texts: AsyncIterable<string>): AsyncGenerator<string> {
  // only each new chunk is searched: a long line that spans chunks is joined, not scanned again
  let rest = '';
  for await (const text of texts) {
    let end = text.indexOf('\n');
    if (end === -1) {
      rest += text;
      continue;
    }
    yield rest + text.slice(0, end);
    let start = end + 1;
    for (end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      yield text.slice(start, end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest;
}

/** Bytes that `String.prototype.trim` removes and UTF-8 writes in one byte: tab to CR, and space. */
function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/**
 * How many lines of a byte stream hold something other than ASCII white space, counted on the
 * bytes (nothing is decoded): the records of a JSONL dump, for a progress estimate. A line of other
 * white space alone (U+00A0, say), which the reader skips, is counted. Once `stopAt` lines are
 * counted, the rest is not read (the count may then pass `stopAt` by the lines of the last chunk).
 */
export async function countContentLines(
  chunks: AsyncIterable<Uint8Array>,
  stopAt = Number.POSITIVE_INFINITY,
): Promise<number> {
  let count = 0;
  let counted = false; // whether the line being read has been counted
  for await (const bytes of chunks) {
    let i = 0;
    while (i < bytes.length) {
      if (!counted) {
        // look for the line's first content byte, or its end
        while (i < bytes.length && bytes[i] !== 0x0a && isAsciiSpace(bytes[i]!)) i++;
        if (i === bytes.length) break;
        if (bytes[i] !== 0x0a) {
          count++;
          counted = true;
        }
      }
      // skip to the next line
      const end = bytes.indexOf(0x0a, i);
      if (end === -1) break;
      i = end + 1;
      counted = false;
    }
    if (count >= stopAt) break; // the stream is closed, the rest never read
  }
  return count;
}
