import { fileURLToPath } from 'node:url';
import { identifyArticle, readInputs } from '../../src/ingest/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';
import type { ArticleToStore, StoreCounts } from '../../src/store/index.js';

/** The hand-annotated dev set beside the repository (its gold files are valid input). */
export const DEV_DIR = fileURLToPath(new URL('../../../shared/eval/dev/', import.meta.url));

let cached: Promise<{ items: ArticleToStore[]; counts: StoreCounts }> | undefined;

/** The dev set analysed once per test file, with the row counts it must give in any store. */
export function analysedDevSet(): Promise<{ items: ArticleToStore[]; counts: StoreCounts }> {
  cached ??= (async () => {
    const pipeline = createDefaultPipeline(loadLexicons());
    const items: ArticleToStore[] = [];
    for await (const rec of readInputs([DEV_DIR])) {
      if (!rec.ok) continue;
      items.push({ article: pipeline.run(rec.doc), ...identifyArticle(rec.doc), origin: rec.origin });
    }
    const sum = (f: (i: ArticleToStore) => number) => items.reduce((n, i) => n + f(i), 0);
    const counts: StoreCounts = {
      articles: new Set(items.map((i) => i.contentHash)).size,
      mentions: sum((i) => i.article.mentions.length),
      people: sum((i) => i.article.people.length),
      quotes: sum((i) => i.article.quotes.length),
      events: sum((i) => i.article.events.length),
      eventSources: sum((i) => i.article.events.length),
    };
    return { items, counts };
  })();
  return cached;
}
