import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = 10_000;
const COUNTRIES = ['Japan', 'France', 'Brazil', 'Kenya', 'Canada', 'India', 'Mexico', 'Norway'];
const VERBS = ['rejected', 'condemned', 'welcomed', 'criticised'];

/** TOTAL short generated articles: half in .jsonl dumps (with URLs), half as .txt files in sub-folders. */
function writeCorpus(dir: string): void {
  const line = (i: number) => {
    const a = COUNTRIES[i % COUNTRIES.length]!;
    const b = COUNTRIES[(i * 7 + 3) % COUNTRIES.length]!;
    return `${a} on Monday ${VERBS[i % VERBS.length]} the decision of ${b === a ? 'Russia' : b} on tariffs, officials said in report ${i}.\n\nThe talks number ${i} will continue next week in Geneva.`;
  };
  for (let f = 0; f < 5; f++) {
    const rows: string[] = [];
    const per = TOTAL / 10;
    for (let i = f * per; i < (f + 1) * per; i++)
      rows.push(
        JSON.stringify({
          id: `g${i}`,
          text: line(i),
          url: `https://news.example/${i}`,
          published: '2024-03-04',
        }),
      );
    writeFileSync(join(dir, `dump-${f}.jsonl`), rows.join('\n') + '\n');
  }
  for (let i = TOTAL / 2; i < TOTAL; i++) {
    const sub = join(dir, 'files', String(Math.floor(i / 100)));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `a${i}.txt`), line(i));
  }
}

/** Articles in the SQLite file so far (read by another connection while the ingest writes). */
function storedSoFar(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('select count(*) as n from articles').get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not created yet
  }
}

/**
 * Runs the real CLI; resolves with its exit code (null when killed) and output. With `killAfter`,
 * the process is killed with SIGKILL as soon as the database holds that many articles.
 */
function runIngest(args: string[], killAfter?: { readonly db: string; readonly articles: number }) {
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'ingest', ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const poll =
        killAfter &&
        setInterval(() => {
          if (child.exitCode === null && storedSoFar(killAfter.db) >= killAfter.articles)
            child.kill('SIGKILL');
        }, 20);
      child.on('close', (code, signal) => {
        if (poll) clearInterval(poll);
        resolve({ code, signal, stdout, stderr });
      });
    },
  );
}

describe('demarche ingest, killed and rerun', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`stores each of ${TOTAL} articles exactly once after a SIGKILL mid-way and a rerun`, async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    writeCorpus(corpus);
    const db = join(dir, 'kill.db');
    const args = [corpus, '--db', db, '--batch', '50', '--published', '2024-03-04'];

    const killed = await runIngest(args, { db, articles: 500 });
    expect(killed.signal).toBe('SIGKILL');
    let store = await openSqliteStore({ path: db });
    const partial = (await store.counts()).articles;
    await store.close();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(TOTAL);

    const rerun = await runIngest(args);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(
      new RegExp(`${TOTAL} articles read, ${TOTAL - partial} stored, ${partial} already stored`),
    );

    const again = await runIngest(args);
    expect(again.stdout).toMatch(
      new RegExp(`${TOTAL} articles read, 0 stored, ${TOTAL} already stored, 0 bad`),
    );

    store = await openSqliteStore({ path: db });
    const counts = await store.counts();
    await store.close();
    expect(counts.articles).toBe(TOTAL);
    // Generated articles report the same facts (same actors, verb and Monday): their reports merge.
    expect(counts.events).toBeGreaterThan(0);
    expect(counts.eventSources).toBeGreaterThanOrEqual(counts.events);
    expect(counts.stories).toBeLessThanOrEqual(TOTAL);
  }, 600_000);
});
