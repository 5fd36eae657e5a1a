/**
 * One target from the issue, checked against a measured ratio.
 *
 * @example
 * ```ts
 * const target: TargetCheck = { name: 'webhook pipeline vs floor', measured: 0.83, atLeast: 0.8, met: true };
 * ```
 */
export interface TargetCheck {
  readonly name: string;
  readonly measured: number;
  /** The ratio must reach this (higher is better). */
  readonly atLeast?: number;
  /** The ratio must not exceed this (lower is better). */
  readonly atMost?: number;
  readonly met: boolean;
}

/**
 * A target where the ratio must be at least `threshold` (throughput: higher is better).
 *
 * @example
 * ```ts
 * atLeast('client calls vs raw fetch', 0.97, 0.95).met; // true
 * ```
 */
export function atLeast(name: string, measured: number, threshold: number): TargetCheck {
  return { name, measured, atLeast: threshold, met: measured >= threshold };
}

/**
 * A target where the ratio must be at most `threshold` (time: lower is better).
 *
 * @example
 * ```ts
 * atMost('import vs k2-connect-node', 0.4, 1).met; // true
 * ```
 */
export function atMost(name: string, measured: number, threshold: number): TargetCheck {
  return { name, measured, atMost: threshold, met: measured <= threshold };
}
