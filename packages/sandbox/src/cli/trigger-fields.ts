/**
 * What `--set` may name for each kind of trigger, and the fields `--event-id` fixes so that sending the same
 * id twice is recognised by the receiver as one event delivered twice.
 */
import { createHash } from 'node:crypto';
import { generateLegacyFields } from '../legacy/legacy-fields.ts';
import { buildWebhook } from '../webhooks/payloads.ts';
import type { K2WebhookTopic } from '../webhooks/topics.ts';
import { UsageError } from './cli-io.ts';
import { didYouMean } from './suggest.ts';

const SAMPLE_ORIGIN = 'https://sandbox.kopokopo.com';

function resourceOf(payload: Record<string, unknown>): Record<string, unknown> {
  const event = payload.event as { resource?: Record<string, unknown> } | undefined;
  return event?.resource ?? {};
}

/**
 * The fields `--set` may replace: those of the topic's generated resource (or of the flat Daraja body), or
 * the legacy form fields. Generated once from a sample, so the list cannot drift from what is sent.
 *
 * @example
 * ```ts
 * settableFields('customer_created', false); // ['first_name', 'middle_name', 'last_name', 'phone_number']
 * ```
 */
export function settableFields(topic: K2WebhookTopic | 'legacy', daraja: boolean): string[] {
  if (topic === 'legacy') return Object.keys(generateLegacyFields(new Date()));
  const { payload } = buildWebhook(topic, { origin: SAMPLE_ORIGIN, at: new Date(), daraja });
  return Object.keys(daraja ? payload : resourceOf(payload));
}

/**
 * Refuses a `--set` of a field the delivery does not have, naming the nearest one: a typo would otherwise
 * add a field the receiver ignores and the rehearsal would prove nothing.
 *
 * @example
 * ```ts
 * checkSetFields({ ammount: '10' }, ['amount', 'currency']); // throws: unknown field "ammount" ... (did you mean "amount"?)
 * ```
 */
export function checkSetFields(sets: Readonly<Record<string, string>>, known: readonly string[]): void {
  for (const field of Object.keys(sets)) {
    if (!known.includes(field)) {
      throw new UsageError(
        `--set: unknown field "${field}"${didYouMean(field, known)}; this delivery has: ${known.join(', ')}`,
      );
    }
  }
}

function digest(eventId: string): Buffer {
  return createHash('sha256').update(`tender-trigger:${eventId}`).digest();
}

/** A UUID-shaped id that depends only on `eventId`. */
function idFrom(eventId: string): string {
  const hex = digest(eventId).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const RECEIPT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An M-PESA-like receipt (a letter, then nine letters or digits) that depends only on `eventId`. */
function receiptFrom(eventId: string): string {
  const bytes = digest(`receipt:${eventId}`);
  let receipt = String.fromCharCode(65 + ((bytes[0] ?? 0) % 26));
  for (let index = 1; index < 10; index += 1) {
    receipt += RECEIPT_ALPHABET[(bytes[index] ?? 0) % RECEIPT_ALPHABET.length];
  }
  return receipt;
}

/**
 * The fields that make two triggers with the same `--event-id` one event. Receivers key a transaction
 * webhook on the transaction (its M-PESA reference, or K2's id when it has none; `TransID` in the Daraja
 * body), not on the envelope id, so a fresh invented transaction per run was a new event each time. With
 * `--event-id`, the resource `id` and `reference` (or `TransID`) are derived from it; other topics are keyed
 * on the envelope id, which `--event-id` sets. Only fields the delivery has are set, and `--set` wins.
 *
 * @example
 * ```ts
 * eventIdFields('evt-1', ['id', 'reference', 'amount'], false); // { id: '…', reference: 'Q…' }, the same every run
 * ```
 */
export function eventIdFields(
  eventId: string,
  known: readonly string[],
  daraja: boolean,
): Record<string, string> {
  if (daraja) return known.includes('TransID') ? { TransID: receiptFrom(eventId) } : {};
  return {
    ...(known.includes('id') ? { id: idFrom(eventId) } : {}),
    ...(known.includes('reference') ? { reference: receiptFrom(eventId) } : {}),
  };
}
