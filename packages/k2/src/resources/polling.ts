import * as v from 'valibot';
import { k2ResourceDocument } from './define.ts';
import { K2ResourceLinksSchema, K2TextSchema, k2Status } from './fields.ts';
import { K2TransactionResourceSchema } from './transaction.ts';

/**
 * A polling request's result (`polling`, reference §3.6 and §5.5): the transactions received in the asked
 * window, as `{ type, resource }` pairs that reuse the webhook resource shapes (`type` is the webhook's
 * `event.type`, such as `"Buygoods Transaction"`). `scope` comes back capitalised (`"Company"`).
 *
 * @example
 * ```ts
 * const polling = v.parse(K2PollingDocumentSchema, document);
 * polling.data.attributes.transactions?.map((transaction) => transaction.resource?.reference);
 * ```
 */
export const K2PollingDocumentSchema = k2ResourceDocument(v.literal('polling'), {
  status: k2Status<'Success'>(),
  from_time: K2TextSchema,
  to_time: K2TextSchema,
  transactions: v.nullish(
    v.array(v.looseObject({ type: K2TextSchema, resource: v.nullish(K2TransactionResourceSchema) })),
  ),
  scope: K2TextSchema,
  scope_reference: K2TextSchema,
  _links: K2ResourceLinksSchema,
});

/** @example const found = (document: K2PollingDocument) => document.data.attributes.transactions?.length ?? 0; */
export type K2PollingDocument = v.InferOutput<typeof K2PollingDocumentSchema>;
