/**
 * When the HTTP client sends a call again, and after how long.
 *
 * The rule is "never risk moving money twice":
 *
 * - A call that cannot move money twice (`movesMoney: false`: GETs, status queries, token requests) is
 *   repeated when there was no answer (network failure, timeout) and on the answers that mean "not now":
 *   408, 429, 500, 502, 503, 504. Repeating it is harmless by construction.
 * - A call that can move money (`movesMoney: true`) is repeated only on a 429 or 503 that carries
 *   `Retry-After`: the provider then said it did not act and when to come back. A 500, a timeout or a
 *   dropped connection may hide a payment that did go through, so those are never repeated blindly; the
 *   caller gets an error that says to look the operation up first.
 *
 * `Retry-After` (on 429 and 503) is honoured for both kinds, up to `maxRetryAfterMs`; a longer wait is not
 * slept through but reported at once as a RateLimitError carrying the delay. Without it, delays grow
 * exponentially from `backoffMs`. A 401 is handled apart from this policy: the token is refreshed and the
 * call sent once more, whatever it is, because a refused token means nothing was done.
 */

/** Statuses that mean "try again later" to a call that cannot move money twice. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Statuses whose `Retry-After` says the provider did not act and when to come back. */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * The bounds of the retry policy.
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { limit: 2, maxRetryAfterMs: 60_000, backoffMs: 300 };
 * ```
 */
export interface RetryPolicy {
  readonly limit: number;
  readonly maxRetryAfterMs: number;
  readonly backoffMs: number;
}

/**
 * Whether a `Retry-After` on an answer with this status is a promise that nothing was done.
 *
 * @example
 * ```ts
 * honoursRetryAfter(429); // true
 * honoursRetryAfter(500); // false
 * ```
 */
export function honoursRetryAfter(status: number): boolean {
  return RETRY_AFTER_STATUSES.has(status);
}

/**
 * The delay before retry number `retryNumber` (1 for the first) when the provider gave no timing:
 * `backoffMs`, doubled each time, never above `maxRetryAfterMs`.
 *
 * @example
 * ```ts
 * backoffDelay(2, { limit: 2, maxRetryAfterMs: 60_000, backoffMs: 300 }); // 600
 * ```
 */
export function backoffDelay(retryNumber: number, policy: RetryPolicy): number {
  return Math.min(policy.backoffMs * 2 ** (retryNumber - 1), policy.maxRetryAfterMs);
}

/**
 * How long to wait before repeating a call that got an error answer, or `undefined` to not repeat it.
 * `retryAfterMs` is the parsed `Retry-After` of a 429/503 answer, when it had one.
 *
 * @example
 * ```ts
 * retryDelayAfterAnswer({ status: 503, retryAfterMs: 1000, movesMoney: true }, 1, policy); // 1000
 * retryDelayAfterAnswer({ status: 500, retryAfterMs: undefined, movesMoney: true }, 1, policy); // undefined
 * ```
 */
export function retryDelayAfterAnswer(
  answer: {
    readonly status: number;
    readonly retryAfterMs: number | undefined;
    readonly movesMoney: boolean;
  },
  retryNumber: number,
  policy: RetryPolicy,
): number | undefined {
  if (retryNumber > policy.limit) return undefined;
  if (honoursRetryAfter(answer.status) && answer.retryAfterMs !== undefined) {
    return answer.retryAfterMs <= policy.maxRetryAfterMs ? answer.retryAfterMs : undefined;
  }
  if (answer.movesMoney || !RETRYABLE_STATUSES.has(answer.status)) return undefined;
  return backoffDelay(retryNumber, policy);
}

/**
 * How long to wait before repeating a call that got no answer (network failure, timeout), or `undefined`
 * to not repeat it: a call that can move money is never repeated without an answer.
 *
 * @example
 * ```ts
 * retryDelayWithoutAnswer(false, 1, policy); // 300
 * retryDelayWithoutAnswer(true, 1, policy); // undefined
 * ```
 */
export function retryDelayWithoutAnswer(
  movesMoney: boolean,
  retryNumber: number,
  policy: RetryPolicy,
): number | undefined {
  if (movesMoney || retryNumber > policy.limit) return undefined;
  return backoffDelay(retryNumber, policy);
}
