import { TenderError, type TenderErrorOptions } from './tender-error.ts';

/**
 * A request that can move money got no answer (timeout, dropped connection): the provider may or may not
 * have acted on it. Never repeat it blindly; look the operation up first. `retryable` is always false.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof OutcomeUnknownError) await reconcileLater(request.reference);
 * }
 * ```
 */
export class OutcomeUnknownError extends TenderError {
  override readonly name: string = 'OutcomeUnknownError';

  constructor(message: string, options: TenderErrorOptions = {}) {
    super('outcome_unknown', message, { ...options, retryable: false });
  }
}
