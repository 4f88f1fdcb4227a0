import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyArticle, readInputs } from '../../src/ingest/index.js';
import {
  createApp,
  loadDashboardAssets,
  openReadModel,
  startServer,
  type ReadModel,
  type RunningServer,
} from '../../src/interfaces/http/index.js';
import { buildPipeline } from '../../src/lexicons/index.js';
import { openStore, type ArticleToStore, type Store } from '../../src/store/index.js';
import { buildWeb } from '../../scripts/build-web.js';

const DEV = fileURLToPath(new URL('../../../shared/eval/dev/', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let dir: string;
let store: Store;
let reads: ReadModel;
let server: RunningServer;
let browser: Browser;
let page: Page;

/** Stores the dev set the way `demarche ingest` does: read, identify, analyse, put. */
async function ingestDevSet(target: Store): Promise<number> {
  const pipeline = buildPipeline();
  const batch: ArticleToStore[] = [];
  for await (const rec of readInputs([DEV])) {
    if (!rec.ok) continue; // the folder's README is not an article
    batch.push({ article: pipeline.run(rec.doc), ...identifyArticle(rec.doc), origin: rec.origin });
  }
  const outcomes = await target.putArticles(batch);
  return outcomes.filter((o) => o.status === 'stored').length;
}

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run apt-get install -y chromium`).toBe(true);
  expect(existsSync(join(DEV, 'seed.json')), `the dev set is missing at ${DEV}`).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'demarche-web-'));
  const assetsDir = join(dir, 'web');
  await buildWeb(assetsDir);
  const dbPath = join(dir, 'dev.db');
  store = await openStore(dbPath);
  expect(await ingestDevSet(store)).toBeGreaterThan(20);
  reads = await openReadModel(dbPath);
  const app = createApp({ store, reads, pipeline: buildPipeline, assets: loadDashboardAssets(assetsDir) });
  server = await startServer(app, { port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await reads?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dashboard', () => {
  it('shows JPN, USA and UN hostile toward RUS and the evidence of "will never recognize" in the seed article', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');

    await page.fill('#filters input[name="target"]', 'RUS');
    await page.click('#filters button[type="submit"]');
    await page.waitForSelector('#matrix td.cell[data-target="RUS"]');
    await page.waitForSelector('body[data-loading="false"]');

    const targets = await page.$$eval('#matrix td.cell', (cells) => [
      ...new Set(cells.map((c) => c.dataset['target'])),
    ]);
    expect(targets).toEqual(['RUS']);
    for (const source of ['JPN', 'USA', 'UN']) {
      const cell = page.locator(`#matrix td.cell[data-source="${source}"][data-target="RUS"]`);
      await expect.poll(() => cell.getAttribute('data-stance')).toBe('hostile');
      const dominant = await cell.getAttribute('data-dominant');
      expect(['REJECT', 'ACCUSE', 'SANCTION', 'THREATEN', 'PROTEST']).toContain(dominant);
      expect(await cell.evaluate((td) => getComputedStyle(td).backgroundColor)).toBe('rgb(248, 215, 215)');
    }

    // The timeline and the network are drawn for the same filter.
    await page.waitForSelector('#timeline svg');
    await page.waitForSelector('#network canvas');

    // Click through from the matrix to the events, then to the seed article.
    await page.click('#matrix td.cell[data-source="USA"][data-target="RUS"]');
    await page.waitForSelector('#events-scope:has-text("source=USA")');
    await page
      .locator('#events button[data-article]', { hasText: /^seed$/ })
      .first()
      .click();
    await page.waitForSelector('#article-section:not([hidden])');
    const evidence = page.locator('#article-text mark.evidence', { hasText: 'will never recognize' });
    await expect.poll(() => evidence.count()).toBeGreaterThan(0);
    expect(await evidence.first().isVisible()).toBe(true);
    expect(await page.locator('#article-events li', { hasText: 'USA REJECT RUS' }).count()).toBeGreaterThan(
      0,
    );
    expect(await page.locator('#article-quotes li').count()).toBeGreaterThan(0);

    // The raw text is one click away.
    await page.click('#toggle-raw');
    expect(await page.locator('#article-raw').isVisible()).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await evidence.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-rus-seed.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the API error naming the parameter for a bad filter', async () => {
    await page.goto(`${server.url}?target=${encodeURIComponent('<b>')}`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#error').textContent()).toContain('target: must be an actor code');
  }, 60_000);
});
