import type { z } from 'zod';
import type {
  ActorRow,
  ArticleDetail,
  EventRow,
  MatrixBody,
  NetworkBody,
  SearchHit,
  StatsBody,
  TimelineBody,
} from '../http/schemas.js';

export type Matrix = z.output<typeof MatrixBody>;
export type Timeline = z.output<typeof TimelineBody>;
export type Network = z.output<typeof NetworkBody>;
export type Stats = z.output<typeof StatsBody>;
export type Actor = z.output<typeof ActorRow>;
export type EventItem = z.output<typeof EventRow>;
export type Article = z.output<typeof ArticleDetail>;
export type Hit = z.output<typeof SearchHit>;

/** The dashboard's filters, as the API's query parameters (empty values left out). */
export type Filters = Readonly<Record<string, string>>;

/** An API failure, with the message the server gave. */
export class ApiFailure extends Error {}

/**
 * GETs an API path with query parameters and parses the JSON answer; throws ApiFailure with the
 * server's message on a 4xx/5xx.
 *
 * @example
 * const matrix = await getJson<Matrix>('/api/matrix', { target: 'RUS' });
 */
export async function getJson<T>(path: string, params: Filters = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  const res = await fetch(query === '' ? path : `${path}?${query}`, {
    headers: { accept: 'application/json' },
  });
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new ApiFailure(body.error?.message ?? `${res.status} ${res.statusText}`);
  return body;
}
