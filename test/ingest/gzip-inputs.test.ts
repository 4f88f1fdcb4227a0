import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { countInputs, readInputs, type InputRecord } from '../../src/ingest/index.js';

async function collect(items: AsyncIterable<InputRecord>): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Records without their origins (a compressed file's name differs from its plain twin's). */
const withoutOrigins = (records: readonly InputRecord[]) =>
  records.map((r) => (r.ok ? { ok: true, doc: r.doc } : { ok: false, error: r.error }));

/** An archive as users keep it: JSONL dumps, JSON and text, each compressed with gzip. */
describe('gzip-compressed inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-gzip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dump = [
    JSON.stringify({ id: 'a', text: 'Peru recalled its envoy from Caracas.', published: '2022-09-30' }),
    '',
    JSON.stringify({ id: 'b', text: 'Japan rejected the referendums held by Russia in occupied Ukraine.' }),
    '{"id": "broken"',
    JSON.stringify({ text: 'Zürich — the United Nations condemned the annexation.' }),
  ].join('\n');
  const files: Record<string, string> = {
    'dump.jsonl': dump,
    'story.json': JSON.stringify([
      { id: 's1', text: 'Ghana hosted talks.' },
      { id: 's2', text: 'Mali left.' },
    ]),
    'note.txt': 'France met with Ukraine to discuss reconstruction.',
  };
  const plain = join(dir, 'plain');
  const packed = join(dir, 'packed');
  mkdirSync(plain);
  mkdirSync(packed);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(plain, name), text);
    writeFileSync(join(packed, `${name}.gz`), gzipSync(text));
  }

  it('reads each compressed file as its plain twin, a folder of them included, and counts them', async () => {
    const fromPlain = await collect(readInputs([plain]));
    const fromPacked = await collect(readInputs([packed]));
    expect(withoutOrigins(fromPacked)).toEqual(withoutOrigins(fromPlain));
    expect(fromPacked).toHaveLength(7);
    // ids and origins come from the name under the .gz
    expect(fromPacked.map((r) => r.origin)).toContain(`${join(packed, 'dump.jsonl.gz')}:4`);
    expect(fromPacked.flatMap((r) => (r.ok ? [r.doc.id] : []))).toEqual(
      expect.arrayContaining(['a', 'dump-5', 'note', 's1']),
    );
    expect(await countInputs([packed])).toBe(7);
  });

  it('reads gzip data piped to standard input', async () => {
    const bytes = gzipSync(dump);
    async function* stdin(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const fromStdin = await collect(readInputs(['-'], { stdin }));
    expect(fromStdin.map((r) => (r.ok ? r.doc.id : r.origin))).toEqual(['a', 'b', '-:4', 'stdin-5']);
    expect(fromStdin[0]).toMatchObject({
      origin: '-:1',
      doc: { raw: 'Peru recalled its envoy from Caracas.' },
    });
  });

  it('a cut-off archive gives the articles before the cut, then the reason, and the next file still', async () => {
    const whole = readFileSync(join(packed, 'dump.jsonl.gz'));
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, whole.subarray(0, whole.length - 12)); // the last bytes and the trailer lost
    const other = join(plain, 'note.txt');
    const records = await collect(readInputs([cut, other]));
    const failed = records.filter((r) => !r.ok);
    expect(failed.at(-1)).toMatchObject({ origin: expect.stringMatching(/^.*cut\.jsonl\.gz:\d+$/) });
    expect(failed.at(-1)!.ok === false && failed.at(-1)!.error).toMatch(/^not valid gzip data/);
    expect(records.at(-1)).toMatchObject({ ok: true, origin: other });
    const notGzip = join(dir, 'plain.txt.gz');
    writeFileSync(notGzip, 'not compressed at all');
    expect(await collect(readInputs([notGzip]))).toEqual([
      { ok: false, origin: notGzip, error: expect.stringMatching(/^not valid gzip data/) },
    ]);
  });

  it('says so when a compressed file decompresses to more than one document can hold', async () => {
    const big = join(dir, 'big.json.gz');
    const block = Buffer.alloc(1 << 20, 0x20);
    // 600 MB of spaces compress to well under a megabyte
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < 600; i++) yield block;
        })(),
      ),
      createGzip({ level: 1 }),
      createWriteStream(big),
    );
    expect(await collect(readInputs([big]))).toEqual([
      {
        ok: false,
        origin: big,
        error: expect.stringMatching(/^the file decompresses to more than can be read/),
      },
    ]);
  }, 60_000);
});
