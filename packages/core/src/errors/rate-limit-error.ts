import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * The provider asked us to slow down (HTTP 429, or 503 with `Retry-After`). `retryAfterMs` is how long it
 * asked us to wait, when it said.
 *
 * @example
 * ```ts
 * if (error instanceof RateLimitError) await sleep(error.retryAfterMs ?? 1000);
 * ```
 */
export class RateLimitError extends TenderError {
  override readonly name: string = 'RateLimitError';
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: TenderErrorOptions & { readonly retryAfterMs?: number | undefined } = {},
  ) {
    // `retryable: undefined` (allowed by the options type) keeps the default rather than erasing it.
    super('rate_limited', message, { ...options, retryable: options.retryable ?? true });
    this.retryAfterMs = options.retryAfterMs;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), retryAfterMs: this.retryAfterMs };
  }
}
