import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'demarche-clean-'));
const raw =
  'Tokyo protests\n\nChief Cabinet Secretary Matsuno said the vote was void. Matsunoat a briefing added that Japan would act.\n\nREAD MORE: Other story\n';
writeFileSync(join(dir, 'a.txt'), raw);

describe('demarche clean', () => {
  it('prints the cleaned text', async () => {
    const { io, out } = capture();
    expect(await runCli(['clean', join(dir, 'a.txt')], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain('Matsuno at a briefing');
    expect(text).not.toContain('READ MORE');
  });

  it('--diff lists each edit with its raw span in context', async () => {
    const { io, out } = capture();
    expect(await runCli(['clean', '--diff', join(dir, 'a.txt')], io)).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^a: \d+ edits/);
    expect(text).toContain('split-glued-word');
    expect(text).toContain('[Matsunoat → Matsuno at]');
    expect(text).toContain('drop-boilerplate');
  });

  it('reports a missing file and exits 1', async () => {
    const { io, err } = capture();
    expect(await runCli(['clean', join(dir, 'nope.txt')], io)).toBe(1);
    expect(err.join('')).toContain('no such file');
  });
});
