import * as v from 'valibot';
import { HttpUrlSchema, MetadataSchema, NonBlankSchema, RequestAmountSchema } from './common.ts';
import { strictRequest } from './strict-request.ts';

/**
 * Create a shareable payment link.
 *
 * @example
 * ```ts
 * const request: CreateLinkRequest = { amount: parseMoney('2300', 'KES'), reference: 'INV-00912', description: 'January' };
 * ```
 */
export const CreateLinkRequestSchema = strictRequest({
  amount: RequestAmountSchema,
  /** The merchant's reference shown with the payment (K2 `payment_reference`). */
  reference: v.optional(NonBlankSchema),
  description: v.optional(v.string()),
  callbackUrl: v.optional(HttpUrlSchema),
  metadata: v.optional(MetadataSchema),
});

/** @example const request: CreateLinkRequest = { amount: money(230000, 'KES') }; */
export type CreateLinkRequest = v.InferOutput<typeof CreateLinkRequestSchema>;

/**
 * Cancel a payment link, named by the `reference` of the operation that created it.
 *
 * @example
 * ```ts
 * const request: CancelLinkRequest = { reference: created.reference };
 * ```
 */
export const CancelLinkRequestSchema = strictRequest({ reference: NonBlankSchema });

/** @example const request: CancelLinkRequest = { reference: 'https://sandbox.kopokopo.com/api/v2/payment_links/1' }; */
export type CancelLinkRequest = v.InferOutput<typeof CancelLinkRequestSchema>;
