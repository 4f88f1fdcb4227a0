import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type Store } from '../../src/store/index.js';
import { findPostgres } from './backends.js';
import { analyseDocs } from './dev-set.js';

const RUN = `${process.pid}_${Date.now().toString(36)}`;
const server = await findPostgres();

/**
 * Postgres closing the store's idle connections (as a restart or a failover does) must not end the
 * process that holds the store (a worker, `serve`): the store goes on with new connections.
 */
describe.runIf(server !== null)('A Postgres store whose connections the server closes', () => {
  const schema = `demarche_test_reconnect_${RUN}`;
  // the store's connections carry a name of their own, so that only they are closed (other test
  // files share the server)
  const application = `demarche_reconnect_${RUN}`;
  const admin = new pg.Client({ connectionString: server! });
  let store: Store | undefined;
  afterAll(async () => {
    await store?.close();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  /** Closes every connection of the store from the server's side; resolves with how many it closed. */
  async function closeStoreConnections(): Promise<number> {
    // the connections first, then each closed: in one query, Postgres may call the function before
    // it tests the name, on other tests' connections too
    const found = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [application],
    );
    for (const { pid } of found.rows) await admin.query('select pg_terminate_backend($1)', [pid]);
    // the client hears of it a moment later, on a socket it is not using: give it that moment
    await new Promise((resolve) => setTimeout(resolve, 200));
    return found.rows.length;
  }

  it('keeps the process alive and stores on new connections', async () => {
    await admin.connect();
    const url = new URL(server!);
    url.searchParams.set('application_name', application);
    store = await openPostgresStore({ url: url.toString(), schema });
    const [first, second] = analyseDocs([
      {
        id: 'r1',
        raw: 'Japan rejected the referendums held by Russia, the foreign minister said on Friday.',
      },
      { id: 'r2', raw: 'The United Nations condemned the annexation of four Ukrainian regions by Moscow.' },
    ]);
    const put = await store.putArticles([first!]);
    expect(put[0]?.status).toBe('stored');

    expect(await closeStoreConnections()).toBeGreaterThan(0);
    // (without a listener for the pool's 'error', the process has died by now and vitest reports it)
    const again = await store.putArticles([second!]);
    expect(again[0]?.status).toBe('stored');
    expect((await store.counts()).articles).toBe(2);

    // and once more, with connections the pool opened after the first closing
    expect(await closeStoreConnections()).toBeGreaterThan(0);
    expect((await store.counts()).articles).toBe(2);
  });
});
