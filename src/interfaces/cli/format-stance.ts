import type { PloverType } from '../../core/index.js';
import type { EventCount, EventPeriod } from '../../store/index.js';

/** Types that side with the target: backing, agreeing, helping, giving way, talking. */
export const SUPPORTIVE_TYPES: readonly PloverType[] = [
  'SUPPORT',
  'AGREE',
  'COOPERATE',
  'AID',
  'CONCEDE',
  'RETREAT',
  'CONSULT',
];
/** Types that oppose the target: rejecting, blaming, threatening, punishing, force. */
export const HOSTILE_TYPES: readonly PloverType[] = [
  'REJECT',
  'ACCUSE',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
];

export type Stance = 'supportive' | 'hostile' | 'mixed' | 'neutral';

/** One source actor's position toward the target in one period. */
export interface StanceRow {
  readonly source: string;
  /** `YYYY-MM-DD` or `YYYY-MM`; null for undated events. */
  readonly period: string | null;
  readonly supportive: number;
  readonly hostile: number;
  /** Events of neither list (REQUEST). */
  readonly other: number;
  /** Reports of those events: each event counted once per article reporting it. */
  readonly reports: number;
  /** Independent stories reporting them (copies of one wire story count once), summed over the events. */
  readonly stories: number;
  readonly stance: Stance;
  /** Event count per type seen, most frequent first. */
  readonly types: Readonly<Partial<Record<PloverType, number>>>;
}

/** The part of an `EventCount` (grouped by source and period) a stance row is folded from. */
export type StanceCount = Pick<EventCount, 'source' | 'period' | 'type' | 'count' | 'articles' | 'stories'>;

/**
 * Folds per-type counts (`Store.countEvents`, ordered by source and period) into one stance row
 * per source and period: `supportive` or `hostile` when that side has more events (each merged
 * event once, however many articles reported it), `mixed` on a tie, `neutral` when only REQUESTs
 * were seen.
 *
 * @example
 * summariseStance([{ source: 'JPN', period: '2022-09', type: 'REJECT', count: 2, articles: 5, stories: 2 }]);
 * // [{ source: 'JPN', period: '2022-09', supportive: 0, hostile: 2, other: 0, reports: 5, stories: 2, stance: 'hostile', types: { REJECT: 2 } }]
 */
export function summariseStance(counts: readonly StanceCount[]): StanceRow[] {
  const groups = new Map<string, StanceCount[]>();
  for (const c of counts) {
    const key = `${c.source}\u0000${c.period ?? ''}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [c]);
    else group.push(c);
  }
  return [...groups.values()].map((group) => {
    const sum = (types: readonly PloverType[]) =>
      group.filter((c) => types.includes(c.type)).reduce((n, c) => n + c.count, 0);
    const supportive = sum(SUPPORTIVE_TYPES);
    const hostile = sum(HOSTILE_TYPES);
    const other = group.reduce((n, c) => n + c.count, 0) - supportive - hostile;
    const reports = group.reduce((n, c) => n + c.articles, 0);
    const stories = group.reduce((n, c) => n + c.stories, 0);
    const stance: Stance =
      supportive > hostile
        ? 'supportive'
        : hostile > supportive
          ? 'hostile'
          : supportive > 0
            ? 'mixed'
            : 'neutral';
    const types = Object.fromEntries(
      [...group]
        .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))
        .map((c) => [c.type, c.count]),
    ) as Partial<Record<PloverType, number>>;
    return {
      source: group[0]!.source ?? '',
      period: group[0]!.period,
      supportive,
      hostile,
      other,
      reports,
      stories,
      stance,
      types,
    };
  });
}

/** The stance rows as a table, one line per actor and period. */
export function formatStanceTable(rows: readonly StanceRow[], about: string, by: EventPeriod): string {
  const width = Math.max(8, ...rows.map((r) => r.source.length));
  const lines = [
    `stance toward ${about}, by ${by}`,
    `${'source'.padEnd(width)}  ${'period'.padEnd(10)}  support  hostile  other  reports  stories  ${'stance'.padEnd(10)}  types`,
  ];
  for (const r of rows) {
    const types = Object.entries(r.types)
      .map(([t, n]) => `${t}×${n}`)
      .join(' ');
    lines.push(
      `${r.source.padEnd(width)}  ${(r.period ?? 'undated').padEnd(10)}  ${String(r.supportive).padStart(7)}  ${String(r.hostile).padStart(7)}  ${String(r.other).padStart(5)}  ${String(r.reports).padStart(7)}  ${String(r.stories).padStart(7)}  ${r.stance.padEnd(10)}  ${types}`,
    );
  }
  const actors = new Set(rows.map((r) => r.source)).size;
  lines.push(`${actors} actor${actors === 1 ? '' : 's'}, ${rows.length} row${rows.length === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}
