/**
 * A value now, or a promise of it later. The router's steps (verify, decode, claim, handlers, complete) pass
 * these along so a delivery whose store and handlers answer synchronously is processed without a single
 * turn of the microtask queue; the first real promise switches the rest of the delivery to async.
 *
 * @example
 * ```ts
 * const claim: MaybePromise<ClaimResult> = store.claim(id, leaseMs);
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether `value` is a promise (any thenable) rather than a plain value.
 *
 * @example
 * ```ts
 * const answer = isPromiseLike(verifying) ? await verifying : verifying;
 * ```
 */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * Calls `next` with the value of `step` (and `recover` with what it threw or rejected with): synchronously
 * when `step` is a plain value, after it settles when it is a promise.
 *
 * @example
 * ```ts
 * return andThen(() => store.claim(id, leaseMs), afterClaim, storeFailed);
 * ```
 */
export function andThen<T, U>(
  step: () => T | PromiseLike<T>,
  next: (value: T) => MaybePromise<U>,
  recover: (error: unknown) => MaybePromise<U>,
): MaybePromise<U> {
  let value: T | PromiseLike<T>;
  try {
    value = step();
  } catch (error) {
    return recover(error);
  }
  return isPromiseLike(value) ? Promise.resolve(value).then(next, recover) : next(value);
}
