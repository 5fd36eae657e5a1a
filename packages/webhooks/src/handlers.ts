import { type EventOfType, TENDER_EVENT_TYPES, type TenderEventType, ValidationError } from '@tender/core';
import type { WebhookError } from './webhook-error.ts';

/**
 * What a handler gets besides the event.
 *
 * @example
 * ```ts
 * router.on('payment.succeeded', async (event, { source, signal }) => {
 *   await ledger.credit(event.merchantReference, event.amount, { signal });
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
 * A handler for errors the router recovered from, or for deliveries it refused (see {@link WebhookError}).
 * What it throws is ignored.
 *
 * @example
 * ```ts
 * const report: ErrorHandler = (error) => logger.error(error.toJSON());
 * ```
 */
export type ErrorHandler = (error: WebhookError) => unknown;

const KNOWN_TYPES: ReadonlySet<string> = new Set(TENDER_EVENT_TYPES);
const NO_HANDLERS: readonly EventHandler[] = [];

function requireFunction<T>(handler: T, call: string): T {
  if (typeof handler !== 'function') {
    throw new ValidationError(`Invalid ${call} call`, [{ path: 'handler', message: 'must be a function' }]);
  }
  return handler;
}

/**
 * The handlers registered on a router: event handlers by type, catch-all ones, error and rejection
 * handlers. Registration only: the router calls them.
 *
 * @example
 * ```ts
 * const registry = new HandlerRegistry();
 * registry.on(['payment.succeeded', 'payment.failed'], (event) => console.log(event.type));
 * registry.handlersOf('payment.failed'); // [that handler]
 * ```
 */
export class HandlerRegistry {
  readonly #byType = new Map<string, EventHandler[]>();
  readonly #any: EventHandler[] = [];
  /** The `onError` handlers, in registration order. */
  readonly errorHandlers: ErrorHandler[] = [];
  /** The `onRejected` handlers, in registration order. */
  readonly rejectionHandlers: ErrorHandler[] = [];

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
    this.errorHandlers.push(requireFunction(handler, 'router.onError()'));
  }

  /** Registers `handler` for refused deliveries. */
  onRejected(handler: ErrorHandler): void {
    this.rejectionHandlers.push(requireFunction(handler, 'router.onRejected()'));
  }

  /** The handlers of events of `type`: its own first, then the catch-all ones, each in registration order. */
  handlersOf(type: string): readonly EventHandler[] {
    const typed = this.#byType.get(type) ?? NO_HANDLERS;
    return this.#any.length === 0 ? typed : [...typed, ...this.#any];
  }
}
