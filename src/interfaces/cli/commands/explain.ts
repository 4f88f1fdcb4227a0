import { readInputs } from '../../../ingest/index.js';
import type { RegisterCommand } from '../context.js';
import { formatExplanation } from '../format-explain.js';
import { isoDate } from './options.js';

/** `demarche explain [FILE...]`: how each sentence was coded, and why a trigger was not. */
export const registerExplain: RegisterCommand = (program, { io, pipeline, fail }) => {
  program
    .command('explain')
    .description(
      'show sentence by sentence the actors, quotes, triggers, roles and why each event was or was not coded',
    )
    .argument('[files...]', 'input files or folders (the inputs of analyze)', ['-'])
    .option('--published <date>', 'publication date (YYYY-MM-DD) for plain-text inputs', isoDate)
    .action(async (files: string[], opts: { published?: string }) => {
      const p = pipeline();
      for await (const rec of readInputs(files, {
        ...(opts.published !== undefined ? { published: opts.published } : {}),
        ...(io.stdin ? { stdin: io.stdin } : {}),
      })) {
        if (!rec.ok) {
          io.err(`demarche: ${rec.origin}: ${rec.error}\n`);
          fail(1);
          continue;
        }
        try {
          io.out(formatExplanation(p.run(rec.doc)));
        } catch (cause) {
          io.err(`demarche: ${rec.origin}: analysis failed: ${(cause as Error).message}\n`);
          fail(1);
        }
      }
    });
};
