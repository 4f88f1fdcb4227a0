import type { CliIo } from '../../src/interfaces/cli/index.js';

/** A CliIo that records what the CLI writes, for in-process CLI tests. */
export function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}
