import { PLOVER_TYPES, type PloverType } from '../core/index.js';

export interface GoldEvent {
  readonly source: string;
  readonly type: PloverType;
  readonly alt: readonly PloverType[];
  readonly target: string;
  readonly evidence: string;
}

export interface GoldQuote {
  readonly speaker: string;
  readonly actor: string | null;
  readonly text: string;
  readonly altSpeakers: readonly string[];
}

export interface GoldArticle {
  readonly id: string;
  readonly text: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly events: readonly GoldEvent[];
  readonly quotes: readonly GoldQuote[];
  readonly people: readonly string[];
}

const TYPES = new Set<string>(PLOVER_TYPES);

/**
 * Validates a gold file (eval/FORMAT.md); returns the article or a message naming the problem.
 *
 * @example
 * const gold = parseGold(JSON.parse(text), 'dev/d001.json');
 * if (typeof gold === 'string') console.error(gold);
 */
export function parseGold(value: unknown, file: string): GoldArticle | string {
  if (!isObject(value)) return `${file}: not a JSON object`;
  const id = value['id'];
  const text = value['text'];
  if (typeof id !== 'string' || id === '') return `${file}: "id" must be a non-empty string`;
  if (typeof text !== 'string') return `${file}: "text" must be a string`;
  const events: GoldEvent[] = [];
  const rawEvents = value['events'] ?? [];
  if (!Array.isArray(rawEvents)) return `${file}: "events" must be an array`;
  for (const [i, e] of rawEvents.entries()) {
    const where = `${file}: events[${i}]`;
    if (!isObject(e)) return `${where} is not an object`;
    const { source, type, target, evidence } = e;
    const alt = e['alt'] ?? [];
    if (typeof source !== 'string' || typeof target !== 'string')
      return `${where}: source/target must be strings`;
    if (typeof type !== 'string' || !TYPES.has(type)) return `${where}: unknown type ${JSON.stringify(type)}`;
    if (!Array.isArray(alt) || !alt.every((a) => typeof a === 'string' && TYPES.has(a))) {
      return `${where}: "alt" must be a list of PLOVER types`;
    }
    events.push({
      source,
      type: type as PloverType,
      alt: alt as PloverType[],
      target,
      evidence: typeof evidence === 'string' ? evidence : '',
    });
  }
  const quotes: GoldQuote[] = [];
  const rawQuotes = value['quotes'] ?? [];
  if (!Array.isArray(rawQuotes)) return `${file}: "quotes" must be an array`;
  for (const [i, q] of rawQuotes.entries()) {
    const where = `${file}: quotes[${i}]`;
    if (!isObject(q) || typeof q['speaker'] !== 'string' || typeof q['text'] !== 'string') {
      return `${where} needs string "speaker" and "text"`;
    }
    const alts = q['alt_speakers'] ?? [];
    if (!Array.isArray(alts) || !alts.every((a) => typeof a === 'string')) {
      return `${where}: "alt_speakers" must be a list of strings`;
    }
    quotes.push({
      speaker: q['speaker'],
      actor: typeof q['actor'] === 'string' ? q['actor'] : null,
      text: q['text'],
      altSpeakers: alts as string[],
    });
  }
  const people = value['people'] ?? [];
  if (!Array.isArray(people) || !people.every((p) => typeof p === 'string')) {
    return `${file}: "people" must be a list of names`;
  }
  const str = (k: string) => (typeof value[k] === 'string' ? (value[k] as string) : null);
  return {
    id,
    text,
    title: str('title'),
    url: str('url'),
    published: str('published'),
    events,
    quotes,
    people: people as string[],
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
