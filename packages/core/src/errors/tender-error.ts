import { inspect } from 'node:util';

/**
 * The machine-readable kind of a {@link TenderError}. Switch on it rather than on class names when errors
 * cross a process boundary (for example after `JSON.stringify`).
 *
 * @example
 * ```ts
 * if (error instanceof TenderError && error.code === 'rate_limited') await sleep(1000);
 * ```
 */
export type TenderErrorCode =
  | 'validation'
  | 'authentication'
  | 'provider'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'outcome_unknown'
  | 'signature'
  | 'unsupported_operation'
  | 'payment_declined'
  /** `@tender/webhooks`' `WebhookError`: a delivery failed or was refused. */
  | 'webhook';

/**
 * What every tender error may carry besides its message.
 *
 * @example
 * ```ts
 * new ProviderError('K2 refused the request', { provider: 'k2', status: 400, providerCode: 400 });
 * ```
 */
export interface TenderErrorOptions {
  /** The provider involved, such as `'k2'`. */
  readonly provider?: string | undefined;
  /** The operation that failed, such as `'collect'` or `'GET /oauth/token/info'`. */
  readonly operation?: string | undefined;
  /** The HTTP status the provider answered with, when there was an answer. */
  readonly status?: number | undefined;
  /** The provider's own error code, when its body carried one. */
  readonly providerCode?: string | number | undefined;
  /** The provider's own error message, when its body carried one. */
  readonly providerMessage?: string | undefined;
  /** Whether repeating the same call can succeed without moving money twice. */
  readonly retryable?: boolean | undefined;
  /** The underlying error. Only errors known to hold no secret are kept here. */
  readonly cause?: unknown;
}

/**
 * The base class of every error tender throws. It carries a stable {@link TenderErrorCode}, the provider
 * and operation involved, the HTTP status and the provider's own code and message where there was one, and
 * whether a retry is safe.
 *
 * Its `toJSON` and `util.inspect` output list only these fields and a one-line summary of the cause:
 * nothing the library holds privately (tokens, client secrets, API keys) can leak through logging an error.
 *
 * @example
 * ```ts
 * try {
 *   await k2.collect(request);
 * } catch (error) {
 *   if (error instanceof TenderError && error.retryable) queueForRetry(request);
 *   else throw error;
 * }
 * ```
 */
export class TenderError extends Error {
  override readonly name: string = 'TenderError';
  readonly code: TenderErrorCode;
  readonly provider: string | undefined;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly providerCode: string | number | undefined;
  readonly providerMessage: string | undefined;
  readonly retryable: boolean;

  constructor(code: TenderErrorCode, message: string, options: TenderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.provider = options.provider;
    this.operation = options.operation;
    this.status = options.status;
    this.providerCode = options.providerCode;
    this.providerMessage = options.providerMessage;
    this.retryable = options.retryable ?? false;
  }

  /**
   * A plain object with the public fields, safe to log or send over the wire.
   *
   * @example
   * ```ts
   * logger.warn({ error: error.toJSON() });
   * ```
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this.details())) if (value !== undefined) json[key] = value;
    if (this.cause !== undefined) json.cause = describeCause(this.cause);
    return json;
  }

  /** Extra public fields a subclass adds to `toJSON` and `inspect`. */
  protected details(): Record<string, unknown> {
    return {
      provider: this.provider,
      operation: this.operation,
      status: this.status,
      providerCode: this.providerCode,
      providerMessage: this.providerMessage,
      retryable: this.retryable,
    };
  }

  /** `console.log(error)` shows the same safe fields as `toJSON`, never the raw cause graph. */
  [inspect.custom](): string {
    const { name: _name, message: _message, ...rest } = this.toJSON();
    const stack = (this.stack ?? '').split('\n').slice(1).join('\n');
    return `${this.name} [${this.code}]: ${this.message} ${inspect(rest, { breakLength: Number.POSITIVE_INFINITY })}\n${stack}`;
  }
}

/**
 * A cause is summarised by name and message: its own fields may hold requests with credentials. Reading it
 * may itself throw (a revoked proxy thrown by a webhook handler): logging the error must not.
 */
function describeCause(cause: unknown): string {
  try {
    if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
    return typeof cause === 'string' ? cause : Object.prototype.toString.call(cause);
  } catch {
    return 'a value that cannot be read';
  }
}

/**
 * Narrows an unknown thrown value to a {@link TenderError}, optionally of one code.
 *
 * @example
 * ```ts
 * if (isTenderError(error, 'outcome_unknown')) await k2.status(operation);
 * ```
 */
export function isTenderError(value: unknown, code?: TenderErrorCode): value is TenderError {
  return value instanceof TenderError && (code === undefined || value.code === code);
}
