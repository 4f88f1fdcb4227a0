import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRedis } from '../../src/queue/index.js';
import { freePort, runDemarche as demarche } from '../support/cli.js';

const REDIS = process.env['DEMARCHE_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';

describe('a Redis that cannot be used', () => {
  let down: string;
  let dir: string;
  beforeAll(async () => {
    down = `redis://127.0.0.1:${await freePort()}`;
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
