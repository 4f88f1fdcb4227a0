import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Pipeline } from '../../pipeline/index.js';
import type { EventFilter, Store, StoreProblem } from '../../store/index.js';
import type { ReadModel } from './reads/read-model.js';
import type { EventFilterQuery } from './schemas.js';

/** What the routes are given: the store port, the API's extra reads, the pipeline and the ingest token. */
export interface ApiDeps {
  readonly store: Store;
  readonly reads: ReadModel;
  /** The analysis pipeline, built on first use. */
  readonly pipeline: () => Pipeline;
  /** `DEMARCHE_TOKEN`: POST /api/ingest needs it as a bearer token; ingest is off without one. */
  readonly token?: string;
}

export type ApiApp = OpenAPIHono;

/** The body of every error response. */
export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly parameter?: string };
}

/** An error body naming its code and, for bad input, the parameter at fault. */
export function apiError(code: string, message: string, parameter?: string): ApiError {
  return { error: { code, message, ...(parameter !== undefined ? { parameter } : {}) } };
}

/** The error body of a `cursor` parameter no page of this API returned. */
export const badCursor = () =>
  apiError('INVALID_PARAMETER', 'cursor: not a cursor this API returned', 'cursor');

/** The 400 response for a filter the store refused (`INVALID_FILTER`), with its message. */
export function problemResponse(c: Context, problem: StoreProblem) {
  return c.json(apiError(problem.code, problem.message), 400);
}

/** The store filter of the shared event-filter query parameters (no paging). */
export function eventFilterOf(q: Partial<z.output<typeof EventFilterQuery>>): EventFilter {
  return {
    ...(q.actor !== undefined ? { actor: q.actor } : {}),
    ...(q.source !== undefined ? { source: q.source } : {}),
    ...(q.target !== undefined ? { target: q.target } : {}),
    ...(q.type !== undefined ? { type: q.type } : {}),
    ...(q.quad !== undefined ? { quad: Number(q.quad) as 1 | 2 | 3 | 4 } : {}),
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}),
    ...(q.text !== undefined ? { text: q.text } : {}),
    ...(q.modality !== undefined ? { modality: q.modality } : {}),
    ...(q.negated !== undefined ? { negated: q.negated === 'true' } : {}),
  };
}
