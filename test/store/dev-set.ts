import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Mention, RawDocument } from '../../src/core/index.js';
import { identifyArticle, readInputs } from '../../src/ingest/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline, type Pipeline } from '../../src/pipeline/index.js';
import type { ArticleToStore, StoreCounts } from '../../src/store/index.js';

/** The hand-annotated dev set beside the repository (its gold files are valid input). */
export const DEV_DIR = fileURLToPath(new URL('../../../shared/eval/dev/', import.meta.url));

/**
 * Row counts the dev set must give in any store. Events are not predicted here (reports of one
 * event in several articles merge), only bounded: one report per analysed event, one story per
 * article (the dev articles are unrelated, so none may fall into another's story cluster).
 */
export type DevCounts = Omit<StoreCounts, 'events'>;

let shared: Pipeline | undefined;
const pipeline = (): Pipeline => (shared ??= createDefaultPipeline(loadLexicons()));

/** Documents written by a test, analysed by the real pipeline, ready to store. */
export function analyseDocs(
  docs: readonly (Omit<RawDocument, 'mediaType'> & { mediaType?: 'text/plain' })[],
) {
  return docs.map((d): ArticleToStore => {
    const doc: RawDocument = { mediaType: 'text/plain', ...d };
    return { article: pipeline().run(doc), ...identifyArticle(doc), origin: `test:${d.id}` };
  });
}

/** The headline line and lead paragraph of the seed's text, and the body after them. */
export function seedParts(): {
  seed: { id: string; url?: string | null; published: string; title: string; text: string };
  lead: string;
  body: string;
} {
  const seed = JSON.parse(readFileSync(`${DEV_DIR}seed.json`, 'utf8')) as {
    id: string;
    url?: string | null;
    published: string;
    title: string;
    text: string;
  };
  const paragraphs = seed.text.split(/\n\n/);
  return { seed, lead: paragraphs.slice(0, 2).join('\n\n'), body: paragraphs.slice(2).join('\n\n') };
}

/**
 * The seed (read from ../shared/eval/dev/seed.json at run time) and two syndicated copies written
 * here: another headline and another lead paragraph over the same body, at other outlets.
 */
export function seedWithCopies(): ArticleToStore[] {
  const { seed, body } = seedParts();
  const copy = (id: string, url: string, title: string, lead: string) => ({
    id,
    url,
    published: seed.published,
    title,
    raw: `${title}\n\n${lead}\n\n${body}`,
  });
  return analyseDocs([
    {
      id: seed.id,
      ...(seed.url ? { url: seed.url } : {}),
      published: seed.published,
      title: seed.title,
      raw: seed.text,
    },
    copy(
      'seed-wire-copy-a',
      'https://news.example.org/world/asia/tokyo-position',
      'Tokyo sets out its position after the votes in occupied regions',
      'Officials in Tokyo spoke to reporters at the weekly briefing, the latest in a series of ' +
        'statements that governments issued over the past days.',
    ),
    copy(
      'seed-wire-copy-b',
      'https://daily.example.net/2022/09/30/briefing',
      'Briefing: what governments said on Friday',
      'This summary of official statements was compiled from agency reports and press ' +
        'conferences held during the morning.',
    ),
  ]);
}

let cached: Promise<{ items: ArticleToStore[]; counts: DevCounts }> | undefined;

/** The dev set analysed once per test file, with the row counts it must give in any store. */
export function analysedDevSet(): Promise<{ items: ArticleToStore[]; counts: DevCounts }> {
  cached ??= (async () => {
    const items: ArticleToStore[] = [];
    for await (const rec of readInputs([DEV_DIR])) {
      if (!rec.ok) continue;
      items.push({ article: pipeline().run(rec.doc), ...identifyArticle(rec.doc), origin: rec.origin });
    }
    const sum = (f: (i: ArticleToStore) => number) => items.reduce((n, i) => n + f(i), 0);
    const articles = new Set(items.map((i) => i.contentHash)).size;
    const counts: DevCounts = {
      articles,
      mentions: sum((i) => i.article.mentions.length),
      people: sum((i) => i.article.people.length),
      quotes: sum((i) => i.article.quotes.length),
      eventSources: sum((i) => i.article.events.length),
      stories: articles,
    };
    return { items, counts };
  })();
  return cached;
}

/** The fields of a mention that the article view returns (and the old `mentions` table held). */
export const mentionFields = ({ span, text, kind, actor, person, sentence }: Mention) => ({
  span,
  text,
  kind,
  actor,
  person,
  sentence,
});
