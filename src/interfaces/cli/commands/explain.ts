import { analyseInputs } from '../analyse-inputs.js';
import type { RegisterCommand } from '../context.js';
import { formatExplanation } from '../format-explain.js';
import { fetchReadOptions, isoDate, withFetchOptions, type FetchFlags } from './options.js';

/** `demarche explain [FILE...]`: how each sentence was coded, and why a trigger was not. */
export const registerExplain: RegisterCommand = (program, context) => {
  const { io } = context;
  withFetchOptions(
    program
      .command('explain')
      .description(
        'show sentence by sentence the actors, quotes, triggers, roles and why each event was or was not coded',
      )
      .argument('[files...]', 'input files, folders, feeds or URLs (the inputs of analyze)', ['-']),
  )
    .option('--published <date>', 'publication date (YYYY-MM-DD) for plain-text inputs', isoDate)
    .action(async (files: string[], opts: FetchFlags & { published?: string }) => {
      for await (const article of analyseInputs(files, opts.published, context, fetchReadOptions(opts))) {
        io.out(formatExplanation(article));
        await io.drain?.();
      }
    });
};
