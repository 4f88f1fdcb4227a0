import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME, openProducer, readQueueStatus, redisConnection } from '../../src/queue/index.js';
import { runDemarche } from '../support/cli.js';

const REDIS = process.env['DEMARCHE_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
const PREFIX = `demarche-test-jobs-${process.pid}-${Date.now().toString(36)}`;

/** A TCP server that only counts the connections made to it (a stand-in address for Redis). */
async function countingServer(): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return { server, port: address.port, connections: () => connections };
}

describe('openProducer', () => {
  afterAll(async () => {
    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(REDIS), prefix: PREFIX });
    await queue.obliterate({ force: true });
    await queue.close();
  }, 60_000);

  it('connects to Redis only once it has an article to enqueue', async () => {
    const { server, port, connections } = await countingServer();
    try {
      const producer = openProducer(`redis://127.0.0.1:${port}`, { prefix: PREFIX });
      await producer.add([]);
      await new Promise((r) => setTimeout(r, 200));
      await producer.close();
      expect(connections()).toBe(0);
    } finally {
      server.close();
    }
  });

  it('`ingest --queue` over records that are all bad reports each one and exits cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-jobs-'));
    try {
      // hundreds of records without text (the built CLI read them in about the time BullMQ takes to
      // open its connection, and closing the queue then killed the process after the report)
      const file = join(dir, 'bad.jsonl');
      const lines = Array.from({ length: 400 }, (_, i) =>
        JSON.stringify({ id: `r${i}`, body: 'no text field' }),
      );
      writeFileSync(file, `${lines.join('\n')}\n`);
      const { code, out, err } = await runDemarche(['ingest', file, '--queue', REDIS, '--prefix', PREFIX]);
      expect(code).toBe(1); // bad records make the exit status 1
      expect(err).toContain(`${file}:400: "text" is missing`);
      expect(err).not.toMatch(/\n\s+at /); // no stack trace: nothing crashed
      expect(out).toContain('400 bad');
      expect(out).toContain('0 articles enqueued');
      expect((await readQueueStatus(REDIS, { prefix: PREFIX })).waiting).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
