// English only: the package's root also builds the parsers of its fifteen other languages (0.13 s at start)
import * as chrono from 'chrono-node/en';
import type { ParsedComponents } from 'chrono-node';

const WEEKDAY =
  /^(?:on\s+|this\s+|last\s+|next\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?:\s+(?:morning|afternoon|evening|night))?$/i;
const DURATION = /^(?:for|within|over|during)\s/i;
const PAST_LEAD =
  /\b(?:said|told|met|held|was|were|had|did|began|came|took|gave|made|sent|spoke|[a-z]+ed)\s+(?:(?:on|last)\s+)?$/i;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Parses an ISO date (or date-time) into a UTC date at noon, or null.
 *
 * @example
 * parsePublished('2022-09-30T08:00:00Z')?.toISOString(); // '2022-09-30T12:00:00.000Z'
 */
export function parsePublished(published: string | undefined): Date | null {
  if (!published) return null;
  const m = ISO_DAY.exec(published);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

/**
 * chrono-node's casual English parser without what reads times of day (the time parsers, and the
 * refiners that attach times, time zones and ranges to dates): an event is dated to the day, and
 * those steps were two thirds of the parsing. The same days come out.
 */
const DATES = chrono.casual.clone();
// "within 72 hours" is a duration, which dates nothing (see DURATION)
DATES.parsers = DATES.parsers.filter(
  (p) => !/^EN(?:Casual)?Time(?:Expression)?Parser$|^ENTimeUnitWithinFormatParser$/.test(p.constructor.name),
);
DATES.refiners = DATES.refiners.filter((r) => !/Timezone|DateTime|DateRange/.test(r.constructor.name));

/**
 * Parsers of DATES that find nothing in a text without a given stem, and that stem: every month
 * name and abbreviation chrono knows holds one of the month stems, every weekday one of the
 * weekday stems (or "weekend", "weekday"); the relative-date parser needs its modifier word, the
 * end-of-month one "month", the numeric formats ASCII digits. A parser whose pattern finds nothing
 * adds no result, so reading a text without those parsers gives the same results, for less: most
 * windows ("issued on Monday", "next week") need half of the parsers. Likewise a refiner that
 * changes only the results its stem comes right before ("end of", "last day of") leaves the
 * results of a text without that stem as they are.
 */
const NEEDS: readonly {
  readonly steps: RegExp;
  readonly stem: RegExp;
  /**
   * The steps read a day of the month (month names, numeric dates): a day they read may not exist
   * in the month the reference date implies ("the 31st"), and chrono drops such a result, so what
   * they find depends on the reference date.
   */
  readonly dayOfMonth?: true;
}[] = [
  {
    steps: /^EN(?:MonthNameLittleEndian|MonthNameMiddleEndian|MonthName|YearMonthName)Parser$/,
    stem: /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i,
    dayOfMonth: true,
  },
  {
    steps: /^(?:ENYearMonthDay|ISOFormat|SlashDateFormat|ENSlashMonthFormat)Parser$/,
    stem: /[0-9]/,
    dayOfMonth: true,
  },
  // a weekday or "weekend"/"weekday": "next week" alone needs no weekday parser
  { steps: /^ENWeekdayParser$/, stem: /sun|mon|tue|wed|thu|fri|sat|week(?:end|day)/i },
  { steps: /^ENRelativeDateFormatParser$/, stem: /this|last|past|next|after/i },
  { steps: /^ENEndOfCurrentMonthParser$/, stem: /month/i },
  // the casual words, and the words after a time unit ("3 days ago", "two weeks later")
  { steps: /^ENCasualDateParser$/, stem: /now|tonight|today|morrow|tmr|yesterday|last\s*night/i },
  { steps: /^ENTimeUnitAgoFormatParser$/, stem: /ago|before|earlier/i },
  { steps: /^ENTimeUnitLaterFormatParser$/, stem: /later|after|from now|henceforth|forward|out/i },
  // a time unit after its modifier ("next week", "past month", "+2 days")
  { steps: /^ENTimeUnitCasualRelativeFormatParser$/, stem: /this|last|past|next|after|[+-]/i },
  // moves a date after "end of" / "last day of" to the period's end: its prefix pattern needs this
  { steps: /^ENEndOfPeriodRefiner$/, stem: /(?:end|day)\s+of\s/i },
];

/** DATES without the steps whose stems a text lacks, by the bit set of those NEEDS; made when first needed. */
const WITHOUT: (chrono.Chrono | undefined)[] = [];

/** The bit set of the NEEDS whose stems `text` lacks. */
function missingSteps(text: string): number {
  let missing = 0;
  for (let k = 0; k < NEEDS.length; k++) if (!NEEDS[k]!.stem.test(text)) missing |= 1 << k;
  return missing;
}

function parserFor(missing: number): chrono.Chrono {
  return (WITHOUT[missing] ??= without(missing));
}

/** The NEEDS bits of the steps that read a day of the month. */
const DAY_OF_MONTH_STEPS = NEEDS.reduce((bits, need, k) => (need.dayOfMonth ? bits | (1 << k) : bits), 0);

function without(missing: number): chrono.Chrono {
  const parser = DATES.clone();
  const needed = (step: object) =>
    !NEEDS.some((need, k) => (missing & (1 << k)) !== 0 && need.steps.test(step.constructor.name));
  parser.parsers = parser.parsers.filter(needed);
  parser.refiners = parser.refiners.filter(needed);
  return parser;
}

const MONTH = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const UNIT = 'day|days|week|weeks|weekend|month|months|year|years|decade|decades|century';
/**
 * What a sentence needs for chrono-node to find a date in it that resolveEventDate would use: a
 * month, a weekday, today/yesterday/tomorrow/tonight, "ago", "this/last/next … week/month/year",
 * "in/within/for/over the past (n) units", a time unit before "later/earlier/before/after", a year
 * or a numeric date ("now" is left out: it dates an event as the dateline does). Most sentences
 * have none.
 */
const DATE_WORD = new RegExp(
  [
    // the word boundary is tested once for the alternatives that start a word (in their order):
    // the regex runs over every clause that gets an event, so this halves its cost
    atWordStart([
      '(?:january|february|march|april|june|july|august|september|october|november|december)\\b',
      `(?:${MONTH})\\.?\\s+\\d`,
    ]),
    `\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH})`,
    atWordStart([
      '(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b',
      '(?:today|tonight|yesterday|tomorrow|ago)\\b',
      `(?:this|last|next|past|coming|previous|following|same)\\s+(?:${UNIT})\\b`,
      `(?:${UNIT})\\s+(?:later|earlier|before|after)\\b`,
      `(?:past|next|last|coming|previous|over|within|in|for)\\s+(?:[\\w-]+\\s+)?(?:${UNIT}|hours?)\\b`,
      '(?:1[89]|20)\\d\\d\\b',
      '\\d{1,2}[/.-]\\d{1,2}\\b',
    ]),
  ].join('|'),
  // global, to step through a text: parseDates resets `lastIndex` before each use
  'gi',
);

function atWordStart(alternatives: readonly string[]): string {
  return `\\b(?:${alternatives.join('|')})`;
}

/** A date chrono-node read in a sentence: where (offset in the sentence), its words, its parts. */
export interface DateMention {
  readonly index: number;
  readonly text: string;
  readonly start: ParsedComponents;
}

/**
 * The dates chrono-node reads in `sentence[from, to)` (a trigger's clause: dates elsewhere date
 * other acts) against the publication date, offsets relative to the sentence; none, without running
 * chrono, when that part has nothing chrono could read as a date (most clauses). Dating is the
 * costly step of the events stage.
 *
 * @example
 * parseDates('Blinken accused Russia on Thursday', '2022-09-30').length; // 1
 */
export function parseDates(
  sentence: string,
  published: string | undefined,
  [from, to]: readonly [number, number] = [0, sentence.length],
): DateMention[] {
  const part = from === 0 && to === sentence.length ? sentence : sentence.slice(from, to);
  DATE_WORD.lastIndex = 0;
  const first = DATE_WORD.exec(part);
  if (first === null) return [];
  // chrono's cost grows with the text it reads: it reads windows around the date words only
  const windows: [number, number][] = [];
  for (let m: RegExpExecArray | null = first; m !== null; m = DATE_WORD.exec(part)) {
    const start = Math.max(0, m.index - WINDOW);
    const end = Math.min(part.length, m.index + m[0].length + WINDOW);
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  const ref = referenceDate(published);
  const out: DateMention[] = [];
  for (const [start, end] of windows) {
    for (const r of readWindow(part.slice(start, end), ref))
      out.push({ index: r.index + start + from, text: r.text, start: r.start });
  }
  return out;
}

/** What chrono-node read in one window: offsets relative to the window. */
type WindowDates = readonly {
  readonly index: number;
  readonly text: string;
  readonly start: ParsedComponents;
}[];

/**
 * chrono's reading of each window against each reference day, kept across calls: chrono is a pure
 * function of the text and the reference date, and the same phrases ("on Monday", "last week",
 * a dateline) recur across the clauses of an article and across the articles of a day. By
 * reference date, then text: no key string is made per window. Bounded: emptied when it holds
 * WINDOW_CACHE_SIZE windows. The parsed components are only read, never changed.
 */
const WINDOW_CACHE = new Map<number, Map<string, WindowDates>>();
const WINDOW_CACHE_SIZE = 4096;
let windowsCached = 0;

/**
 * The windows whose reading serves every reference date, by text: an archive spans years of
 * datelines, and "issued on Monday" or "earlier this year" is read again for each. A window is
 * kept here when no parser that reads a day of the month runs on it (the others find the same
 * phrases, with the same known parts, whatever the reference date; only the values they imply or
 * compute from it differ) and dateEvent reads no such value of any of its dates: a weekday, which
 * dateEvent counts from the dateline itself, or a date with no known day that is not a relative
 * day ("this year": no day, so no date). Bounded as WINDOW_CACHE.
 */
const ANY_REF_CACHE = new Map<string, WindowDates>();

/**
 * A copy of `text` that does not hold the string it was cut from. V8 makes a slice of 13 or more
 * characters a view into its parent, so a window kept as a cache key (and the dates chrono cut
 * from it) kept the whole cleaned text of its article alive: with windows from thousands of
 * articles cached, an analysis thread held 10 MB more after 3,000 articles of the benchmark corpus
 * than after 500, and up to 30-40 MB with both caches full.
 */
const detached = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

function readWindow(window: string, ref: number): WindowDates {
  const anyRef = ANY_REF_CACHE.get(window);
  if (anyRef !== undefined) return anyRef;
  let byText = WINDOW_CACHE.get(ref);
  let dates = byText?.get(window);
  if (dates === undefined) {
    const text = detached(window); // kept below, and read by chrono, whose dates are cut from it
    const missing = missingSteps(text);
    dates = parserFor(missing)
      .parse(text, new Date(ref), PARSE_OPTIONS)
      .map((r) => ({
        index: r.index,
        text: r.text,
        start: r.start,
      }));
    if ((missing & DAY_OF_MONTH_STEPS) === DAY_OF_MONTH_STEPS && dates.every(readsNoRefValue)) {
      if (ANY_REF_CACHE.size >= WINDOW_CACHE_SIZE) ANY_REF_CACHE.clear();
      ANY_REF_CACHE.set(text, dates);
      return dates;
    }
    if (windowsCached >= WINDOW_CACHE_SIZE) {
      WINDOW_CACHE.clear();
      windowsCached = 0;
      byText = undefined;
    }
    if (byText === undefined) WINDOW_CACHE.set(ref, (byText = new Map()));
    byText.set(text, dates);
    windowsCached++;
  }
  return dates;
}

/** Whether dateEvent, given this date, reads none of the values chrono took from the reference date. */
function readsNoRefValue(date: { readonly text: string; readonly start: ParsedComponents }): boolean {
  const text = date.text.trim().toLowerCase();
  return WEEKDAY.test(text) || (!date.start.isCertain('day') && !isRelative(text));
}

const PARSE_OPTIONS = { forwardDate: false } as const;

/** The last publication date read, and its reference date: an article's clauses share one. */
let lastPublished: string | undefined;
let lastRef = 0;

/** The reference date of a publication date, in milliseconds (the epoch without one). */
function referenceDate(published: string | undefined): number {
  if (published !== lastPublished || published === undefined) {
    lastRef = parsePublished(published)?.getTime() ?? 0;
    lastPublished = published;
  }
  return lastRef;
}

/** Characters read on each side of a date word: enough for "on the morning of Tuesday, 27 September". */
const WINDOW = 32;

/** '00' to '31': the months and days of `iso`. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

/**
 * The UTC day of a date as toISOString spells it ('2022-09-30'), from its parts: toISOString costs
 * microseconds a call, and the stage dates every article. Years past 0-9999 (spelt with a sign)
 * and invalid dates (it throws) are left to toISOString.
 */
function iso(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return date.toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[date.getUTCMonth() + 1]!}-${TWO_DIGITS[date.getUTCDate()]!}`;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/**
 * Date of an event from its sentence: an explicit date or weekday resolved against the
 * publication date ("on Thursday" in a past-tense sentence → the most recent Thursday up to the
 * dateline; "this Friday" → that week's Friday; "next Monday" → the coming one), else the
 * publication date, else null. A month or year without a day gives null (the day is unknown).
 * Only date expressions inside the trigger's clause (offsets in `clause`) count.
 *
 * @example
 * resolveEventDate('Blinken accused Russia on Thursday', 12, '2022-09-30', true); // '2022-09-29'
 */
export function resolveEventDate(
  sentence: string,
  triggerOffset: number,
  published: string | undefined,
  pastTense: boolean,
  clause: readonly [start: number, end: number] = [0, sentence.length],
  results: readonly DateMention[] = parseDates(sentence, published, clause),
): string | null {
  return dateEvent(sentence, triggerOffset, readDateline(published), pastTense, clause, results);
}

/** The publication date that relative dates are read against: noon UTC of that day, and the day. */
export interface Dateline {
  readonly date: Date;
  readonly day: string;
}

/**
 * The dateline of an ISO publication date (or date-time), or null; read once per article.
 *
 * @example
 * readDateline('2022-09-30T08:00:00Z')?.day; // '2022-09-30'
 */
export function readDateline(published: string | undefined): Dateline | null {
  const date = parsePublished(published);
  return date === null ? null : { date, day: iso(date) };
}

/**
 * resolveEventDate with the dateline read once for the article and the clause's dates parsed.
 *
 * @example
 * dateEvent(sentence, 12, readDateline('2022-09-30'), true, [0, sentence.length], parseDates(sentence, '2022-09-30')); // '2022-09-29'
 */
export function dateEvent(
  sentence: string,
  triggerOffset: number,
  dateline: Dateline | null,
  pastTense: boolean,
  clause: readonly [start: number, end: number],
  results: readonly DateMention[],
): string | null {
  let past = pastTense;
  const ref = dateline?.date ?? null;
  let best: DateMention | null = null;
  let bestDistance = Infinity;
  for (const r of results) {
    const start = r.start;
    const dayLike =
      start.isCertain('day') ||
      start.isCertain('weekday') ||
      start.isCertain('month') ||
      start.isCertain('year');
    if (!dayLike) continue; // times of day only
    if (DURATION.test(r.text)) continue; // durations: for 101 days, within 72 hours
    if (r.index < clause[0] || r.index >= clause[1]) continue; // a date in another clause dates another act
    const distance = Math.abs(r.index - triggerOffset);
    if (distance < bestDistance) {
      best = r;
      bestDistance = distance;
    }
  }
  if (best === null) return dateline?.day ?? null;
  const text = best.text.trim().toLowerCase();
  const weekday = WEEKDAY.exec(text);
  if (weekday && ref) {
    // the verb the date hangs on decides the tense: "said on Tuesday it will …" is a past Tuesday
    const lead = PAST_LEAD.exec(sentence.slice(Math.max(0, best.index - 40), best.index));
    if (lead) past = true;
    const day = DAYS.indexOf(weekday[1]!.toLowerCase());
    const refDay = ref.getUTCDay();
    if (text.startsWith('this')) {
      // the same Monday-to-Sunday week as the dateline
      const mondayBased = (d: number) => (d + 6) % 7;
      return iso(addDays(ref, mondayBased(day) - mondayBased(refDay)));
    }
    if (text.startsWith('last') || (past && !text.startsWith('next'))) {
      const back = (refDay - day + 7) % 7;
      return iso(addDays(ref, text.startsWith('last') && back === 0 ? -7 : -back));
    }
    const ahead = (day - refDay + 7) % 7;
    return iso(addDays(ref, text.startsWith('next') && ahead === 0 ? 7 : ahead));
  }
  const start = best.start;
  if (!start.isCertain('day') && !isRelative(text)) return null;
  // with no dateline only a date that names its year is known ("last week" is not)
  if (ref === null && !/\b\d{4}\b/.test(text)) return null;
  const year = start.get('year');
  const month = start.get('month');
  const dayOfMonth = start.get('day');
  if (year === null || month === null || dayOfMonth === null) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

function isRelative(text: string): boolean {
  return /\b(?:today|yesterday|tomorrow|tonight|ago)\b/.test(text);
}
