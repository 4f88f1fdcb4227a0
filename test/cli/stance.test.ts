import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseStance, type StanceRow } from '../../src/interfaces/cli/format-stance.js';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'demarche-stance-'));
const db = join(dir, 'stance.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Articles written for this test: Japan hostile to Russia in September (its condemnation reported
// twice, by two outlets), then talking to it in October; France hostile; Italy backs Ukraine.
const ARTICLES = [
  { id: 's1', published: '2022-09-30', text: 'Japan condemned Russia on Friday.\n' },
  {
    id: 's1-other-outlet',
    published: '2022-09-30',
    text: 'Japan condemned Russia on Friday over the votes in occupied regions.\n',
  },
  { id: 's2', published: '2022-09-30', text: 'Japan imposed sanctions on Russia on Thursday.\n' },
  { id: 's3', published: '2022-10-12', text: 'Japan held talks with Russia on Wednesday.\n' },
  {
    id: 's4',
    published: '2022-10-03',
    text: 'France imposed sanctions on Russia on Monday. Italy praised Ukraine on Sunday.\n',
  },
];

beforeAll(async () => {
  const input = join(dir, 'stance.jsonl');
  writeFileSync(input, ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  expect(await runCli(['ingest', input, '--db', db, '-q'], capture().io)).toBe(0);
});

describe('demarche stance', () => {
  it('prints each source actor’s stance toward the target per month, as JSON', async () => {
    const c = capture();
    expect(await runCli(['stance', 'RUS', '--db', db, '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.out.join('')) as { target: string; by: string; rows: StanceRow[] };
    expect(report).toMatchObject({ target: 'RUS', text: null, by: 'month' });
    const jpn = report.rows.filter((r) => r.source === 'JPN');
    expect(jpn.map((r) => r.period)).toEqual(['2022-09', '2022-10']);
    // The condemnation reported by two articles is one event with two reports.
    expect(jpn[0]).toMatchObject({
      supportive: 0,
      hostile: 2,
      other: 0,
      reports: 3,
      stories: 3,
      stance: 'hostile',
    });
    expect(jpn[0]!.types).toEqual({ ACCUSE: 1, SANCTION: 1 });
    expect(jpn[1]).toMatchObject({ supportive: 1, hostile: 0, stance: 'supportive', types: { CONSULT: 1 } });
    expect(report.rows.find((r) => r.source === 'FRA')).toMatchObject({
      stance: 'hostile',
      types: { SANCTION: 1 },
    });
    expect(report.rows.some((r) => r.source === 'ITA')).toBe(false);
  });

  it('groups by day, filters by source, and prints a table', async () => {
    const c = capture();
    expect(await runCli(['stance', 'RUS', '--db', db, '--by', 'day', '--source', 'JPN'], c.io)).toBe(0);
    const out = c.out.join('');
    expect(out).toMatch(/^stance toward RUS, by day\n/);
    expect(out).toMatch(/JPN\s+2022-09-29\s+0\s+1\s+0\s+1\s+1\s+hostile\s+SANCTION×1/);
    expect(out).toMatch(/JPN\s+2022-09-30\s+0\s+1\s+0\s+2\s+2\s+hostile\s+ACCUSE×1/);
    expect(out).toMatch(/JPN\s+2022-10-12\s+1\s+0\s+0\s+1\s+1\s+supportive\s+CONSULT×1/);
    expect(out).not.toMatch(/FRA/);
    expect(out).toMatch(/1 actor, 3 rows\n$/);
  });

  it('takes an issue (--text) instead of a target', async () => {
    const c = capture();
    expect(await runCli(['stance', '--text', 'praised', '--db', db, '--json'], c.io)).toBe(0);
    const rows = (JSON.parse(c.out.join('')) as { rows: StanceRow[] }).rows;
    expect(rows.find((r) => r.source === 'ITA')).toMatchObject({
      stance: 'supportive',
      types: { SUPPORT: 1 },
    });
    expect(rows.find((r) => r.source === 'FRA')).toMatchObject({ stance: 'hostile' });
  });

  it('needs a target or an issue, and rejects a bad period (exit 2)', async () => {
    const c = capture();
    expect(await runCli(['stance', '--db', db], c.io)).toBe(2);
    expect(c.err.join('')).toContain('needs a TARGET');
    expect(await runCli(['stance', 'RUS', '--db', db, '--by', 'week'], capture().io)).toBe(2);
    expect(await runCli(['stance', 'RUS', '--db', join(dir, 'none.db')], capture().io)).toBe(1);
  });
});

describe('summariseStance', () => {
  it('calls a tie mixed, REQUEST-only neutral, and lists types most frequent first', () => {
    const rows = summariseStance([
      { source: 'A', period: '2022-01', type: 'REJECT', count: 1, articles: 3, stories: 1 },
      { source: 'A', period: '2022-01', type: 'SUPPORT', count: 1, articles: 1, stories: 1 },
      { source: 'B', period: null, type: 'REQUEST', count: 2, articles: 2, stories: 2 },
      { source: 'C', period: '2022-02', type: 'ACCUSE', count: 1, articles: 1, stories: 1 },
      { source: 'C', period: '2022-02', type: 'REJECT', count: 3, articles: 4, stories: 3 },
    ]);
    expect(rows.map((r) => [r.source, r.stance, r.other, r.reports, r.stories])).toEqual([
      ['A', 'mixed', 0, 4, 2],
      ['B', 'neutral', 2, 2, 2],
      ['C', 'hostile', 0, 5, 4],
    ]);
    expect(Object.keys(rows[2]!.types)).toEqual(['REJECT', 'ACCUSE']);
  });
});
