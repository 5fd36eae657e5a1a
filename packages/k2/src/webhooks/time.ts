/**
 * K2 writes times as ISO-8601 with an offset (`2026-01-05T14:02:09+03:00`, `...17:58:40.210+03:00`). A
 * time without an offset is read as Nairobi time (UTC+3), where K2 runs, rather than as the server's local
 * time, which would make the result depend on the machine.
 */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NAIROBI_OFFSET = '+03:00';
/** `YYYY-MM-DDTHH:mm:ss[.sss](Z|±HH:mm)`: the subset of ISO-8601 that `Date` parses by the standard. */
const ECMASCRIPT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The number written by the ASCII digits of `text` from `start` to `end`. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}

/**
 * Milliseconds since the epoch of a time in ECMAScript's format, read from its fixed positions, with the
 * ranges V8's `Date` parser allows (a day up to 31 in any month rolls over as it does there; hour 24 only
 * as 24:00:00.000); `NaN` outside them. Years before 100 are left to `Date`, because `Date.UTC` would read
 * them as 19YY. Building the time from numbers is several times cheaper than `new Date(text)`, and this
 * runs twice per webhook.
 */
function ecmascriptTimeMs(value: string): number {
  const year = digitsAt(value, 0, 4);
  if (year < 100) return new Date(value).getTime();
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  const hour = digitsAt(value, 11, 13);
  const minute = digitsAt(value, 14, 16);
  const second = digitsAt(value, 17, 19);
  let end = 19;
  let millisecond = 0;
  if (value.charCodeAt(19) === 46 /* . */) {
    end = value.length - (value.endsWith('Z') ? 1 : 6);
    millisecond = digitsAt(value, 20, end) * 10 ** (3 - (end - 20));
  }
  let offsetMinutes = 0;
  if (value.charCodeAt(end) !== 90 /* Z */) {
    const offsetHour = digitsAt(value, end + 1, end + 3);
    const offsetMinute = digitsAt(value, end + 4, end + 6);
    if (offsetHour > 23 || offsetMinute > 59) return Number.NaN;
    offsetMinutes = (value.charCodeAt(end) === 45 /* - */ ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }
  const inRange =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    minute <= 59 &&
    second <= 59 &&
    (hour < 24 || (hour === 24 && minute === 0 && second === 0 && millisecond === 0));
  if (!inRange) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
}

function offsetOf(zone: string | undefined): string {
  if (!zone) return NAIROBI_OFFSET;
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4).padEnd(2, '0')}`;
}

/**
 * Reads a K2 timestamp into a `Date`, or `undefined` when it is absent or not an ISO-8601 date and time.
 *
 * @example
 * ```ts
 * parseK2Time('2026-01-05T14:02:09+03:00')?.toISOString(); // '2026-01-05T11:02:09.000Z'
 * ```
 */
export function parseK2Time(value: string | null | undefined): Date | undefined {
  // K2's usual form is already ECMAScript's date-time format with an offset, read directly (two of these
  // run per delivery); anything else is rebuilt into that format first.
  let date: Date;
  if (value !== null && value !== undefined && ECMASCRIPT_TIME.test(value))
    date = new Date(ecmascriptTimeMs(value));
  else {
    const match = ISO_TIME.exec(value?.trim() ?? '');
    if (!match) return undefined;
    date = new Date(`${match[1]}T${match[2]}${offsetOf(match[3])}`);
  }
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const DARAJA_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * Reads a Daraja `TransTime` (`YYYYMMDDHHmmss`, no zone: Safaricom's convention is Nairobi time).
 *
 * @example
 * ```ts
 * parseDarajaTime('20260105140209')?.toISOString(); // '2026-01-05T11:02:09.000Z'
 * ```
 */
export function parseDarajaTime(value: string | null | undefined): Date | undefined {
  const match = DARAJA_TIME.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  return parseK2Time(`${year}-${month}-${day}T${hour}:${minute}:${second}${NAIROBI_OFFSET}`);
}
