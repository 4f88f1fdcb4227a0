import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';
import { fileTempDir } from '../support/temp-dir.js';

const dir = fileTempDir('demarche-explain-');
writeFileSync(
  join(dir, 'a.txt'),
  [
    'Ruritania rejects the vote',
    'The government of Japan on Monday rejected the results of the referendums held by Russia.',
    'Japan did not condemn Brazil.',
    'The weather in the capital was mild.',
    'Japan again rejected the Russian referendums.',
  ].join('\n\n') + '\n',
);

describe('demarche explain', () => {
  it('shows each sentence with its actors, coded events, skipped triggers and merged repeats', async () => {
    const { io, out } = capture();
    expect(await runCli(['explain', '--published', '2022-09-30', join(dir, 'a.txt')], io)).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^━━ a {2}\(2022-09-30\): 5 sentences, 1 events/);
    const block = (n: number): string => text.split(`\n[${n}] `)[1]!.split('\n[')[0]!;
    expect(block(2)).toMatch(/actors: [^\n]*Japan=JPN/);
    expect(block(2)).toMatch(/event #1 {2}JPN REJECT RUS {2}date 2022-09-26/);
    expect(block(2)).toMatch(/rule reject\/verb:\S+, confidence \d\.\d\d/);
    expect(block(3)).toMatch(/"condemn" \(ACCUSE, [^)]*\) not coded: negated \(not\)/);
    expect(block(4)).toContain('no actor and no trigger');
    expect(block(5)).toContain('event #1 again (JPN REJECT RUS): merged as one fact');
  });

  it('reports a missing file and exits 1', async () => {
    const { io, err } = capture();
    expect(await runCli(['explain', join(dir, 'nope.txt')], io)).toBe(1);
    expect(err.join('')).toContain('nope.txt');
  });
});
