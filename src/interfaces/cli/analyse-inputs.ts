import type { Article } from '../../core/index.js';
import type { InputRecord, ReadOptions } from '../../ingest/index.js';
import type { CliContext } from './context.js';

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
  const records = readInputs(files, {
    ...read,
    ...(published !== undefined ? { published } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
  })[Symbol.asyncIterator]();
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
