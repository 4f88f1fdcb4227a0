import type { StoredEvent } from '../store.js';
import { csvLine } from './delimited.js';

/** The columns of the CAMEO dyadic CSV. */
export const CAMEO_COLUMNS = [
  'event_id',
  'date',
  'source',
  'target',
  'code',
  'root',
  'QuadClass',
  'Goldstein',
  'URL',
  'sentence',
  'NumArticles',
  'NumSources',
  'NumStories',
] as const;

/** The CAMEO CSV header line. */
export const cameoHeader = (): string => csvLine(CAMEO_COLUMNS);

/**
 * The fields of one CAMEO dyadic row: CAMEO codes stay text ("0874", "12"), so leading zeros survive.
 *
 * @example
 * cameoFields(row, row.event.id); // ['e-…', '2022-09-30', 'JPN', 'RUS', '12', '12', '3', '-4', 'https://…', 'Japan …', '3', '2', '1']
 */
export function cameoFields(row: StoredEvent, id: string): string[] {
  const e = row.event;
  return [
    id,
    e.date ?? '',
    e.source.code,
    e.target.code,
    e.cameo,
    e.cameo.slice(0, 2),
    String(e.quad),
    String(e.goldstein),
    row.url ?? '',
    e.evidence.sentence,
    String(row.articles),
    String(row.outlets),
    String(row.stories),
  ];
}

/** One CAMEO CSV line. */
export function cameoLine(row: StoredEvent, id: string): string {
  return csvLine(cameoFields(row, id));
}
