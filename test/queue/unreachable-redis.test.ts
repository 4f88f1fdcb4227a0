import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRedis } from '../../src/queue/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REDIS = process.env['DEMARCHE_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on (taken from the system, then let go). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs the CLI from the sources; resolves with its exit code, output and seconds taken. */
function demarche(
  args: readonly string[],
): Promise<{ code: number | null; out: string; err: string; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, out, err, seconds: (performance.now() - started) / 1000 })),
  );
}

describe('a Redis that cannot be used', () => {
  let down: string;
  let dir: string;
  beforeAll(async () => {
    down = `redis://127.0.0.1:${await closedPort()}`;
    dir = mkdtempSync(join(tmpdir(), 'demarche-noredis-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checkRedis says which URL and why, and passes a Redis that answers', async () => {
    await expect(checkRedis(down)).rejects.toThrow(`cannot use Redis at ${down} (connect ECONNREFUSED`);
    // a password in the URL is not printed
    const withPassword = down.replace('//', '//user:secret@');
    await expect(checkRedis(withPassword)).rejects.toThrow('redis://user:***@127.0.0.1:');
    // ioredis would quietly stay in database 0 when the server has no database 999
    await expect(checkRedis(`${REDIS}/999`)).rejects.toThrow('DB index is out of range');
    await expect(checkRedis(REDIS)).resolves.toBeUndefined();
  });

  it('makes `queue status`, `ingest --queue` and `worker` fail at once with that reason', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'a', text: 'Japan rejected the referendums.' })}\n`);
    const runs = await Promise.all([
      demarche(['queue', 'status', '--queue', down]),
      demarche(['ingest', file, '--queue', down]),
      demarche(['worker', '--queue', down, '--db', join(dir, 'w.db'), '--threads', '0']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.err).toContain(`demarche: cannot use Redis at ${down} (connect ECONNREFUSED`);
      expect(run.seconds).toBeLessThan(30); // they used to wait for Redis for ever, saying nothing
    }
    // ingest read nothing and the worker created no store before finding out
    expect(runs[1]!.out).toBe('');
    expect(runs[2]!.err).not.toContain('waiting for articles');
  }, 60_000);
});
