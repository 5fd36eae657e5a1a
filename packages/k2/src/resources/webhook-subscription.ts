import * as v from 'valibot';
import { k2ResourceDocument } from './define.ts';
import { K2TextSchema } from './fields.ts';

/**
 * A webhook subscription (`webhook_subscription`, reference §3.1), known only from the PHP SDK's parser:
 * the URL comes back as `webhook_uri` (not `url`) and no status word is documented.
 *
 * @example
 * ```ts
 * v.parse(K2WebhookSubscriptionDocumentSchema, document).data.attributes.event_type; // 'buygoods_transaction_received'
 * ```
 */
export const K2WebhookSubscriptionDocumentSchema = k2ResourceDocument(v.literal('webhook_subscription'), {
  event_type: K2TextSchema,
  webhook_uri: K2TextSchema,
  status: K2TextSchema,
  scope: K2TextSchema,
  scope_reference: K2TextSchema,
  enable_daraja_payload: v.nullish(v.boolean()),
});

/** @example const url = (document: K2WebhookSubscriptionDocument) => document.data.attributes.webhook_uri; */
export type K2WebhookSubscriptionDocument = v.InferOutput<typeof K2WebhookSubscriptionDocumentSchema>;
