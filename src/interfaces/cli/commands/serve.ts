import { InvalidArgumentError } from 'commander';
import { DEFAULT_SQLITE_PATH } from '../../../store/index.js';
import type { RegisterCommand } from '../context.js';
import { openExistingStore } from './query.js';

interface ServeOptions {
  readonly db?: string;
  readonly port: number;
  readonly host: string;
  readonly assets?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number (0–65535)');
  return n;
}

/** `demarche serve`: the HTTP API and the dashboard over a store, until interrupted. */
export const registerServe: RegisterCommand = (program, { io, pipeline, fail }) => {
  program
    .command('serve')
    .description('serve the HTTP API (/api/, /openapi.json) and the dashboard over a database')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DEMARCHE_DB, else ./demarche.db)')
    .option('--port <n>', 'port to listen on (0: any free port)', port, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--assets <dir>', 'serve the dashboard from this folder instead of the built dist/web')
    .action(async (opts: ServeOptions) => {
      const target = opts.db ?? process.env['DEMARCHE_DB'] ?? DEFAULT_SQLITE_PATH;
      if (target.trim() === ':memory:' || target.trim() === '') {
        io.err(
          'demarche: serve needs a database file or a postgres:// URL (an in-memory database would be empty)\n',
        );
        fail(2);
        return;
      }
      const store = await openExistingStore(target, { io, fail });
      if (store === null) return;
      // loaded here, not at start-up: the other commands never need the HTTP stack
      const { createApp, loadDashboardAssets, openReadModel, startServer } =
        await import('../../http/index.js');
      const reads = await openReadModel(target);
      const assets = loadDashboardAssets(...(opts.assets !== undefined ? [opts.assets] : []));
      const token = process.env['DEMARCHE_TOKEN'];
      const analyser = await pipeline();
      const app = createApp({ store, reads, pipeline: () => analyser, ...(token ? { token } : {}), assets });
      let server;
      try {
        server = await startServer(app, { port: opts.port, hostname: opts.host });
      } catch (cause) {
        io.err(`demarche: serve: cannot listen on ${opts.host}:${opts.port}: ${(cause as Error).message}\n`);
        await Promise.all([reads.close(), store.close()]);
        fail(1);
        return;
      }
      io.err(
        `demarche serve: ${server.url} (${store.dialect}${store.dialect === 'sqlite' ? ` ${target}` : ''}; ` +
          `dashboard ${assets === null ? 'not built: run npm run build' : 'on'}; ingest ${token ? 'on' : 'off: set DEMARCHE_TOKEN'})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await Promise.all([reads.close(), store.close()]);
    });
};
