import * as v from 'valibot';
import { K2AmountSchema } from './amount.ts';
import { k2ResourceDocument } from './define.ts';
import {
  K2EchoedMetadataSchema,
  K2ErrorsSchema,
  K2ResourceLinksSchema,
  K2TextSchema,
  k2Status,
} from './fields.ts';
import { K2TransferBatchSchema } from './transfer-batch.ts';

/**
 * A send-money request (`send_money`, reference §3.5 and §5.2): `Scheduled` right after creation (with
 * `destinations`, `transfer_batches` and `errors` still `null`), then `Processed`. There is no top-level
 * amount in v2: `destinations` echo the request (numbers) and the batches say what moved (decimal text).
 * Failure words are not documented anywhere, so `status` is open.
 *
 * @example
 * ```ts
 * const payout = v.parse(K2SendMoneyDocumentSchema, document);
 * payout.data.attributes.transfer_batches?.[0]?.disbursements?.[0]?.transaction_reference;
 * ```
 */
export const K2SendMoneyDocumentSchema = k2ResourceDocument(v.literal('send_money'), {
  status: k2Status<'Scheduled' | 'Processed'>(),
  created_at: K2TextSchema,
  source_identifier: K2TextSchema,
  currency: K2TextSchema,
  destinations: v.nullish(
    v.array(v.looseObject({ type: K2TextSchema, amount: K2AmountSchema, description: K2TextSchema })),
  ),
  transfer_batches: v.nullish(v.array(K2TransferBatchSchema)),
  errors: K2ErrorsSchema,
  metadata: K2EchoedMetadataSchema,
  _links: K2ResourceLinksSchema,
});

/** @example const status = (document: K2SendMoneyDocument) => document.data.attributes.status; */
export type K2SendMoneyDocument = v.InferOutput<typeof K2SendMoneyDocumentSchema>;
