import * as v from 'valibot';
import { CallbackUrlSchema, K2MetadataSchema, objectMessage, TextSchema } from './validation.ts';

/**
 * Reverse an incoming (C2B or B2B) transaction received within the last 30 days. `transactionReference`
 * is the M-PESA reference of the original transaction; `reason` is required by K2. K2 reverses whole
 * transactions: there is no amount.
 *
 * @example
 * ```ts
 * const request: K2ReversalRequest = {
 *   transactionReference: 'TQB7XK2M9P',
 *   reason: 'Customer paid twice',
 *   callbackUrl: 'https://shop.example/k2/results/reversal',
 * };
 * ```
 */
export const K2ReversalRequestSchema = v.object(
  {
    /** The M-PESA reference of the incoming transaction to reverse (`TQB7XK2M9P`). */
    transactionReference: TextSchema,
    /** Why the payment is reversed, in free text (`Customer paid twice`). */
    reason: TextSchema,
    metadata: v.optional(K2MetadataSchema),
    /** The absolute http(s) URL where K2 posts the reversal's result. */
    callbackUrl: CallbackUrlSchema,
  },
  objectMessage,
);

/** @example const request: K2ReversalRequest = { transactionReference: 'TQB7XK2M9P', reason, callbackUrl }; */
export type K2ReversalRequest = v.InferInput<typeof K2ReversalRequestSchema>;

/**
 * The wire body of `POST /api/v2/reversals` (the guide's `/api/api/v2/reversals` is a typo; every SDK uses
 * this path).
 *
 * @example
 * ```ts
 * reversalBody(v.parse(K2ReversalRequestSchema, request));
 * ```
 */
export function reversalBody(
  request: v.InferOutput<typeof K2ReversalRequestSchema>,
): Record<string, unknown> {
  return {
    transaction_reference: request.transactionReference,
    reason: request.reason,
    ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
    _links: { callback_url: request.callbackUrl },
  };
}
