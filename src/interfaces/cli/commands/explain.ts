import { analyseInputs } from '../analyse-inputs.js';
import type { RegisterCommand } from '../context.js';
import { formatExplanation } from '../format-explain.js';
import { isoDate } from './options.js';

/** `demarche explain [FILE...]`: how each sentence was coded, and why a trigger was not. */
export const registerExplain: RegisterCommand = (program, context) => {
  const { io } = context;
  program
    .command('explain')
    .description(
      'show sentence by sentence the actors, quotes, triggers, roles and why each event was or was not coded',
    )
    .argument('[files...]', 'input files or folders (the inputs of analyze)', ['-'])
    .option('--published <date>', 'publication date (YYYY-MM-DD) for plain-text inputs', isoDate)
    .action(async (files: string[], opts: { published?: string }) => {
      for await (const article of analyseInputs(files, opts.published, context))
        io.out(formatExplanation(article));
    });
};
