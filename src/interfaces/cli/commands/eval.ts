import type { RegisterCommand } from '../context.js';
import { formatEvalReport } from '../format-report.js';

/** `demarche eval DIR`: score the pipeline on a folder of gold files. */
export const registerEval: RegisterCommand = (program, { io, pipeline, fail }) => {
  program
    .command('eval')
    .description('score the pipeline on a folder of gold files (eval/FORMAT.md)')
    .argument('<dir>', 'folder of gold *.json files')
    .option('-v, --verbose', 'list every missed and spurious event, quote and person')
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, opts: { verbose?: boolean; json?: boolean }) => {
      const { evaluateDir } = await import('../../../eval/index.js');
      const report = await evaluateDir(dir, await pipeline());
      if (opts.json) io.out(JSON.stringify(report, null, 2) + '\n');
      else io.out(formatEvalReport(report, { verbose: opts.verbose === true }));
      if (report.errors.length > 0) fail(1);
    });
};
