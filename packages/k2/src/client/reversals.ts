import * as v from 'valibot';
import { type K2Created, postCreate } from './created.ts';
import type { K2Transport } from './transport.ts';
import {
  CallbackUrlSchema,
  K2MetadataSchema,
  objectMessage,
  parseK2Input,
  TextSchema,
} from './validation.ts';

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
    transactionReference: TextSchema,
    reason: TextSchema,
    metadata: v.optional(K2MetadataSchema),
    callbackUrl: CallbackUrlSchema,
  },
  objectMessage,
);

/** @example const request: K2ReversalRequest = { transactionReference: 'TQB7XK2M9P', reason, callbackUrl }; */
export type K2ReversalRequest = v.InferInput<typeof K2ReversalRequestSchema>;

/**
 * `client.reversals`.
 *
 * @example
 * ```ts
 * const { location } = await client.reversals.create(request);
 * ```
 */
export interface K2Reversals {
  /** `POST /api/v2/reversals` (the guide's `/api/api/v2/reversals` is a typo; every SDK uses this path). */
  create(request: K2ReversalRequest): Promise<K2Created>;
}

/**
 * Builds the reversals group of the client.
 *
 * @example
 * ```ts
 * const reversals = createReversals(transport);
 * ```
 */
export function createReversals({ api }: K2Transport): K2Reversals {
  return {
    async create(input) {
      const request = parseK2Input(K2ReversalRequestSchema, input, 'reversals.create');
      return postCreate(api, {
        path: '/api/v2/reversals',
        body: {
          transaction_reference: request.transactionReference,
          reason: request.reason,
          ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
          _links: { callback_url: request.callbackUrl },
        },
        operation: 'reversals.create',
        movesMoney: true,
      });
    },
  };
}
