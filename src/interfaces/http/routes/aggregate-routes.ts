import { createRoute, type z } from '@hono/zod-openapi';
import { summariseStance } from '../../cli/format-stance.js';
import { buildMatrix, buildNetwork, buildTimeline, stanceOfCounts } from '../aggregate.js';
import type { ApiApp, ApiDeps } from '../context.js';
import { apiError, badCursor, eventFilterOf, problemResponse } from '../context.js';
import { encodeCursor, stanceCursorOf } from '../cursor.js';
import type { CountOptions } from '../../../store/index.js';
import {
  ErrorBody,
  EventFilterQuery,
  MatrixBody,
  NetworkBody,
  StanceBody,
  StanceQuery,
  TimelineBody,
  TimelineQuery,
} from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const badInput = json(ErrorBody, 'a parameter is invalid (the error names it)');

const stanceRoute = createRoute({
  method: 'get',
  path: '/api/stance',
  summary: "Each source actor's stance toward a target actor (or an issue, `text`) per day or month",
  request: { query: StanceQuery },
  responses: { 200: json(StanceBody, 'stance rows, by source then period'), 400: badInput },
});

const matrixRoute = createRoute({
  method: 'get',
  path: '/api/matrix',
  summary: 'The stance matrix: events per (source, target), with the dominant type and stance',
  request: { query: EventFilterQuery },
  responses: { 200: json(MatrixBody, 'matrix cells'), 400: badInput },
});

const timelineRoute = createRoute({
  method: 'get',
  path: '/api/timeline',
  summary: 'Events per period and type',
  request: { query: TimelineQuery },
  responses: { 200: json(TimelineBody, 'counts per period and type'), 400: badInput },
});

const networkRoute = createRoute({
  method: 'get',
  path: '/api/network',
  summary:
    'Who acts on whom: actors as nodes, (source, target) pairs as edges weighted by count and Goldstein',
  request: { query: EventFilterQuery },
  responses: { 200: json(NetworkBody, 'nodes and edges'), 400: badInput },
});

/**
 * Registers the aggregate routes: stance, matrix, timeline, network.
 *
 * @example
 * registerAggregateRoutes(app, { store, pipeline });
 */
export function registerAggregateRoutes(app: ApiApp, { store }: ApiDeps): void {
  /**
   * Event counts for an aggregate; a search text with no words matches no event (the store refuses
   * it as a filter, and the other filters were checked by the query schema).
   */
  const countsOf = async (q: Partial<z.output<typeof EventFilterQuery>>, options: CountOptions) => {
    const counts = await store.countEvents(eventFilterOf(q), options);
    return counts.ok ? counts.value : [];
  };

  app.openapi(stanceRoute, async (c) => {
    const q = c.req.valid('query');
    if (q.target === undefined && q.text === undefined)
      return c.json(
        apiError('INVALID_PARAMETER', 'target: give a target actor code or text (an issue)', 'target'),
        400,
      );
    const after = q.cursor === undefined ? undefined : stanceCursorOf(q.cursor);
    if (after === null) return c.json(badCursor(), 400);
    const about = { target: q.target ?? null, text: q.text ?? null, by: q.by };
    // A page of rows (source, period), each with all its types: the store pages by those groups.
    const page: CountOptions = {
      by: ['source', 'period'],
      period: q.by,
      limit: q.limit,
      ...(after !== undefined ? { after: { ...after, target: null } } : {}),
    };
    const next = (rows: readonly { source: string; period: string | null }[]) =>
      rows.length === q.limit
        ? encodeCursor({ source: rows.at(-1)!.source, period: rows.at(-1)!.period })
        : null;
    if (q.reports === 'true') {
      const counts = await store.countEvents(eventFilterOf(q), { ...page, reports: true });
      if (!counts.ok) return problemResponse(c, counts.problem);
      const rows = summariseStance(counts.value);
      return c.json({ ...about, rows, next: next(rows) }, 200);
    }
    const rows = stanceOfCounts(await countsOf(q, page));
    return c.json({ ...about, rows, next: next(rows) }, 200);
  });

  app.openapi(matrixRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(buildMatrix(await countsOf(q, { by: ['source', 'target'] })), 200);
  });

  app.openapi(networkRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(buildNetwork(await countsOf(q, { by: ['source', 'target'] })), 200);
  });

  app.openapi(timelineRoute, async (c) => {
    const q = c.req.valid('query');
    const counts = await countsOf(q, { by: ['period'], period: q.by });
    return c.json({ by: q.by, ...buildTimeline(counts) }, 200);
  });
}
