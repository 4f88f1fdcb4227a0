import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';
import { fileTempDir } from '../support/temp-dir.js';

const dir = fileTempDir('demarche-clean-');
const raw =
  'Tokyo protests\n\nChief Cabinet Secretary Matsuno said the vote was void. Matsunoat a briefing added that Japan would act.\n\nREAD MORE: Other story\n';
writeFileSync(join(dir, 'a.txt'), raw);
const body = [
  'The foreign ministers of both countries met in the capital on Tuesday to discuss the border dispute that has strained relations for a decade.',
  'Officials said the talks lasted four hours and covered trade, fisheries and the return of detained sailors, according to a statement issued afterwards.',
  'Both sides agreed to meet again next month, and diplomats described the atmosphere as constructive although no agreement was signed at the meeting.',
];
writeFileSync(
  join(dir, 'page.html'),
  `<html><head><title>Ministers meet</title><link rel="canonical" href="https://news.example/ministers"></head><body>
<article><h1>Ministers meet</h1>
<figure><img src="a.jpg"><figcaption>The ministers shake hands. <span class="credit">Photo: Reuters</span></figcaption></figure>
${body.map((p) => `<p>${p}</p>`).join('\n')}
<p>(With information from EFE)</p>
</article></body></html>`,
);

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

  it('--diff names the credits of an HTML page and of its text', async () => {
    const { io, out } = capture();
    expect(await runCli(['clean', '--diff', join(dir, 'page.html')], io)).toBe(0);
    const header = out.join('').split('\n')[0]!;
    expect(header).toContain('credits:');
    expect(header).toContain('Reuters');
    expect(header).toContain('EFE');
  });

  it('--json prints one object per input with text, credits, edits and metadata', async () => {
    const { io, out } = capture();
    expect(await runCli(['clean', '--json', join(dir, 'page.html'), join(dir, 'a.txt')], io)).toBe(0);
    const records = out
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    const [page, text] = records as [Record<string, unknown>, Record<string, unknown>];
    expect(page.url).toBe('https://news.example/ministers');
    expect(page.text).toContain('border dispute');
    expect(page.text).not.toContain('With information from');
    expect(page.credits).toEqual(expect.arrayContaining(['Reuters', 'EFE']));
    expect(text.text).toContain('Matsuno at a briefing');
    expect(text.edits).toContainEqual(
      expect.objectContaining({ kind: 'split-glued-word', after: 'Matsuno at' }),
    );
  });

  it('refuses --diff with --json', async () => {
    const { io, err } = capture();
    expect(await runCli(['clean', '--diff', '--json', join(dir, 'a.txt')], io)).toBe(2);
    expect(err.join('')).toContain('cannot be used together');
  });

  it('reports a missing file and exits 1', async () => {
    const { io, err } = capture();
    expect(await runCli(['clean', join(dir, 'nope.txt')], io)).toBe(1);
    expect(err.join('')).toContain('no such file');
  });
});
