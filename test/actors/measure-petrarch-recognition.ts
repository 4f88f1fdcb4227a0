import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/core/index.js';
import type { Pipeline } from '../../src/pipeline/index.js';

/** One PETRARCH unit-test record: its date, text and expected source/target codes. */
export interface PetrarchRecord {
  readonly id: string;
  readonly date: string;
  readonly text: string;
  readonly codes: readonly string[];
}

export interface PetrarchRecognition {
  readonly checked: number;
  readonly found: number;
  readonly misses: readonly { id: string; code: string; found: string[]; text: string }[];
}

/**
 * Reads the `<Sentence>` records of PETR.UnitTest.records.xml with a few regular expressions
 * (no XML dependency): the codes of their `<EventCoding>`s, leaving out quoted error strings.
 *
 * @example
 * readPetrarchRecords(dir).length; // 285
 */
export function readPetrarchRecords(dir: string): PetrarchRecord[] {
  const xml = readFileSync(join(dir, 'PETR.UnitTest.records.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const records: PetrarchRecord[] = [];
  for (const m of xml.matchAll(/<Sentence\b([^>]*)>([\s\S]*?)<\/Sentence>/g)) {
    const attrs = m[1]!;
    const body = m[2]!;
    const id = /\bid="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const digits = /\bdate="(\d{8})"/.exec(attrs)?.[1] ?? '';
    const text = /<Text>([\s\S]*?)<\/Text>/.exec(body)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
    const codes: string[] = [];
    for (const c of body.matchAll(/<EventCoding\b([^>]*)>/g)) {
      for (const role of ['sourcecode', 'targetcode']) {
        const code = new RegExp(`\\b${role}="([^"]*)"`).exec(c[1]!)?.[1];
        if (code !== undefined && /^[A-Z0-9-]+$/.test(code)) codes.push(code);
      }
    }
    const date = digits ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` : '';
    if (text !== '' && codes.length > 0) records.push({ id, date, text, codes });
  }
  return records;
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
    for (const code of record.codes) {
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
