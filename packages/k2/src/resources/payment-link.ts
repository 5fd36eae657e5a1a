import * as v from 'valibot';
import { K2AmountSchema } from './amount.ts';
import { k2ResourceDocument } from './define.ts';
import {
  K2EchoedMetadataSchema,
  K2ErrorsSchema,
  K2PhoneSchema,
  K2ResourceLinksSchema,
  K2TextSchema,
  k2Status,
} from './fields.ts';

/**
 * A payment link (`payment_link`, reference §3.8 and §5.6). `attributes.status` (`Processed`) only says the
 * link was made; the link's own state is inside `payment_link`, under `payment_link_status` in the status
 * document (`"Active"`, or `"active"` in one SDK) and under `status` in the paid callback (`"Paid"`). Both
 * keys are read. The paid callback adds the payment's `transaction_reference`, `origination_time` and the
 * payer's `sender_phone_number` (a JSON number in the only sample). `amount` is a number or decimal text.
 *
 * @example
 * ```ts
 * const link = v.parse(K2PaymentLinkDocumentSchema, document).data.attributes.payment_link;
 * link?.payment_link_status ?? link?.status; // 'Active' or 'Paid'
 * ```
 */
export const K2PaymentLinkDocumentSchema = k2ResourceDocument(v.literal('payment_link'), {
  status: k2Status<'Processed'>(),
  created_at: K2TextSchema,
  till_name: K2TextSchema,
  till_number: K2TextSchema,
  payment_reference: K2TextSchema,
  currency: K2TextSchema,
  amount: K2AmountSchema,
  note: K2TextSchema,
  payment_link: v.nullish(
    v.looseObject({
      payment_link_status: k2Status<'Active' | 'active' | 'Paid'>(),
      status: k2Status<'Active' | 'active' | 'Paid'>(),
      expires_at: K2TextSchema,
      initiator_name: K2TextSchema,
      /** Absolute in the SDK fixtures, a relative path (`/links/<uuid>`) in the docs. */
      link: K2TextSchema,
      transaction_reference: K2TextSchema,
      sender_phone_number: K2PhoneSchema,
      origination_time: K2TextSchema,
    }),
  ),
  errors: K2ErrorsSchema,
  metadata: K2EchoedMetadataSchema,
  _links: K2ResourceLinksSchema,
});

/** @example const url = (document: K2PaymentLinkDocument) => document.data.attributes.payment_link?.link; */
export type K2PaymentLinkDocument = v.InferOutput<typeof K2PaymentLinkDocumentSchema>;
