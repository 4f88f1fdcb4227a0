import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { Queue } from 'bullmq';
import { QUEUE_NAME, openProducer, readQueueStatus, redisConnection } from '../../src/queue/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { findPostgres } from '../store/backends.js';
import { freePort } from '../support/cli.js';
import { until } from '../support/until.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REDIS = process.env['DEMARCHE_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
const RUN = `${process.pid}-${Date.now().toString(36)}`;

/**
 * A `demarche worker` process, as an operator starts it, with what it prints on standard output
 * and standard error; one analysis thread unless `extra` sets `--threads` or `defaultThreads`.
 */
function startWorker(
  queue: string,
  db: string,
  prefix: string,
  extra: readonly string[] = [],
  defaultThreads = false,
): ChildProcess & { out: string[]; err: string[] } {
  const args = ['--import', 'tsx', 'src/main.ts', 'worker', '--queue', queue, '--db', db];
  if (!defaultThreads && !extra.includes('--threads')) args.push('--threads', '1');
  args.push('--prefix', prefix, '--lock-seconds', '2', '--quiet', ...extra);
  const child = Object.assign(
    spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
    {
      out: [] as string[],
      err: [] as string[],
    },
  );
  child.stdout!.on('data', (d: Buffer) => child.out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => child.err.push(d.toString()));
  return child;
}

async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill(signal);
  await closed;
}

/** A fresh Postgres database for the run (the workers' store), or a SQLite file without a server. */
async function freshDatabase(
  name: string,
): Promise<{ url: string; open: () => Promise<Store>; drop: () => Promise<void> }> {
  const server = await findPostgres();
  if (server === null) {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-queue-'));
    const path = join(dir, `${name}.db`);
    return {
      url: path,
      open: () => openSqliteStore({ path }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = server.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    open: () => openPostgresStore({ url }),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** Removes a test's queue (its jobs, events and metrics) from the shared Redis. */
async function dropQueue(prefix: string): Promise<void> {
  const queue = new Queue(QUEUE_NAME, { connection: redisConnection(REDIS), prefix });
  await queue.obliterate({ force: true });
  await queue.close();
}

/** Enough articles (about 90) that a worker writing four at a time is far from done when killed. */
const docs = generateCorpus({ seed: 7, bytes: 400_000 });

describe('queue workers (BullMQ on Redis, Postgres store)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let store: Store;
  const stored = async () => (await store.counts()).articles;

  beforeAll(async () => {
    db = await freshDatabase(`demarche_queue_${RUN.replace(/-/g, '_')}`);
    store = await db.open();
  }, 60_000);
  // the queues these tests made on the shared Redis, removed at the end
  const prefixes: string[] = [];
  afterAll(async () => {
    await store?.close();
    await db?.drop();
    for (const prefix of prefixes) await dropQueue(prefix);
  }, 60_000);

  it('stores every article exactly once when a worker is killed mid-batch and another takes over', async () => {
    const prefix = `demarche-test-kill-${RUN}`;
    prefixes.push(prefix);
    const producer = openProducer(REDIS, { prefix });
    await producer.add(docs.map((doc, i) => ({ doc, origin: `corpus:${i + 1}` })));
    await producer.add(docs.slice(0, 5).map((doc, i) => ({ doc, origin: `again:${i + 1}` }))); // same jobs
    await producer.close();

    // small batches, so that the kill comes while most articles still wait or are in flight
    const first = startWorker(REDIS, db.url, prefix, ['--concurrency', '4', '--batch', '4']);
    await until(async () => (await stored()) >= 5, 120, 'the first worker to store articles');
    await stopWorker(first, 'SIGKILL');
    const killedAt = await stored();
    expect(killedAt).toBeLessThan(docs.length);

    const second = startWorker(REDIS, db.url, prefix);
    try {
      await until(
        async () => {
          const s = await readQueueStatus(REDIS, { prefix });
          return s.waiting + s.active + s.delayed === 0 && (await stored()) === docs.length;
        },
        240,
        'the second worker to finish the queue',
      );
    } finally {
      await stopWorker(second);
    }
    const status = await readQueueStatus(REDIS, { prefix });
    expect(status.failed).toBe(0);
    expect(await stored()).toBe(docs.length);
  }, 420_000);

  it('fails a poison article with its reason and goes on with the rest', async () => {
    const prefix = `demarche-test-poison-${RUN}`;
    prefixes.push(prefix);
    const extra = generateCorpus({ seed: 8, bytes: 20_000 });
    const before = await stored();
    const producer = openProducer(REDIS, { prefix });
    await producer.add([
      { doc: { id: 'poison', raw: ' \n\t ', mediaType: 'text/plain' }, origin: 'poison.jsonl:1' },
      ...extra.map((doc, i) => ({ doc, origin: `extra:${i + 1}` })),
    ]);
    await producer.close();
    // as an operator starts it: an analysis thread per core but the one its main thread keeps busy
    const worker = startWorker(REDIS, db.url, prefix, [], true);
    try {
      await until(async () => (await stored()) === before + extra.length, 180, 'the rest to be stored');
      await until(async () => (await readQueueStatus(REDIS, { prefix })).failed === 1, 30, 'the failure');
    } finally {
      await stopWorker(worker);
    }
    const status = await readQueueStatus(REDIS, { prefix });
    expect(status.failures.map((f) => f.reason)).toEqual([expect.stringContaining('poison.jsonl:1')]);
    // every done job is in a counted minute or among those done since the last one
    expect(status.done).toBe(extra.length);
    expect(status.uncounted.done + status.perMinute.reduce((a, b) => a + b, 0)).toBe(status.done);
    expect(Date.parse(status.uncounted.since ?? '')).toBeGreaterThan(Date.now() - 600_000);
    // its defaults: 128 jobs at once per thread, written in batches of half that
    const threads = Math.max(1, availableParallelism() - 1);
    expect(worker.err.join('')).toContain(
      `(${threads} analysis threads, ${128 * threads} jobs at once in batches of ${64 * threads}, ${store.dialect})`,
    );
    // what it did, and how long it held the store's batch lock: the rate all workers can reach
    expect(worker.out.join('')).toMatch(
      new RegExp(
        `^demarche worker: ${extra.length} stored, 0 already stored, 1 failed · store lock \\d+\\.\\d\\d ms per article ` +
          `\\(the database takes at most \\d+ articles/s from all workers\\)\\n$`,
      ),
    );
  }, 300_000);

  it('goes on, losing nothing, when Postgres closes its connections mid-run', async () => {
    const server = await findPostgres();
    if (server === null) return; // the store is a SQLite file: there is no server to close anything
    const prefix = `demarche-test-pg-closes-${RUN}`;
    prefixes.push(prefix);
    const extra = generateCorpus({ seed: 9, bytes: 120_000 });
    const before = await stored();
    const producer = openProducer(REDIS, { prefix });
    await producer.add(extra.map((doc, i) => ({ doc, origin: `pg-closes:${i + 1}` })));
    await producer.close();
    // the worker's connections carry a name of their own, so that only they are closed (the test's
    // own store, which counts what is stored, would otherwise lose a query to the same closing)
    const application = `demarche_pg_closes_${RUN.replace(/-/g, '_')}`;
    const url = new URL(db.url);
    url.searchParams.set('application_name', application);
    const worker = startWorker(REDIS, url.toString(), prefix, ['--concurrency', '4', '--batch', '4']);
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    /** What a Postgres restart or failover does to the worker: every connection it has closed. */
    const closeConnections = async () => {
      const open = () =>
        admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [
          application,
        ]);
      // (between one closing and its next query the worker may hold none: wait until it does)
      await until(async () => (await open()).rows.length > 0, 30, 'the worker to connect');
      const found = await open();
      for (const { pid } of found.rows) await admin.query('select pg_terminate_backend($1)', [pid]);
      return found.rows.length;
    };
    try {
      for (const share of [0.2, 0.5]) {
        const at = before + Math.ceil(share * extra.length);
        await until(async () => (await stored()) >= at, 180, `${at - before} articles stored`);
        expect(await closeConnections()).toBeGreaterThan(0);
      }
      await until(
        async () => {
          const s = await readQueueStatus(REDIS, { prefix });
          return s.waiting + s.active + s.delayed === 0 && (await stored()) === before + extra.length;
        },
        180,
        'the worker to finish the queue',
      );
      // the same process all along: it neither died nor needed another worker to take over
      expect(worker.exitCode).toBeNull();
      expect(worker.signalCode).toBeNull();
    } finally {
      await admin.end();
      await stopWorker(worker);
    }
    expect((await readQueueStatus(REDIS, { prefix })).failed).toBe(0);
    expect(await stored()).toBe(before + extra.length);
  }, 420_000);
});

/** A Redis server of the test's own, appending every write to its log (as production should). */
function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--save',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve(child);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
}

describe('queue across a Redis restart', () => {
  it('loses nothing when Redis restarts while articles are enqueued and analysed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-redis-'));
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const db = await freshDatabase(`demarche_restart_${RUN.replace(/-/g, '_')}`);
    const store = await db.open();
    let redis = await startRedis(port, dir);
    const prefix = 'demarche-restart';
    const worker = startWorker(url, db.url, prefix);
    let said = '';
    worker.stderr!.on('data', (d: Buffer) => (said += d.toString()));
    try {
      const producer = openProducer(url, { prefix });
      const half = Math.floor(docs.length / 2);
      await producer.add(docs.slice(0, half).map((doc, i) => ({ doc, origin: `corpus:${i + 1}` })));
      await until(async () => (await store.counts()).articles >= 3, 120, 'the worker to start storing');
      // Redis goes down hard and comes back; the producer's next batch waits for it
      const exited = new Promise((r) => redis.once('exit', r));
      redis.kill('SIGKILL');
      await exited;
      const adding = producer.add(
        docs.slice(half).map((doc, i) => ({ doc, origin: `corpus:${half + i + 1}` })),
      );
      await new Promise((r) => setTimeout(r, 1000));
      redis = await startRedis(port, dir);
      await adding;
      await producer.close();
      await until(
        async () => (await store.counts()).articles === docs.length,
        240,
        'every article to be stored',
      );
      expect((await readQueueStatus(url, { prefix })).failed).toBe(0);
      // the worker said what was wrong while Redis was down (even with --quiet)
      expect(said).toMatch(/demarche worker: Redis: .*; retrying/);
    } finally {
      await stopWorker(worker);
      redis.kill('SIGTERM');
      await store.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 420_000);
});
