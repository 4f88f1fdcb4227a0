import type { Article } from '../../src/core/index.js';
import { readPetrarchRecords } from '../../src/eval/index.js';
import type { Pipeline } from '../../src/pipeline/index.js';

export { readPetrarchRecords };

export interface PetrarchRecognition {
  readonly checked: number;
  readonly found: number;
  readonly misses: readonly { id: string; code: string; found: string[]; text: string }[];
}

/**
 * Share of the expected PETRARCH codes that the actors stage finds in their record's text: an
 * actor code, or an actor code followed by the mention's sector ("CAL" + "GOV" = CALGOV).
 * Codes starting with PETRARCH's null actor `---` count when the sector is found on any mention.
 *
 * @example
 * measurePetrarchRecognition(pipeline, dir).found;
 */
export function measurePetrarchRecognition(pipeline: Pipeline, dir: string): PetrarchRecognition {
  let checked = 0;
  let found = 0;
  const misses: { id: string; code: string; found: string[]; text: string }[] = [];
  for (const record of readPetrarchRecords(dir)) {
    const article = pipeline.run({
      id: record.id,
      raw: record.text,
      mediaType: 'text/plain',
      ...(record.date ? { published: record.date } : {}),
    });
    const codes = codesOf(article);
    for (const code of record.actorCodes) {
      checked++;
      if (codes.has(code)) found++;
      else misses.push({ id: record.id, code, found: [...codes], text: record.text });
    }
  }
  return { checked, found, misses };
}

function codesOf(article: Article): Set<string> {
  const codes = new Set<string>();
  for (const m of article.mentions) {
    const actor = m.actor ?? (m.person !== null ? article.people[m.person]?.actor : null) ?? null;
    if (actor === null) {
      if (m.sector) codes.add(`---${m.sector}`);
      continue;
    }
    codes.add(actor);
    if (m.sector) codes.add(actor + m.sector);
  }
  return codes;
}
