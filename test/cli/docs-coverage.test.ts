import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** README.md and docs/*.md, where every public command and option is documented. */
const docs = [
  readFileSync(`${ROOT}README.md`, 'utf8'),
  ...readdirSync(`${ROOT}docs`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(`${ROOT}docs/${f}`, 'utf8')),
].join('\n');

/** The help text of `demarche ARGS… --help`, as a user reads it. */
async function help(args: readonly string[]): Promise<string> {
  const out: string[] = [];
  const write = (text: string) => void out.push(text);
  expect(await runCli([...args, '--help'], { out: write, err: write })).toBe(0);
  return out.join('');
}

/** The subcommands a help text lists (`help` aside). */
function subcommands(text: string): string[] {
  const list = text.split('\nCommands:\n')[1] ?? '';
  return [...list.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

describe('the documentation', () => {
  it('names every command and every option the CLI offers', async () => {
    const missing: string[] = [];
    const visited: string[] = [];
    const visit = async (args: readonly string[]) => {
      visited.push(args.join(' '));
      const text = await help(args);
      if (
        args.length > 0 &&
        !docs.includes(`demarche ${args.join(' ')}`) &&
        !docs.includes(`\`${args.join(' ')}`)
      )
        missing.push(`command "${args.join(' ')}"`);
      for (const [flag] of text.matchAll(/--[a-z][\w-]*/g))
        if (flag !== '--help' && !docs.includes(flag))
          missing.push(`${args.join(' ') || 'demarche'} ${flag}`);
      for (const sub of subcommands(text)) await visit([...args, sub]);
    };
    await visit([]);
    expect(missing).toEqual([]);
    // the walk reached every command, the nested queue commands too
    expect(visited).toEqual(
      expect.arrayContaining(['analyze', 'ingest', 'worker', 'queue status', 'queue retry']),
    );
  });
});
