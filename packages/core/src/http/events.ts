import { EventEmitter } from 'eventemitter3';

/**
 * Why the HTTP client sends a request again: no answer (`network`, `timeout`), an answer whose status says
 * "try again" (`status`, with the status in the payload), or a bearer token the provider refused
 * (`token_rejected`: the call is sent once more with a fresh token).
 *
 * @example
 * ```ts
 * const reason: RetryReason = 'timeout';
 * ```
 */
export type RetryReason = 'network' | 'timeout' | 'status' | 'token_rejected';

/**
 * The payload of each observability event. URLs carry only origin and path: never the query string,
 * headers, bodies, tokens or secrets, so every payload is safe to log as it is.
 *
 * @example
 * ```ts
 * const onRetry = (event: HttpEventMap['retry']) => console.log(event.reason, event.delayMs);
 * ```
 */
export interface HttpEventMap {
  /** A request is about to be sent; `attempt` starts at 1 and counts every send of the same call. */
  request: (event: { readonly method: string; readonly url: string; readonly attempt: number }) => void;
  /** An answer arrived (any status); `durationMs` is measured from sending to the end of the body. */
  response: (event: {
    readonly method: string;
    readonly url: string;
    readonly status: number;
    readonly durationMs: number;
  }) => void;
  /** The call will be sent again after `delayMs`; `attempt` is the attempt that failed. */
  retry: (event: {
    readonly method: string;
    readonly url: string;
    readonly attempt: number;
    readonly delayMs: number;
    readonly reason: RetryReason;
    readonly status?: number;
  }) => void;
  /** A token manager fetched a new access token valid until `expiresAt` (epoch milliseconds). */
  'token.refreshed': (event: { readonly expiresAt: number }) => void;
}

/**
 * The emitter the HTTP client and the token manager report to. Create it with {@link createHttpEvents}
 * and hand the same one to both.
 *
 * @example
 * ```ts
 * const events: HttpEvents = createHttpEvents();
 * events.on('response', ({ method, url, status, durationMs }) => log.info({ method, url, status, durationMs }));
 * ```
 */
export type HttpEvents = EventEmitter<HttpEventMap>;

/**
 * Creates an emitter for the `request`, `response`, `retry` and `token.refreshed` events.
 *
 * @example
 * ```ts
 * const events = createHttpEvents();
 * events.on('retry', ({ method, url, attempt, delayMs, reason }) => metrics.increment('http.retry', { reason }));
 * const http = createHttpClient({ provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com', events });
 * ```
 */
export function createHttpEvents(): HttpEvents {
  return new EventEmitter<HttpEventMap>();
}

/**
 * Emits an event if there is an emitter, shielding the call from its listeners: an observer's bug must
 * never change a call's outcome. A logger that throws on `response` after a payment was accepted would
 * otherwise turn a success into an error, and the caller might send the payment again.
 *
 * @example
 * ```ts
 * notify(events, 'token.refreshed', { expiresAt });
 * ```
 */
export function notify<const TName extends keyof HttpEventMap>(
  events: HttpEvents | undefined,
  name: TName,
  ...payload: EventEmitter.EventArgs<HttpEventMap, TName>
): void {
  try {
    events?.emit(name, ...payload);
  } catch {
    // Deliberately ignored, see above; the listener's owner sees its own bug in its own tests and logs.
  }
}
