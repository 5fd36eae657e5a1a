import * as v from 'valibot';
import { HttpUrlSchema, NonBlankSchema } from './common.ts';
import { strictRequest } from './strict-request.ts';

/**
 * Arrange to be told about events: subscribe a URL to a provider topic, or ask the provider to poll its
 * records for a time window and send what it finds.
 *
 * @example
 * ```ts
 * const subscribe: NotifyRequest = {
 *   mode: 'subscribe', topic: 'buygoods_transaction_received', url: 'https://shop.example/webhooks/k2',
 *   scope: 'till', scopeReference: '776655',
 * };
 * const poll: NotifyRequest = {
 *   mode: 'poll', from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z'),
 *   callbackUrl: 'https://shop.example/k2/results/polling',
 * };
 * ```
 */
export const NotifyRequestSchema = v.pipe(
  v.variant('mode', [
    strictRequest({
      mode: v.literal('subscribe'),
      /** The provider's event name. */
      topic: NonBlankSchema,
      url: HttpUrlSchema,
      /** What the subscription covers, in the provider's words (K2: `till` or `company`). */
      scope: v.optional(NonBlankSchema),
      scopeReference: v.optional(NonBlankSchema),
      /** Ask for the provider's alternative payload format where it has one (K2: Daraja). */
      alternativePayload: v.optional(v.boolean()),
    }),
    strictRequest({
      mode: v.literal('poll'),
      from: v.date(),
      to: v.date(),
      /** Where the provider sends what it found; adapters fall back to their configured callback URL. */
      callbackUrl: v.optional(HttpUrlSchema),
      scope: v.optional(NonBlankSchema),
      scopeReference: v.optional(NonBlankSchema),
    }),
  ]),
  v.check(
    (request) => request.mode !== 'poll' || request.from.getTime() <= request.to.getTime(),
    'the poll window ends before it starts: from must not be after to',
  ),
);

/** @example const request: NotifyRequest = { mode: 'subscribe', topic: 'customer_created', url }; */
export type NotifyRequest = v.InferOutput<typeof NotifyRequestSchema>;
