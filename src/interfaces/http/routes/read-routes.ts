import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp, ApiDeps } from '../context.js';
import { apiError, badCursor, eventFilterOf, problemResponse } from '../context.js';
import { encodeCursor, eventCursorOf, idCursorOf } from '../cursor.js';
import {
  ActorRow,
  ActorsQuery,
  ArticleDetail,
  ArticleParams,
  ArticleSummary,
  ArticlesQuery,
  ErrorBody,
  EventRow,
  EventsQuery,
  Page,
  PeopleQuery,
  PersonRow,
  QuoteRow,
  QuotesQuery,
  SearchHit,
  SearchQuery,
  StatsBody,
} from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const badInput = json(ErrorBody, 'a parameter is invalid (the error names it)');

const eventsRoute = createRoute({
  method: 'get',
  path: '/api/events',
  summary: 'Stored events matching every filter, dated ones first by date; cursor-paged',
  request: { query: EventsQuery },
  responses: { 200: json(Page(EventRow, 'EventPage'), 'a page of events'), 400: badInput },
});

const articlesRoute = createRoute({
  method: 'get',
  path: '/api/articles',
  summary: 'Stored articles, newest first; cursor-paged',
  request: { query: ArticlesQuery },
  responses: { 200: json(Page(ArticleSummary, 'ArticlePage'), 'a page of articles'), 400: badInput },
});

const articleRoute = createRoute({
  method: 'get',
  path: '/api/articles/{id}',
  summary: 'One article: clean and raw text, actors, people, quotes, mentions and the events it reports',
  request: { params: ArticleParams },
  responses: {
    200: json(ArticleDetail, 'the article'),
    400: badInput,
    404: json(ErrorBody, 'no article with this id'),
  },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/api/search',
  summary: 'Full-text search over article titles and texts, best first',
  request: { query: SearchQuery },
  responses: { 200: json(z.object({ items: z.array(SearchHit) }), 'matching articles'), 400: badInput },
});

const actorsRoute = createRoute({
  method: 'get',
  path: '/api/actors',
  summary: 'Actor codes seen in events, with their counts as source and target, most active first',
  request: { query: ActorsQuery },
  responses: { 200: json(z.object({ items: z.array(ActorRow) }), 'actors'), 400: badInput },
});

const peopleRoute = createRoute({
  method: 'get',
  path: '/api/people',
  summary: 'People named in stored articles; cursor-paged',
  request: { query: PeopleQuery },
  responses: { 200: json(Page(PersonRow, 'PersonPage'), 'a page of people'), 400: badInput },
});

const quotesRoute = createRoute({
  method: 'get',
  path: '/api/quotes',
  summary: 'Quotes of stored articles with their speakers; cursor-paged',
  request: { query: QuotesQuery },
  responses: { 200: json(Page(QuoteRow, 'QuotePage'), 'a page of quotes'), 400: badInput },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/api/stats',
  summary: 'Row counts of the store',
  responses: { 200: json(StatsBody, 'counts') },
});

/** The id-keyed page cursor of a listing, or a 400 body when it is malformed. */
function idPage(cursor: string | undefined) {
  if (cursor === undefined) return { ok: true as const, id: undefined };
  const id = idCursorOf(cursor);
  return id === null ? { ok: false as const } : { ok: true as const, id };
}

/**
 * Registers the read routes: events, articles, search, actors, people, quotes, stats.
 *
 * @example
 * registerReadRoutes(app, { store, reads, pipeline });
 */
export function registerReadRoutes(app: ApiApp, { store, reads }: ApiDeps): void {
  app.openapi(eventsRoute, async (c) => {
    const q = c.req.valid('query');
    const after = q.cursor === undefined ? undefined : eventCursorOf(q.cursor);
    if (after === null) return c.json(badCursor(), 400);
    const result = await store.queryEvents({
      ...eventFilterOf(q),
      limit: q.limit,
      ...(after !== undefined ? { after } : {}),
    });
    if (!result.ok) return problemResponse(c, result.problem);
    const items = result.value;
    const next = items.length === q.limit ? encodeCursor(items.at(-1)!.cursor) : null;
    return c.json({ items: items.map(({ cursor: _cursor, ...row }) => row), next }, 200);
  });

  app.openapi(articlesRoute, async (c) => {
    const q = c.req.valid('query');
    const page = idPage(q.cursor);
    if (!page.ok) return c.json(badCursor(), 400);
    const items = await reads.listArticles({
      limit: q.limit,
      ...(page.id !== undefined ? { before: page.id } : {}),
    });
    const next = items.length === q.limit ? encodeCursor({ id: items.at(-1)!.id }) : null;
    return c.json({ items, next }, 200);
  });

  app.openapi(articleRoute, async (c) => {
    const { id } = c.req.valid('param');
    const article = await reads.articleDetail(id);
    if (article === null) return c.json(apiError('NOT_FOUND', `no article with id ${id}`), 404);
    return c.json(article, 200);
  });

  app.openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    const hits = await store.searchArticles(q.q, { limit: q.limit });
    if (!hits.ok) return c.json(apiError('INVALID_PARAMETER', `q: ${hits.problem.message}`, 'q'), 400);
    return c.json({ items: hits.value }, 200);
  });

  app.openapi(actorsRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json({ items: await reads.listActors(q.limit) }, 200);
  });

  app.openapi(peopleRoute, async (c) => {
    const q = c.req.valid('query');
    const page = idPage(q.cursor);
    if (!page.ok) return c.json(badCursor(), 400);
    const items = await reads.listPeople(
      {
        ...(q.actor !== undefined ? { actor: q.actor } : {}),
        ...(q.name !== undefined ? { name: q.name } : {}),
      },
      { limit: q.limit, ...(page.id !== undefined ? { after: page.id } : {}) },
    );
    const next = items.length === q.limit ? encodeCursor({ id: items.at(-1)!.id }) : null;
    return c.json({ items, next }, 200);
  });

  app.openapi(quotesRoute, async (c) => {
    const q = c.req.valid('query');
    const page = idPage(q.cursor);
    if (!page.ok) return c.json(badCursor(), 400);
    const items = await reads.listQuotes(
      {
        ...(q.actor !== undefined ? { actor: q.actor } : {}),
        ...(q.speaker !== undefined ? { speaker: q.speaker } : {}),
        ...(q.text !== undefined ? { text: q.text } : {}),
      },
      { limit: q.limit, ...(page.id !== undefined ? { after: page.id } : {}) },
    );
    const next = items.length === q.limit ? encodeCursor({ id: items.at(-1)!.id }) : null;
    return c.json({ items, next }, 200);
  });

  app.openapi(statsRoute, async (c) => {
    const counts = await store.counts();
    return c.json({ ...counts, dialect: store.dialect }, 200);
  });
}
