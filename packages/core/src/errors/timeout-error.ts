import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * The request got no answer within the configured timeout. For a request that could move money, tender
 * throws {@link OutcomeUnknownError} instead.
 *
 * @example
 * ```ts
 * throw new TimeoutError('GET /api/v2/incoming_payments/1 timed out after 30000 ms', { provider: 'k2' });
 * ```
 */
export class TimeoutError extends TenderError {
  override readonly name: string = 'TimeoutError';

  constructor(message: string, options: TenderErrorOptions = {}) {
    // `retryable: undefined` (allowed by the options type) keeps the default rather than erasing it.
    super('timeout', message, { ...options, retryable: options.retryable ?? true });
  }
}
