import type { Endpoint } from '../endpoint.ts';
import { externalRecipients } from './external-recipients.ts';
import { incomingPayments } from './incoming-payments.ts';
import { merchantBankAccounts, merchantWallets } from './merchant-accounts.ts';
import { paymentLinks } from './payment-links.ts';
import { polling } from './polling.ts';
import { reversals } from './reversals.ts';
import { sendMoney } from './send-money.ts';
import { webhookSubscriptions } from './webhook-subscriptions.ts';

/**
 * Every simulated `/api/v2` endpoint, one per collection.
 *
 * @example
 * ```ts
 * ENDPOINTS.map((endpoint) => endpoint.collection); // ['webhook_subscriptions', 'incoming_payments', ...]
 * ```
 */
export const ENDPOINTS: readonly Endpoint[] = [
  webhookSubscriptions,
  incomingPayments,
  externalRecipients,
  merchantBankAccounts,
  merchantWallets,
  sendMoney,
  polling,
  reversals,
  paymentLinks,
];
