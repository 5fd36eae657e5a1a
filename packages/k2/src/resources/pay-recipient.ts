import * as v from 'valibot';
import { k2ResourceDocument } from './define.ts';
import { K2TextSchema, k2Status } from './fields.ts';

/**
 * A recipient of payments (`pay_recipient`, reference §3.3). No v2 status document for external recipients
 * exists in any source; this is the v1 shape (PHP SDK parser, docs), with `recipient_type` in title case
 * (`"Mobile Wallet"`, `"Bank Account"`, `"Till"`, `"Kopo Kopo Merchant"`) and the recipient's own fields
 * alongside.
 *
 * @example
 * ```ts
 * v.parse(K2PayRecipientDocumentSchema, document).data.attributes.recipient_reference;
 * ```
 */
export const K2PayRecipientDocumentSchema = k2ResourceDocument(v.literal('pay_recipient'), {
  status: k2Status<'Approved'>(),
  recipient_type: k2Status<'Mobile Wallet' | 'Bank Account' | 'Till' | 'Kopo Kopo Merchant'>(),
  recipient_reference: K2TextSchema,
});

/** @example const reference = (document: K2PayRecipientDocument) => document.data.attributes.recipient_reference; */
export type K2PayRecipientDocument = v.InferOutput<typeof K2PayRecipientDocumentSchema>;
