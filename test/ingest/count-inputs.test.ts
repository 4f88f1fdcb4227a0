import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { countInputs, readInputs } from '../../src/ingest/index.js';

describe('countInputs', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-count-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('counts what readInputs reads: files, JSONL lines, JSON array elements', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'Peru recalled its envoy.');
    writeFileSync(join(dir, 'sub', 'b.jsonl'), '{"text":"one"}\n\n{"text":"two"}\n{not json\n');
    writeFileSync(join(dir, 'sub', 'c.json'), JSON.stringify([{ text: 'x' }, { text: 'y' }]));
    writeFileSync(join(dir, 'sub', 'd.json'), JSON.stringify({ text: 'z' }));
    writeFileSync(join(dir, 'ignored.csv'), 'a,b');
    let read = 0;
    for await (const _ of readInputs([dir])) read++;
    expect(await countInputs([dir])).toBe(read);
    expect(read).toBe(7);
  });

  it('stops counting once it has counted what it was asked for', async () => {
    const dir = tempDir();
    const records = (n: number) =>
      Array.from({ length: n }, (_, i) => JSON.stringify({ text: `article ${i}` })).join('\n');
    // a compressed dump cut short after its five records: counted to the end, its read fails (0)
    const whole = gzipSync(records(5));
    writeFileSync(join(dir, 'a-cut.jsonl.gz'), whole.subarray(0, whole.length - 4));
    writeFileSync(join(dir, 'b.jsonl'), records(3));
    expect(await countInputs([dir])).toBe(3);
    // asked for 2, it reads the first chunk of the first file only: never the cut, nor the next file
    expect(await countInputs([dir], { stopAt: 2 })).toBe(5);
    const b = join(dir, 'b.jsonl');
    expect(await countInputs([b, b])).toBe(6);
    expect(await countInputs([b, b], { stopAt: 3 })).toBe(3);
  });

  it('does not know the count of standard input', async () => {
    expect(await countInputs(['-'])).toBeNull();
  });
});
