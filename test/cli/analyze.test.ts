import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';
import { fileTempDir } from '../support/temp-dir.js';

const dir = fileTempDir('demarche-cli-');
const article =
  'Ruritania rejects the vote\n\nThe government of Japan on Monday rejected the results of the referendums held by Russia, calling them illegal.\n';
writeFileSync(join(dir, 'good.txt'), article);
writeFileSync(join(dir, 'broken.json'), '{"id": "b1", "text": ');
writeFileSync(
  join(dir, 'batch.jsonl'),
  [
    JSON.stringify({ id: 'j1', text: article, published: '2022-09-30' }),
    '{not json',
    JSON.stringify({ id: 'j3', title: 'no text here' }),
    JSON.stringify({ id: 'j4', text: article, published: 'last Friday' }),
    JSON.stringify({ id: 'j5', text: article }),
  ].join('\n'),
);

describe('demarche analyze', () => {
  it('reports each bad file or record by name and line, exits 1, and still analyses the rest', async () => {
    const c = capture();
    const code = await runCli(
      [
        'analyze',
        join(dir, 'good.txt'),
        join(dir, 'broken.json'),
        join(dir, 'batch.jsonl'),
        join(dir, 'missing.txt'),
        '--format',
        'jsonl',
      ],
      c.io,
    );
    expect(code).toBe(1);
    const errors = c.err.join('');
    expect(errors).toMatch(/broken\.json: not valid JSON/);
    expect(errors).toMatch(/batch\.jsonl:2: not valid JSON/);
    expect(errors).toMatch(/batch\.jsonl:3: "text" is missing/);
    expect(errors).toMatch(/batch\.jsonl:4: "published" is not an ISO date/);
    expect(errors).toMatch(/missing\.txt: no such file/);
    const ids = c.out
      .join('')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(['good', 'j1', 'j5']);
  });

  it('prints the same, in input order, with the same errors, on analysis threads (--threads)', async () => {
    const args = [
      'analyze',
      join(dir, 'good.txt'),
      join(dir, 'broken.json'),
      join(dir, 'batch.jsonl'),
      join(dir, 'missing.txt'),
      join(dir, 'good.txt'),
    ];
    for (const format of ['jsonl', 'table', 'json']) {
      const here = capture();
      const threaded = capture();
      expect(await runCli([...args, '--format', format], here.io)).toBe(1);
      expect(await runCli([...args, '--format', format, '--threads', '2'], threaded.io)).toBe(1);
      expect(threaded.out.join('')).toBe(here.out.join(''));
      expect(threaded.err.join('')).toBe(here.err.join(''));
    }
  }, 60_000);

  it('prints the output contract field names', async () => {
    const c = capture();
    expect(
      await runCli(['analyze', join(dir, 'good.txt'), '--format', 'json', '--published', '2022-09-30'], c.io),
    ).toBe(0);
    const record = JSON.parse(c.out.join('')) as Record<string, unknown>;
    for (const key of ['id', 'title', 'published', 'text', 'edits', 'people', 'actors', 'quotes', 'events']) {
      expect(record).toHaveProperty(key);
    }
    expect(record['published']).toBe('2022-09-30');
  });

  it('reads a folder recursively and stdin', async () => {
    const c = capture();
    const code = await runCli(['analyze', '-', '--format', 'jsonl'], { ...c.io, stdin: async () => article });
    expect(code).toBe(0);
    expect(JSON.parse(c.out.join('')).id).toBe('stdin');
    const f = capture();
    expect(await runCli(['analyze', dir, '--format', 'jsonl'], f.io)).toBe(1);
    const ids = f.out
      .join('')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(['j1', 'j5', 'good']);
  });

  it('rejects a bad --published and an unknown format with a usage error', async () => {
    expect(await runCli(['analyze', join(dir, 'good.txt'), '--published', 'Friday'], capture().io)).toBe(2);
    expect(await runCli(['analyze', join(dir, 'good.txt'), '--format', 'xml'], capture().io)).toBe(2);
  });

  it('prints a readable table by default', async () => {
    const c = capture();
    expect(await runCli(['analyze', join(dir, 'good.txt')], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/Events \(\d+\)/);
  });
});

describe('the README main job', () => {
  it('analyses examples/ without errors and finds their events and repairs', async () => {
    const c = capture();
    const examples = new URL('../../examples/', import.meta.url).pathname;
    expect(await runCli(['analyze', examples, '--published', '2022-09-27', '--format', 'jsonl'], c.io)).toBe(
      0,
    );
    expect(c.err.join('')).toBe('');
    const records = c.out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; events: unknown[]; edits: { kind: string }[] });
    expect(records.map((r) => r.id)).toEqual([
      'expulsion-and-aid',
      'referendum-reactions',
      'drills',
      'talks',
    ]);
    const reactions = records.find((r) => r.id === 'referendum-reactions')!;
    expect(reactions.events.length).toBeGreaterThan(3);
    expect(reactions.edits.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'split-glued-word',
        'fix-doubled-letter',
        'drop-duplicate-paragraph',
        'drop-boilerplate',
      ]),
    );
  });
});
