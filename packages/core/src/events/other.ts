import * as v from 'valibot';
import { MoneySchema } from '../money/index.ts';
import { PartySchema } from '../operations/common.ts';
import { EventBaseEntries } from './base.ts';

/**
 * A payment link changed state (created, paid, cancelled, expired). `linkStatus` is lower-cased provider text.
 *
 * @example
 * ```ts
 * router.on('link.updated', (event) => event.linkStatus === 'paid' && fulfil(event.merchantReference));
 * ```
 */
export const LinkUpdatedEventSchema = v.object({
  ...EventBaseEntries,
  type: v.literal('link.updated'),
  linkStatus: v.string(),
  url: v.optional(v.string()),
  amount: v.optional(MoneySchema),
  payer: v.optional(PartySchema),
  expiresAt: v.optional(v.date()),
});
/** @example const paid = (event: LinkUpdatedEvent) => event.linkStatus === 'paid'; */
export type LinkUpdatedEvent = v.InferOutput<typeof LinkUpdatedEventSchema>;

/**
 * A customer became known to the provider (K2 `customer_created`).
 *
 * @example
 * ```ts
 * router.on('customer.created', (event) => crm.upsert(event.customer));
 * ```
 */
export const CustomerCreatedEventSchema = v.object({
  ...EventBaseEntries,
  type: v.literal('customer.created'),
  customer: PartySchema,
});
/** @example const phone = (event: CustomerCreatedEvent) => event.customer.phone; */
export type CustomerCreatedEvent = v.InferOutput<typeof CustomerCreatedEventSchema>;

/**
 * A polling request finished; each transaction it found is also delivered as its own event.
 *
 * @example
 * ```ts
 * router.on('polling.completed', (event) => console.log(event.transactionIds.length, 'found'));
 * ```
 */
export const PollingCompletedEventSchema = v.object({
  ...EventBaseEntries,
  type: v.literal('polling.completed'),
  from: v.optional(v.date()),
  to: v.optional(v.date()),
  transactionIds: v.array(v.string()),
});
/** @example const count = (event: PollingCompletedEvent) => event.transactionIds.length; */
export type PollingCompletedEvent = v.InferOutput<typeof PollingCompletedEventSchema>;

/**
 * A provider event that fits no other type, delivered as is rather than dropped.
 *
 * @example
 * ```ts
 * router.on('provider.event', (event) => log.info(event.providerEvent, event.raw));
 * ```
 */
export const ProviderPassthroughEventSchema = v.object({
  ...EventBaseEntries,
  type: v.literal('provider.event'),
});
/** @example const name = (event: ProviderPassthroughEvent) => event.providerEvent; */
export type ProviderPassthroughEvent = v.InferOutput<typeof ProviderPassthroughEventSchema>;
