import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countInputs, readInputs, type InputRecord } from '../../src/ingest/index.js';
import { countContentLines, decodeChunks, readLines } from '../../src/ingest/read-lines.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* chunksOf<T>(chunks: readonly T[]): AsyncGenerator<T> {
  for (const chunk of chunks) yield chunk;
}

/** `bytes` cut into pieces of `size` bytes, which split characters and line ends anywhere. */
function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

// a byte-order mark, characters of 2, 3 and 4 bytes, CRLF, a blank line, white space alone, no final newline
const TEXT = '\uFEFF{"text":"Zürich"}\r\n\n  \t \n{"text":"東京 — Kyiv"}\n{"text":"🇯🇵"}';
const BYTES = new TextEncoder().encode(TEXT);

describe('reading a stream line by line', () => {
  it('gives the lines split("\\n") gives, however the bytes are cut', async () => {
    const whole = TEXT.slice(1).split('\n'); // without the byte-order mark
    for (const size of [1, 2, 3, 5, 7, 64, BYTES.length]) {
      expect(await collect(readLines(decodeChunks(chunksOf(cut(BYTES, size)))))).toEqual(whole);
    }
  });

  it('reads text already decoded, and keeps a trailing empty line out', async () => {
    expect(await collect(readLines(chunksOf(['a\nb', '\n', 'c\n'])))).toEqual(['a', 'b', 'c']);
    expect(await collect(readLines(chunksOf<string>([])))).toEqual([]);
  });

  it('counts the lines with content on the bytes, however they are cut', async () => {
    const expected = TEXT.split('\n').filter((line) => line.trim() !== '').length;
    for (const size of [1, 2, 3, 5, 64, BYTES.length])
      expect(await countContentLines(chunksOf(cut(BYTES, size)))).toBe(expected);
    expect(await countContentLines(chunksOf([new TextEncoder().encode('\n \n\r\n')]))).toBe(0);
  });
});

describe('JSONL inputs are read as they come, not whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const line = (id: string) => `${JSON.stringify({ id, text: `Peru recalled its envoy (${id}).` })}\n`;

  it('gives a file’s first record before the file has ended', async () => {
    // a named pipe: its writer decides when the "file" ends, so a reader that reads the whole file
    // first would wait for ever here
    const fifo = join(dir, 'live.jsonl');
    execFileSync('mkfifo', [fifo]);
    // a pipe is not counted: read to count it, it would be empty for the reading
    const counted = await Promise.race([
      countInputs([fifo]),
      new Promise((r) => setTimeout(r, 2000, 'read')),
    ]);
    expect(counted).toBeNull();
    const records = readInputs([fifo])[Symbol.asyncIterator]();
    const first = records.next();
    const writer = await open(fifo, 'w'); // opens once the reader has
    await writer.write(line('one') + line('two').slice(0, 20)); // the second line is not whole yet
    const got = await Promise.race([first, new Promise((r) => setTimeout(r, 5000, 'waited'))]);
    expect((got as IteratorResult<InputRecord>).value).toMatchObject({
      ok: true,
      origin: `${fifo}:1`,
      doc: { id: 'one' },
    });
    await writer.write(line('two').slice(20) + '{"id": "broken"\n');
    await writer.close();
    const rest: InputRecord[] = [];
    for (let next = await records.next(); next.done !== true; next = await records.next())
      rest.push(next.value);
    expect(rest.map((r) => [r.origin, r.ok])).toEqual([
      [`${fifo}:2`, true],
      [`${fifo}:3`, false],
    ]);
  });

  it('gives standard input’s first record before standard input has ended', async () => {
    let end: () => void = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    async function* stdin(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode(`\n${line('a')}${line('b')}`);
      await ended;
      yield new TextEncoder().encode(line('c'));
    }
    const records = readInputs(['-'], { stdin })[Symbol.asyncIterator]();
    const first = await Promise.race([records.next(), new Promise((r) => setTimeout(r, 5000, 'waited'))]);
    expect((first as IteratorResult<InputRecord>).value).toMatchObject({ origin: '-:2', doc: { id: 'a' } });
    end();
    const rest: string[] = [];
    for (let next = await records.next(); next.done !== true; next = await records.next())
      rest.push(next.value.ok ? next.value.doc.id : next.value.error);
    expect(rest).toEqual(['b', 'c']);
  });

  it('reads a single JSON object, a feed or a text from a stream whole, as from a string', async () => {
    const article = JSON.stringify({ id: 'x', text: 'Peru recalled its envoy.' }, null, 2);
    for (const content of [article, 'Peru recalled\n\nits envoy.', line('only')]) {
      const fromString = await collect(readInputs(['-'], { stdin: async () => content }));
      const fromStream = await collect(
        readInputs(['-'], { stdin: () => chunksOf(cut(new TextEncoder().encode(content), 3)) }),
      );
      expect(fromStream).toEqual(fromString);
      expect(fromStream).toHaveLength(1);
    }
  });

  it('names the file of a read that fails, and the file is counted as none', async () => {
    const missing = join(dir, 'missing.jsonl');
    expect(await collect(readInputs([missing]))).toEqual([
      { ok: false, origin: missing, error: 'no such file' },
    ]);
    expect(await countInputs([missing])).toBe(0);
  });

  it('says what to do with an input too large to read as one document, and goes on', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 600e6); // sparse: nothing is written
    const small = join(dir, 'small.txt');
    writeFileSync(small, 'Peru recalled its envoy.');
    const [first, second] = await collect(readInputs([big, small]));
    expect(first).toEqual({
      ok: false,
      origin: big,
      error: expect.stringMatching(/^the file is 600 MB, more than/),
    });
    expect(first!.ok === false && first!.error).toContain('JSONL');
    expect(second).toMatchObject({ ok: true, origin: small });
    // standard input that is not JSONL is read whole: it stops at the same bound
    const block = ' '.repeat(1 << 26);
    async function* huge(): AsyncGenerator<string> {
      yield 'Peru recalled its envoy.';
      for (let i = 0; i < 9; i++) yield block; // 9 × 64 MB, shared: never copied
    }
    const [fromStdin] = await collect(readInputs(['-'], { stdin: huge }));
    expect(fromStdin).toEqual({
      ok: false,
      origin: '-',
      error: expect.stringMatching(/^standard input is more than/),
    });
  });

  it('counts a dump’s records without reading it whole', async () => {
    const dump = join(dir, 'dump.ndjson');
    writeFileSync(dump, `${line('1')}\n   \n${line('2')}{broken\n${line('3').trimEnd()}`);
    expect(await countInputs([dump])).toBe(4);
    expect(await collect(readInputs([dump]))).toHaveLength(4);
  });
});
