import type { PloverType } from '../../core/index.js';
import { HOSTILE_TYPES, SUPPORTIVE_TYPES, summariseStance, type Stance } from '../cli/format-stance.js';
import type { EventCount } from '../../store/index.js';

/** Events of one (source, target, type) and their Goldstein sum (`Store.countEvents` by source and target). */
export type PairCount = Pick<EventCount, 'source' | 'target' | 'type' | 'count' | 'goldstein'>;

/** One cell of the stance matrix: what one source actor did to one target. */
export interface MatrixCell {
  readonly source: string;
  readonly target: string;
  readonly count: number;
  readonly supportive: number;
  readonly hostile: number;
  readonly other: number;
  /** Mean Goldstein weight of the cell's events. */
  readonly goldstein: number;
  readonly stance: Stance;
  readonly dominant: PloverType;
  readonly types: Partial<Record<PloverType, number>>;
}

const round = (n: number) => Math.round(n * 100) / 100;

function stanceOf(supportive: number, hostile: number): Stance {
  if (supportive > hostile) return 'supportive';
  if (hostile > supportive) return 'hostile';
  return supportive > 0 ? 'mixed' : 'neutral';
}

/** The pair counts of one (source, target), folded into a matrix cell. */
function cellOf(group: readonly PairCount[]): MatrixCell {
  const sorted = [...group].sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
  const sum = (types: readonly PloverType[]) =>
    group.filter((c) => types.includes(c.type)).reduce((n, c) => n + c.count, 0);
  const count = group.reduce((n, c) => n + c.count, 0);
  const supportive = sum(SUPPORTIVE_TYPES);
  const hostile = sum(HOSTILE_TYPES);
  return {
    source: group[0]!.source ?? '',
    target: group[0]!.target ?? '',
    count,
    supportive,
    hostile,
    other: count - supportive - hostile,
    goldstein: round(group.reduce((n, c) => n + c.goldstein, 0) / count),
    stance: stanceOf(supportive, hostile),
    dominant: sorted[0]!.type,
    types: Object.fromEntries(sorted.map((c) => [c.type, c.count])),
  };
}

/**
 * The stance matrix: one cell per (source, target) pair seen, with sources and targets ordered by
 * how many events they take part in.
 *
 * @example
 * buildMatrix([{ source: 'JPN', target: 'RUS', type: 'REJECT', count: 2, goldstein: -8 }]).cells[0]?.stance; // 'hostile'
 */
export function buildMatrix(pairs: readonly PairCount[]): {
  sources: string[];
  targets: string[];
  cells: MatrixCell[];
} {
  const groups = new Map<string, PairCount[]>();
  for (const p of pairs) {
    const key = `${p.source}\u0000${p.target}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const cells = [...groups.values()].map(cellOf);
  const rank = (pick: (c: MatrixCell) => string) => {
    const totals = new Map<string, number>();
    for (const c of cells) totals.set(pick(c), (totals.get(pick(c)) ?? 0) + c.count);
    return [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code]) => code);
  };
  return { sources: rank((c) => c.source), targets: rank((c) => c.target), cells };
}

/**
 * The actor network: a node per actor (events it takes part in, mean Goldstein weight) and a
 * directed edge per (source, target) pair weighted by count and mean Goldstein weight.
 *
 * @example
 * buildNetwork([{ source: 'JPN', target: 'RUS', type: 'REJECT', count: 2, goldstein: -8 }]).edges[0]?.goldstein; // -4
 */
export function buildNetwork(pairs: readonly PairCount[]) {
  const { cells } = buildMatrix(pairs);
  const nodes = new Map<string, { events: number; goldstein: number }>();
  const touch = (id: string, c: MatrixCell) => {
    const n = nodes.get(id) ?? { events: 0, goldstein: 0 };
    nodes.set(id, { events: n.events + c.count, goldstein: n.goldstein + c.goldstein * c.count });
  };
  for (const c of cells) {
    touch(c.source, c);
    if (c.target !== c.source) touch(c.target, c);
  }
  return {
    nodes: [...nodes]
      .map(([id, n]) => ({ id, events: n.events, goldstein: round(n.goldstein / n.events) }))
      .sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1)),
    edges: cells.map((c) => ({
      source: c.source,
      target: c.target,
      count: c.count,
      goldstein: c.goldstein,
      stance: c.stance,
    })),
  };
}

/**
 * Stance rows (as `demarche stance` folds them) from event counts per source, period and type,
 * without the report and story sums (those come from `Store.countEvents`).
 *
 * @example
 * stanceOfCounts([{ source: 'JPN', period: '2022-09', type: 'REJECT', count: 2 }])[0]?.stance; // 'hostile'
 */
export function stanceOfCounts(counts: readonly Pick<EventCount, 'source' | 'period' | 'type' | 'count'>[]) {
  const rows = summariseStance(counts.map((c) => ({ ...c, articles: 0, stories: 0 })));
  return rows.map(({ reports: _reports, stories: _stories, ...row }) => row);
}

/**
 * The timeline: event counts summed per period and type, dated periods in order; undated events
 * are counted apart.
 *
 * @example
 * buildTimeline([{ period: '2022-09', type: 'REJECT', count: 2 }]);
 * // { series: [{ period: '2022-09', type: 'REJECT', count: 2 }], undated: 0 }
 */
export function buildTimeline(
  counts: readonly { readonly period: string | null; readonly type: PloverType; readonly count: number }[],
) {
  const series = new Map<string, { period: string; type: PloverType; count: number }>();
  let undated = 0;
  for (const c of counts) {
    if (c.period === null) {
      undated += c.count;
      continue;
    }
    const key = `${c.period}\u0000${c.type}`;
    const row = series.get(key);
    if (row) row.count += c.count;
    else series.set(key, { period: c.period, type: c.type, count: c.count });
  }
  return {
    series: [...series.values()].sort((a, b) =>
      a.period !== b.period ? (a.period < b.period ? -1 : 1) : a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
    ),
    undated,
  };
}
