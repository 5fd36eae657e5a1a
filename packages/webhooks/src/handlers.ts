import {
  type DeclineReason,
  type EventOfType,
  TENDER_EVENT_TYPES,
  type TenderEvent,
  type TenderEventType,
  ValidationError,
} from '@tender/core';
import * as v from 'valibot';
import { isPromiseLike, type MaybePromise } from './maybe-async.ts';
import type { WebhookError } from './webhook-error.ts';

/**
 * What a handler gets besides the event.
 *
 * @example
 * ```ts
 * router.on('payment.succeeded', async (event, { source, signal }) => {
 *   await ledger.credit(event.accountNumber, event.amount, { signal });
 * });
 * ```
 */
export interface HandlerContext {
  /** The name the delivering source was registered under, such as `'k2'`. */
  readonly source: string;
  /** Aborted when the delivery gives up waiting (`handlerTimeoutMs`); never aborted without a timeout. */
  readonly signal: AbortSignal;
}

/**
 * A handler for events of the type(s) `TType`. It may be async; the delivery is answered after every
 * handler of every event in it has settled. Throw `PaymentDeclinedError` to decline a payment; throw
 * anything else to make the provider deliver again.
 *
 * @example
 * ```ts
 * const onPaid: EventHandler<'payment.succeeded'> = (event) => console.log(event.amount);
 * ```
 */
export type EventHandler<TType extends TenderEventType = TenderEventType> = (
  event: EventOfType<TType>,
  context: HandlerContext,
) => unknown;

/**
 * A handler for errors the router recovered from (see {@link WebhookError}). Errors it throws are ignored.
 *
 * @example
 * ```ts
 * const report: ErrorHandler = (error) => logger.error(error.toJSON());
 * ```
 */
export type ErrorHandler = (error: WebhookError) => unknown;

/**
 * The combined result of every handler of one event: all succeeded, one declined the payment (and none
 * failed), or some failed (a failure outweighs a decline: the event is delivered again and decided again).
 *
 * @example
 * ```ts
 * const verdict: HandlersVerdict = { kind: 'failed', errors: [new Error('db down')] };
 * ```
 */
export type HandlersVerdict =
  | { readonly kind: 'handled' }
  | { readonly kind: 'declined'; readonly reason: DeclineReason; readonly message: string }
  | { readonly kind: 'failed'; readonly errors: readonly unknown[] };

/**
 * Recognises a `PaymentDeclinedError` by its shape rather than by `instanceof`, so a decline thrown with a
 * second copy of `@tender/core` (two versions installed side by side) is still a decline.
 */
const DeclineSchema = v.object({
  code: v.literal('payment_declined'),
  reason: v.picklist(['account_not_found', 'invalid_payment']),
  message: v.string(),
});

const KNOWN_TYPES: ReadonlySet<string> = new Set(TENDER_EVENT_TYPES);
const NO_HANDLERS: readonly EventHandler[] = [];
const HANDLED: HandlersVerdict = Object.freeze({ kind: 'handled' });

/** How one handler call ended: it succeeded, or it failed with what it threw or rejected with. */
type Settled = { readonly failed: false } | { readonly failed: true; readonly reason: unknown };
const SUCCEEDED: Settled = Object.freeze({ failed: false });

/** Calls one handler; its outcome is known at once unless it returned a promise. */
function settle(handler: EventHandler, event: TenderEvent, context: HandlerContext): MaybePromise<Settled> {
  try {
    const returned = handler(event, context);
    if (!isPromiseLike(returned)) return SUCCEEDED;
    return Promise.resolve(returned).then(
      () => SUCCEEDED,
      (reason: unknown): Settled => ({ failed: true, reason }),
    );
  } catch (reason) {
    return { failed: true, reason };
  }
}

/** Whether a handler threw a decline. Reading what it threw may itself throw (a revoked proxy): not a decline. */
function isDecline(thrown: unknown): thrown is v.InferOutput<typeof DeclineSchema> {
  try {
    return v.is(DeclineSchema, thrown);
  } catch {
    return false;
  }
}

/** One verdict from the handlers' outcomes: any failure outweighs a decline, which outweighs success. */
function verdictOf(settled: readonly Settled[]): HandlersVerdict {
  const errors: unknown[] = [];
  let decline: v.InferOutput<typeof DeclineSchema> | undefined;
  for (const outcome of settled) {
    if (!outcome.failed) continue;
    if (isDecline(outcome.reason)) decline ??= outcome.reason;
    else errors.push(outcome.reason);
  }
  if (errors.length > 0) return { kind: 'failed', errors };
  if (decline) return { kind: 'declined', reason: decline.reason, message: decline.message };
  return HANDLED;
}

/** The verdict of a lone handler, without building a list for the usual success. */
function verdictOfOne(outcome: Settled): HandlersVerdict {
  return outcome.failed ? verdictOf([outcome]) : HANDLED;
}

/**
 * The handlers registered on a router, keyed by event type, and the error handlers.
 *
 * @example
 * ```ts
 * const registry = new HandlerRegistry();
 * registry.on(['payment.succeeded', 'payment.failed'], (event) => console.log(event.type));
 * await registry.run(event, { source: 'k2', signal });
 * ```
 */
export class HandlerRegistry {
  readonly #byType = new Map<string, EventHandler[]>();
  readonly #any: EventHandler[] = [];
  readonly #errors: ErrorHandler[] = [];

  /** Registers `handler` for one type or several; unknown type names throw a `ValidationError`. */
  on<const TType extends TenderEventType>(
    types: TType | readonly TType[],
    handler: EventHandler<TType>,
  ): void {
    const list: readonly string[] = typeof types === 'string' ? [types] : types;
    const unknown = list.filter((type) => typeof type !== 'string' || !KNOWN_TYPES.has(type));
    if (list.length === 0 || unknown.length > 0 || typeof handler !== 'function') {
      throw new ValidationError('Invalid router.on() call', [
        ...(list.length === 0 ? [{ path: 'types', message: 'name at least one event type' }] : []),
        ...unknown.map((type) => ({
          path: 'types',
          message: `${JSON.stringify(type)} is not an event type; use one of ${TENDER_EVENT_TYPES.join(', ')}`,
        })),
        ...(typeof handler === 'function' ? [] : [{ path: 'handler', message: 'must be a function' }]),
      ]);
    }
    for (const type of new Set(list)) {
      const handlers = this.#byType.get(type) ?? [];
      // A handler typed for a subset of events is only ever called with events of that subset.
      handlers.push(handler as unknown as EventHandler);
      this.#byType.set(type, handlers);
    }
  }

  /** Registers `handler` for every event. */
  onAny(handler: EventHandler): void {
    this.#any.push(requireFunction(handler, 'router.onAny()'));
  }

  /** Registers `handler` for errors. */
  onError(handler: ErrorHandler): void {
    this.#errors.push(requireFunction(handler, 'router.onError()'));
  }

  /**
   * Runs every handler of `event` (type handlers first, then catch-all ones, in registration order) and
   * waits for all of them, so a failing handler never leaves another one running unobserved. Handlers that
   * return no promise are settled at once: when none does, the verdict comes synchronously.
   */
  run(event: TenderEvent, context: HandlerContext): MaybePromise<HandlersVerdict> {
    const typed = this.#byType.get(event.type) ?? NO_HANDLERS;
    const handlers = this.#any.length === 0 ? typed : [...typed, ...this.#any];
    if (handlers.length === 0) return HANDLED;
    if (handlers.length === 1) {
      // The common case, without an array of outcomes to wait for.
      const only = settle(handlers[0] as EventHandler, event, context);
      return isPromiseLike(only) ? only.then(verdictOfOne) : verdictOfOne(only);
    }
    const settled = handlers.map((handler) => settle(handler, event, context));
    return settled.some(isPromiseLike)
      ? Promise.all(settled).then(verdictOf)
      : verdictOf(settled as Settled[]);
  }

  /**
   * Hands `error` to every error handler and waits for them; errors they throw are swallowed. With no
   * error handler registered, the error is written to `console.error` (its safe form, no payload), because
   * a failure nobody sees would only show up as the provider's endless retries.
   */
  async report(error: WebhookError): Promise<void> {
    if (this.#errors.length === 0) {
      try {
        console.error(error);
      } catch {
        // A console that cannot print must not turn a recovered error into a lost delivery.
      }
      return;
    }
    await Promise.allSettled(this.#errors.map(async (handler) => handler(error)));
  }
}

function requireFunction<T>(handler: T, call: string): T {
  if (typeof handler !== 'function') {
    throw new ValidationError(`Invalid ${call} call`, [{ path: 'handler', message: 'must be a function' }]);
  }
  return handler;
}
