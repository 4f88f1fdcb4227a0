import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../core/index.js';
import type { Pipeline } from '../pipeline/index.js';

/** One expected coding of a PETRARCH unit-test record. */
export interface PetrarchCoding {
  readonly source: string;
  readonly target: string;
  /** CAMEO event code ("064", "1721"). */
  readonly code: string;
}

/** One `<Sentence>` of PETR.UnitTest.records.xml: its date, text and expected codings. */
export interface PetrarchRecord {
  readonly id: string;
  /** ISO date (YYYY-MM-DD), '' when the record has none. */
  readonly date: string;
  readonly text: string;
  readonly codings: readonly PetrarchCoding[];
  /** The source and target codes of every coding, special event codes included (for actor recognition). */
  readonly actorCodes: readonly string[];
}

/** A coding is scored when its code is a CAMEO event code: roots 01 to 20 (the file also tests special codes). */
const CAMEO_CODE = /^(0[1-9]|1[0-9]|20)\d{0,2}$/;
const ACTOR_CODE = /^[A-Z0-9-]+$/;

/**
 * Reads the `<Sentence>` records of PETR.UnitTest.records.xml with a few regular expressions (the
 * file is regular; no XML dependency): text, date and the codings of their `<EventCoding>`s whose
 * source and target are actor codes and whose code is a CAMEO event code.
 *
 * @example
 * readPetrarchRecords('../shared/eval/peers/petrarch2-unittest')[0]!.codings[0]; // { source: 'ARN', target: 'GON', code: '064' }
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
    const codings: PetrarchCoding[] = [];
    const actorCodes: string[] = [];
    for (const c of body.matchAll(/<EventCoding\b([^>]*)>/g)) {
      const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(c[1]!)?.[1] ?? '';
      const coding = { source: attr('sourcecode'), target: attr('targetcode'), code: attr('eventcode') };
      for (const code of [coding.source, coding.target]) if (ACTOR_CODE.test(code)) actorCodes.push(code);
      if (ACTOR_CODE.test(coding.source) && ACTOR_CODE.test(coding.target) && CAMEO_CODE.test(coding.code))
        codings.push(coding);
    }
    const date = digits ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` : '';
    if (text !== '') records.push({ id, date, text, codings, actorCodes });
  }
  return records;
}

/** The PETRARCH-style codes of an event argument: the actor code, and with its sector ("DAG" + "GOV"). */
function argumentCodes(article: Article, code: string, span: readonly [number, number]): Set<string> {
  const codes = new Set([code]);
  for (const m of article.mentions) {
    if (m.span[0] < span[1] && span[0] < m.span[1] && m.actor === code && m.sector)
      codes.add(code + m.sector);
  }
  return codes;
}

/** Whether an expected PETRARCH actor code is met by an event argument's codes. */
function sameActor(expected: string, produced: Set<string>, strict: boolean): boolean {
  if (produced.has(expected)) return true;
  // PETRARCH's unknown-state actors ("---GOV") and agents: the primary code is the first three letters
  return (
    !strict &&
    !expected.startsWith('---') &&
    [...produced].some((c) => c.slice(0, 3) === expected.slice(0, 3))
  );
}

export interface PetrarchScore {
  readonly records: number;
  /** Expected (source, target, root) triples. */
  readonly expected: number;
  /** Expected triples produced, actors compared on their primary (state or organisation) code. */
  readonly produced: number;
  /** Expected triples produced with the full actor codes (sector included) and the same root. */
  readonly producedStrict: number;
  /** Events coded that match no expected triple of their record. */
  readonly extra: number;
  readonly misses: readonly { id: string; expected: PetrarchCoding; coded: string[]; text: string }[];
}

/**
 * Runs the pipeline (built with the PETRARCH validation dictionaries) over the unit-test records
 * and counts the expected (source, target, CAMEO root) triples its events produce: an event's
 * CAMEO code is compared on its two-digit root, its arguments on their actor codes.
 *
 * @example
 * scorePetrarch(pipeline, readPetrarchRecords(dir)).produced;
 */
export function scorePetrarch(pipeline: Pipeline, records: readonly PetrarchRecord[]): PetrarchScore {
  let expected = 0;
  let produced = 0;
  let producedStrict = 0;
  let extra = 0;
  const misses: { id: string; expected: PetrarchCoding; coded: string[]; text: string }[] = [];
  for (const record of records) {
    if (record.codings.length === 0) continue;
    const article = pipeline.run({
      id: record.id,
      raw: record.text,
      mediaType: 'text/plain',
      ...(record.date ? { published: record.date } : {}),
    });
    const events = article.events
      .filter((e) => !e.negated && e.modality !== 'hypothetical')
      .map((e) => ({
        root: e.cameo.slice(0, 2),
        source: argumentCodes(article, e.source.code, e.source.span),
        target: argumentCodes(article, e.target.code, e.target.span),
        label: `${e.source.code} ${e.cameo} ${e.target.code}`,
        used: false,
      }));
    for (const coding of record.codings) {
      expected++;
      const root = coding.code.slice(0, 2);
      const match = (strict: boolean): (typeof events)[number] | undefined =>
        events.find(
          (e) =>
            e.root === root &&
            sameActor(coding.source, e.source, strict) &&
            sameActor(coding.target, e.target, strict),
        );
      const strict = match(true);
      const loose = strict ?? match(false);
      if (strict !== undefined) producedStrict++;
      if (loose !== undefined) {
        produced++;
        loose.used = true;
      } else {
        misses.push({
          id: record.id,
          expected: coding,
          coded: events.map((e) => e.label),
          text: record.text,
        });
      }
    }
    extra += events.filter((e) => !e.used).length;
  }
  return { records: records.length, expected, produced, producedStrict, extra, misses };
}
