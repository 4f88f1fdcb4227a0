import type { Article } from '../../core/index.js';
import type { ReadOptions } from '../../ingest/index.js';
import type { CliContext } from './context.js';

/**
 * Reads the inputs of `analyze` and `explain` (files, folders, feeds, URLs) and analyses each
 * article, in input order. A file or record that cannot be read, or an article whose analysis
 * fails, is reported as `demarche: ORIGIN: reason` with exit code 1, and the rest go on.
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
  const [p, { readInputs }] = await Promise.all([pipeline(), import('../../ingest/index.js')]);
  for await (const rec of readInputs(files, {
    ...read,
    ...(published !== undefined ? { published } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
  })) {
    if (!rec.ok) {
      io.err(`demarche: ${rec.origin}: ${rec.error}\n`);
      fail(1);
      continue;
    }
    let article: Article;
    try {
      article = p.run(rec.doc);
    } catch (cause) {
      io.err(`demarche: ${rec.origin}: analysis failed: ${(cause as Error).message}\n`);
      fail(1);
      continue;
    }
    yield article;
  }
}
