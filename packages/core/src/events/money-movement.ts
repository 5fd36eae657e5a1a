import * as v from 'valibot';
import { MoneySchema } from '../money/index.ts';
import { PartySchema } from '../operations/common.ts';
import { EventBaseEntries } from './base.ts';

/**
 * One destination of a payout, as the provider reported it: `status` is the provider's own word for this
 * leg (a payout can move money to some destinations and fail for others), `failureReason` why it did not.
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
  /**
   * Why this leg's money did not move, in the provider's words, when the provider gave a reason for it
   * (K2: the disbursement's `errors`). Absent on legs that moved.
   *
   * @example
   * ```ts
   * const leg: PayoutLeg = { type: 'till', status: 'Failed', failureReason: 'Invalid till number' };
   * ```
   */
  failureReason: v.optional(v.string()),
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
 * A payout (send money) was processed and money moved. `amount` counts only the money that moved: the legs
 * that say they succeeded, and legs that report no status of their own (the provider then speaks for the
 * payout as a whole). A leg that failed, or whose status says it is still pending or is a word the adapter
 * does not know, is not counted. When some legs did not move, `partial` is `true` and those legs carry
 * their `status` and `failureReason`; a payout whose every leg failed is a `payout.failed` instead.
 *
 * @example
 * ```ts
 * router.on('payout.succeeded', (event) => markPaid(event.merchantReference));
 * ```
 */
export const PayoutSucceededEventSchema = v.object({
  ...payoutEvent('payout.succeeded').entries,
  /**
   * `true` when only some legs moved money: `amount` is then less than what was asked, and the legs whose
   * money did not move say why (`status`, `failureReason`). Absent when every leg moved.
   *
   * @example
   * ```ts
   * router.on('payout.succeeded', (event) => {
   *   if (event.partial) retry(event.legs.filter((leg) => leg.failureReason !== undefined));
   * });
   * ```
   */
  partial: v.optional(v.literal(true)),
});
/** @example const legs = (event: PayoutSucceededEvent) => event.legs.length; */
export type PayoutSucceededEvent = v.InferOutput<typeof PayoutSucceededEventSchema>;

/**
 * A payout failed: the request as a whole, or every one of its legs. `amount` is the money that was to
 * move and did not; `failureReason` the provider's reason, or the legs' reasons joined by `; `.
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
