import type { Event } from '../../core/index.js';

/** Reports of one event may give dates this many days apart (a "Thursday" read on Friday). */
export const DATE_WINDOW_DAYS = 1;

/** One article's report of an event, as the batch being stored has it. */
export interface EventReport {
  readonly articleId: number;
  readonly story: number;
  readonly published: string | null;
  readonly event: Event;
}

/** A stored event that a report may join, as the store found it. */
export interface StoredEventRef {
  readonly id: number;
  readonly uid: string;
  readonly mode: string | null;
  readonly date: string | null;
  /** Publication date of the article of its representative report. */
  readonly published: string | null;
}

/** A stored event the store found for report `report`: same key, and a date in the window or a source in its story. */
export interface StoredMatch {
  readonly report: number;
  readonly event: StoredEventRef;
  /** One of the event's reports is in the report's story cluster. */
  readonly sameStory: boolean;
}

/** What to write: per report, the event it belongs to (an index into `events`). */
export interface MergePlan {
  readonly events: readonly PlannedEvent[];
  readonly eventOf: readonly number[];
  /** Per report: it joined an event reported by another article (stored, or earlier in the batch). */
  readonly joined: readonly boolean[];
}

/** An event after the batch: a stored one (`storedId`) or a new one, and the report it is shown as. */
export interface PlannedEvent {
  readonly storedId: number | null;
  /** The report whose fields the event row takes (always set for a new event; set for a stored one when it changes). */
  readonly representative: number | null;
}

/** Order of representatives: dated before undated, then earliest published, then smallest contract id. */
type Rank = readonly [dated: number, published: string, uid: string];
const rankOf = (date: string | null, published: string | null, uid: string): Rank => [
  date === null ? 1 : 0,
  published ?? '\uffff',
  uid,
];
const before = (a: Rank, b: Rank): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a YYYY-MM-DD date, or null for anything else. */
function dayNumber(date: string): number | null {
  const m = FULL_DATE.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : null;
}

const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The inclusive date range a report's stored matches must fall in (`DATE_WINDOW_DAYS` each side),
 * or null when it is undated.
 *
 * @example
 * dateWindow('2022-10-01'); // ['2022-09-30', '2022-10-02']
 */
export function dateWindow(date: string | null): readonly [string, string] | null {
  if (date === null) return null;
  const day = dayNumber(date);
  if (day === null) return [date, date];
  return [isoDay(day - DATE_WINDOW_DAYS), isoDay(day + DATE_WINDOW_DAYS)];
}

/**
 * The merge key: reports merge only when these agree (the mode must be compatible, the dates close).
 *
 * @example
 * mergeKey(event); // 'JPN\0RUS\0REJECT\0asserted\0false'
 */
export function mergeKey(e: Event): string {
  return `${e.source.code}\u0000${e.target.code}\u0000${e.type}\u0000${e.modality}\u0000${e.negated}`;
}

interface Group {
  readonly index: number;
  readonly storedId: number | null;
  readonly order: number;
  rank: Rank;
  representative: number | null;
  date: string | null;
  mode: string | null;
  readonly stories: Set<number>;
  readonly articles: Set<number>;
}

/**
 * Plans how a batch's reports become events. In batch order, a report joins the compatible event
 * whose date is closest to its own (then the oldest): a stored event the store matched, or one
 * created or joined earlier in the batch. Compatible: same merge key, modes equal or one missing,
 * no report from the same article yet (an article's own facts were merged by the pipeline), and
 * dates at most `DATE_WINDOW_DAYS` apart — both dated, or, when the event already has a report in
 * the report's story cluster, either one undated. Otherwise the report starts a new event. Each
 * event is shown as its best-ranked report (dated first, earliest published, smallest contract id),
 * so the rows, and the event ids, do not depend on the order articles are stored in.
 *
 * @example
 * const plan = planEventMerge(reports, await io.matchEvents(keys));
 */
export function planEventMerge(reports: readonly EventReport[], matches: readonly StoredMatch[]): MergePlan {
  const groups: Group[] = [];
  const storedGroups = new Map<number, Group>();
  // Groups by merge key and date (the date they had when indexed; checked again) and by key and story.
  const byDate = new Map<string, Group[]>();
  const byStory = new Map<string, Group[]>();
  const days = new DayMemo();
  const matchesOf = new Map<number, StoredMatch[]>();
  for (const m of matches) {
    const list = matchesOf.get(m.report);
    if (list === undefined) matchesOf.set(m.report, [m]);
    else list.push(m);
  }
  const eventOf: number[] = [];
  const joined: boolean[] = [];

  // a loop in this function, not a callback, and the helpers module functions: V8 compiles a
  // function once per closure that stays alive, and closures made afresh for each batch were
  // compiled again every few batches
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i]!;
    const e = r.event;
    const key = mergeKey(e);
    const sameStoryStored = new Set<number>();
    const candidates = new Set(byStory.get(`${key}\u0000${r.story}`) ?? []);
    for (const day of days.around(e.date))
      for (const g of byDate.get(`${key}\u0000${day}`) ?? []) candidates.add(g);
    for (const m of matchesOf.get(i) ?? []) {
      if (m.sameStory) sameStoryStored.add(m.event.id);
      let g = storedGroups.get(m.event.id);
      if (g === undefined) {
        g = {
          index: groups.length,
          storedId: m.event.id,
          order: m.event.id,
          rank: rankOf(m.event.date, m.event.published, m.event.uid),
          representative: null,
          date: m.event.date,
          mode: m.event.mode,
          stories: new Set(),
          articles: new Set(),
        };
        storedGroups.set(m.event.id, g);
        groups.push(g);
        fileUnder(byDate, `${key}\u0000${g.date ?? ''}`, g);
      }
      candidates.add(g);
    }

    let best: { group: Group; distance: number } | null = null;
    for (const g of candidates) {
      if (g.articles.has(r.articleId)) continue;
      if (g.mode !== null && e.mode !== null && g.mode !== e.mode) continue;
      const sameStory = g.stories.has(r.story) || (g.storedId !== null && sameStoryStored.has(g.storedId));
      const d = days.distance(g.date, e.date);
      if (d === null ? !sameStory : d > DATE_WINDOW_DAYS) continue;
      const distance = d ?? 0;
      if (
        best === null ||
        distance < best.distance ||
        (distance === best.distance && g.order < best.group.order)
      )
        best = { group: g, distance };
    }

    const rank = rankOf(e.date, r.published, e.id);
    let g = best?.group;
    joined.push(g !== undefined);
    if (g === undefined) {
      g = {
        index: groups.length,
        storedId: null,
        order: Number.MAX_SAFE_INTEGER - reports.length + i,
        rank,
        representative: i,
        date: e.date,
        mode: e.mode,
        stories: new Set(),
        articles: new Set(),
      };
      groups.push(g);
      fileUnder(byDate, `${key}\u0000${g.date ?? ''}`, g);
    } else if (before(rank, g.rank)) {
      g.rank = rank;
      g.representative = i;
      if (g.date !== e.date) fileUnder(byDate, `${key}\u0000${e.date ?? ''}`, g);
      g.date = e.date;
    }
    g.mode ??= e.mode;
    if (!g.stories.has(r.story)) {
      g.stories.add(r.story);
      fileUnder(byStory, `${key}\u0000${r.story}`, g);
    }
    g.articles.add(r.articleId);
    eventOf.push(g.index);
  }

  const events: PlannedEvent[] = [];
  for (const g of groups) events.push({ storedId: g.storedId, representative: g.representative });
  return {
    events,
    eventOf,
    joined,
  };
}

/** Files a group under a key of an index. */
function fileUnder(index: Map<string, Group[]>, k: string, g: Group): void {
  const list = index.get(k);
  if (list === undefined) index.set(k, [g]);
  else list.push(g);
}

/** Day arithmetic on ISO dates, each date parsed once. */
class DayMemo {
  readonly #numbers = new Map<string, number | null>();
  readonly #arounds = new Map<string, readonly string[]>();

  #numberOf(date: string): number | null {
    let n = this.#numbers.get(date);
    if (n === undefined) {
      n = dayNumber(date);
      this.#numbers.set(date, n);
    }
    return n;
  }

  /** Days between two dates; 0 for equal dates, Infinity for different partial ones, null when either is missing. */
  distance(a: string | null, b: string | null): number | null {
    if (a === null || b === null) return null;
    if (a === b) return 0;
    const x = this.#numberOf(a);
    const y = this.#numberOf(b);
    return x === null || y === null ? Infinity : Math.abs(x - y);
  }

  /** The dates within the window around a date (itself only for a partial date; none when undated). */
  around(date: string | null): readonly string[] {
    if (date === null) return [];
    let list = this.#arounds.get(date);
    if (list === undefined) {
      const n = this.#numberOf(date);
      list = [date];
      if (n !== null)
        for (let d = 1; d <= DATE_WINDOW_DAYS; d++) list = [isoDay(n - d), ...list, isoDay(n + d)];
      this.#arounds.set(date, list);
    }
    return list;
  }
}
