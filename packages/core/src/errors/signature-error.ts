import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * A webhook or callback failed verification: missing, malformed or wrong signature, or wrong credentials.
 * The router answers it with 401.
 *
 * @example
 * ```ts
 * throw new SignatureError('X-KopoKopo-Signature does not match the body', { provider: 'k2' });
 * ```
 */
export class SignatureError extends TenderError {
  override readonly name: string = 'SignatureError';

  constructor(message: string, options: TenderErrorOptions = {}) {
    super('signature', message, options);
  }
}
