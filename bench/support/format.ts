/**
 * A whole number with thin grouping, for rates such as deliveries per second.
 *
 * @example
 * ```ts
 * formatRate(152345.6); // '152 346'
 * ```
 */
export function formatRate(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * Milliseconds with one decimal.
 *
 * @example
 * ```ts
 * formatMs(20.456); // '20.5 ms'
 * ```
 */
export function formatMs(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/**
 * Bytes in the largest unit that keeps the number readable (KiB = 1024 bytes, MiB = 1024 KiB).
 *
 * @example
 * ```ts
 * formatBytes(1_572_864); // '1.50 MiB'
 * ```
 */
export function formatBytes(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 2 ** 20) return `${(value / 2 ** 20).toFixed(2)} MiB`;
  if (magnitude >= 2 ** 10) return `${(value / 2 ** 10).toFixed(1)} KiB`;
  return `${Math.round(value)} B`;
}

/**
 * A ratio as a multiplier.
 *
 * @example
 * ```ts
 * formatRatio(0.8312); // '0.83x'
 * ```
 */
export function formatRatio(value: number): string {
  return `${value.toFixed(2)}x`;
}

/**
 * Rounds every number in a results object for results.json: rates and byte counts (100 and up) to whole
 * numbers, everything else to three decimals. Use as a `JSON.stringify` replacer.
 *
 * @example
 * ```ts
 * JSON.stringify({ a: 152345.678, b: 0.83124 }, roundNumbers); // '{"a":152346,"b":0.831}'
 * ```
 */
export function roundNumbers(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isInteger(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}
