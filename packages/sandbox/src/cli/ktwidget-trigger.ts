/** `tender trigger ktwidget --status completed|error|denied --to <url>`: one KTPay callback. */
import type { DeliveryResult } from '../delivery/deliver.ts';
import { type KtwidgetCallbackOptions, sendKtwidgetCallback } from '../ktwidget/send-callback.ts';
import { UsageError } from './cli-io.ts';

const STATUSES = ['completed', 'error', 'denied'] as const;
const FIELDS = ['merchant_id', 'order_id', 'amount', 'transaction_hash', 'error_type', 'error_message'];

/**
 * Checks the ktwidget flags and sends the callback.
 *
 * @example
 * ```ts
 * await triggerKtwidget({ to, status: 'completed', callbackSecret: undefined, sets: { order_id: 'ORD-1' } });
 * ```
 */
export function triggerKtwidget(flags: {
  readonly to: string;
  readonly status: string | undefined;
  readonly callbackSecret: string | undefined;
  readonly sets: Readonly<Record<string, string>>;
}): Promise<DeliveryResult> {
  const status = STATUSES.find((known) => known === flags.status);
  if (status === undefined)
    throw new UsageError('trigger ktwidget needs --status completed, error or denied');
  for (const key of Object.keys(flags.sets)) {
    if (!FIELDS.includes(key))
      throw new UsageError(`--set ${key} is not a KTPay callback field (${FIELDS.join(', ')})`);
  }
  const { merchant_id, amount } = flags.sets;
  if (merchant_id !== undefined && !/^\d{1,15}$/.test(merchant_id)) {
    throw new UsageError('--set merchant_id must be a whole number');
  }
  if (amount !== undefined && !/^\d{1,13}(\.\d{1,2})?$/.test(amount)) {
    throw new UsageError('--set amount must be a KZT amount such as 1500.50');
  }
  const options: KtwidgetCallbackOptions = {
    to: flags.to,
    status,
    merchantId: merchant_id === undefined ? undefined : Number(merchant_id),
    orderId: flags.sets.order_id,
    // Sent as a JSON number, as KTPay does; the text was checked to have at most two decimals.
    amount: amount === undefined ? undefined : Number(amount),
    transactionHash: flags.sets.transaction_hash,
    errorType: flags.sets.error_type,
    errorMessage: flags.sets.error_message,
    callbackSecret: flags.callbackSecret,
  };
  return sendKtwidgetCallback(options);
}
