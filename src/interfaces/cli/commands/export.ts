import { closeSync, openSync, writeSync } from 'node:fs';
import { Option } from 'commander';
import { EXPORT_FORMATS, createExporter, type EventCursor, type ExportFormat } from '../../../store/index.js';
import type { RegisterCommand } from '../context.js';
import {
  addEventFilterOptions,
  eventFilterOf,
  openExistingStore,
  positiveInt,
  type EventFilterOptions,
} from './query.js';

interface ExportOptions extends EventFilterOptions {
  readonly format: ExportFormat;
  readonly out?: string;
  readonly limit?: number;
}

/** Events read from the store per query: the export streams, it never holds the whole table. */
const PAGE = 1000;
/** What `coder` (PLOVER) and `Version` (POLECAT) name. */
const CODER = 'demarche 0.1.0';

/** `demarche export`: stored events in PLOVER JSONL, POLECAT TSV or CAMEO CSV. */
export const registerExport: RegisterCommand = (program, { io, fail }) => {
  addEventFilterOptions(
    program
      .command('export')
      .description('write stored events as PLOVER JSONL, POLECAT TSV or CAMEO CSV (filters as in query)'),
  )
    .addOption(
      new Option('-f, --format <format>', 'export format').choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .option('-o, --out <file>', 'write to this file (UTF-8) instead of standard output')
    .option('--limit <n>', 'at most this many events (default: all)', positiveInt)
    .action(async (opts: ExportOptions) => {
      const store = await openExistingStore(opts.db, { io, fail });
      if (store === null) return;
      let fd: number | undefined;
      try {
        const filter = eventFilterOf(opts);
        // Check the filter before creating the output file.
        const first = await store.queryEvents({ ...filter, limit: Math.min(PAGE, opts.limit ?? PAGE) });
        if (!first.ok) {
          io.err(`demarche: export: ${first.problem.message}\n`);
          fail(2);
          return;
        }
        if (opts.out !== undefined) fd = openSync(opts.out, 'w');
        const write = (text: string) => {
          if (text === '') return;
          if (fd === undefined) io.out(text);
          else writeSync(fd, text, null, 'utf8');
        };
        const exporter = createExporter(opts.format, { coder: CODER });
        write(exporter.header);
        let page = first.value;
        let left = opts.limit ?? Infinity;
        let written = 0;
        for (;;) {
          const chunk = page.map((row) => exporter.line(row)).join('');
          write(chunk);
          if (fd === undefined) await io.drain?.();
          written += page.length;
          left -= page.length;
          const last = page.at(-1);
          if (page.length < PAGE || left <= 0 || last === undefined) break;
          const after: EventCursor = last.cursor;
          const next = await store.queryEvents({ ...filter, after, limit: Math.min(PAGE, left) });
          if (!next.ok) throw new Error(next.problem.message);
          page = next.value;
        }
        if (opts.out !== undefined)
          io.err(`demarche: exported ${written} event${written === 1 ? '' : 's'} to ${opts.out}\n`);
      } finally {
        if (fd !== undefined) closeSync(fd);
        await store.close();
      }
    });
};
