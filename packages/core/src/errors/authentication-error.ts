import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * The provider refused the credentials: a wrong client id or secret, or a token it no longer accepts after
 * one fresh retry.
 *
 * @example
 * ```ts
 * throw new AuthenticationError('K2 refused the client credentials', { provider: 'k2', status: 401 });
 * ```
 */
export class AuthenticationError extends TenderError {
  override readonly name: string = 'AuthenticationError';

  constructor(message: string, options: TenderErrorOptions = {}) {
    super('authentication', message, options);
  }
}
