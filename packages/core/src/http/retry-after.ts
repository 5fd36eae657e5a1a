/**
 * A `Retry-After` header as milliseconds to wait from `now`: delay-seconds (`"120"`) or an HTTP date (one in
 * the past means 0); `undefined` when absent or unreadable.
 *
 * @example parseRetryAfter('2'); // 2000
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names its day or month; this keeps numbers like "-5" from parsing as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
