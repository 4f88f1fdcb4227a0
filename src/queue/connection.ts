import type { ConnectionOptions } from 'bullmq';
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
