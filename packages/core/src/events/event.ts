import * as v from 'valibot';
import {
  PayoutFailedEventSchema,
  PayoutSucceededEventSchema,
  ReversalFailedEventSchema,
  ReversalSucceededEventSchema,
  TransferCompletedEventSchema,
} from './money-movement.ts';
import {
  CustomerCreatedEventSchema,
  LinkUpdatedEventSchema,
  PollingCompletedEventSchema,
  ProviderPassthroughEventSchema,
} from './other.ts';
import {
  PaymentFailedEventSchema,
  PaymentReversedEventSchema,
  PaymentSucceededEventSchema,
  PaymentVoidedEventSchema,
} from './payment.ts';

/**
 * Every normalized event, discriminated on `type`. The vocabulary is closed: a provider event that fits
 * none of these arrives as `provider.event`.
 *
 * @example
 * ```ts
 * const event = v.parse(TenderEventSchema, candidate);
 * ```
 */
export const TenderEventSchema = v.variant('type', [
  PaymentSucceededEventSchema,
  PaymentFailedEventSchema,
  PaymentReversedEventSchema,
  PaymentVoidedEventSchema,
  PayoutSucceededEventSchema,
  PayoutFailedEventSchema,
  ReversalSucceededEventSchema,
  ReversalFailedEventSchema,
  TransferCompletedEventSchema,
  LinkUpdatedEventSchema,
  CustomerCreatedEventSchema,
  PollingCompletedEventSchema,
  ProviderPassthroughEventSchema,
]);

/**
 * @example
 * ```ts
 * function describe(event: TenderEvent) {
 *   if (event.type === 'payment.succeeded') return `${event.amount?.minor} from ${event.payer?.phone}`;
 *   return event.type;
 * }
 * ```
 */
export type TenderEvent = v.InferOutput<typeof TenderEventSchema>;

/** @example const type: TenderEventType = 'payout.failed'; */
export type TenderEventType = TenderEvent['type'];

/**
 * The event of one type, for typing handlers.
 *
 * @example
 * ```ts
 * const handle = (event: EventOfType<'link.updated'>) => event.linkStatus;
 * ```
 */
export type EventOfType<TType extends TenderEventType> = Extract<TenderEvent, { type: TType }>;

/**
 * Every event type, for validation of user input such as `router.on(type)`.
 *
 * @example
 * ```ts
 * TENDER_EVENT_TYPES.includes('payment.succeeded'); // true
 * ```
 */
export const TENDER_EVENT_TYPES: readonly TenderEventType[] = Object.freeze(
  TenderEventSchema.options.map((option) => option.entries.type.literal),
);
