import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * The request never got an answer because the connection failed (DNS, refused, reset). For a request that
 * could move money, tender throws {@link OutcomeUnknownError} instead.
 *
 * @example
 * ```ts
 * throw new NetworkError('GET https://sandbox.kopokopo.com/oauth/token/info failed: ECONNREFUSED');
 * ```
 */
export class NetworkError extends TenderError {
  override readonly name: string = 'NetworkError';

  constructor(message: string, options: TenderErrorOptions = {}) {
    // `retryable: undefined` (allowed by the options type) keeps the default rather than erasing it.
    super('network', message, { ...options, retryable: options.retryable ?? true });
  }
}
