import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawDocument } from '../../src/core/index.js';
import { identifyArticle } from '../../src/ingest/index.js';
import {
  createApp,
  openReadModel,
  type AppOptions,
  type DashboardAssets,
} from '../../src/interfaces/http/index.js';
import { buildPipeline } from '../../src/lexicons/index.js';
import type { Pipeline } from '../../src/pipeline/index.js';
import { openStore, type Store } from '../../src/store/index.js';

/** Two short articles written for these tests: a rejection of Russia's votes, and aid to Ukraine. */
export const ARTICLES: readonly RawDocument[] = [
  {
    id: 'tokyo-rejects',
    mediaType: 'text/plain',
    published: '2022-09-30',
    title: 'Tokyo rejects the votes',
    url: 'https://example.org/news/tokyo-rejects',
    raw:
      'Japan on Friday rejected the referendums held by Russia in occupied Ukraine.\n\n' +
      '"We will never recognize these results," said Hirokazu Matsuno, the chief cabinet secretary of Japan.\n\n' +
      'The United States condemned Russia for the annexation on Thursday.',
  },
  {
    id: 'aid-pledge',
    mediaType: 'text/plain',
    published: '2022-10-03',
    title: 'Berlin pledges aid',
    raw:
      'Germany pledged humanitarian aid to Ukraine on Monday.\n\n' +
      'France met with Ukraine to discuss reconstruction, the French foreign ministry said.',
  },
];

let shared: Pipeline | undefined;
/** One pipeline for every test file of a worker (building it reads every lexicon). */
export const testPipeline = (): Pipeline => (shared ??= buildPipeline());

export interface TestApi {
  readonly app: ReturnType<typeof createApp>;
  readonly store: Store;
  readonly dbPath: string;
  close(): Promise<void>;
}

/**
 * A real API over a fresh SQLite file holding the given articles (analysed by the real pipeline).
 */
export async function openTestApi(
  options: {
    readonly docs?: readonly RawDocument[];
    readonly token?: string;
    readonly assets?: DashboardAssets | null;
    readonly bodyLimit?: number;
    /** The pipeline of the analysing routes (default: the real one). */
    readonly pipeline?: () => Pipeline;
  } = {},
): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-api-'));
  const dbPath = join(dir, 'api.db');
  const store = await openStore(dbPath);
  const pipeline = testPipeline();
  const docs = options.docs ?? ARTICLES;
  await store.putArticles(
    docs.map((doc) => ({ article: pipeline.run(doc), ...identifyArticle(doc), origin: doc.id })),
  );
  const reads = await openReadModel(dbPath);
  const appOptions: AppOptions = {
    store,
    reads,
    pipeline: options.pipeline ?? testPipeline,
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.assets !== undefined ? { assets: options.assets } : {}),
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
  };
  return {
    app: createApp(appOptions),
    store,
    dbPath,
    async close() {
      await reads.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
