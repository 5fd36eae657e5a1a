import { EventEmitter } from 'eventemitter3';

/** Why a call is sent again: no answer (`network`, `timeout`), a "not now" status, or a refused token. @example const reason: RetryReason = 'timeout'; */
export type RetryReason = 'network' | 'timeout' | 'status' | 'token_rejected';

/**
 * What every event about one send carries: `requestId` (one per call) and `attempt` (1 for the first send)
 * pair a `request` with its `response`; `url` is origin and path only. No event carries a header, a body,
 * a token or a secret.
 *
 * @example const sent: HttpSend = { requestId: 'c0ffee', operation: 'collect', method: 'POST', url: 'https://host/x', attempt: 1 };
 */
export interface HttpSend {
  readonly requestId: string;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
}

/**
 * The payload of each event. `response.durationMs` runs from sending to the end of the body;
 * `outcome.unknown` means a call that moves money got no answer, so the provider may or may not have acted.
 *
 * @example const onRetry = (event: HttpEventMap['retry']) => console.log(event.requestId, event.reason, event.delayMs);
 */
export interface HttpEventMap {
  /** A call is about to be sent (each attempt); `requestId` pairs it with its response. */
  request: (event: HttpSend) => void;
  /** An answer arrived, whatever its status, with the time since the attempt was sent. */
  response: (event: HttpSend & { readonly status: number; readonly durationMs: number }) => void;
  /** A call that cannot move money twice is tried again after `delayMs`, and why. */
  retry: (
    event: HttpSend & { readonly delayMs: number; readonly reason: RetryReason; readonly status?: number },
  ) => void;
  /** A money-moving call got no answer: check its status before doing anything again. */
  'outcome.unknown': (event: HttpSend & { readonly reason: 'network' | 'timeout' }) => void;
  /** The token manager holds a new token, valid until `expiresAt` (epoch milliseconds). */
  'token.refreshed': (event: { readonly expiresAt: number }) => void;
}

/** The emitter the HTTP client and the token manager report to; hand the same one to both. @example const events: HttpEvents = createHttpEvents(); */
export type HttpEvents = EventEmitter<HttpEventMap>;

/**
 * Creates an emitter for the `request`, `response`, `retry`, `outcome.unknown` and `token.refreshed` events.
 *
 * @example
 * ```ts
 * const events = createHttpEvents();
 * events.on('outcome.unknown', ({ operation, requestId }) => alert(`look ${operation} ${requestId} up`));
 * ```
 */
export function createHttpEvents(): HttpEvents {
  return new EventEmitter<HttpEventMap>();
}

/**
 * Emits if there is an emitter, shielding the call from its listeners: a logger that throws after a payment
 * was accepted must not turn that success into an error the caller would retry.
 */
export function notify<const TName extends keyof HttpEventMap>(
  events: HttpEvents | undefined,
  name: TName,
  ...payload: EventEmitter.EventArgs<HttpEventMap, TName>
): void {
  try {
    events?.emit(name, ...payload);
  } catch {} // Deliberately ignored, see above.
}
