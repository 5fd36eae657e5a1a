import * as v from 'valibot';
import { expected } from './validation.ts';

/** Kenya keeps East Africa Time, UTC+3, all year (no daylight saving). */
const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000;

/** ISO-8601 date-time with seconds optional, fractions optional and a required offset (`Z` or `±hh:mm`). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Writes a time as K2's examples do: ISO-8601 in Nairobi time with its `+03:00` offset, to the second
 * (milliseconds only when there are some). Any offset denotes the same instant; this one reads the way K2
 * echoes times back.
 *
 * @example
 * ```ts
 * formatK2Time(new Date('2026-01-04T21:00:00Z')); // '2026-01-05T00:00:00+03:00'
 * ```
 */
export function formatK2Time(date: Date): string {
  const shifted = new Date(date.getTime() + NAIROBI_OFFSET_MS).toISOString();
  const [wholeSeconds, fraction = '000Z'] = shifted.split('.');
  const milliseconds = fraction.replace('Z', '');
  return `${wholeSeconds}${milliseconds === '000' ? '' : `.${milliseconds}`}+03:00`;
}

/**
 * A time given as a `Date` or as an ISO-8601 string with an offset; output: the instant as a `Date` and
 * the text sent (a string input is sent exactly as given).
 *
 * @example
 * ```ts
 * v.parse(K2TimeInputSchema, '2026-01-05T00:00:00+03:00').wire; // '2026-01-05T00:00:00+03:00'
 * ```
 */
export const K2TimeInputSchema = v.pipe(
  v.union(
    [
      v.pipe(
        v.date(),
        v.check((date) => !Number.isNaN(date.getTime()), 'must be a valid date'),
        v.transform((date) => ({ instant: date, wire: formatK2Time(date) })),
      ),
      v.pipe(
        v.string(),
        v.trim(),
        v.check(
          (text) => ISO_WITH_OFFSET.test(text) && !Number.isNaN(Date.parse(text)),
          'must be an ISO-8601 date-time with an offset, such as 2026-01-05T00:00:00+03:00',
        ),
        v.transform((text) => ({ instant: new Date(text), wire: text })),
      ),
    ],
    expected('a Date or an ISO-8601 date-time string with an offset'),
  ),
);
