import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A running HTTP server: its base URL and a way to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves an app on Node's HTTP server; port 0 picks a free port.
 *
 * @example
 * const server = await startServer(app, { port: 8080 });
 * console.log(server.url); // http://127.0.0.1:8080/
 */
export function startServer(
  app: { readonly fetch: (request: Request) => Response | Promise<Response> },
  options: { readonly port: number; readonly hostname?: string },
): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname }, (info: AddressInfo) => {
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${info.port}/`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
