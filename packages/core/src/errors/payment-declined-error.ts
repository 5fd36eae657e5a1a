import { TenderError } from './tender-error.ts';

/**
 * Why a webhook handler refuses a payment. Sources whose dialect has such an answer (legacy K2: `02`, `03`)
 * give it; the others acknowledge the delivery, since their provider cannot take a refusal.
 *
 * @example
 * ```ts
 * const reason: DeclineReason = 'account_not_found';
 * ```
 */
export type DeclineReason = 'account_not_found' | 'invalid_payment';

/**
 * Thrown by a webhook handler to decline a payment, for example when the account number the payer typed
 * matches no customer. Unlike any other error thrown by a handler, it is an answer, not a failure: the event
 * counts as handled and is not delivered again.
 *
 * @example
 * ```ts
 * router.on('payment.succeeded', async (event) => {
 *   if (!(await customers.has(event.accountNumber))) throw new PaymentDeclinedError('account_not_found');
 * });
 * ```
 */
export class PaymentDeclinedError extends TenderError {
  override readonly name: string = 'PaymentDeclinedError';
  readonly reason: DeclineReason;

  constructor(reason: DeclineReason, message: string = reason.replaceAll('_', ' ')) {
    super('payment_declined', message);
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), reason: this.reason };
  }
}
