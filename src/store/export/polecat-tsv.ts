import type { StoredActor, StoredEvent } from '../store.js';
import { tsvLine } from './delimited.js';

/** The columns of the POLECAT event files (Harvard Dataverse), in their order. */
export const POLECAT_COLUMNS = [
  'Event ID',
  'Event Date',
  'Event Type',
  'Event Mode',
  'Intensity',
  'Quad Code',
  'Contexts',
  'Actor Name',
  'Actor Country',
  'Actor COW',
  'Primary Actor Sector',
  'Actor Sectors',
  'Actor Title',
  'Actor Name Raw',
  'Wikipedia Actor ID',
  'Recipient Name',
  'Recipient Country',
  'Recipient COW',
  'Primary Recipient Sector',
  'Recipient Sectors',
  'Recipient Title',
  'Recipient Name Raw',
  'Wikipedia Recipient ID',
  'Placename',
  'City',
  'District',
  'Province',
  'Country',
  'Latitude',
  'Longitude',
  'GeoNames ID',
  'Raw Placename',
  'Feature Type',
  'Source',
  'Publication Date',
  'Story People',
  'Story Organizations',
  'Story Locations',
  'Language',
  'Version',
] as const;

export type PolecatColumn = (typeof POLECAT_COLUMNS)[number];

/** The host of a URL without `www.`, or '' when it is not one. */
function hostOf(url: string | null): string {
  if (url === null) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Name, country (the code, for a state) and raw text of one side of an event. */
function side(arg: StoredEvent['event']['source'], resolved: StoredActor | null) {
  const isState = resolved?.kind === 'country' || (resolved === null && /^[A-Z]{3}$/.test(arg.code));
  return { name: resolved?.name ?? arg.code, country: isState ? arg.code : '', raw: arg.text };
}

/**
 * A stored event as a POLECAT row, keyed by column; columns demarche does not code are ''.
 *
 * @example
 * polecatRecord(row, row.event.id, 'demarche 0.1.0')['Event Type']; // 'REJECT'
 */
export function polecatRecord(row: StoredEvent, id: string, version: string): Record<PolecatColumn, string> {
  const e = row.event;
  const actor = side(e.source, row.sourceActor);
  const recipient = side(e.target, row.targetActor);
  const out = Object.fromEntries(POLECAT_COLUMNS.map((c) => [c, ''])) as Record<PolecatColumn, string>;
  Object.assign(out, {
    'Event ID': id,
    'Event Date': e.date ?? '',
    'Event Type': e.type,
    'Event Mode': e.mode ?? '',
    Intensity: String(e.goldstein),
    'Quad Code': String(e.quad),
    Contexts: e.contexts.join(';'),
    'Actor Name': actor.name,
    'Actor Country': actor.country,
    'Actor Name Raw': actor.raw,
    'Recipient Name': recipient.name,
    'Recipient Country': recipient.country,
    'Recipient Name Raw': recipient.raw,
    Source: hostOf(row.url),
    'Publication Date': row.published?.slice(0, 10) ?? '',
    Language: row.lang,
    Version: version,
  } satisfies Partial<Record<PolecatColumn, string>>);
  return out;
}

/** The POLECAT header line. */
export const polecatHeader = (): string => tsvLine(POLECAT_COLUMNS);

/** One POLECAT TSV line. */
export function polecatLine(row: StoredEvent, id: string, version: string): string {
  const record = polecatRecord(row, id, version);
  return tsvLine(POLECAT_COLUMNS.map((c) => record[c]));
}
