import type { Article } from '../../core/index.js';
import type { InputRecord, ReadOptions } from '../../ingest/index.js';
import type { JsonOutcome } from '../../pool/index.js';
import type { CliContext } from './context.js';

/** The reading options of `analyze` and `explain`: the HTTP client's, `--published`, standard input. */
function readOptions(
  read: Pick<ReadOptions, 'http' | 'followLinks'>,
  published: string | undefined,
  io: CliContext['io'],
): ReadOptions {
  return {
    ...read,
    ...(published !== undefined ? { published } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
  };
}

/** What `Promise.race` gives when the next record is not ready yet. */
const NOT_READY = Symbol('not ready');

/**
 * Resolves with NOT_READY after 10 ms: the next record of a dump, or the next file of a folder,
 * comes well within that (a folder's files are read one by one, so waiting only for the reads
 * already done made batches of one); a web page being fetched does not, and is not waited for.
 */
const nextTurn = () => new Promise<typeof NOT_READY>((resolve) => setTimeout(resolve, 10, NOT_READY));

/**
 * Reads the inputs of `analyze` and `explain` (files, folders, feeds, URLs) and analyses each
 * article, in input order. A file or record that cannot be read, or an article whose analysis
 * fails, is reported as `demarche: ORIGIN: reason` with exit code 1, and the rest go on. The
 * records that are read at once (a dump's, a folder's) are analysed together, up to STAGE_BATCH,
 * stage by stage (`Pipeline.runMany`); a record that is not there yet (a page still being fetched)
 * is not waited for: what was read is analysed and printed first.
 *
 * @example
 * for await (const article of analyseInputs(files, undefined, context)) io.out(format(article));
 */
export async function* analyseInputs(
  files: readonly string[],
  published: string | undefined,
  { io, pipeline, fail }: CliContext,
  read: Pick<ReadOptions, 'http' | 'followLinks'> = {},
): AsyncGenerator<Article> {
  // the readers (an HTML parser among them) load when a command reads, not at start-up
  const [p, { readInputs }, { STAGE_BATCH }] = await Promise.all([
    pipeline(),
    import('../../ingest/index.js'),
    import('../../pipeline/index.js'),
  ]);
  const records = readInputs(files, readOptions(read, published, io))[Symbol.asyncIterator]();
  let next = records.next();
  for (;;) {
    const first = await next;
    if (first.done === true) return;
    const batch: InputRecord[] = [first.value];
    next = records.next();
    // at most one group of the stages' batches: the articles are kept whole (tokens and all) until printed
    while (batch.length < STAGE_BATCH) {
      const ready = await Promise.race([next, nextTurn()]);
      if (ready === NOT_READY || ready.done === true) break;
      batch.push(ready.value);
      next = records.next();
    }
    const docs = batch.flatMap((rec) => (rec.ok ? [rec.doc] : []));
    const runs = p.runMany(docs);
    let k = 0;
    for (const rec of batch) {
      if (!rec.ok) {
        io.err(`demarche: ${rec.origin}: ${rec.error}\n`);
        fail(1);
        continue;
      }
      const run = runs[k++]!;
      if (!run.ok) {
        io.err(`demarche: ${rec.origin}: ${run.reason}\n`);
        fail(1);
        continue;
      }
      yield run.article;
    }
  }
}

/** Articles handed to the analysis threads ahead of the one printed next, per thread. */
const AHEAD_PER_THREAD = 96;

/** An input record on its way through the threads: its outcome, in input order. */
interface InFlight {
  readonly origin: string;
  readonly outcome: Promise<JsonOutcome>;
}

/**
 * `analyseInputs` on `threads` analysis threads (the pool of `ingest` and `worker`), giving each
 * article as its output record's JSON text (`toOutputRecord`), made on the thread that analysed it
 * (`AnalysisPool.analyseToJson`). Each article goes to the threads as soon as it is read, and is
 * given back in input order as soon as it and every article before it are done, without waiting
 * for the next record (a page still being fetched, a line not yet piped in). At most
 * `AHEAD_PER_THREAD` articles per thread are in flight, so a dump larger than memory streams
 * through. Bad records and failed analyses are reported as `analyseInputs` reports them; a
 * pipeline that cannot be built (a bad dictionary) throws.
 *
 * @example
 * for await (const json of recordsOnThreads(files, undefined, context, {}, 2)) io.out(json + '\n');
 */
export async function* recordsOnThreads(
  files: readonly string[],
  published: string | undefined,
  { io, spec, fail }: CliContext,
  read: Pick<ReadOptions, 'http' | 'followLinks'>,
  threads: number,
): AsyncGenerator<string> {
  const [{ readInputs }, { createAnalysisPool }] = await Promise.all([
    import('../../ingest/index.js'),
    import('../../pool/index.js'),
  ]);
  const pool = createAnalysisPool({ spec: spec(), threads });
  try {
    await pool.ready();
    const records = readInputs(files, readOptions(read, published, io))[Symbol.asyncIterator]();
    const limit = AHEAD_PER_THREAD * threads;
    const inFlight: InFlight[] = [];
    let next: Promise<{ readonly record: IteratorResult<InputRecord> }> | null = records
      .next()
      .then((record) => ({ record }));
    for (;;) {
      const head = inFlight[0];
      if (next !== null && inFlight.length < limit) {
        // the next record, or the first article in flight if it is done before the record comes
        const first = head === undefined ? await next : await Promise.race([next, head.outcome]);
        if ('record' in first) {
          if (first.record.done === true) next = null;
          else {
            const rec = first.record.value;
            inFlight.push({
              origin: rec.origin,
              outcome: rec.ok
                ? pool.analyseToJson(rec.doc)
                : Promise.resolve({ ok: false, error: rec.error }),
            });
            next = records.next().then((record) => ({ record }));
          }
          continue;
        }
      }
      if (head === undefined) return;
      inFlight.shift();
      const outcome = await head.outcome;
      if (outcome.ok) yield outcome.json;
      else {
        io.err(`demarche: ${head.origin}: ${outcome.error}\n`);
        fail(1);
      }
    }
  } finally {
    await pool.close();
  }
}
