import * as v from 'valibot';

/** Plain digits: Unix seconds sent as a string. */
const DIGITS = /^\d+$/;

/**
 * A point in time as K2's OAuth answers give it, whose type the sources disagree on ([UNCLEAR] in the
 * reference): Unix seconds as a JSON number (Dart and .NET fixtures, every token-info fixture), the same as
 * a numeric string, or an ISO-8601 string (PHP token fixture, every introspection fixture). All become a
 * `Date`; anything else is a payload error.
 *
 * @example
 * ```ts
 * v.parse(K2TimestampSchema, 1767225600).toISOString(); // '2026-01-01T00:00:00.000Z'
 * v.parse(K2TimestampSchema, '2026-01-01T11:00:00+03:00').toISOString(); // '2026-01-01T08:00:00.000Z'
 * ```
 */
export const K2TimestampSchema = v.pipe(
  v.union(
    [v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.trim(), v.nonEmpty())],
    'must be Unix seconds or an ISO-8601 date-time',
  ),
  v.transform((value) => {
    if (typeof value === 'number') return new Date(value * 1000);
    return DIGITS.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  }),
  v.check((date) => !Number.isNaN(date.getTime()), 'must be Unix seconds or an ISO-8601 date-time'),
);
