import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { PLOVER_TYPES, type PloverType } from '../core/index.js';
import { UNDATED_MONTH, type Database } from './schema.js';
import type { CountDimension, CountKey, EventCount, EventFilter, EventPeriod } from './store.js';

/** A checked `countEvents` request. */
export interface CountRequest {
  readonly by: ReadonlySet<CountDimension>;
  readonly period: EventPeriod;
  readonly reports: boolean;
  /** At most this many groups of the `by` dimensions (each with its types). */
  readonly limit?: number;
  /** Only groups after this one, in the answer's order. */
  readonly after?: CountKey;
}

/** The dimensions in the answer's order (then the type). */
const ORDER: readonly CountDimension[] = ['source', 'target', 'period'];

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

/**
 * The count groups of rows (aliased source, target, period, type, n, g, reports, stories), ordered
 * by source, target, period (undated last), type by code unit, cut to `limit` groups of the `by`
 * dimensions.
 */
function countsOf(rows: readonly Record<string, unknown>[], r: CountRequest): EventCount[] {
  const keyed = rows.map((row) => {
    const period = (row['period'] ?? null) as string | null;
    const count: EventCount = {
      source: r.by.has('source') ? String(row['source']) : null,
      target: r.by.has('target') ? String(row['target']) : null,
      period: period === UNDATED_MONTH ? null : period,
      type: row['type'] as PloverType,
      count: Number(row['n']),
      goldstein: Math.round(Number(row['g']) * 100) / 100,
      articles: r.reports ? Number(row['reports']) : 0,
      stories: r.reports ? Number(row['stories']) : 0,
    };
    // One string per group compares as the tuple does: codes never hold U+0000, the lowest unit;
    // the undated period sorts last, as in SQL.
    const group = `${count.source ?? ''}\u0000${count.target ?? ''}\u0000${period ?? ''}`;
    return { group, key: `${group}\u0000${count.type}`, count };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (r.limit === undefined) return keyed.map((k) => k.count);
  const out: EventCount[] = [];
  let groups = 0;
  for (let i = 0; i < keyed.length; i++) {
    if (i === 0 || keyed[i]!.group !== keyed[i - 1]!.group) groups += 1;
    if (groups > r.limit) break;
    out.push(keyed[i]!.count);
  }
  return out;
}

/** A grouped count query of either source relation, as `paged` narrows it. */
type Grouped = SelectQueryBuilder<Database, keyof Database, Record<string, unknown>>;

/** The grouped columns, in select, group and order order: `[expression, alias, dimension]`. */
function groups(r: CountRequest, columns: Record<CountDimension, RawBuilder<unknown>>) {
  return ORDER.filter((d) => r.by.has(d)).map((d) => [columns[d], d] as const);
}

/**
 * Narrows a grouped query to the page `r.limit` and `r.after` ask for: groups after `after` in the
 * `by` order (a row-value comparison the key's index serves), the first `limit` of them. Each group
 * has at most one row per type, so `limit` groups are within the first `limit × types` rows.
 */
function paged(
  q: Grouped,
  grouped: readonly (readonly [RawBuilder<unknown>, CountDimension])[],
  r: CountRequest,
  type: RawBuilder<unknown>,
): Grouped {
  let out = q;
  for (const [e] of grouped) out = out.orderBy(e);
  out = out.orderBy(type);
  const after = r.after;
  if (after !== undefined && grouped.length > 0) {
    const values = grouped.map(([, d]) =>
      d === 'period' ? (after.period ?? UNDATED_MONTH) : (after[d] ?? ''),
    );
    out = out.where(sql<boolean>`(${sql.join(grouped.map(([e]) => e))}) > (${sql.join(values)})`);
  }
  if (r.limit !== undefined) out = out.limit(r.limit * PLOVER_TYPES.length);
  return out;
}

const rollupOf = (db: Kysely<Database>) => db.selectFrom('event_counts as c');

/**
 * Counts from `event_counts` (one row per month and filter key), for a filter `rollupMonths` allows.
 * Its key columns sort by byte in both dialects, so a page of groups by target or source reads one
 * range of the key's or the source index.
 *
 * @example
 * await countFromRollup(db, 'postgres', { target: 'RUS' }, {}, request);
 */
export async function countFromRollup(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  f: EventFilter,
  months: { readonly from?: string; readonly to?: string },
  r: CountRequest,
): Promise<EventCount[]> {
  // Postgres: with the changes batches added since the last fold (`foldCountChanges`); a key's
  // rows may then sum to no events, a group that is left out
  let q =
    dialect === 'postgres'
      ? (db.selectFrom((eb) =>
          eb
            .selectFrom('event_counts')
            .selectAll()
            .unionAll(eb.selectFrom('event_count_changes').selectAll())
            .as('c'),
        ) as unknown as ReturnType<typeof rollupOf>)
      : rollupOf(db);
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
  // Undated events are the UNDATED_MONTH, above every month: excluded from any date bound.
  if (months.from !== undefined)
    q = q.where('c.month', '>=', months.from).where('c.month', '<>', UNDATED_MONTH);
  if (months.to !== undefined) q = q.where('c.month', '<=', months.to);
  const grouped = groups(r, {
    source: sql.ref('c.source_code'),
    target: sql.ref('c.target_code'),
    period: sql.ref('c.month'),
  });
  const query = q
    .select([
      ...grouped.map(([e, alias]) => e.as(alias)),
      'c.type as type',
      sql<number>`sum(c.events)`.as('n'),
      sql<number>`sum(c.goldstein)`.as('g'),
    ])
    .groupBy([...grouped.map(([e]) => e), 'c.type'])
    .having(sql<number>`sum(c.events)`, '<>', 0);
  const rows = await paged(query as unknown as Grouped, grouped, r, sql.ref('c.type')).execute();
  return countsOf(rows, r);
}

/**
 * Counts from the events themselves (any filter): `events` is the filtered events relation `e`.
 * Codes are compared byte by byte in both dialects (Postgres: the "C" collation), as the rollup's.
 *
 * @example
 * await countFromEvents(db.selectFrom('events as e').where('e.target_code', '=', 'RUS'), 'sqlite', request);
 */
export async function countFromEvents(
  events: SelectQueryBuilder<Database & { e: Database['events'] }, 'e', object>,
  dialect: 'sqlite' | 'postgres',
  r: CountRequest,
): Promise<EventCount[]> {
  const code = (column: string) =>
    dialect === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
  // A literal length (never a bound parameter), so that both dialects see the same grouped expression.
  const period = sql`coalesce(substr(e.date, 1, ${sql.lit(r.period === 'day' ? 10 : 7)}), ${sql.lit(UNDATED_MONTH)})`;
  const grouped = groups(r, { source: code('e.source_code'), target: code('e.target_code'), period });
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
  const rows = await paged(query as unknown as Grouped, grouped, r, sql.ref('e.type')).execute();
  return countsOf(rows, r);
}
