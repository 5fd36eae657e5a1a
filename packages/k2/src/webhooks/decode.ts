import type { TenderEvent } from '@tender/core';
import { decodeK2Result } from './decode-result.ts';
import { decodeDarajaPayload, decodeK2Webhook, isDarajaPayload } from './decode-webhook.ts';
import { record } from './values.ts';

/**
 * Normalizes any body K2 POSTs to you: a webhook envelope (`topic`), a Daraja-style webhook
 * (`TransactionType`) or a result callback (`data`). Each gives at least one event; what fits no event type
 * is a `provider.event`, never dropped. Throws a `ValidationError` for a body that is none of the three.
 *
 * @example
 * ```ts
 * const events = decodeK2Payload(JSON.parse(body));
 * ```
 */
export function decodeK2Payload(payload: unknown): TenderEvent[] {
  const body = record(payload);
  if ('topic' in body) return decodeK2Webhook(payload);
  if (isDarajaPayload(payload)) return decodeDarajaPayload(payload);
  return decodeK2Result(payload);
}
