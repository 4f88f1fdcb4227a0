import { Option } from 'commander';
import type { EventFilter, EventPeriod } from '../../../store/index.js';
import type { RegisterCommand } from '../context.js';
import { formatStanceTable, summariseStance } from '../format-stance.js';
import { isoDate, modalityOption } from './options.js';
import { openExistingStore } from './query.js';

interface StanceOptions {
  readonly db?: string;
  readonly text?: string;
  readonly source?: string;
  readonly from?: string;
  readonly to?: string;
  readonly modality?: EventFilter['modality'];
  readonly by: EventPeriod;
  readonly json?: boolean;
}

/** `demarche stance [TARGET]`: each source actor's positions toward a target actor or an issue, over time. */
export const registerStance: RegisterCommand = (program, { io, fail }) => {
  program
    .command('stance')
    .description("each actor's positions toward a target actor (or an issue, --text) over time")
    .argument('[target]', 'target actor code (RUS, UN, NSA:…)')
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DEMARCHE_DB, else ./demarche.db)')
    .option('--text <words>', 'the issue: only events of articles containing all these words')
    .option('--source <code>', 'only this source actor')
    .option('--from <date>', 'events on or after this date (YYYY-MM-DD)', isoDate)
    .option('--to <date>', 'events on or before this date (YYYY-MM-DD)', isoDate)
    .addOption(modalityOption())
    .addOption(new Option('--by <period>', 'period of a row').choices(['day', 'month']).default('month'))
    .option('--json', 'print the rows as JSON')
    .action(async (target: string | undefined, opts: StanceOptions) => {
      if (target === undefined && opts.text === undefined) {
        io.err('demarche: stance needs a TARGET actor code or --text WORDS (an issue)\n');
        fail(2);
        return;
      }
      const store = await openExistingStore(opts.db, { io, fail });
      if (store === null) return;
      try {
        const filter: EventFilter = {
          ...(target !== undefined ? { target } : {}),
          ...(opts.text !== undefined ? { text: opts.text } : {}),
          ...(opts.source !== undefined ? { source: opts.source } : {}),
          ...(opts.from !== undefined ? { from: opts.from } : {}),
          ...(opts.to !== undefined ? { to: opts.to } : {}),
          ...(opts.modality !== undefined ? { modality: opts.modality } : {}),
        };
        const counts = await store.countEvents(filter, { period: opts.by, reports: true });
        if (!counts.ok) {
          io.err(`demarche: stance: ${counts.problem.message}\n`);
          fail(2);
          return;
        }
        const rows = summariseStance(counts.value);
        if (opts.json) {
          io.out(
            JSON.stringify({ target: target ?? null, text: opts.text ?? null, by: opts.by, rows }, null, 2) +
              '\n',
          );
        } else {
          const about = [target, opts.text !== undefined ? `"${opts.text}"` : undefined]
            .filter((x) => x !== undefined)
            .join(' on ');
          io.out(formatStanceTable(rows, about, opts.by));
        }
      } finally {
        await store.close();
      }
    });
};
