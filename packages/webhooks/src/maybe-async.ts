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
 * Runs `step` on `context`, then `next` with its value (or `recover` with what it threw or rejected with):
 * synchronously when `step` returned a plain value, after it settles when it returned a promise. The steps
 * take the context as an argument, so callers pass functions made once rather than closures made per call.
 * What `next` throws is not recovered here: it propagates (synchronously, or as the returned promise's
 * rejection), and the pipeline's outermost guard turns it into a 500.
 *
 * @example
 * ```ts
 * return andThen(delivery, verifyStep, afterVerify, verifyFailed);
 * ```
 */
export function andThen<TContext, T, U>(
  context: TContext,
  step: (context: TContext) => T | PromiseLike<T>,
  next: (value: T, context: TContext) => MaybePromise<U>,
  recover: (error: unknown, context: TContext) => MaybePromise<U>,
): MaybePromise<U> {
  let value: T | PromiseLike<T>;
  let pending: boolean;
  try {
    value = step(context);
    // Inside the try: a value whose `then` getter throws is a failed step, not an escaped error.
    pending = isPromiseLike(value);
  } catch (error) {
    return recover(error, context);
  }
  if (!pending) return next(value as T, context);
  try {
    return whenSettled(
      value,
      (settled) => next(settled, context),
      (error: unknown) => recover(error, context),
    );
  } catch (error) {
    return recover(error, context);
  }
}

const nativeThen = Promise.prototype.then;

/**
 * `onSettled` or `onFailed` once `value` settles, followed as `await` would (a promise subclass that starts
 * its work in `then`, as p-lazy does, still runs). Only when a promise's own `then` throws is the built-in
 * `then` used instead, so the promise's real outcome is still observed: nothing is left as an unhandled
 * rejection.
 */
function whenSettled<T, U>(
  value: T | PromiseLike<T>,
  onSettled: (value: T) => MaybePromise<U>,
  onFailed: (error: unknown) => MaybePromise<U>,
): Promise<U> {
  const promise = Promise.resolve(value);
  try {
    return promise.then(onSettled, onFailed);
  } catch (error) {
    if (promise instanceof Promise) return nativeThen.call(promise, onSettled, onFailed) as Promise<U>;
    throw error;
  }
}
