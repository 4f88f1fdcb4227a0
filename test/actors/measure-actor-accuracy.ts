import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, Span } from '../../src/core/index.js';
import { parseGold } from '../../src/eval/index.js';
import type { Pipeline } from '../../src/pipeline/index.js';

/** One gold actor code that the actors stage did not give for its evidence sentence. */
export interface ActorMiss {
  readonly file: string;
  readonly role: 'source' | 'target';
  readonly code: string;
  readonly found: readonly string[];
  readonly sentence: string;
}

export interface ActorAccuracy {
  readonly checked: number;
  readonly found: number;
  readonly misses: readonly ActorMiss[];
}

/**
 * Scores the actors stage on the gold events of a folder: for each event, are its
 * source and target codes among the actors found in (or resolved for) the
 * sentences of its evidence?
 *
 * @example
 * const { found, checked } = measureActorAccuracy(pipeline, '../shared/eval/dev');
 */
export function measureActorAccuracy(pipeline: Pipeline, dir: string): ActorAccuracy {
  let checked = 0;
  let found = 0;
  const misses: ActorMiss[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const gold = parseGold(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
    if (typeof gold === 'string') throw new Error(gold);
    const article = pipeline.run({
      id: gold.id,
      raw: gold.text,
      mediaType: 'text/plain',
      ...(gold.published ? { published: gold.published } : {}),
    });
    for (const event of gold.events) {
      const at = gold.text.indexOf(event.evidence);
      if (at < 0) continue;
      const codes = codesFor(article, [at, at + event.evidence.length]);
      for (const role of ['source', 'target'] as const) {
        checked++;
        if (codes.codes.has(event[role])) found++;
        else
          misses.push({
            file,
            role,
            code: event[role],
            found: [...codes.codes],
            sentence: codes.sentence,
          });
      }
    }
  }
  return { checked, found, misses };
}

/** Actor codes of every mention, person and quote speaker in the sentences that overlap a raw span. */
function codesFor(article: Article, raw: Span): { codes: Set<string>; sentence: string } {
  const sentences = new Set<number>();
  let sentence = '';
  article.sentences.forEach((s, index) => {
    const r = article.offsets.toRawSpan(s.span);
    if (r[0] < raw[1] && raw[0] < r[1]) {
      sentences.add(index);
      sentence += article.text.slice(s.span[0], s.span[1]) + ' ';
    }
  });
  const codes = new Set<string>();
  for (const m of article.mentions) {
    if (!sentences.has(m.sentence)) continue;
    if (m.actor !== null) codes.add(m.actor);
    if (m.person !== null) {
      const actor = article.people[m.person]?.actor;
      if (actor) codes.add(actor);
    }
  }
  for (const q of article.quotes) {
    const actor = q.speaker?.actor;
    if (!actor) continue;
    const inside = article.sentences.some(
      (s, index) => sentences.has(index) && q.span[0] < s.span[1] && s.span[0] < q.span[1],
    );
    if (inside) codes.add(actor);
  }
  return { codes, sentence: sentence.trim() };
}
