import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, type z } from '@hono/zod-openapi';
import { toOutputRecord, type RawDocument } from '../../../core/index.js';
import { contentHash, identifyArticle } from '../../../ingest/index.js';
import type { ArticleToStore } from '../../../store/index.js';
import type { ApiApp, ApiDeps } from '../context.js';
import { apiError } from '../context.js';
import { AnalyzeBody, ArticleInput, ErrorBody, IngestBody, IngestResult } from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const badInput = json(ErrorBody, 'the body is invalid (the error names the field)');

const analyzeRoute = createRoute({
  method: 'post',
  path: '/api/analyze',
  summary: 'Analyses one posted article and returns the output contract (nothing is stored)',
  request: { body: { content: { 'application/json': { schema: ArticleInput } }, required: true } },
  responses: {
    200: json(AnalyzeBody, 'the output contract of the article'),
    400: badInput,
    413: json(ErrorBody, 'the body is larger than the limit'),
  },
});

const ingestRoute = createRoute({
  method: 'post',
  path: '/api/ingest',
  summary: 'Analyses and stores posted articles, each once (needs the DEMARCHE_TOKEN bearer token)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: IngestBody } }, required: true } },
  responses: {
    200: json(IngestResult, 'what happened to each article, in order'),
    400: badInput,
    401: json(ErrorBody, 'no token, or not the configured one'),
    403: json(ErrorBody, 'ingest is off: the server has no DEMARCHE_TOKEN'),
    413: json(ErrorBody, 'the body is larger than the limit'),
  },
});

/** A posted article as the pipeline's input; its id defaults to the start of its content hash. */
function toRawDocument(input: z.output<typeof ArticleInput>): RawDocument {
  const id =
    input.id === undefined || input.id === '' ? contentHash(input.text).slice(0, 16) : String(input.id);
  return {
    id,
    raw: input.text,
    mediaType: 'text/plain',
    ...(input.title != null ? { title: input.title } : {}),
    ...(input.url != null ? { url: input.url } : {}),
    ...(input.published != null ? { published: input.published } : {}),
  };
}

/** Whether an Authorization header carries the token (compared in constant time). */
function hasToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * Registers the routes that run the pipeline: POST /api/analyze and POST /api/ingest.
 *
 * @example
 * registerWriteRoutes(app, { store, reads, pipeline, token: process.env['DEMARCHE_TOKEN'] });
 */
export function registerWriteRoutes(app: ApiApp, { store, pipeline, token }: ApiDeps): void {
  app.openapi(analyzeRoute, (c) => {
    const article = pipeline().run(toRawDocument(c.req.valid('json')));
    return c.json(toOutputRecord(article), 200);
  });

  app.openapi(ingestRoute, async (c) => {
    if (token === undefined || token === '')
      return c.json(
        apiError('INGEST_DISABLED', 'ingest is off: start the server with DEMARCHE_TOKEN set'),
        403,
      );
    if (!hasToken(c.req.header('authorization'), token))
      return c.json(
        apiError('UNAUTHORIZED', 'POST /api/ingest needs "Authorization: Bearer <DEMARCHE_TOKEN>"'),
        401,
      );
    const docs = c.req.valid('json').articles.map(toRawDocument);
    const keys = docs.map((doc) => identifyArticle(doc));
    const known = await store.findKnown(keys);
    const fresh: { index: number; item: ArticleToStore }[] = [];
    const results: z.output<typeof IngestResult>['results'] = docs.map((doc, i) => ({
      docId: doc.id,
      status: 'duplicate',
      articleId: known[i] ?? null,
      events: 0,
      message: null,
    }));
    const seen = new Set<string>();
    const toAnalyse: number[] = [];
    docs.forEach((doc, i) => {
      const key = keys[i]!;
      if (known[i] !== null || seen.has(key.contentHash)) return;
      seen.add(key.contentHash);
      toAnalyse.push(i);
    });
    // stage by stage over the request's articles; one a stage fails on is refused alone
    pipeline()
      .runMany(toAnalyse.map((i) => docs[i]!))
      .forEach((run, k) => {
        const i = toAnalyse[k]!;
        if (run.ok)
          fresh.push({ index: i, item: { article: run.article, ...keys[i]!, origin: 'POST /api/ingest' } });
        else
          results[i] = {
            docId: docs[i]!.id,
            status: 'invalid',
            articleId: null,
            events: 0,
            message: run.reason,
          };
      });
    const outcomes = await store.putArticles(fresh.map((f) => f.item));
    outcomes.forEach((o, k) => {
      const i = fresh[k]!.index;
      const docId = docs[i]!.id;
      if (o.status === 'stored')
        results[i] = { docId, status: 'stored', articleId: o.id, events: o.events, message: null };
      else if (o.status === 'duplicate')
        results[i] = { docId, status: 'duplicate', articleId: o.id, events: 0, message: null };
      else results[i] = { docId, status: 'invalid', articleId: null, events: 0, message: o.problem.message };
    });
    return c.json({ results }, 200);
  });
}
