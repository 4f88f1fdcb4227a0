import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { PLOVER_TYPES, type Modality, type PloverType } from '../../../core/index.js';
import { openStore, type EventFilter, type Store, type StoredEvent } from '../../../store/index.js';
import type { CliContext, RegisterCommand } from '../context.js';
import { isoDate, modalityOption } from './options.js';

/** The event filters `query`, `export` and `stance` share. */
export interface EventFilterOptions {
  readonly db?: string;
  readonly actor?: string;
  readonly source?: string;
  readonly target?: string;
  readonly type?: PloverType;
  readonly quad?: string;
  readonly from?: string;
  readonly to?: string;
  readonly text?: string;
  readonly modality?: Modality;
  readonly negated?: boolean;
}

interface QueryOptions extends EventFilterOptions {
  readonly limit: number;
  readonly articles?: boolean;
  readonly format: 'table' | 'json' | 'jsonl';
}

/** Option parser for positive integers. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

const clip = (s: string, n: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/**
 * One event as `query --format json|jsonl` prints it: the contract's event (of its representative
 * report), the article of that report, every report (`sources`), and the distinct reporting
 * articles, outlets and independent stories.
 */
function toJsonRow(r: StoredEvent) {
  return {
    ...r.event,
    article: { id: r.articleId, doc_id: r.docId, url: r.url },
    sources: r.sources.map((s) => ({
      article: { id: s.articleId, doc_id: s.docId, url: s.url },
      outlet: s.outlet,
      published: s.published,
      story: s.story,
      event_id: s.eventId,
      date: s.date,
      trigger: s.trigger,
      evidence: s.evidence,
    })),
    articles: r.articles,
    outlets: r.outlets,
    stories: r.stories,
  };
}

function formatTable(rows: readonly StoredEvent[]): string {
  const lines = [
    `${'date'.padEnd(10)}  ${'source'.padEnd(8)} ${'type'.padEnd(9)} ${'target'.padEnd(8)} quad  gold  cameo  ${'modality'.padEnd(12)} ${'article'.padEnd(12)} reports  evidence`,
  ];
  for (const { event: e, docId, articles, stories } of rows) {
    // Reports: articles, and the independent stories among them when copies were merged ("3/1").
    const reports = articles === stories ? String(articles) : `${articles}/${stories}`;
    lines.push(
      `${(e.date ?? '—').padEnd(10)}  ${e.source.code.padEnd(8)} ${e.type.padEnd(9)} ${e.target.code.padEnd(8)} Q${e.quad}   ${(e.goldstein >= 0 ? '+' : '') + e.goldstein.toFixed(1)}  ${e.cameo.padEnd(5)}  ${e.modality.padEnd(12)} ${clip(docId, 12).padEnd(12)} ${reports.padEnd(7)}  “${e.trigger.text}”: ${clip(e.evidence.sentence, 80)}`,
    );
  }
  lines.push(`${rows.length} event${rows.length === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}

/** Adds `--db` and the event filters (`--actor` … `--negated`) to a command. */
export function addEventFilterOptions(command: Command): Command {
  return command
    .option('--db <target>', 'SQLite file or postgres:// URL (default: $DEMARCHE_DB, else ./demarche.db)')
    .option('--actor <code>', 'source or target actor code (JPN, UN, NSA:…)')
    .option('--source <code>', 'source actor code')
    .option('--target <code>', 'target actor code')
    .addOption(new Option('--type <type>', 'PLOVER event type').choices(PLOVER_TYPES))
    .addOption(new Option('--quad <n>', 'QuadClass').choices(['1', '2', '3', '4']))
    .option('--from <date>', 'events on or after this date (YYYY-MM-DD)', isoDate)
    .option('--to <date>', 'events on or before this date (YYYY-MM-DD)', isoDate)
    .option('--text <words>', 'only events of articles containing all these words (full-text search)')
    .addOption(modalityOption())
    .option('--negated', 'only negated events')
    .option('--no-negated', 'only events that are not negated');
}

/** The store filter the options of `addEventFilterOptions` give (no limit). */
export function eventFilterOf(opts: EventFilterOptions): EventFilter {
  return {
    ...(opts.actor !== undefined ? { actor: opts.actor } : {}),
    ...(opts.source !== undefined ? { source: opts.source } : {}),
    ...(opts.target !== undefined ? { target: opts.target } : {}),
    ...(opts.type !== undefined ? { type: opts.type } : {}),
    ...(opts.quad !== undefined ? { quad: Number(opts.quad) as 1 | 2 | 3 | 4 } : {}),
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.to !== undefined ? { to: opts.to } : {}),
    ...(opts.text !== undefined ? { text: opts.text } : {}),
    ...(opts.modality !== undefined ? { modality: opts.modality } : {}),
    ...(opts.negated !== undefined ? { negated: opts.negated } : {}),
  };
}

/**
 * Opens the store `--db` (else `$DEMARCHE_DB`, else ./demarche.db) names; a SQLite file that does not
 * exist is reported (exit 1) and gives null, so that reading commands never create an empty database.
 */
export async function openExistingStore(
  db: string | undefined,
  { io, fail }: Pick<CliContext, 'io' | 'fail'>,
): Promise<Store | null> {
  const target = db ?? process.env['DEMARCHE_DB'] ?? './demarche.db';
  if (
    !/^postgres(ql)?:\/\//i.test(target) &&
    target !== ':memory:' &&
    !existsSync(target.replace(/^sqlite:(\/\/)?/i, ''))
  ) {
    io.err(`demarche: no database at ${target} (run demarche ingest first, or pass --db)\n`);
    fail(1);
    return null;
  }
  return openStore(target);
}

/** `demarche query`: events (or, with --articles, articles) from the store matching every filter. */
export const registerQuery: RegisterCommand = (program, { io, fail }) => {
  addEventFilterOptions(
    program.command('query').description('list stored events matching filters (actor, type, dates, text, …)'),
  )
    .option('--limit <n>', 'at most this many rows', positiveInt, 100)
    .option('--articles', 'list the articles matching --text instead of events')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'jsonl'])
        .default('table'),
    )
    .action(async (opts: QueryOptions) => {
      const store = await openExistingStore(opts.db, { io, fail });
      if (store === null) return;
      try {
        if (opts.articles) {
          if (opts.text === undefined) {
            io.err('demarche: query --articles needs --text\n');
            fail(2);
            return;
          }
          const hits = await store.searchArticles(opts.text, { limit: opts.limit });
          if (!hits.ok) {
            io.err(`demarche: query: ${hits.problem.message}\n`);
            fail(2);
            return;
          }
          if (opts.format === 'table') {
            for (const h of hits.value)
              io.out(
                `${String(h.id).padStart(6)}  ${(h.published ?? '—').padEnd(10)}  ${clip(h.docId, 16).padEnd(16)} ${clip(h.title ?? '', 80)}\n`,
              );
            io.out(`${hits.value.length} article${hits.value.length === 1 ? '' : 's'}\n`);
          } else if (opts.format === 'jsonl') for (const h of hits.value) io.out(JSON.stringify(h) + '\n');
          else io.out(JSON.stringify(hits.value, null, 2) + '\n');
          return;
        }
        const filter: EventFilter = { ...eventFilterOf(opts), limit: opts.limit };
        const result = await store.queryEvents(filter);
        if (!result.ok) {
          io.err(`demarche: query: ${result.problem.message}\n`);
          fail(2);
          return;
        }
        if (opts.format === 'table') io.out(formatTable(result.value));
        else if (opts.format === 'jsonl')
          for (const r of result.value) io.out(JSON.stringify(toJsonRow(r)) + '\n');
        else io.out(JSON.stringify(result.value.map(toJsonRow), null, 2) + '\n');
      } finally {
        await store.close();
      }
    });
};
