import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The packages a fresh Node process loads to run `demarche ARGS` (from the TypeScript sources,
 * through tsx), read off Node's module resolution by a hook: ES modules and CommonJS alike.
 */
function packagesLoaded(args: readonly string[]): string[] {
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const seen = new Set();
    port1.on('message', (url) => seen.add(url));
    port1.unref();
    const hooks = 'data:text/javascript,' + encodeURIComponent(
      'let port; export function initialize(d) { port = d.port; }' +
      'export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }');
    register(hooks, { data: { port: port2 }, transferList: [port2] });
    const { register: tsx } = await import('tsx/esm/api');
    tsx();
    const { runCli } = await import('./src/interfaces/cli/index.ts');
    const io = { out: () => {}, err: () => {} };
    await runCli(${JSON.stringify(args)}, io);
    await new Promise((r) => setTimeout(r, 100));
    // CommonJS packages (loaded by require, which the hook does not see) are in require's cache
    const { createRequire } = await import('node:module');
    for (const file of Object.keys(createRequire(import.meta.url).cache)) seen.add(file);
    const packages = new Set();
    for (const url of seen) {
      const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(url);
      if (m) packages.add(m[1]);
    }
    process.stdout.write(JSON.stringify([...packages].sort()));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as string[];
}

describe('start-up', () => {
  // what every command loads at start is paid by every run, `--help` and one-article runs included:
  // the NLP model and word list (about 0.5 s), the HTML parser, the database layer and the queue
  // load only when a command that needs them runs
  const HEAVY = ['wink-nlp', 'wink-eng-lite-web-model', 'word-list', 'chrono-node', 'linkedom', 'kysely'];
  const DRIVERS = ['better-sqlite3', 'pg', 'bullmq', 'ioredis', 'hono'];

  it('loads no NLP model, HTML parser, database layer or queue for --help', () => {
    const loaded = packagesLoaded(['--help']);
    expect(loaded).toContain('commander');
    expect(loaded.filter((p) => [...HEAVY, ...DRIVERS].includes(p))).toEqual([]);
  }, 60_000);

  it('loads the analysis for analyze, but no database layer, driver or queue', () => {
    const loaded = packagesLoaded(['analyze', 'examples/referendum-reactions.txt']);
    expect(loaded).toEqual(expect.arrayContaining(['wink-nlp', 'wink-eng-lite-web-model', 'chrono-node']));
    // and no HTML parser for plain text
    expect(loaded.filter((p) => ['kysely', 'linkedom', ...DRIVERS].includes(p))).toEqual([]);
  }, 60_000);

  it('loads the HTML parser when a page is read', () => {
    const page = join(testTempDir('demarche-startup-'), 'page.html');
    writeFileSync(page, '<p>Japan rejected the vote on Friday.</p>');
    expect(packagesLoaded(['analyze', page])).toContain('linkedom');
  }, 60_000);
});
