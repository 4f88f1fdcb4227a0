import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { runDemarche } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `zcat dump.jsonl.gz | demarche analyze -`: a dump piped in can be larger than memory, so standard
 * input is read as it comes, each line analysed once it is whole, not once the pipe has closed.
 */
describe('analyze reading JSONL from standard input', () => {
  it.each([[[]], [['--threads', '1']]])(
    'prints each article before standard input has ended (%j)',
    async (extra: string[]) => {
      const [first, second] = generateCorpus({ seed: 9, bytes: 8_000 }).map((d) =>
        JSON.stringify({ id: d.id, text: d.raw, published: d.published }),
      );
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts', 'analyze', '-', '--format', 'jsonl', ...extra],
        {
          cwd: ROOT,
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
      let out = '';
      let printed: () => void = () => {};
      const firstPrinted = new Promise<string>((resolve) => (printed = () => resolve('printed')));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) printed();
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      // the first line whole, the second only begun: the pipe stays open
      child.stdin.write(`${first}\n${second!.slice(0, 50)}`);
      const got = await Promise.race([
        firstPrinted,
        new Promise((r) => setTimeout(r, 30_000, 'nothing printed')),
      ]);
      expect(got).toBe('printed');
      child.stdin.end(`${second!.slice(50)}\n`);
      expect(await exited).toBe(0);
      expect(err).toBe('');
      const ids = out
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id);
      expect(ids).toEqual([JSON.parse(first!).id, JSON.parse(second!).id]);
    },
    60_000,
  );
});

/**
 * `demarche ingest <(zcat dump.jsonl.gz)`: the shell gives a pipe as a path. Counting its records
 * for the progress line would read it, and leave nothing for the reading.
 */
describe('ingest reading a pipe given as a path', () => {
  it('stores every article of the pipe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-fifo-'));
    try {
      const fifo = join(dir, 'dump.jsonl');
      execFileSync('mkfifo', [fifo]);
      const docs = generateCorpus({ seed: 10, bytes: 12_000 });
      const ingest = runDemarche(['ingest', fifo, '--db', join(dir, 'fifo.db'), '--quiet']);
      const writer = await open(fifo, 'w'); // opens once the command reads it
      await writer.write(docs.map((d) => JSON.stringify({ id: d.id, text: d.raw })).join('\n'));
      await writer.close();
      const run = await ingest;
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toContain(`${docs.length} articles read, ${docs.length} stored`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
