/**
 * Every webhook topic a K2 Connect v2 subscription can name (reference §4.3), in the order of that table.
 *
 * @example
 * ```ts
 * K2_WEBHOOK_TOPICS.includes('customer_created'); // true
 * ```
 */
export const K2_WEBHOOK_TOPICS = [
  'buygoods_transaction_received',
  'buygoods_transaction_reversed',
  'b2b_transaction_received',
  'b2b_transaction_reversed',
  'settlement_transfer_completed',
  'customer_created',
  'card_transaction_received',
  'card_transaction_voided',
  'card_transaction_reversed',
  'm2m_transaction_received',
] as const;

/**
 * One K2 webhook topic.
 *
 * @example
 * ```ts
 * const topic: K2WebhookTopic = 'buygoods_transaction_received';
 * ```
 */
export type K2WebhookTopic = (typeof K2_WEBHOOK_TOPICS)[number];

/**
 * The topics that may carry the flat Daraja-style body instead of the K2 envelope (reference §4.5).
 *
 * @example
 * ```ts
 * DARAJA_TOPICS.includes('b2b_transaction_received'); // true
 * ```
 */
export const DARAJA_TOPICS = ['buygoods_transaction_received', 'b2b_transaction_received'] as const;

/**
 * Whether `value` names a K2 webhook topic.
 *
 * @example
 * ```ts
 * isK2WebhookTopic('customer_created'); // true
 * isK2WebhookTopic('payment_received'); // false
 * ```
 */
export function isK2WebhookTopic(value: string): value is K2WebhookTopic {
  return (K2_WEBHOOK_TOPICS as readonly string[]).includes(value);
}

/**
 * Whether `topic` may be delivered in the Daraja format.
 *
 * @example
 * ```ts
 * supportsDaraja('customer_created'); // false
 * ```
 */
export function supportsDaraja(topic: string): boolean {
  return (DARAJA_TOPICS as readonly string[]).includes(topic);
}
