import * as v from 'valibot';
import { K2AmountSchema } from '../resources/amount.ts';
import { K2PhoneSchema, K2TextSchema, k2Status } from '../resources/fields.ts';
import { K2TransactionResourceSchema } from '../resources/transaction.ts';

/**
 * Webhook topics that report a payment into the merchant (reference §4.3). Card topics are accepted by
 * K2's Ruby and Python subscription validators but no sample payload exists anywhere: they are read with
 * the keys the Ruby SDK's card parsers read (`reference`, `amount`, `currency`, `till_number`,
 * `customer_cc_number`, `origination_time`, `settled`) and everything else stays in `raw`.
 *
 * @example
 * ```ts
 * K2_TRANSACTION_TOPICS.includes('m2m_transaction_received'); // true
 * ```
 */
export const K2_TRANSACTION_TOPICS = [
  'buygoods_transaction_received',
  'buygoods_transaction_reversed',
  'b2b_transaction_received',
  'b2b_transaction_reversed',
  'm2m_transaction_received',
  'card_transaction_received',
  'card_transaction_voided',
  'card_transaction_reversed',
] as const;

/**
 * Every webhook topic K2 is known to send (reference §4.3).
 *
 * @example
 * ```ts
 * const topic: K2WebhookTopic = 'customer_created';
 * ```
 */
export const K2_WEBHOOK_TOPICS = [
  ...K2_TRANSACTION_TOPICS,
  'settlement_transfer_completed',
  'customer_created',
] as const;

/** @example const topic: K2WebhookTopic = 'buygoods_transaction_received'; */
export type K2WebhookTopic = (typeof K2_WEBHOOK_TOPICS)[number];

const KNOWN_TOPICS: ReadonlySet<string> = new Set(K2_WEBHOOK_TOPICS);

const WebhookIdSchema = v.pipe(v.string(), v.nonEmpty('must not be empty'));

/** `_links` of a webhook: the event's own URL and the resource it reports. */
const WebhookLinksSchema = v.nullish(v.looseObject({ self: K2TextSchema, resource: K2TextSchema }));

function envelope<
  const TTopic extends v.GenericSchema<unknown, string>,
  const TResource extends v.GenericSchema,
>(topic: TTopic, resource: TResource) {
  return v.looseObject({
    topic,
    id: WebhookIdSchema,
    created_at: K2TextSchema,
    event: v.looseObject({ type: K2TextSchema, resource }),
    _links: WebhookLinksSchema,
  });
}

/**
 * A payment webhook: buy goods, b2b and m2m received, buy goods and b2b reversed, card received, voided or
 * reversed (reference §4.4). Amounts are decimal text (`"450.0"`, `"313"`).
 *
 * @example
 * ```ts
 * v.parse(K2TransactionWebhookSchema, payload).event.resource.reference; // 'TAB3CD4EF5'
 * ```
 */
export const K2TransactionWebhookSchema = envelope(
  v.picklist(K2_TRANSACTION_TOPICS),
  K2TransactionResourceSchema,
);

/** @example const amount = (webhook: K2TransactionWebhook) => webhook.event.resource.amount; */
export type K2TransactionWebhook = v.InferOutput<typeof K2TransactionWebhookSchema>;

/**
 * Where a settlement went. The sources disagree (reference §4.4): fixtures put bank fields under
 * `destination.resource` with `settlement_method`, the Ruby SDK reads `transfer_method`, an older Python
 * shape uses `msisdn`; all are read.
 */
const SettlementDestinationSchema = v.nullish(
  v.looseObject({
    /** `"Bank Account"` or `"Mobile Wallet"` (older shape: `merchant_bank_account` / `merchant_wallet`). */
    type: K2TextSchema,
    resource: v.nullish(
      v.looseObject({
        reference: K2TextSchema,
        account_name: K2TextSchema,
        account_number: K2TextSchema,
        bank_branch_ref: K2TextSchema,
        settlement_method: K2TextSchema,
        transfer_method: K2TextSchema,
        first_name: K2TextSchema,
        last_name: K2TextSchema,
        phone_number: K2PhoneSchema,
        msisdn: K2PhoneSchema,
        network: K2TextSchema,
      }),
    ),
  }),
);

/**
 * `settlement_transfer_completed`: money moved from the merchant's K2 balance to its own bank account or
 * wallet (reference §4.4).
 *
 * @example
 * ```ts
 * v.parse(K2SettlementTransferWebhookSchema, payload).event.resource.disbursements?.length;
 * ```
 */
export const K2SettlementTransferWebhookSchema = envelope(
  v.literal('settlement_transfer_completed'),
  v.looseObject({
    id: K2TextSchema,
    amount: K2AmountSchema,
    status: k2Status<'Transferred'>(),
    currency: K2TextSchema,
    destination: SettlementDestinationSchema,
    disbursements: v.nullish(
      v.array(
        v.looseObject({
          amount: K2AmountSchema,
          status: k2Status<'Transferred'>(),
          origination_time: K2TextSchema,
          transaction_reference: K2TextSchema,
        }),
      ),
    ),
    origination_time: K2TextSchema,
  }),
);

/** @example const amount = (webhook: K2SettlementTransferWebhook) => webhook.event.resource.amount; */
export type K2SettlementTransferWebhook = v.InferOutput<typeof K2SettlementTransferWebhookSchema>;

/**
 * `customer_created`: a payer became known to the merchant. The resource has no id; `_links.resource` names
 * the mobile money user (reference §4.4).
 *
 * @example
 * ```ts
 * v.parse(K2CustomerCreatedWebhookSchema, payload).event.resource.phone_number;
 * ```
 */
export const K2CustomerCreatedWebhookSchema = envelope(
  v.literal('customer_created'),
  v.looseObject({
    first_name: K2TextSchema,
    middle_name: K2TextSchema,
    last_name: K2TextSchema,
    phone_number: K2PhoneSchema,
  }),
);

/** @example const phone = (webhook: K2CustomerCreatedWebhook) => webhook.event.resource.phone_number; */
export type K2CustomerCreatedWebhook = v.InferOutput<typeof K2CustomerCreatedWebhookSchema>;

/**
 * A webhook whose topic this package does not know: only `topic` and `id` are required, so a topic K2 adds
 * later is delivered (as `provider.event`) rather than refused.
 *
 * @example
 * ```ts
 * v.parse(K2OtherWebhookSchema, { topic: 'loyalty_points_granted', id: 'e-1' });
 * ```
 */
export const K2OtherWebhookSchema = v.looseObject({
  topic: v.pipe(
    v.string(),
    v.nonEmpty('must not be empty'),
    v.check((topic) => !KNOWN_TOPICS.has(topic), 'is a known topic'),
  ),
  id: WebhookIdSchema,
  created_at: K2TextSchema,
  event: v.nullish(v.looseObject({ type: K2TextSchema, resource: v.unknown() })),
  _links: WebhookLinksSchema,
});

/** @example const topic = (webhook: K2OtherWebhook) => webhook.topic; */
export type K2OtherWebhook = v.InferOutput<typeof K2OtherWebhookSchema>;

/**
 * Any K2 webhook envelope (reference §4.2), checked by the schema of its `topic`.
 *
 * @example
 * ```ts
 * const webhook = v.parse(K2WebhookSchema, JSON.parse(body));
 * console.log(webhook.topic, webhook.id);
 * ```
 */
export const K2WebhookSchema = v.variant('topic', [
  K2TransactionWebhookSchema,
  K2SettlementTransferWebhookSchema,
  K2CustomerCreatedWebhookSchema,
  K2OtherWebhookSchema,
]);

/** @example const id = (webhook: K2Webhook) => webhook.id; */
export type K2Webhook = v.InferOutput<typeof K2WebhookSchema>;
