import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * The provider answered with an HTTP error (4xx other than 401/429, or 5xx). `status`, `providerCode` and
 * `providerMessage` say what it answered; `retryable` is true for 5xx answers to requests that cannot
 * move money twice.
 *
 * @example
 * ```ts
 * throw new ProviderError('K2 answered 400: Invalid phone number', { provider: 'k2', status: 400 });
 * ```
 */
export class ProviderError extends TenderError {
  override readonly name: string = 'ProviderError';

  constructor(message: string, options: TenderErrorOptions = {}) {
    super('provider', message, options);
  }
}
