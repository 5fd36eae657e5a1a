import { EventEmitter } from 'eventemitter3';

/**
 * Why a call is sent again: no answer (`network`, `timeout`), a status that says "try again" (`status`),
 * or a refused bearer token (`token_rejected`: sent once more with a fresh token).
 *
 * @example
 * ```ts
 * const reason: RetryReason = 'timeout';
 * ```
 */
export type RetryReason = 'network' | 'timeout' | 'status' | 'token_rejected';

/**
 * What every event about one send says: `requestId` (the same for every send of one call) and `attempt`
 * (1 for the first send) pair a `request` with its `response`; `url` is origin and path only, never the
 * query string. No event carries a header, a body, a token or a secret.
 *
 * @example
 * ```ts
 * const sent: HttpSend = { requestId: 'c0ffee', operation: 'collect', method: 'POST', url: 'https://host/x', attempt: 1 };
 * ```
 */
export interface HttpSend {
  readonly requestId: string;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
}

/**
 * The payload of each observability event.
 *
 * @example
 * ```ts
 * const onRetry = (event: HttpEventMap['retry']) => console.log(event.requestId, event.reason, event.delayMs);
 * ```
 */
export interface HttpEventMap {
  /** A send is about to leave. */
  request: (event: HttpSend) => void;
  /** An answer arrived (any status); `durationMs` runs from sending to the end of the body. */
  response: (event: HttpSend & { readonly status: number; readonly durationMs: number }) => void;
  /** Send `attempt` failed and the call is sent again after `delayMs`. */
  retry: (
    event: HttpSend & { readonly delayMs: number; readonly reason: RetryReason; readonly status?: number },
  ) => void;
  /** A call that moves money got no answer: the provider may or may not have acted on it. */
  'outcome.unknown': (event: HttpSend & { readonly reason: 'network' | 'timeout' }) => void;
  /** A token manager fetched a new access token valid until `expiresAt` (epoch milliseconds). */
  'token.refreshed': (event: { readonly expiresAt: number }) => void;
}

/**
 * The emitter the HTTP client and the token manager report to; hand the same one to both.
 *
 * @example
 * ```ts
 * const events: HttpEvents = createHttpEvents();
 * events.on('response', ({ requestId, method, url, status, durationMs }) => log.info({ requestId, method, url, status, durationMs }));
 * ```
 */
export type HttpEvents = EventEmitter<HttpEventMap>;

/**
 * Creates an emitter for the `request`, `response`, `retry`, `outcome.unknown` and `token.refreshed` events.
 *
 * @example
 * ```ts
 * const events = createHttpEvents();
 * events.on('outcome.unknown', ({ operation, requestId }) => alert(`check ${operation} ${requestId}`));
 * const http = createHttpClient({ provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com', events });
 * ```
 */
export function createHttpEvents(): HttpEvents {
  return new EventEmitter<HttpEventMap>();
}

/**
 * Emits an event if there is an emitter, shielding the call from its listeners: a logger that throws on
 * `response` after a payment was accepted must not turn that success into an error the caller would retry.
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
    // Deliberately ignored, see above.
  }
}
