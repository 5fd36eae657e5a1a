import * as v from 'valibot';
import { HttpUrlSchema, MetadataSchema, NonBlankSchema, RequestAmountSchema } from './common.ts';
import { strictRequest } from './strict-request.ts';

/**
 * Undo a received payment, named by the provider's transaction reference (the M-PESA receipt for K2).
 *
 * @example
 * ```ts
 * const request: ReverseRequest = { transactionReference: 'TAB3CD4EF5', reason: 'Customer refund' };
 * ```
 */
export const ReverseRequestSchema = strictRequest({
  transactionReference: NonBlankSchema,
  /** Only for providers that reverse part of a payment; omitted means the whole payment. */
  amount: v.optional(RequestAmountSchema),
  reason: v.optional(v.string()),
  callbackUrl: v.optional(HttpUrlSchema),
  metadata: v.optional(MetadataSchema),
});

/** @example const request: ReverseRequest = { transactionReference: 'TAB3CD4EF5' }; */
export type ReverseRequest = v.InferOutput<typeof ReverseRequestSchema>;
