import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `demarche analyze dump.jsonl | slow-reader`: standard output to a pipe is buffered in memory until
 * the reader takes it, so a command that never waits for the reader holds its whole output. The
 * command must wait instead: while nothing is read, it stops (and does not exit) once the pipe and
 * its buffer are full, and it goes on, losing nothing, once the reader reads.
 */
describe('analyze writing to a pipe that is not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-pipe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for the reader instead of buffering its output', async () => {
    // about 40 articles: about a megabyte of JSON lines, far more than a pipe and a stream buffer
    // hold; then a line that is no JSON, which analyze reports on standard error when it gets there
    const docs = generateCorpus({ seed: 5, bytes: 180_000 });
    const dump = join(dir, 'dump.jsonl');
    const lines = docs.map((d) => JSON.stringify({ id: d.id, text: d.raw, published: d.published }));
    writeFileSync(dump, [...lines, '{"id": "last", "text": '].join('\n'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'analyze', dump, '--format', 'jsonl'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    let stderr = '';
    let reachedLast: () => void = () => {};
    const lastReached = new Promise<string>(
      (resolve) => (reachedLast = () => resolve('reached the last line')),
    );
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`dump.jsonl:${docs.length + 1}`)) reachedLast();
    });
    // standard output not read for a while: long enough for the whole dump (start-up included) to
    // be analysed and written into memory, as it was when analyze did not wait
    const whileUnread = await Promise.race([
      lastReached,
      new Promise((resolve) => setTimeout(resolve, 12_000, 'waiting for the reader')),
    ]);
    expect(whileUnread).toBe('waiting for the reader');
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await exited).toBe(1); // the bad line
    expect(stderr).toContain(`dump.jsonl:${docs.length + 1}: not valid JSON`);
    const written = out.trim().split('\n');
    expect(written.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(docs.map((d) => d.id));
  }, 60_000);
});
