import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { identifyArticle } from '../../src/ingest/index.js';
import { runCli } from '../../src/interfaces/cli/index.js';
import { openStore } from '../../src/store/index.js';
import { capture } from '../support/cli.js';
import { ARTICLES, testPipeline } from './api-fixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The first line of a stream matching a pattern (rejects when the stream ends first). */
function lineMatching(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const m = pattern.exec(text);
      if (m) resolve(m);
    });
    stream.on('end', () => reject(new Error(`no line matching ${pattern} in: ${text}`)));
  });
}

describe('demarche serve', () => {
  it('serves the API over a database file until SIGTERM, with ingest behind the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demarche-serve-'));
    const db = join(dir, 'served.db');
    const store = await openStore(db);
    const pipeline = testPipeline();
    await store.putArticles(ARTICLES.map((doc) => ({ article: pipeline.run(doc), ...identifyArticle(doc) })));
    await store.close();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'serve', '--db', db, '--port', '0', '--assets', dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, DEMARCHE_TOKEN: 'served-token' },
      },
    );
    try {
      const [, url] = await lineMatching(child.stderr!, /demarche serve: (http:\/\/\S+) .*ingest on/);
      const stats = (await (await fetch(`${url}api/stats`)).json()) as { articles: number };
      expect(stats.articles).toBe(2);
      const denied = await fetch(`${url}api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ articles: [{ text: 'Chile thanked Peru.' }] }),
      });
      expect(denied.status).toBe(401);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a database that does not exist, and an in-memory one', async () => {
    const missing = capture();
    expect(await runCli(['serve', '--db', join(tmpdir(), 'no-such-demarche.db')], missing.io)).toBe(1);
    expect(missing.err.join('')).toContain('no database at');
    const memory = capture();
    expect(await runCli(['serve', '--db', ':memory:'], memory.io)).toBe(2);
    expect(memory.err.join('')).toContain('needs a database file');
    expect(await runCli(['serve', '--port', '70000'], capture().io)).toBe(2);
  });
});
