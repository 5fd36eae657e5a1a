import * as v from 'valibot';
import { MoneySchema } from '../money/index.ts';
import { PartySchema } from '../operations/common.ts';
import { EventBaseEntries } from './base.ts';

/**
 * One destination of a payout, as the provider reported it.
 *
 * @example
 * ```ts
 * const leg: PayoutLeg = { type: 'mobile_wallet', amount: money(100000, 'KES'), status: 'Transferred' };
 * ```
 */
export const PayoutLegSchema = v.object({
  type: v.string(),
  amount: v.optional(MoneySchema),
  recipient: v.optional(PartySchema),
  status: v.optional(v.string()),
  providerReference: v.optional(v.string()),
});

/** @example const leg: PayoutLeg = { type: 'till' }; */
export type PayoutLeg = v.InferOutput<typeof PayoutLegSchema>;

function payoutEvent<const TType extends string>(type: TType) {
  return v.object({
    ...EventBaseEntries,
    type: v.literal(type),
    amount: v.optional(MoneySchema),
    legs: v.array(PayoutLegSchema),
    failureReason: v.optional(v.string()),
  });
}

/**
 * A payout (send money) was processed.
 *
 * @example
 * ```ts
 * router.on('payout.succeeded', (event) => markPaid(event.merchantReference));
 * ```
 */
export const PayoutSucceededEventSchema = payoutEvent('payout.succeeded');
/** @example const legs = (event: PayoutSucceededEvent) => event.legs.length; */
export type PayoutSucceededEvent = v.InferOutput<typeof PayoutSucceededEventSchema>;

/**
 * A payout failed.
 *
 * @example
 * ```ts
 * router.on('payout.failed', (event) => alertFinance(event.failureReason));
 * ```
 */
export const PayoutFailedEventSchema = payoutEvent('payout.failed');
/** @example const why = (event: PayoutFailedEvent) => event.failureReason; */
export type PayoutFailedEvent = v.InferOutput<typeof PayoutFailedEventSchema>;

function reversalEvent<const TType extends string>(type: TType) {
  return v.object({
    ...EventBaseEntries,
    type: v.literal(type),
    amount: v.optional(MoneySchema),
    /** The provider's reference of the payment that was reversed. */
    reversedReference: v.optional(v.string()),
    failureReason: v.optional(v.string()),
  });
}

/**
 * A reversal the merchant asked for went through.
 *
 * @example
 * ```ts
 * router.on('reversal.succeeded', (event) => closeRefund(event.reversedReference));
 * ```
 */
export const ReversalSucceededEventSchema = reversalEvent('reversal.succeeded');
/** @example const ref = (event: ReversalSucceededEvent) => event.reversedReference; */
export type ReversalSucceededEvent = v.InferOutput<typeof ReversalSucceededEventSchema>;

/**
 * A reversal the merchant asked for failed.
 *
 * @example
 * ```ts
 * router.on('reversal.failed', (event) => alertFinance(event.failureReason));
 * ```
 */
export const ReversalFailedEventSchema = reversalEvent('reversal.failed');
/** @example const why = (event: ReversalFailedEvent) => event.failureReason; */
export type ReversalFailedEvent = v.InferOutput<typeof ReversalFailedEventSchema>;

/**
 * Money moved to the merchant's own account (K2 settlement transfer).
 *
 * @example
 * ```ts
 * router.on('transfer.completed', (event) => bookSettlement(event.amount));
 * ```
 */
export const TransferCompletedEventSchema = v.object({
  ...EventBaseEntries,
  type: v.literal('transfer.completed'),
  amount: v.optional(MoneySchema),
  destination: v.optional(PartySchema),
  legs: v.array(PayoutLegSchema),
});
/** @example const amount = (event: TransferCompletedEvent) => event.amount; */
export type TransferCompletedEvent = v.InferOutput<typeof TransferCompletedEventSchema>;
