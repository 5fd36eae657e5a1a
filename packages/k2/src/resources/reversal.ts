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

/**
 * A reversal of an incoming payment (reference §3.7 and §5.3): `Received`, `Scheduled`, then `Processed`.
 * `reversal_bulk_payment` is `null` until the money has gone back. The sources disagree on `data.type`
 * (`reversal` in the Node SDK and result callbacks, `reversals` in the docs' status example): both are read.
 *
 * @example
 * ```ts
 * const reversal = v.parse(K2ReversalDocumentSchema, document);
 * reversal.data.attributes.reversal_bulk_payment?.transaction_reference;
 * ```
 */
export const K2ReversalDocumentSchema = k2ResourceDocument(v.picklist(['reversal', 'reversals']), {
  status: k2Status<'Received' | 'Scheduled' | 'Processed'>(),
  created_at: K2TextSchema,
  /** The M-PESA reference of the payment being reversed. */
  transaction_reference: K2TextSchema,
  reason: K2TextSchema,
  reversal_bulk_payment: v.nullish(
    v.looseObject({
      amount: K2AmountSchema,
      status: k2Status<'Transferred'>(),
      origination_time: K2TextSchema,
      transaction_reference: K2TextSchema,
    }),
  ),
  errors: K2ErrorsSchema,
  metadata: K2EchoedMetadataSchema,
  _links: K2ResourceLinksSchema,
});

/** @example const reversed = (document: K2ReversalDocument) => document.data.attributes.transaction_reference; */
export type K2ReversalDocument = v.InferOutput<typeof K2ReversalDocumentSchema>;
