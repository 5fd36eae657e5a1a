import { type FieldIssue, quoteValue } from '@tender/core';

const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2}) ?(AM|PM)$/i;

/**
 * The wall-clock date and time of a legacy notification, before a zone is applied.
 *
 * @example
 * ```ts
 * const clock: WallClock = { year: 2011, month: 4, day: 26, hour: 13, minute: 3 };
 * ```
 */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads `transaction_date` (`D/M/YY`, as in the seed's `26/4/11`) and `transaction_time` (`h:mm AM|PM`)
 * strictly. The seed documents only this form, so four-digit years, ISO dates and 24-hour times are
 * reported as errors rather than guessed at. Two-digit years are 20YY: the format dates from 2011.
 *
 * @example
 * ```ts
 * parseWallClock('26/4/11', '1:03 PM'); // { year: 2011, month: 4, day: 26, hour: 13, minute: 3 }
 * ```
 */
export function parseWallClock(date: string, time: string): WallClock | FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dateMatch = DATE.exec(date);
  let year = 0;
  let month = 0;
  let day = 0;
  if (!dateMatch) {
    issues.push({
      path: 'transaction_date',
      message: `${quoteValue(date)} is not a date in the D/M/YY form (e.g. 26/4/11)`,
    });
  } else {
    day = Number(dateMatch[1]);
    month = Number(dateMatch[2]);
    year = 2000 + Number(dateMatch[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      issues.push({ path: 'transaction_date', message: `${quoteValue(date)} is not a calendar date` });
    }
  }
  const timeMatch = TIME.exec(time);
  let hour = 0;
  let minute = 0;
  if (!timeMatch) {
    issues.push({
      path: 'transaction_time',
      message: `${quoteValue(time)} is not a time in the h:mm AM/PM form (e.g. 1:03 PM)`,
    });
  } else {
    const hour12 = Number(timeMatch[1]);
    minute = Number(timeMatch[2]);
    if (hour12 < 1 || hour12 > 12 || minute > 59) {
      issues.push({ path: 'transaction_time', message: `${quoteValue(time)} is not a valid 12-hour time` });
    }
    const afternoon = timeMatch[3]?.toUpperCase() === 'PM';
    hour = (hour12 % 12) + (afternoon ? 12 : 0);
  }
  return issues.length > 0 ? issues : { year, month, day, hour, minute };
}

/**
 * One formatter per zone, kept: building an `Intl.DateTimeFormat` costs far more than using one (it was most
 * of a legacy delivery's time). Zones come from the source's options, never from a notification, so the
 * cache holds as many entries as the application configured.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC, in minutes, at a given instant, read from Intl (no time zone library). */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((asUtc - instant) / 60_000);
}

/**
 * The instant a wall-clock time in an IANA zone stands for. The offset is looked up twice so a zone that
 * changes offset near the time (daylight saving) still lands on the right instant; Nairobi has none.
 *
 * @example
 * ```ts
 * toInstant({ year: 2011, month: 4, day: 26, hour: 13, minute: 3 }, 'Africa/Nairobi').toISOString();
 * // '2011-04-26T10:03:00.000Z'
 * ```
 */
export function toInstant(clock: WallClock, timeZone: string): Date {
  const naive = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  const first = naive - offsetMinutes(timeZone, naive) * 60_000;
  return new Date(naive - offsetMinutes(timeZone, first) * 60_000);
}

/**
 * Whether Intl knows the zone name.
 *
 * @example
 * ```ts
 * isKnownTimeZone('Africa/Nairobi'); // true
 * ```
 */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
