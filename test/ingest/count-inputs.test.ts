import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countInputs, readInputs } from '../../src/ingest/index.js';

describe('countInputs', () => {
  it('counts what readInputs reads: files, JSONL lines, JSON array elements', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-count-'));
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

  it('does not know the count of standard input', async () => {
    expect(await countInputs(['-'])).toBeNull();
  });
});
