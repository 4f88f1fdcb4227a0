import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { z } from 'zod';
import type { ApiDeps } from './context.js';
import { apiError } from './context.js';
import type { DashboardAssets } from './dashboard-assets.js';
import { registerAggregateRoutes } from './routes/aggregate-routes.js';
import { registerReadRoutes } from './routes/read-routes.js';
import { registerWriteRoutes } from './routes/write-routes.js';

/** Default largest request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface AppOptions extends ApiDeps {
  /** The built dashboard served at `/`; without it `/` says how to build it. */
  readonly assets?: DashboardAssets | null;
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  readonly bodyLimit?: number;
}

/** The name of the parameter a validation issue is about (query parameter, path parameter or body field). */
function parameterOf(issue: z.core.$ZodIssue, target: string): string {
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) return issue.keys[0] ?? target;
  const path = issue.path.map(String).join('.');
  return path === '' ? (target === 'json' ? 'body' : target) : path;
}

/** A clear 400 for input that failed its schema: `limit: must be at most 500`. */
function validationError(error: z.ZodError, target: string, c: Context) {
  const issue = error.issues[0];
  if (issue === undefined) return c.json(apiError('INVALID_PARAMETER', `invalid ${target}`), 400);
  const parameter = parameterOf(issue, target);
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown ${target === 'json' ? 'field' : 'parameter'} "${parameter}"`
      : `${parameter}: ${issue.message}`;
  return c.json(apiError('INVALID_PARAMETER', message, parameter), 400);
}

/**
 * The HTTP API (and the dashboard, when built) over a store: every route is described in the
 * OpenAPI document at `/openapi.json`; JSON routes live under `/api/`.
 *
 * @example
 * const app = createApp({ store, reads, pipeline: () => buildPipeline(), token: process.env['DEMARCHE_TOKEN'] });
 * const res = await app.request('/api/stance?target=RUS');
 */
export function createApp(options: AppOptions): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) =>
      result.success ? undefined : validationError(result.error, result.target, c),
  });
  const maxSize = options.bodyLimit ?? DEFAULT_BODY_LIMIT;

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(apiError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxSize} bytes`), 413),
    }),
  );

  registerReadRoutes(app, options);
  registerAggregateRoutes(app, options);
  registerWriteRoutes(app, options);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'the DEMARCHE_TOKEN the server was started with',
  });
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'demarche API',
      version: '0.1.0',
      description:
        'Evidence-linked PLOVER event data: events, articles, actors, people, quotes, stance, timeline, network.',
    },
  });

  registerDashboard(app, options.assets ?? null);

  app.notFound((c) => c.json(apiError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.json(apiError('BAD_REQUEST', err.message), err.status);
    console.error(err);
    return c.json(apiError('INTERNAL', 'internal error'), 500);
  });
  return app;
}

/** Serves the built dashboard: `/` and `/assets/<file>`. */
function registerDashboard(app: OpenAPIHono, assets: DashboardAssets | null): void {
  const send = (c: Context, name: string) => {
    const file = assets?.get(name);
    if (file === undefined) return c.json(apiError('NOT_FOUND', `no asset ${name}`), 404);
    return c.body(new Uint8Array(file.body), 200, {
      'content-type': file.type,
      'cache-control': name === 'index.html' ? 'no-cache' : 'public, max-age=300',
    });
  };
  app.get('/', (c) =>
    assets === null
      ? c.text(
          'The dashboard is not built: run `npm run build`. The API is at /api/ (see /openapi.json).',
          404,
        )
      : send(c, 'index.html'),
  );
  app.get('/assets/:name', (c) => send(c, c.req.param('name')));
}
