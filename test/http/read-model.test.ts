import { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyArticle } from '../../src/ingest/index.js';
import { createKyselyReadModel, openReadModel, type ReadModel } from '../../src/interfaces/http/index.js';
import { openPostgresStore, openStore, type Database, type Store } from '../../src/store/index.js';
import { findPostgres } from '../store/backends.js';
import { mentionFields } from '../store/dev-set.js';
import { createPGliteDialect } from '../store/pglite-dialect.js';
import { ARTICLES, testPipeline } from './api-fixture.js';

interface Opened {
  readonly store: Store;
  readonly reads: ReadModel;
  readonly cleanup: () => Promise<void>;
}

/** The read model over Postgres: the server of this machine or CI in a schema of its own, else PGlite. */
async function openPostgres(): Promise<Opened> {
  const url = await findPostgres();
  if (url !== null) {
    const schema = `demarche_reads_${process.pid}_${Date.now().toString(36)}`;
    const target = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
    const store = await openStore(target);
    const reads = await openReadModel(target);
    return {
      store,
      reads,
      cleanup: async () => {
        await reads.close();
        await store.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const shared = new PGlite();
  const store = await openPostgresStore({ dialect: createPGliteDialect(shared, { closeOnDestroy: false }) });
  const reads = createKyselyReadModel(
    new Kysely<Database>({ dialect: createPGliteDialect(shared, { closeOnDestroy: false }) }),
  );
  return {
    store,
    reads,
    cleanup: async () => {
      await reads.close();
      await store.close();
      await shared.close();
    },
  };
}

describe('the API read model on Postgres', () => {
  let opened: Opened;
  let analysed: ReturnType<ReturnType<typeof testPipeline>['run']>[];
  beforeAll(async () => {
    opened = await openPostgres();
    const pipeline = testPipeline();
    analysed = ARTICLES.map((doc) => pipeline.run(doc));
    await opened.store.putArticles(
      ARTICLES.map((doc, i) => ({ article: analysed[i]!, ...identifyArticle(doc), origin: doc.id })),
    );
  }, 120_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('reads articles, people, quotes, actors and counts as on SQLite', async () => {
    const { reads, store } = opened;
    const articles = await reads.listArticles({ limit: 10 });
    expect(articles.map((a) => a.docId)).toEqual(['aid-pledge', 'tokyo-rejects']);
    const detail = await reads.articleDetail(articles[1]!.id);
    expect(detail?.people.map((p) => p.name)).toEqual(['Hirokazu Matsuno']);
    expect(detail?.reports.map((r) => r.event.type)).toEqual(['REJECT', 'COERCE', 'ACCUSE']);
    // the mentions as the analysis gave them, in text order
    const source = analysed.find((a) => a.id === 'tokyo-rejects')!;
    expect(source.mentions.length).toBeGreaterThan(5);
    expect(detail?.mentions).toEqual(source.mentions.map(mentionFields));
    expect((await reads.listPeople({ name: 'MATSU' }, { limit: 5 })).map((p) => p.actor)).toEqual(['JPN']);
    expect((await reads.listQuotes({ text: '50%_' }, { limit: 5 })).length).toBe(0);
    const actors = await reads.listActors(50);
    expect(actors.find((a) => a.code === 'UKR')).toMatchObject({ asTarget: 3, name: 'Ukraine' });
    const pairs = await store.countEvents({ target: 'UKR' }, { by: ['source', 'target'] });
    expect(pairs.ok && pairs.value.map((p) => `${p.source} ${p.type} ${p.count}`)).toEqual([
      'DEU AID 1',
      'FRA CONSULT 1',
      'JPN COERCE 1',
    ]);
    const types = await store.countEvents({ actor: 'UKR' }, { by: ['period'] });
    expect(types.ok && types.value.map((t) => `${t.period} ${t.type} ${t.count}`)).toEqual([
      '2022-09 COERCE 1',
      '2022-10 AID 1',
      '2022-10 CONSULT 1',
    ]);
  });
});
