import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import { openPostgresStore, type Store } from '../../src/store/index.js';
import type { Database } from '../../src/store/schema.js';
import { FOLD_LOCK, foldCountChanges } from '../../src/store/write/postgres-batch-io.js';
import { findPostgres } from './backends.js';
import { analyseDocs } from './dev-set.js';

const server = await findPostgres();

const docs = generateCorpus({ seed: 41, bytes: 30_000 }).map(({ mediaType: _, ...doc }) => doc);

/** Every count the rollup answers is the one the events give, for a few filters and groupings. */
async function expectRollupExact(store: Store): Promise<void> {
  const filters = [{}, { source: 'JPN' }, { target: 'RUS' }, { actor: 'RUS' }, { from: '2022-09-01' }];
  const shapes = [['source', 'period'], ['period'], ['source', 'target'], []] as const;
  for (const filter of filters)
    for (const by of shapes) {
      const rollup = await store.countEvents(filter, { by: [...by] });
      const events = await store.countEvents(filter, { by: [...by], reports: true });
      if (!rollup.ok || !events.ok) throw new Error('count refused');
      expect(rollup.value, JSON.stringify({ filter, by })).toEqual(
        events.value.map((c) => ({ ...c, articles: 0, stories: 0 })),
      );
    }
}

describe.runIf(server !== null)('the monthly counts of a Postgres store', () => {
  it('are exact while batches leave their changes unfolded, and folded once the fold lock is free', async () => {
    const schema = `count_deltas_${process.pid}_${Date.now().toString(36)}`;
    const store = await openPostgresStore({ url: server!, schema });
    const client = new pg.Client({ connectionString: server!, options: `-c search_path=${schema}` });
    await client.connect();
    const pending = async () =>
      Number((await client.query('select count(*) as n from event_count_changes')).rows[0].n);
    /** Waits for the writer's fold, which runs beside its next batch once a batch has committed. */
    const folded = async () => {
      for (let waited = 0; (await pending()) > 0; waited += 20) {
        if (waited > 10_000) throw new Error('the count changes were not folded within 10 s');
        await new Promise((done) => setTimeout(done, 20));
      }
    };
    try {
      const [dated, earlier] = analyseDocs([
        { id: 'on-saturday', published: '2022-10-01', raw: 'Japan condemned Russia on Saturday.\n' },
        { id: 'on-friday', published: '2022-09-30', raw: 'Japan condemned Russia on Friday.\n' },
      ]);
      const corpus = analyseDocs(docs.slice(0, 8));
      await store.putArticles([dated!, ...corpus.slice(0, 4)]);
      await folded();

      // another writer's fold in progress, as far as this store can tell: its folds give way
      await client.query('select pg_advisory_lock($1)', [FOLD_LOCK]);
      // the earlier-published report joins the event and becomes its representative, which moves
      // the event from 2022-10 to 2022-09: its stored row in 2022-10 and a pending -1 there
      await store.putArticles([earlier!, ...corpus.slice(4, 6)]);
      expect(await pending()).toBeGreaterThan(0);
      const moved = await store.countEvents({ source: 'JPN', target: 'RUS' }, { by: ['period'] });
      if (!moved.ok) throw new Error(moved.problem.message);
      expect(moved.value.filter((c) => c.count > 0).map((c) => [c.period, c.type, c.count])).toEqual([
        ['2022-09', 'ACCUSE', 1],
      ]);
      expect(
        (
          await client.query(`select events from event_counts where month = '2022-10' and source_code = 'JPN'
          and target_code = 'RUS'`)
        ).rows,
      ).toEqual([{ events: 1 }]);
      await expectRollupExact(store);

      await client.query('select pg_advisory_unlock($1)', [FOLD_LOCK]);
      await store.putArticles(corpus.slice(6));
      await folded();
      // the emptied row went with the fold
      expect((await client.query('select count(*) as n from event_counts where events = 0')).rows[0].n).toBe(
        '0',
      );
      await expectRollupExact(store);

      // every 64th fold of a writer vacuums the table of pending changes, whose rows folds delete
      const pool = new pg.Pool({ connectionString: server!, max: 1, options: `-c search_path=${schema}` });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      try {
        await foldCountChanges(db, 63);
        const vacuums = async () =>
          Number(
            (
              await client.query(
                `select vacuum_count as n from pg_stat_user_tables
                where schemaname = $1 and relname = 'event_count_deltas'`,
                [schema],
              )
            ).rows[0].n,
          );
        expect(await vacuums()).toBe(0);
        await foldCountChanges(db, 64);
        expect(await vacuums()).toBe(1);
      } finally {
        await db.destroy();
      }
    } finally {
      await store.close();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });
});
