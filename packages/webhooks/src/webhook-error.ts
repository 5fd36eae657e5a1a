import { TenderError, type TenderEvent } from '@tender/core';

/**
 * Where in the pipeline a {@link WebhookError} happened:
 * - `verify`, `decode`, `answer`: the source threw (a bug in the source, not bad input);
 * - `store`: the de-duplication store failed;
 * - `handler`: one of your handlers threw (anything but `PaymentDeclinedError`);
 * - `timeout`: the handlers did not finish within `handlerTimeoutMs`;
 * - `adapter`: the framework handed over a request the router cannot use (such as an already parsed body);
 * - `internal`: something failed outside the guards of the steps above (a request without `rawBody`, an
 *   event whose fields throw when read, or a bug in tender); the delivery was answered 500;
 * - `rejected`: only for `router.onRejected` handlers: the delivery was refused, `status` 401 (verification
 *   failed) or 400 (the source could not decode it).
 *
 * @example
 * ```ts
 * const stage: WebhookErrorStage = 'handler';
 * ```
 */
export type WebhookErrorStage =
  | 'verify'
  | 'decode'
  | 'answer'
  | 'store'
  | 'handler'
  | 'timeout'
  | 'adapter'
  | 'internal'
  | 'rejected';

/**
 * Context of a {@link WebhookError}.
 *
 * @example
 * ```ts
 * const context: WebhookErrorContext = { stage: 'store', status: 500, path: '/webhooks/k2', source: 'k2' };
 * ```
 */
export interface WebhookErrorContext {
  readonly stage: WebhookErrorStage;
  /**
   * The HTTP status the problem maps to: 500 for failures (the source's dialect may word it differently),
   * the refusal's status for `rejected`.
   */
  readonly status: number;
  readonly path: string;
  /** The name the source was registered under, when the path matched one. */
  readonly source?: string | undefined;
  /** The event being handled, for `handler`, `timeout` and `store` errors about one event. */
  readonly event?: TenderEvent | undefined;
  readonly cause?: unknown;
}

/**
 * What `router.onError` handlers receive: something went wrong while a delivery was processed, and the
 * provider was told to deliver again (or, for `adapter`, the request was refused). `router.onRejected`
 * handlers receive one too, with stage `rejected`, for a delivery refused after it was read. `cause` is
 * what was thrown. Like octokit's errors it carries the HTTP `status` it maps to; like every tender error
 * it is a `TenderError`, with code `webhook`.
 *
 * `toJSON` and `util.inspect` show the stage, status, path, source, event id and type and a one-line cause:
 * never the event's payload, which holds payers' names and phone numbers. The event itself is on `event`,
 * which is not enumerable, so loggers that serialise an error's own fields do not pick it up either.
 *
 * @example
 * ```ts
 * router.onError((error) => {
 *   logger.error(error.toJSON()); // { code: 'webhook', stage: 'handler', status: 500, eventId: 'k2:…', cause: 'Error: db down', … }
 * });
 * ```
 */
export class WebhookError extends TenderError {
  override readonly name: string = 'WebhookError';
  readonly stage: WebhookErrorStage;
  /** The HTTP status the problem maps to (see {@link WebhookErrorContext.status}). */
  declare readonly status: number;
  readonly path: string;
  readonly source: string | undefined;
  /** The event concerned, if any. Not enumerable, so loggers that copy an error's own fields skip the payload. */
  declare readonly event: TenderEvent | undefined;

  constructor(message: string, context: WebhookErrorContext) {
    super('webhook', message, { status: context.status, cause: context.cause });
    this.stage = context.stage;
    this.path = context.path;
    this.source = context.source;
    Object.defineProperty(this, 'event', { value: context.event, enumerable: false });
  }

  /** The public fields of `toJSON` and `inspect`: no payload. */
  protected override details(): Record<string, unknown> {
    return {
      stage: this.stage,
      status: this.status,
      path: this.path,
      source: this.source,
      eventId: this.event === undefined ? undefined : String(this.event.id),
      eventType: this.event === undefined ? undefined : String(this.event.type),
    };
  }
}
