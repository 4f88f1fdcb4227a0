import { Option } from 'commander';
import { toOutputRecord, type OutputRecord } from '../../../core/index.js';
import { analyseInputs } from '../analyse-inputs.js';
import type { RegisterCommand } from '../context.js';
import { formatArticleReport } from '../format-report.js';
import { fetchReadOptions, isoDate, withFetchOptions, type FetchFlags } from './options.js';

type Format = 'table' | 'json' | 'jsonl';

/** `demarche analyze [FILE...]`: analyse articles and print the report or the output contract. */
export const registerAnalyze: RegisterCommand = (program, context) => {
  const { io } = context;
  withFetchOptions(
    program
      .command('analyze')
      .description(
        'analyse articles: .txt, .html, .json, .jsonl, feed files (each also .gz), URLs, folders, or - for stdin',
      )
      .argument('[files...]', 'input files, folders, feeds (.xml/.rss/.atom) or http(s) URLs', ['-']),
  )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'jsonl'])
        .default('table'),
    )
    .option('--published <date>', 'publication date (YYYY-MM-DD) for plain-text inputs', isoDate)
    .action(async (files: string[], opts: FetchFlags & { format: Format; published?: string }) => {
      const records: OutputRecord[] = [];
      for await (const article of analyseInputs(files, opts.published, context, fetchReadOptions(opts))) {
        const record = toOutputRecord(article);
        if (opts.format === 'jsonl') io.out(JSON.stringify(record) + '\n');
        else if (opts.format === 'table') io.out(formatArticleReport(record));
        else records.push(record);
        await io.drain?.();
      }
      if (opts.format === 'json') {
        io.out(JSON.stringify(records.length === 1 ? records[0] : records, null, 2) + '\n');
      }
    });
};
