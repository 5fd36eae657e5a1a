/**
 * The figures kept for one contender: the median decides, the rest shows how far to trust it.
 *
 * @example
 * ```ts
 * const summary: Summary = summarize([9_800, 10_100, 10_000]); // { median: 10000, min: 9800, ... }
 * ```
 */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Median absolute deviation divided by the median: 0.02 means rounds typically sit within 2 %. */
  readonly relativeSpread: number;
  /** How many measured rounds (warm-up excluded) the figures come from. */
  readonly rounds: number;
}

/**
 * The middle value (the mean of the two middle values for an even count).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * median([4, 1, 2, 3]); // 2.5
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle]!;
  return sorted.length % 2 === 1 ? upper : (sorted[middle - 1]! + upper) / 2;
}

/**
 * Reduces the samples of one contender to a {@link Summary}.
 *
 * @example
 * ```ts
 * summarize([10, 12, 11]).median; // 11
 * ```
 */
export function summarize(samples: readonly number[]): Summary {
  const middle = median(samples);
  const deviation = median(samples.map((sample) => Math.abs(sample - middle)));
  return {
    median: middle,
    min: Math.min(...samples),
    max: Math.max(...samples),
    relativeSpread: middle === 0 ? 0 : deviation / middle,
    rounds: samples.length,
  };
}

/**
 * A ratio of two medians, rounded to three decimals for printing and for results.json.
 *
 * @example
 * ```ts
 * ratio(80, 100); // 0.8
 * ```
 */
export function ratio(numerator: number, denominator: number): number {
  return Math.round((numerator / denominator) * 1000) / 1000;
}
