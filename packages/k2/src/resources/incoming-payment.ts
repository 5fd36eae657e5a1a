import * as v from 'valibot';
import { k2ResourceDocument } from './define.ts';
import {
  K2EchoedMetadataSchema,
  K2ErrorsSchema,
  K2ResourceLinksSchema,
  K2TextSchema,
  k2Status,
} from './fields.ts';
import { K2TransactionResourceSchema } from './transaction.ts';

/**
 * An M-PESA STK push (`incoming_payment`, reference §3.2 and §5.1). `status` is `Pending` until the customer
 * acts, then `Success` (with the payment in `event.resource`) or `Failed` (with `event.resource` `null` and
 * the reason in `event.errors`, a sentence).
 *
 * @example
 * ```ts
 * const payment = v.parse(K2IncomingPaymentDocumentSchema, document);
 * payment.data.attributes.event?.resource?.reference; // 'TAB3CD4EF5' once paid
 * ```
 */
export const K2IncomingPaymentDocumentSchema = k2ResourceDocument(v.literal('incoming_payment'), {
  status: k2Status<'Pending' | 'Success' | 'Failed'>(),
  initiation_time: K2TextSchema,
  event: v.nullish(
    v.looseObject({
      type: K2TextSchema,
      resource: v.nullish(K2TransactionResourceSchema),
      errors: K2ErrorsSchema,
    }),
  ),
  metadata: K2EchoedMetadataSchema,
  _links: K2ResourceLinksSchema,
});

/** @example const status = (document: K2IncomingPaymentDocument) => document.data.attributes.status; */
export type K2IncomingPaymentDocument = v.InferOutput<typeof K2IncomingPaymentDocumentSchema>;
