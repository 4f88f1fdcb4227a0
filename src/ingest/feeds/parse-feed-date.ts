const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Offsets of the zone names RFC 822 allows (military zones other than Z are ignored). */
const ZONES: Readonly<Record<string, string>> = {
  UT: '+00:00',
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
};

/** "Fri, 30 Sep 2022 08:15:00 +0900", with optional weekday, seconds and zone, 2- or 4-digit year. */
const RFC822 =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?)?\s*$/;
/** RFC 3339 / ISO 8601 as Atom and Dublin Core write it. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const pad = (n: number): string => String(n).padStart(2, '0');

function zoneOffset(zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined;
  if (/^[+-]\d{2}:?\d{2}$/.test(zone)) return `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return ZONES[zone.toUpperCase()];
}

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function compose(
  year: number,
  month: number,
  day: number,
  time?: { h: number; m: number; s: number },
  offset?: string,
): string | undefined {
  if (!validDate(year, month, day)) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (time === undefined) return date;
  if (time.h > 23 || time.m > 59 || time.s > 60) return undefined;
  return `${date}T${pad(time.h)}:${pad(time.m)}:${pad(time.s)}${offset === '+00:00' ? 'Z' : (offset ?? '')}`;
}

/**
 * A feed date (RSS `pubDate` in RFC 822 form, Atom and Dublin Core dates in RFC 3339) as an ISO
 * date-time in the zone the feed gives, so its first ten characters are the publisher's local date;
 * undefined when the value is not a date.
 *
 * @example
 * parseFeedDate('Fri, 30 Sep 2022 23:15:00 -0500'); // '2022-09-30T23:15:00-05:00'
 * parseFeedDate('2022-09-30T08:15:00Z'); // '2022-09-30T08:15:00Z'
 */
export function parseFeedDate(value: string | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  if (text === undefined || text === '') return undefined;
  const iso = ISO.exec(text);
  if (iso !== null) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    const time = h === undefined ? undefined : { h: Number(h), m: Number(mi), s: Number(s ?? 0) };
    return compose(Number(y), Number(mo), Number(d), time, zoneOffset(zone));
  }
  const rfc = RFC822.exec(text);
  if (rfc === null) return undefined;
  const [, d, monthName, y, h, mi, s, zone] = rfc;
  const month = MONTHS.indexOf(monthName!.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return undefined;
  // RFC 2822: two-digit years 00-49 are 20xx, 50-99 are 19xx
  const year = y!.length === 2 ? Number(y) + (Number(y) < 50 ? 2000 : 1900) : Number(y);
  const time = h === undefined ? undefined : { h: Number(h), m: Number(mi), s: Number(s ?? 0) };
  return compose(year, month, Number(d), time, zoneOffset(zone));
}
