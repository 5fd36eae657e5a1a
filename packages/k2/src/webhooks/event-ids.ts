/*
 * The de-duplication keys of K2 events, in one place. Every key starts with `k2:` so it cannot collide with
 * another provider's in a shared store.
 *
 * - A payment into the merchant (buy goods, b2b, m2m, card; received, reversed or voided) is keyed on the
 *   transaction, not on the webhook that announced it: `k2:transaction:<reference>:<state>`, with the M-PESA
 *   (or card) reference, or K2's transaction id when there is no reference (m2m). The same transaction can
 *   arrive as an envelope webhook, as a Daraja-format webhook (whose `TransID` is that reference) and again
 *   inside a polling result; one key for all three lets the router run the handlers once. A redelivery of
 *   the webhook carries the same transaction, so it is still a duplicate. The webhook's own `id` stays in
 *   `raw.id` (K2's v1 SMS notifications ask for it).
 * - Any other webhook (customer created, settlement transfer completed, topics this package does not know)
 *   is keyed on K2's webhook id: `k2:webhook:<id>`.
 * - A result callback (or a status document decoded the same way) is keyed on the resource and the state it
 *   announces: `k2:<data.type>:<data.id>:<status>` (status lower-cased; for payment links the link's own
 *   state). The same result delivered twice is a duplicate; the same resource in a later state is news.
 *   An STK push result keeps this key even though a till webhook may report the same M-PESA payment: the
 *   result is the answer to the merchant's own request and carries its metadata, so it is never swallowed
 *   as a duplicate of the webhook.
 * - An item of a polling result that is no payment this package can key (a type it does not know, a null
 *   resource, a resource with neither reference nor id) is passed through, keyed on the polling result and
 *   the item's content: `k2:polling:<data.id>:item:<digest>`, the digest being the first 16 hex characters
 *   of the SHA-256 of the item as canonical JSON (keys sorted), with `:2`, `:3`... for further identical
 *   items in the same result. Content rather than position: a redelivery or a `GET` of the same result
 *   gives the same keys even if the items come in another order, and an item can never inherit a key
 *   already claimed by a different item at that position (which would swallow it as a duplicate); the
 *   occurrence suffix keeps two identical items two events.
 */

/**
 * What happened to a transaction: the last part of its key.
 *
 * @example
 * ```ts
 * const state: TransactionState = 'reversed';
 * ```
 */
export type TransactionState = 'received' | 'reversed' | 'voided';

/**
 * The key of a payment into the merchant, shared by webhooks, Daraja payloads and polling results.
 *
 * @example
 * ```ts
 * transactionEventId('TAB3CD4EF5', 'received'); // 'k2:transaction:TAB3CD4EF5:received'
 * ```
 */
export function transactionEventId(transactionKey: string, state: TransactionState): string {
  return `k2:transaction:${transactionKey}:${state}`;
}

/**
 * The key of a webhook that reports no transaction.
 *
 * @example
 * ```ts
 * webhookEventId('0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00'); // 'k2:webhook:0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00'
 * ```
 */
export function webhookEventId(webhookId: string): string {
  return `k2:webhook:${webhookId}`;
}

/**
 * The key of a result: resource type, resource id and the state announced.
 *
 * @example
 * ```ts
 * resultEventId('send_money', '5b6c7d8e', 'Processed'); // 'k2:send_money:5b6c7d8e:processed'
 * ```
 */
export function resultEventId(type: string, id: string, state: string | undefined): string {
  return `k2:${type}:${id}:${(state ?? 'unknown').toLowerCase()}`;
}

/**
 * The key of a polled item passed through as it came: the polling result's id and the item's content
 * digest, with the occurrence number from the second identical item on.
 *
 * @example
 * ```ts
 * polledItemEventId('0e1f2a3b', '9c1d2e3f4a5b6c7d', 1); // 'k2:polling:0e1f2a3b:item:9c1d2e3f4a5b6c7d'
 * polledItemEventId('0e1f2a3b', '9c1d2e3f4a5b6c7d', 2); // 'k2:polling:0e1f2a3b:item:9c1d2e3f4a5b6c7d:2'
 * ```
 */
export function polledItemEventId(pollingId: string, digest: string, occurrence: number): string {
  return `k2:polling:${pollingId}:item:${digest}${occurrence > 1 ? `:${occurrence}` : ''}`;
}
