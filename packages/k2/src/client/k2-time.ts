import * as v from 'valibot';
import { dateTimeProblem } from './calendar.ts';
import { expected } from './validation.ts';

/** Kenya keeps East Africa Time, UTC+3, all year (no daylight saving). */
const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000;

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

/** The instant and wire text of a valid time input, or the message saying why it is not one. */
function readTime(input: Date | string): { instant: Date; wire: string } | string {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime())
      ? 'must be a valid date'
      : { instant: input, wire: formatK2Time(input) };
  }
  const text = input.trim();
  const problem = dateTimeProblem(text);
  if (problem !== undefined) return problem;
  const instant = new Date(text);
  // A backstop: every text dateTimeProblem accepts is one Date reads, but a NaN must never be compared.
  if (Number.isNaN(instant.getTime())) return 'must be an ISO-8601 date-time with an offset';
  return { instant, wire: text };
}

/**
 * A time given as a `Date` or as an ISO-8601 string with an offset; output: the instant as a `Date` and
 * the text sent (a string input is sent exactly as given, trimmed). A string must name a real moment:
 * `2026-02-30`, month 13, hour 24 and the like are refused, never rolled over.
 *
 * @example
 * ```ts
 * v.parse(K2TimeInputSchema, '2026-01-05T00:00:00+03:00').wire; // '2026-01-05T00:00:00+03:00'
 * v.parse(K2TimeInputSchema, '2026-02-30T00:00:00+03:00'); // throws: February 2026 has 28 days, not 30
 * ```
 */
export const K2TimeInputSchema = v.pipe(
  v.union([v.date(), v.string()], expected('a Date or an ISO-8601 date-time string with an offset')),
  // One schema with one message per cause, rather than a union of a Date branch and a string branch:
  // a union reports only its own generic message when every branch fails, which hid why a string was
  // refused.
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const time = readTime(dataset.value);
    if (typeof time === 'string') {
      addIssue({ message: time });
      return NEVER;
    }
    return time;
  }),
);
