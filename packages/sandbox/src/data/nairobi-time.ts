/**
 * Kenyan wall-clock time. K2 writes every timestamp in East Africa Time (UTC+03:00, no daylight saving), so
 * shifting by a fixed three hours is exact and needs no time-zone database.
 */

const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000;

/** The calendar fields of an instant as read on a clock in Nairobi. */
interface NairobiParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

function nairobiParts(instant: Date): NairobiParts {
  const shifted = new Date(instant.getTime() + NAIROBI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * ISO-8601 with the `+03:00` offset, as K2 writes `origination_time` (`2026-01-05T14:02:09+03:00`), or with
 * milliseconds as in `created_at` / `initiation_time` (`2026-01-05T14:01:30.512+03:00`).
 *
 * @example
 * ```ts
 * nairobiTimestamp(new Date('2026-01-05T11:02:09Z')); // '2026-01-05T14:02:09+03:00'
 * nairobiTimestamp(new Date('2026-01-05T11:02:09.5Z'), true); // '2026-01-05T14:02:09.500+03:00'
 * ```
 */
export function nairobiTimestamp(instant: Date, withMilliseconds = false): string {
  const p = nairobiParts(instant);
  const millis = withMilliseconds ? `.${String(p.millisecond).padStart(3, '0')}` : '';
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${millis}+03:00`;
}

/**
 * The Daraja `TransTime` form, `YYYYMMDDHHmmss` in Nairobi time (reference §4.5).
 *
 * @example
 * ```ts
 * darajaTransTime(new Date('2026-01-05T11:02:09Z')); // '20260105140209'
 * ```
 */
export function darajaTransTime(instant: Date): string {
  const p = nairobiParts(instant);
  return `${p.year}${two(p.month)}${two(p.day)}${two(p.hour)}${two(p.minute)}${two(p.second)}`;
}

/**
 * The legacy notification's `transaction_date`: `D/M/YY` without leading zeros (`26/4/11`).
 *
 * @example
 * ```ts
 * legacyTransactionDate(new Date('2011-04-26T10:03:00Z')); // '26/4/11'
 * ```
 */
export function legacyTransactionDate(instant: Date): string {
  const p = nairobiParts(instant);
  return `${p.day}/${p.month}/${two(p.year % 100)}`;
}

/**
 * The legacy notification's `transaction_time`: 12-hour clock, `h:mm AM/PM` (`1:03 PM`, `12:05 AM`).
 *
 * @example
 * ```ts
 * legacyTransactionTime(new Date('2011-04-26T10:03:00Z')); // '1:03 PM'
 * ```
 */
export function legacyTransactionTime(instant: Date): string {
  const p = nairobiParts(instant);
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${hour12}:${two(p.minute)} ${p.hour < 12 ? 'AM' : 'PM'}`;
}
