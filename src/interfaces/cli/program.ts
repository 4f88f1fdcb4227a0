import { Command, InvalidArgumentError, Option } from 'commander';
import { toOutputRecord } from '../../core/index.js';
import { evaluateDir } from '../../eval/index.js';
import { readInputs } from '../../ingest/index.js';
import { createDefaultPipeline, type Pipeline } from '../../pipeline/index.js';
import { loadLexicons } from '../../lexicons/index.js';
import { formatArticleReport, formatEvalReport } from './format-report.js';

/** Where the CLI writes; injectable so tests run the real program in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin?: () => Promise<string>;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

type Format = 'table' | 'json' | 'jsonl';

/**
 * Builds the `demarche` command line. `run` resolves to the exit code.
 *
 * @example
 * const code = await runCli(['analyze', 'examples/', '--format', 'jsonl']);
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0;
  let pipeline: Pipeline | undefined;
  const getPipeline = (dataDir?: string) =>
    (pipeline ??= createDefaultPipeline(dataDir ? loadLexicons(dataDir) : loadLexicons()));

  const program = new Command()
    .name('demarche')
    .description('Turn news articles into evidence-linked PLOVER event data.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .option('--data <dir>', 'read lexicons from this folder instead of the bundled data/');

  program
    .command('analyze')
    .description('analyse articles: .txt, .json, .jsonl files, folders, or - for stdin')
    .argument('[files...]', 'input files or folders', ['-'])
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'jsonl'])
        .default('table'),
    )
    .option('--published <date>', 'publication date (YYYY-MM-DD) for plain-text inputs', isoDate)
    .action(async (files: string[], opts: { format: Format; published?: string }) => {
      const p = getPipeline(program.opts<{ data?: string }>().data);
      const records = [];
      for await (const rec of readInputs(files, {
        ...(opts.published !== undefined ? { published: opts.published } : {}),
        ...(io.stdin ? { stdin: io.stdin } : {}),
      })) {
        if (!rec.ok) {
          io.err(`demarche: ${rec.origin}: ${rec.error}\n`);
          exitCode = 1;
          continue;
        }
        let record;
        try {
          record = toOutputRecord(p.run(rec.doc));
        } catch (cause) {
          io.err(`demarche: ${rec.origin}: analysis failed: ${(cause as Error).message}\n`);
          exitCode = 1;
          continue;
        }
        if (opts.format === 'jsonl') io.out(JSON.stringify(record) + '\n');
        else if (opts.format === 'table') io.out(formatArticleReport(record));
        else records.push(record);
      }
      if (opts.format === 'json') {
        io.out(JSON.stringify(records.length === 1 ? records[0] : records, null, 2) + '\n');
      }
    });

  program
    .command('eval')
    .description('score the pipeline on a folder of gold files (eval/FORMAT.md)')
    .argument('<dir>', 'folder of gold *.json files')
    .option('-v, --verbose', 'list every missed and spurious event, quote and person')
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, opts: { verbose?: boolean; json?: boolean }) => {
      const report = await evaluateDir(dir, getPipeline(program.opts<{ data?: string }>().data));
      if (opts.json) io.out(JSON.stringify(report, null, 2) + '\n');
      else io.out(formatEvalReport(report, { verbose: opts.verbose === true }));
      if (report.errors.length > 0) exitCode = 1;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (cause) {
    const code = (cause as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help')
      return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return 2;
    io.err(`demarche: ${(cause as Error).message}\n`);
    return 1;
  }
  return exitCode;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return value;
}
