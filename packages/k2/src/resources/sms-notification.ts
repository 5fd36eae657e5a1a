import * as v from 'valibot';
import { k2ResourceDocument } from './define.ts';
import { K2ResourceLinksSchema, K2TextSchema, k2Status } from './fields.ts';

/**
 * A v1 transaction SMS notification (`transaction_sms_notification`, reference §3.9), deprecated in v2 but
 * still answered: `status` `Success`, the message and the webhook event it was about.
 *
 * @example
 * ```ts
 * v.parse(K2SmsNotificationDocumentSchema, document).data.attributes.webhook_event_reference;
 * ```
 */
export const K2SmsNotificationDocumentSchema = k2ResourceDocument(v.literal('transaction_sms_notification'), {
  status: k2Status<'Success'>(),
  message: K2TextSchema,
  webhook_event_reference: K2TextSchema,
  _links: K2ResourceLinksSchema,
});

/** @example const sent = (document: K2SmsNotificationDocument) => document.data.attributes.status === 'Success'; */
export type K2SmsNotificationDocument = v.InferOutput<typeof K2SmsNotificationDocumentSchema>;
