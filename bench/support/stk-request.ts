/**
 * The STK push every client-call contender sends: the same payer, amount, metadata and callback, written
 * once in each contender's own input shape below.
 *
 * @example
 * ```ts
 * STK_PUSH.phone; // '+254711000111'
 * ```
 */
export const STK_PUSH = {
  paymentChannel: 'M-PESA STK Push',
  tillNumber: 'K776655',
  firstName: 'Amina',
  lastName: 'Otieno',
  phone: '+254711000111',
  email: 'amina@example.org',
  currency: 'KES',
  /** Whole shillings on the wire (reference §3.2 shows a JSON number). */
  amount: 250,
  metadata: { order_id: 'ORD-20931', channel: 'web' },
  callbackUrl: 'https://merchant.example.org/k2/results/stk',
} as const;

/**
 * The K2 wire body of that STK push (reference §3.2): what a hand-written `fetch` posts and what the SDKs
 * are expected to produce.
 *
 * @example
 * ```ts
 * await fetch(url, { method: 'POST', body: JSON.stringify(stkPushWireBody()) });
 * ```
 */
export function stkPushWireBody(): Record<string, unknown> {
  return {
    payment_channel: STK_PUSH.paymentChannel,
    till_number: STK_PUSH.tillNumber,
    subscriber: {
      first_name: STK_PUSH.firstName,
      last_name: STK_PUSH.lastName,
      phone_number: STK_PUSH.phone,
      email: STK_PUSH.email,
    },
    amount: { currency: STK_PUSH.currency, value: STK_PUSH.amount },
    metadata: STK_PUSH.metadata,
    _links: { callback_url: STK_PUSH.callbackUrl },
  };
}
