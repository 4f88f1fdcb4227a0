import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { DemarcheError } from '../core/index.js';

/** The BullMQ queue that carries articles to analyse, and the key prefix of its data in Redis. */
export const QUEUE_NAME = 'articles';
export const DEFAULT_PREFIX = 'demarche';

/**
 * Redis connection options for BullMQ from a `redis://` or `rediss://` URL. Commands wait for a
 * lost connection to come back instead of failing (workers block on Redis; a restart of Redis must
 * not drop what was being enqueued).
 *
 * @example
 * redisConnection('redis://127.0.0.1:6379/2'); // { host: '127.0.0.1', port: 6379, db: 2, … }
 */
export function redisConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DemarcheError('OPTION_INVALID', `--queue: "${url}" is not a URL (redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new DemarcheError('OPTION_INVALID', `--queue: "${url}" is not a redis:// or rediss:// URL`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) {
    throw new DemarcheError(
      'OPTION_INVALID',
      `--queue: "${parsed.pathname.slice(1)}" is not a Redis database number`,
    );
  }
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db,
    ...(parsed.username !== '' ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password !== '' ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    // reconnect quickly at first, then every two seconds
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}

/** The URL as it may be printed: without its password. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * Connects to the queue's Redis once, selects the URL's database and pings, giving up after
 * `timeoutMs`. The commands call it before their work starts, so a wrong address, a refused
 * password, a Redis that is down or a database number it lacks is a clear error at once. (Once
 * running they wait for a lost Redis instead, see `redisConnection`: a restart must not lose what
 * is being enqueued.)
 *
 * @example
 * await checkRedis('redis://127.0.0.1:6390'); // throws: cannot use Redis at … (connect ECONNREFUSED …)
 */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis({
    ...(redisConnection(url) as RedisOptions),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // the first connection error says why (refused, unknown host, timed out); later ones only repeat it
  let reason: string | null = null;
  client.on('error', (error: Error) => (reason ??= error.message));
  try {
    await client.connect();
    // ioredis goes on in database 0 when its SELECT on connecting is refused: ask again, and fail
    if (client.options.db !== undefined && client.options.db > 0) await client.select(client.options.db);
    await client.ping();
  } catch (error) {
    const why = reason ?? (error as Error).message;
    throw new DemarcheError('SERVICE_UNREACHABLE', `cannot use Redis at ${displayUrl(url)} (${why})`, {
      cause: error,
    });
  } finally {
    client.disconnect();
  }
}
