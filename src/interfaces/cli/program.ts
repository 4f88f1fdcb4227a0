import { once } from 'node:events';
import { Command } from 'commander';
import type { PipelineSpec } from '../../lexicons/index.js';
import type { Pipeline } from '../../pipeline/index.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerClean } from './commands/clean.js';
import { registerEval } from './commands/eval.js';
import { registerExport } from './commands/export.js';
import { registerExplain } from './commands/explain.js';
import { registerIngest } from './commands/ingest.js';
import { registerQuery } from './commands/query.js';
import { registerServe } from './commands/serve.js';
import { registerQueue } from './commands/queue.js';
import { registerStance } from './commands/stance.js';
import { registerWorker } from './commands/worker.js';
import type { CliContext, CliIo, RegisterCommand } from './context.js';

/** Every subcommand, one module each (src/interfaces/cli/commands/). */
const COMMANDS: readonly RegisterCommand[] = [
  registerAnalyze,
  registerEval,
  registerExplain,
  registerClean,
  registerIngest,
  registerQuery,
  registerStance,
  registerExport,
  registerWorker,
  registerQueue,
  registerServe,
];

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  // (once() rejects when stdout fails instead, as when the reader has gone: the command stops)
  drain: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  },
};

/**
 * Runs the `demarche` command line and resolves to the exit code.
 *
 * @example
 * const code = await runCli(['analyze', 'examples/', '--format', 'jsonl']);
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0;
  let pipeline: Pipeline | undefined;

  const program = new Command()
    .name('demarche')
    .description('Turn news articles into evidence-linked PLOVER event data.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .option('--data <dir>', 'read lexicons from this folder instead of the bundled data/')
    .option(
      '--actors <file>',
      'add actors, people and roles from a dictionary (.json, .yaml, or PETRARCH format); repeatable',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .option(
      '--verbs <file>',
      'add event triggers from a dictionary (.json/.yaml in the triggers.json format, or a PETRARCH verb dictionary); repeatable',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    );

  const spec = (): PipelineSpec => {
    const { data, actors, verbs } = program.opts<{ data?: string; actors: string[]; verbs: string[] }>();
    return { ...(data !== undefined ? { dataDir: data } : {}), actorFiles: actors, verbFiles: verbs };
  };
  const context: CliContext = {
    io,
    spec,
    pipeline: async () => (pipeline ??= (await import('../../lexicons/index.js')).buildPipeline(spec())),
    fail: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  for (const register of COMMANDS) register(program, context);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help')
      return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return 2;
    io.err(`demarche: ${(cause as Error).message}\n`);
    return 1;
  }
  return exitCode;
}
