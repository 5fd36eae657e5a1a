/**
 * Reads a `Retry-After` header as milliseconds to wait from `now`: either delay-seconds (`"120"`) or an
 * HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`; a date in the past means "now", 0). Returns `undefined`
 * when the header is absent or unreadable, which the retry policy treats as "the provider did not say".
 *
 * @example
 * ```ts
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter(new Date(Date.now() + 5000).toUTCString()); // about 5000
 * parseRetryAfter(null); // undefined
 * ```
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names its day or month; this keeps numbers like "-5" from parsing as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
