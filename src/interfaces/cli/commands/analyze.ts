import { Option } from 'commander';
import { toOutputRecord, type OutputRecord } from '../../../core/index.js';
import { analyseInputs, recordsOnThreads } from '../analyse-inputs.js';
import type { RegisterCommand } from '../context.js';
import { formatArticleReport } from '../format-report.js';
import { fetchReadOptions, isoDate, wholeNumber, withFetchOptions, type FetchFlags } from './options.js';

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
    .option(
      '--threads <n>',
      'analyse on this many threads, each article printed as its thread made it (default: 0, the main thread)',
      wholeNumber,
    )
    .action(
      async (
        files: string[],
        opts: FetchFlags & { format: Format; published?: string; threads?: number },
      ) => {
        const records: OutputRecord[] = [];
        // one article's record, or its JSON line as an analysis thread made it
        const print = async (record: OutputRecord | string) => {
          if (opts.format === 'jsonl') {
            io.out((typeof record === 'string' ? record : JSON.stringify(record)) + '\n');
          } else {
            const r = typeof record === 'string' ? (JSON.parse(record) as OutputRecord) : record;
            if (opts.format === 'table') io.out(formatArticleReport(r));
            else records.push(r);
          }
          await io.drain?.();
        };
        const threads = opts.threads ?? 0;
        const read = fetchReadOptions(opts);
        if (threads === 0) {
          for await (const article of analyseInputs(files, opts.published, context, read))
            await print(toOutputRecord(article));
        } else {
          for await (const json of recordsOnThreads(files, opts.published, context, read, threads))
            await print(json);
        }
        if (opts.format === 'json') {
          io.out(JSON.stringify(records.length === 1 ? records[0] : records, null, 2) + '\n');
        }
      },
    );
};
