import { inspect } from 'node:util';
import type { TenderEvent } from '@tender/core';

/**
 * Where in the pipeline a {@link WebhookError} happened:
 * - `verify`, `decode`, `answer`: the source threw (a bug in the source, not bad input);
 * - `store`: the de-duplication store failed;
 * - `handler`: one of your handlers threw (anything but `PaymentDeclinedError`);
 * - `timeout`: the handlers did not finish within `handlerTimeoutMs`;
 * - `adapter`: the framework handed over a request the router cannot use (such as an already parsed body);
 * - `internal`: something failed outside the guards of the steps above (a request without `rawBody`, an
 *   event whose fields throw when read, or a bug in tender); the delivery was answered 500.
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
  | 'internal';

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
  /** The HTTP status the problem maps to: 500 for failures (the source's dialect may word it differently). */
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
 * provider was told to deliver again (or, for `adapter`, the request was refused). `cause` is what was
 * thrown. Like octokit's errors it carries the HTTP `status` it maps to.
 *
 * `toJSON` and `util.inspect` show the stage, status, path, source, event id and type and a one-line cause:
 * never the event's payload, which holds payers' names and phone numbers. The event itself is on `event`,
 * which is not enumerable, so loggers that serialise an error's own fields do not pick it up either.
 *
 * @example
 * ```ts
 * router.onError((error) => {
 *   logger.error(error.toJSON()); // { stage: 'handler', status: 500, eventId: 'k2:…', cause: 'Error: db down', … }
 * });
 * ```
 */
export class WebhookError extends Error {
  override readonly name: string = 'WebhookError';
  readonly stage: WebhookErrorStage;
  readonly status: number;
  readonly path: string;
  readonly source: string | undefined;
  /** The event concerned, if any. Not enumerable, so loggers that copy an error's own fields skip the payload. */
  declare readonly event: TenderEvent | undefined;

  constructor(message: string, context: WebhookErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.stage = context.stage;
    this.status = context.status;
    this.path = context.path;
    this.source = context.source;
    Object.defineProperty(this, 'event', { value: context.event, enumerable: false });
  }

  /**
   * The public fields, safe to log: no payload.
   *
   * @example
   * ```ts
   * JSON.stringify(error); // uses toJSON
   * ```
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      message: this.message,
      stage: this.stage,
      status: this.status,
      path: this.path,
    };
    if (this.source !== undefined) json.source = this.source;
    if (this.event !== undefined) {
      json.eventId = String(this.event.id);
      json.eventType = String(this.event.type);
    }
    if (this.cause !== undefined) json.cause = describe(this.cause);
    return json;
  }

  /** `console.log(error)` shows the same safe fields as `toJSON`. */
  [inspect.custom](): string {
    const { name: _name, message: _message, ...rest } = this.toJSON();
    const stack = (this.stack ?? '').split('\n').slice(1).join('\n');
    return `${this.name}: ${this.message} ${inspect(rest, { breakLength: Number.POSITIVE_INFINITY })}\n${stack}`;
  }
}

/** One line about what was thrown. Reading it may itself throw (a revoked proxy): that must not hide the error. */
function describe(cause: unknown): string {
  try {
    if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
    return typeof cause === 'string' ? cause : Object.prototype.toString.call(cause);
  } catch {
    return 'a value that cannot be read';
  }
}
