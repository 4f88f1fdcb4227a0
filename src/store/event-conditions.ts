import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from './schema.js';

/** The column filters of an event query (EventFilter without its text search and paging). */
export interface EventColumnFilter {
  readonly actor?: string | undefined;
  readonly source?: string | undefined;
  readonly target?: string | undefined;
  readonly type?: string | undefined;
  readonly quad?: number | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly modality?: string | undefined;
  readonly negated?: boolean | undefined;
}

/**
 * The conditions on `events as e` that an event filter's columns set (parameterised), for the
 * store's queries and the HTTP read model alike.
 *
 * @example
 * db.selectFrom('events as e').where((eb) => eventConditions(eb, { target: 'RUS', type: 'REJECT' }));
 */
export function eventConditions<DB extends { e: Database['events'] }>(
  eb: ExpressionBuilder<DB, 'e'>,
  f: EventColumnFilter,
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<{ e: Database['events'] }, 'e'>;
  const all: Expression<SqlBool>[] = [];
  if (f.actor !== undefined)
    all.push(e.or([e('e.source_code', '=', f.actor), e('e.target_code', '=', f.actor)]));
  if (f.source !== undefined) all.push(e('e.source_code', '=', f.source));
  if (f.target !== undefined) all.push(e('e.target_code', '=', f.target));
  if (f.type !== undefined) all.push(e('e.type', '=', f.type));
  if (f.quad !== undefined) all.push(e('e.quad', '=', f.quad));
  if (f.from !== undefined) all.push(e('e.date', '>=', f.from));
  if (f.to !== undefined) all.push(e('e.date', '<=', f.to));
  if (f.modality !== undefined) all.push(e('e.modality', '=', f.modality));
  if (f.negated !== undefined) all.push(e('e.negated', '=', f.negated ? 1 : 0));
  return e.and(all);
}
