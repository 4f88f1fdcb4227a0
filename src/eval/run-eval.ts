import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLOVER_TYPES, toOutputRecord } from '../core/index.js';
import { analysisFailure, type Pipeline } from '../pipeline/index.js';
import { parseGold } from './gold.js';
import { addCounts, type ArticleScore, type Counts, prf, type Prf, scoreArticle } from './score.js';

export interface TypeCounts {
  /** Gold events of this type (primary type). */
  gold: number;
  /** Distinct system triples of this type. */
  system: number;
  /** System triples of this type that matched a gold event. */
  matched: number;
}

export interface EvalReport {
  readonly dir: string;
  readonly files: number;
  readonly events: Counts & Prf;
  readonly quotes: Counts & Prf;
  readonly people: Counts & Prf;
  readonly byType: Record<string, TypeCounts>;
  readonly articles: ArticleScore[];
  /** Gold files that could not be read, with the reason. */
  readonly errors: string[];
}

/**
 * Runs the pipeline over every gold file (`*.json`) in `dir` and scores it.
 *
 * @example
 * const report = await evaluateDir('../shared/eval/dev', createDefaultPipeline(loadLexicons()));
 * console.log(report.events.f1);
 */
export async function evaluateDir(dir: string, pipeline: Pipeline): Promise<EvalReport> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const articles: ArticleScore[] = [];
  const errors: string[] = [];
  const byType: Record<string, TypeCounts> = {};
  for (const t of PLOVER_TYPES) byType[t] = { gold: 0, system: 0, matched: 0 };
  let events: Counts = { tp: 0, fp: 0, fn: 0 };
  let quotes: Counts = { tp: 0, fp: 0, fn: 0 };
  let people: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const name of names) {
    const path = join(dir, name);
    let gold;
    try {
      gold = parseGold(JSON.parse(await readFile(path, 'utf8')), path);
    } catch (cause) {
      gold = `${path}: ${(cause as Error).message}`;
    }
    if (typeof gold === 'string') {
      errors.push(gold);
      continue;
    }
    let article;
    try {
      article = pipeline.run({
        id: gold.id,
        raw: gold.text,
        mediaType: 'text/plain',
        ...(gold.title !== null ? { title: gold.title } : {}),
        ...(gold.url !== null ? { url: gold.url } : {}),
        ...(gold.published !== null ? { published: gold.published } : {}),
      });
    } catch (cause) {
      errors.push(`${path}: ${analysisFailure(cause)}`);
      continue;
    }
    const score = scoreArticle(gold, toOutputRecord(article));
    articles.push(score);
    events = addCounts(events, score.events);
    quotes = addCounts(quotes, score.quotes);
    people = addCounts(people, score.people);
    for (const g of gold.events) byType[g.type]!.gold++;
    for (const s of [...score.spuriousEvents, ...score.matchedEvents.map(([s]) => s)]) {
      const row = byType[s.type];
      if (row) row.system++;
    }
    for (const [s] of score.matchedEvents) {
      const row = byType[s.type];
      if (row) row.matched++;
    }
  }
  return {
    dir,
    files: articles.length,
    events: { ...events, ...prf(events) },
    quotes: { ...quotes, ...prf(quotes) },
    people: { ...people, ...prf(people) },
    byType,
    articles,
    errors,
  };
}
