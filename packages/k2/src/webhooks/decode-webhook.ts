import { type Party, type PlainJson, parseWireOrThrow, type TenderEvent, toPlainJson } from '@tender/core';
import * as v from 'valibot';
import { k2AmountToMoney } from '../resources/amount.ts';
import { webhookEventId } from './event-ids.ts';
import {
  K2_TRANSACTION_TOPICS,
  K2CustomerCreatedWebhookSchema,
  K2OtherWebhookSchema,
  type K2SettlementTransferWebhook,
  K2SettlementTransferWebhookSchema,
  K2TransactionWebhookSchema,
} from './payloads.ts';
import { parseK2Time } from './time.ts';
import { TOPIC_KINDS, transactionEvent } from './transaction-event.ts';
import { compact, lastSegment, text } from './values.ts';

const CONTEXT = { provider: 'k2', operation: 'webhook' } as const;
const SUMMARY = 'Invalid K2 webhook';

/** Just enough to choose the topic's schema, so its errors name the topic's own fields. */
const TopicSchema = v.looseObject({ topic: v.pipe(v.string(), v.nonEmpty('must not be empty')) });

function isTransactionTopic(topic: string): topic is (typeof K2_TRANSACTION_TOPICS)[number] {
  return (K2_TRANSACTION_TOPICS as readonly string[]).includes(topic);
}

/**
 * The envelope's time when the resource has none: `created_at`, else the time of reading (a webhook
 * always happened; an unreadable time must not refuse it).
 */
function envelopeTime(createdAt: string | null | undefined): Date {
  return parseK2Time(createdAt) ?? new Date();
}

type SettlementResource = K2SettlementTransferWebhook['event']['resource'];

function settlementDestination(destination: SettlementResource['destination']): Party | undefined {
  const account = destination?.resource;
  if (!account) return undefined;
  const party = compact({
    id: text(account.reference),
    name: text(account.account_name),
    account: text(account.account_number),
    firstName: text(account.first_name),
    lastName: text(account.last_name),
    phone: text(account.phone_number) ?? text(account.msisdn),
  });
  return Object.keys(party).length > 0 ? party : undefined;
}

function settlementEvent(json: PlainJson): TenderEvent {
  const webhook = parseWireOrThrow(K2SettlementTransferWebhookSchema, json, SUMMARY, CONTEXT);
  const resource = webhook.event.resource;
  const legType = text(resource.destination?.type) ?? 'settlement';
  const destination = settlementDestination(resource.destination);
  return {
    type: 'transfer.completed',
    id: webhookEventId(webhook.id),
    provider: 'k2',
    providerEvent: webhook.topic,
    occurredAt: parseK2Time(resource.origination_time) ?? envelopeTime(webhook.created_at),
    legs: (resource.disbursements ?? []).map((disbursement) => ({
      type: legType,
      ...compact({
        amount: k2AmountToMoney(disbursement.amount, resource.currency),
        status: text(disbursement.status),
        providerReference: text(disbursement.transaction_reference),
        recipient: destination,
      }),
    })),
    ...compact({
      amount: k2AmountToMoney(resource.amount, resource.currency),
      destination,
      providerReference: text(resource.id),
    }),
    raw: json.value,
  };
}

function customerEvent(json: PlainJson): TenderEvent {
  const webhook = parseWireOrThrow(K2CustomerCreatedWebhookSchema, json, SUMMARY, CONTEXT);
  const customer = webhook.event.resource;
  return {
    type: 'customer.created',
    id: webhookEventId(webhook.id),
    provider: 'k2',
    providerEvent: webhook.topic,
    occurredAt: envelopeTime(webhook.created_at),
    customer: compact({
      firstName: text(customer.first_name),
      middleName: text(customer.middle_name),
      lastName: text(customer.last_name),
      phone: text(customer.phone_number),
      // The resource has no id of its own; the mobile money user's id ends `_links.resource`.
      id: lastSegment(webhook._links?.resource),
    }),
    raw: json.value,
  };
}

function passthrough(
  payload: unknown,
  webhook: { id: string; topic: string; created_at?: string | null | undefined },
): TenderEvent {
  return {
    type: 'provider.event',
    id: webhookEventId(webhook.id),
    provider: 'k2',
    providerEvent: webhook.topic,
    occurredAt: envelopeTime(webhook.created_at),
    raw: payload,
  };
}

function transactionWebhookEvent(json: PlainJson): TenderEvent {
  const webhook = parseWireOrThrow(K2TransactionWebhookSchema, json, SUMMARY, CONTEXT);
  const context = {
    raw: json.value,
    // A reversal or void happened when K2 announced it rather than at the payment's `origination_time`.
    envelopeTime: () => parseK2Time(webhook.created_at),
    fallbackTime: () => envelopeTime(webhook.created_at),
  };
  // A payment resource with neither reference nor id cannot be keyed as a transaction: it is delivered
  // as it came, keyed on the webhook, rather than dropped.
  return (
    transactionEvent(webhook.event.resource, TOPIC_KINDS[webhook.topic], context) ??
    passthrough(json.value, webhook)
  );
}

/**
 * Normalizes one K2 webhook envelope (reference §4.2 to §4.4): payment topics into `payment.succeeded`,
 * `payment.reversed` or `payment.voided` (channel `till` for buy goods, `b2b`, `m2m`, `card`),
 * `settlement_transfer_completed` into `transfer.completed`, `customer_created` into `customer.created`, and
 * any other topic into `provider.event`. The payload is checked by its topic's schema first; a malformed one
 * throws core's `ValidationError` naming the fields. Event ids: see `event-ids.ts` (payments are keyed on
 * the transaction, everything else on the webhook id).
 *
 * @example
 * ```ts
 * decodeK2Webhook(JSON.parse(body))[0]?.type; // 'payment.succeeded'
 * ```
 */
export function decodeK2Webhook(payload: unknown): TenderEvent[] {
  return decodeK2WebhookJson(toPlainJson(payload, CONTEXT));
}

/**
 * {@link decodeK2Webhook} of JSON this package parsed itself, which may take the validation fast path;
 * `raw` is `json.value`.
 *
 * @example
 * ```ts
 * decodeK2WebhookJson(parseJsonText(body))[0]?.type; // 'payment.succeeded'
 * ```
 */
export function decodeK2WebhookJson(json: PlainJson): TenderEvent[] {
  const { topic } = parseWireOrThrow(TopicSchema, json, SUMMARY, CONTEXT);
  if (isTransactionTopic(topic)) return [transactionWebhookEvent(json)];
  if (topic === 'settlement_transfer_completed') return [settlementEvent(json)];
  if (topic === 'customer_created') return [customerEvent(json)];
  return [passthrough(json.value, parseWireOrThrow(K2OtherWebhookSchema, json, SUMMARY, CONTEXT))];
}
