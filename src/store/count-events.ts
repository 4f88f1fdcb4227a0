import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { PloverType } from '../core/index.js';
import type { Database } from './schema.js';
import type { CountDimension, EventCount, EventFilter, EventPeriod } from './store.js';

/** A checked `countEvents` request. */
export interface CountRequest {
  readonly by: ReadonlySet<CountDimension>;
  readonly period: EventPeriod;
  readonly reports: boolean;
}

/** `YYYY-MM-DD` → the number of days in its month (`00` months and days out of range included). */
const daysIn = (date: string) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();

/**
 * The month bounds of `event_counts` rows answering a filter exactly, or null when the rollup
 * cannot answer it: a text search, day periods, report sums, or a date bound inside a month.
 *
 * @example
 * rollupMonths({ target: 'RUS', from: '2022-01-01', to: '2022-12-31' }, { by: new Set(), period: 'month', reports: false });
 * // { from: '2022-01', to: '2022-12' }
 */
export function rollupMonths(
  f: EventFilter,
  r: CountRequest,
): { readonly from?: string; readonly to?: string } | null {
  if (f.text !== undefined || r.reports || (r.by.has('period') && r.period !== 'month')) return null;
  // `date >= from` keeps whole months when `from` is a month's first day (or day 00); `date <= to`
  // when `to` is its last day or later.
  if (f.from !== undefined && f.from.slice(8) > '01') return null;
  if (f.to !== undefined && Number(f.to.slice(8)) < daysIn(f.to)) return null;
  return {
    ...(f.from !== undefined ? { from: f.from.slice(0, 7) } : {}),
    ...(f.to !== undefined ? { to: f.to.slice(0, 7) } : {}),
  };
}

/** The count groups of rows (aliased source, target, period, type, n, g, reports, stories), ordered by source, target, period (undated last), type by code unit. */
function countsOf(rows: readonly Record<string, unknown>[], r: CountRequest, undated: unknown): EventCount[] {
  const keyed = rows.map((row) => {
    const period = (row['period'] ?? null) as string | null;
    const count: EventCount = {
      source: r.by.has('source') ? String(row['source']) : null,
      target: r.by.has('target') ? String(row['target']) : null,
      period: period === undated ? null : period,
      type: row['type'] as PloverType,
      count: Number(row['n']),
      goldstein: Math.round(Number(row['g']) * 100) / 100,
      articles: r.reports ? Number(row['reports']) : 0,
      stories: r.reports ? Number(row['stories']) : 0,
    };
    // One string per group compares as the tuple does: codes never hold U+0000, the lowest unit.
    const key = `${count.source ?? ''}\u0000${count.target ?? ''}\u0000${count.period ?? '\uffff'}\u0000${count.type}`;
    return { key, count };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.count);
}

/** The grouped columns, in select and group order: `[expression, alias]`. */
function groups(r: CountRequest, columns: { source: string; target: string }, period: RawBuilder<unknown>) {
  const out: [RawBuilder<unknown>, string][] = [];
  if (r.by.has('source')) out.push([sql.ref(columns.source), 'source']);
  if (r.by.has('target')) out.push([sql.ref(columns.target), 'target']);
  if (r.by.has('period')) out.push([period, 'period']);
  return out;
}

/**
 * Counts from `event_counts` (one row per month and filter key), for a filter `rollupMonths` allows.
 *
 * @example
 * await countFromRollup(db, { target: 'RUS' }, {}, request);
 */
export async function countFromRollup(
  db: Kysely<Database>,
  f: EventFilter,
  months: { readonly from?: string; readonly to?: string },
  r: CountRequest,
): Promise<EventCount[]> {
  let q = db.selectFrom('event_counts as c');
  if (f.actor !== undefined) {
    const actor = f.actor;
    q = q.where((eb) => eb.or([eb('c.source_code', '=', actor), eb('c.target_code', '=', actor)]));
  }
  if (f.source !== undefined) q = q.where('c.source_code', '=', f.source);
  if (f.target !== undefined) q = q.where('c.target_code', '=', f.target);
  if (f.type !== undefined) q = q.where('c.type', '=', f.type);
  if (f.quad !== undefined) q = q.where('c.quad', '=', f.quad);
  if (f.modality !== undefined) q = q.where('c.modality', '=', f.modality);
  if (f.negated !== undefined) q = q.where('c.negated', '=', f.negated ? 1 : 0);
  // Undated events are the '' month: below every `from`, excluded from any `to`.
  if (months.from !== undefined) q = q.where('c.month', '>=', months.from);
  if (months.to !== undefined) q = q.where('c.month', '<=', months.to).where('c.month', '<>', '');
  const grouped = groups(r, { source: 'c.source_code', target: 'c.target_code' }, sql.ref('c.month'));
  const query = q
    .select([
      ...grouped.map(([e, alias]) => e.as(alias)),
      'c.type as type',
      sql<number>`sum(c.events)`.as('n'),
      sql<number>`sum(c.goldstein)`.as('g'),
    ])
    .groupBy([...grouped.map(([e]) => e), 'c.type']);
  return countsOf((await query.execute()) as Record<string, unknown>[], r, '');
}

/**
 * Counts from the events themselves (any filter): `events` is the filtered events relation `e`.
 *
 * @example
 * await countFromEvents(db.selectFrom('events as e').where('e.target_code', '=', 'RUS'), request);
 */
export async function countFromEvents(
  events: SelectQueryBuilder<Database & { e: Database['events'] }, 'e', object>,
  r: CountRequest,
): Promise<EventCount[]> {
  // A literal length (never a bound parameter), so that both dialects see the same grouped expression.
  const period = sql`substr(e.date, 1, ${sql.lit(r.period === 'day' ? 10 : 7)})`;
  const grouped = groups(r, { source: 'e.source_code', target: 'e.target_code' }, period);
  const sums: AliasedRawBuilder<unknown, string>[] = [sql`count(*)`.as('n'), sql`sum(e.goldstein)`.as('g')];
  if (r.reports)
    sums.push(
      sql`sum((select count(*) from event_sources s where s.event_id = e.id))`.as('reports'),
      sql`sum((select count(distinct coalesce(s.story_id, s.article_id)) from event_sources s
        where s.event_id = e.id))`.as('stories'),
    );
  const query = events
    .select([...grouped.map(([e, alias]) => e.as(alias)), 'e.type as type', ...(sums as never[])])
    .groupBy([...grouped.map(([e]) => e), 'e.type']);
  return countsOf((await query.execute()) as Record<string, unknown>[], r, null);
}
