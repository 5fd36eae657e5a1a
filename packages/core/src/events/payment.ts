import * as v from 'valibot';
import { MoneySchema } from '../money/index.ts';
import { PartySchema } from '../operations/common.ts';
import { EventBaseEntries } from './base.ts';

/**
 * How a payment reached the merchant, in provider-neutral words where one exists.
 *
 * @example
 * ```ts
 * const channel: PaymentChannel = 'stk_push';
 * ```
 */
export const PaymentChannelSchema = v.picklist([
  'stk_push',
  'till',
  'paybill',
  'b2b',
  'm2m',
  'card',
  'payment_link',
  'wallet',
  'bank',
  'other',
]);

/** @example const channel: PaymentChannel = 'card'; */
export type PaymentChannel = v.InferOutput<typeof PaymentChannelSchema>;

function paymentEvent<const TType extends string>(type: TType) {
  return v.object({
    ...EventBaseEntries,
    type: v.literal(type),
    amount: v.optional(MoneySchema),
    channel: PaymentChannelSchema,
    payer: v.optional(PartySchema),
    /** The merchant side that was paid: till, paybill or account. */
    payee: v.optional(PartySchema),
    /** The account number the payer typed (legacy K2 `ac_no`, paybill account). */
    accountNumber: v.optional(v.string()),
    failureReason: v.optional(v.string()),
  });
}

/**
 * Money arrived: an STK push was paid, a till or paybill received a payment, a card payment cleared.
 *
 * @example
 * ```ts
 * router.on('payment.succeeded', async (event) => {
 *   // Legacy K2 carries the typed account, an STK push your reference; a K2 Connect till webhook neither.
 *   const account = event.accountNumber ?? event.merchantReference;
 *   if (account !== undefined && event.amount !== undefined) await credit(account, event.amount);
 * });
 * ```
 */
export const PaymentSucceededEventSchema = paymentEvent('payment.succeeded');
/** @example const amount = (event: PaymentSucceededEvent) => event.amount; */
export type PaymentSucceededEvent = v.InferOutput<typeof PaymentSucceededEventSchema>;

/**
 * A requested payment did not happen (declined, cancelled by the payer, timed out).
 *
 * @example
 * ```ts
 * router.on('payment.failed', (event) => notifyShopper(event.merchantReference, event.failureReason));
 * ```
 */
export const PaymentFailedEventSchema = paymentEvent('payment.failed');
/** @example const why = (event: PaymentFailedEvent) => event.failureReason; */
export type PaymentFailedEvent = v.InferOutput<typeof PaymentFailedEventSchema>;

/**
 * A received payment was reversed (refunded to the payer).
 *
 * @example
 * ```ts
 * router.on('payment.reversed', (event) => debit(event.providerReference));
 * ```
 */
export const PaymentReversedEventSchema = paymentEvent('payment.reversed');
/** @example const receipt = (event: PaymentReversedEvent) => event.providerReference; */
export type PaymentReversedEvent = v.InferOutput<typeof PaymentReversedEventSchema>;

/**
 * An authorised card payment was voided before it settled.
 *
 * @example
 * ```ts
 * router.on('payment.voided', (event) => releaseOrder(event.merchantReference));
 * ```
 */
export const PaymentVoidedEventSchema = paymentEvent('payment.voided');
/** @example const receipt = (event: PaymentVoidedEvent) => event.providerReference; */
export type PaymentVoidedEvent = v.InferOutput<typeof PaymentVoidedEventSchema>;
