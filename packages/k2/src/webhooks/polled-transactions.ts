import { createHash } from 'node:crypto';
import { MAX_JSON_DEPTH, type TenderEvent, ValidationError } from '@tender/core';
import type { K2PollingDocument } from '../resources/polling.ts';
import { polledItemEventId } from './event-ids.ts';
import { parseK2Time } from './time.ts';
import { polledTransactionKind, transactionEvent } from './transaction-event.ts';
import { compact, text } from './values.ts';

/**
 * One item of a polling result's `transactions`: `{ type, resource }` (reference §5.5).
 *
 * @example
 * ```ts
 * const item: K2PolledTransaction = { type: 'Buygoods Transaction', resource: { reference: 'TAB3CD4EF5' } };
 * ```
 */
export type K2PolledTransaction = NonNullable<
  K2PollingDocument['data']['attributes']['transactions']
>[number];

/**
 * `value` with every object's keys sorted, so equal content writes the same JSON whatever the key order.
 * Items come from parsed JSON, nested at most `MAX_JSON_DEPTH` levels (see core's `parseJsonText`); the
 * depth is checked here too, so no input can make this recursion run out of stack (a 500 K2 would re-send
 * forever): deeper input is a `ValidationError`, a 4xx.
 */
function canonical(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) {
    throw new ValidationError(
      'Invalid K2 polling result',
      [{ path: 'data.attributes.transactions', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }],
      { provider: 'k2', operation: 'webhook' },
    );
  }
  if (Array.isArray(value)) return value.map((item) => canonical(item, depth + 1));
  // fromEntries defines own properties, so even a `__proto__` key stays data.
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => [key, canonical(entry, depth + 1)]),
  );
}

/** The first 16 hex characters of the SHA-256 of `value` as canonical JSON. */
function contentDigest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)) ?? '')
    .digest('hex')
    .slice(0, 16);
}

/**
 * Where the polled items' events come from: the polling result's id (part of the passthrough keys), the
 * verified payload (`raw` of every event) and the polling result's time, used when an item says nothing of
 * its own.
 *
 * @example
 * ```ts
 * const context: PolledTransactionsContext = { pollingId: resource.id, raw: payload, fallbackTime: () => new Date() };
 * ```
 */
export interface PolledTransactionsContext {
  readonly pollingId: string;
  readonly raw: unknown;
  readonly fallbackTime: () => Date;
}

/**
 * The events of a polling result's items, in their order, one per item: nothing polled is dropped.
 *
 * - An item of a known type (buy goods, b2b, m2m, card) whose resource has a reference or an id becomes
 *   `payment.succeeded` / `payment.reversed` / `payment.voided`, keyed on the transaction exactly like the
 *   webhook that reports it, so either delivery de-duplicates the other.
 * - Any other item (a type this package does not know, such as `"Settlement Transfer"`, a missing type, a
 *   null resource, a resource with neither reference nor id) becomes a `provider.event` named after its
 *   `type` (`polling_transaction` when it has none), keyed on the polling result and the item's content
 *   (see `event-ids.ts`), with the resource's reference or id as `providerReference` where it has one.
 *
 * @example
 * ```ts
 * polledTransactionEvents([{ type: 'Settlement Transfer', resource: { id: 'st-1' } }], context)[0]?.type;
 * // 'provider.event'
 * ```
 */
export function polledTransactionEvents(
  transactions: readonly K2PolledTransaction[] | null | undefined,
  context: PolledTransactionsContext,
): TenderEvent[] {
  const occurrences = new Map<string, number>();
  return (transactions ?? []).map((item) => {
    const resource = item.resource;
    const kind = resource ? polledTransactionKind(item.type, resource.status) : undefined;
    const payment =
      resource && kind
        ? transactionEvent(resource, kind, { raw: context.raw, fallbackTime: context.fallbackTime })
        : undefined;
    if (payment) return payment;
    const digest = contentDigest(item);
    const occurrence = (occurrences.get(digest) ?? 0) + 1;
    occurrences.set(digest, occurrence);
    return {
      type: 'provider.event',
      id: polledItemEventId(context.pollingId, digest, occurrence),
      provider: 'k2',
      providerEvent: text(item.type) ?? 'polling_transaction',
      occurredAt: parseK2Time(resource?.origination_time) ?? context.fallbackTime(),
      raw: context.raw,
      ...compact({ providerReference: text(resource?.reference) ?? text(resource?.id) }),
    };
  });
}
