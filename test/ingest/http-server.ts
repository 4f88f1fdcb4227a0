import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route of the test server: answers one request; may take its time. */
export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void | Promise<void>;

/** One request as the server saw it. */
export interface Seen {
  readonly path: string;
  readonly userAgent: string;
  /** performance.now() when the request arrived. */
  readonly at: number;
}

export interface TestServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly seen: Seen[];
  /** The most requests (whose path starts with `prefix`) the server was answering at once. */
  maxConcurrent(prefix?: string): number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on an ephemeral port of 127.0.0.1 serving the given routes (path → route; any
 * other path is a 404), recording every request and how many were in flight at once.
 */
export async function startServer(routes: Readonly<Record<string, Route>>): Promise<TestServer> {
  const seen: Seen[] = [];
  const hits = new Map<string, number>();
  const active = new Set<{ readonly path: string }>();
  /** The paths in flight each time a request arrived. */
  const snapshots: string[][] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, userAgent: req.headers['user-agent'] ?? '', at: performance.now() });
    const entry = { path };
    active.add(entry);
    snapshots.push([...active].map((e) => e.path));
    res.on('close', () => active.delete(entry));
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>not here</body></html>');
      return;
    }
    Promise.resolve(route(req, res, hit)).catch((cause: unknown) => {
      res.destroy(cause as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    maxConcurrent(prefix = '/') {
      return Math.max(0, ...snapshots.map((paths) => paths.filter((p) => p.startsWith(prefix)).length));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route answering HTML (or another type) with status 200. */
export function page(body: string, contentType = 'text/html; charset=utf-8'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType }).end(body);
  };
}

/** Waits `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An article page with a title, a canonical link and `paragraphs` paragraphs of the given sentence. */
export function articlePage(title: string, sentence: string, canonical?: string, paragraphs = 4): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>${sentence} (paragraph ${i + 1})</p>`).join(
    '\n',
  );
  return `<!doctype html><html><head><title>${title}</title>${
    canonical !== undefined ? `<link rel="canonical" href="${canonical}">` : ''
  }<meta property="article:published_time" content="2022-09-29T10:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${body}</article></body></html>`;
}
