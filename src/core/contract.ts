import type { AnalysedArticle, Diagnostic, Edit, Event, Person, Quote, ActorRef } from './types.js';

/**
 * One article as `demarche analyze --format json` prints it: the public output
 * contract of ARCHITECTURE.md (field names are stable; evaluation scripts read them).
 */
export interface OutputRecord {
  readonly id: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly text: string;
  readonly credits: readonly string[];
  readonly edits: readonly Edit[];
  readonly people: readonly Person[];
  readonly actors: readonly ActorRef[];
  readonly quotes: readonly Quote[];
  readonly events: readonly Event[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Projects an analysed article onto the output contract.
 *
 * @example
 * process.stdout.write(JSON.stringify(toOutputRecord(pipeline.run(doc))) + '\n');
 */
export function toOutputRecord(article: AnalysedArticle): OutputRecord {
  return {
    id: article.id,
    title: article.title ?? null,
    url: article.url ?? null,
    published: article.published ?? null,
    text: article.text,
    credits: article.credits,
    edits: article.edits,
    people: article.people,
    actors: article.actors,
    quotes: article.quotes,
    events: article.events,
    diagnostics: article.diagnostics,
  };
}
