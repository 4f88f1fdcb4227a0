import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = 2000;
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
    for (let i = f * 200; i < (f + 1) * 200; i++)
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

/** Runs the real CLI; resolves with its exit code (null when killed) and output. */
function runIngest(args: string[], killWhen?: (stderr: string) => boolean) {
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'ingest', ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (killWhen?.(stderr) && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
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

    const killed = await runIngest(
      args,
      (err) => /(\d+) stored/.test(err) && Number(/(\d+) stored/.exec(err)![1]) > 0,
    );
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
    expect(counts.eventSources).toBe(counts.events);
  }, 180_000);
});
