import { type PlainJson, type TenderEvent, toPlainJson } from '@tender/core';
import { k2AmountToMoney } from '../resources/amount.ts';
import { type K2Resource, parseK2ResourceJson } from '../resources/document.ts';
import { k2ErrorText } from '../resources/fields.ts';
import { resultEventId } from './event-ids.ts';
import { payoutResult } from './payout-result.ts';
import { polledTransactionEvents } from './polled-transactions.ts';
import { destinationLegs, disbursementLegs, latestDisbursementTime, legsTotal } from './result-legs.ts';
import { resultOutcome } from './result-outcome.ts';
import { parseK2Time } from './time.ts';
import { compact, merchantReferenceOf, metadataOf, text } from './values.ts';

type Base = Omit<Extract<TenderEvent, { type: 'provider.event' }>, 'type'>;
type Of<TType extends K2Resource['type']> = Extract<K2Resource, { type: TType }>;

function incomingPayment(resource: Of<'incoming_payment'>, base: Base): TenderEvent {
  const outcome = resultOutcome(resource.status);
  if (outcome === 'pending') return { ...base, type: 'provider.event' };
  const event = resource.attributes.event;
  const payment = event?.resource;
  const till = text(payment?.till_number);
  return {
    ...base,
    type: outcome === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
    channel: 'stk_push',
    occurredAt: parseK2Time(payment?.origination_time) ?? base.occurredAt,
    payer: compact({
      firstName: text(payment?.sender_first_name),
      middleName: text(payment?.sender_middle_name),
      lastName: text(payment?.sender_last_name),
      phone: text(payment?.sender_phone_number),
      phoneHash: text(payment?.hashed_sender_phone),
    }),
    ...compact({
      amount: k2AmountToMoney(payment?.amount, payment?.currency),
      providerReference: text(payment?.reference),
      payee: till ? { account: till } : undefined,
      failureReason: outcome === 'failed' ? k2ErrorText(event?.errors) : undefined,
    }),
  };
}

function sendMoney(resource: Of<'send_money'>, base: Base): TenderEvent {
  const { attributes } = resource;
  const batches = disbursementLegs(attributes.transfer_batches, attributes.currency);
  const legs = batches.length > 0 ? batches : destinationLegs(attributes.destinations, attributes.currency);
  const result = payoutResult(resource.status, legs, attributes.errors);
  if (result.type === 'provider.event') return { ...base, type: 'provider.event' };
  return {
    ...base,
    ...result,
    occurredAt: latestDisbursementTime(attributes.transfer_batches) ?? base.occurredAt,
    legs,
  };
}

function v1Payment(resource: Of<'payment'>, base: Base): TenderEvent {
  const { attributes } = resource;
  const legs = disbursementLegs(attributes.transfer_batches, attributes.amount?.currency);
  const requested = k2AmountToMoney(attributes.amount?.value, attributes.amount?.currency);
  const result = payoutResult(resource.status, legs, attributes.errors, requested);
  if (result.type === 'provider.event') return { ...base, type: 'provider.event' };
  return {
    ...base,
    ...result,
    occurredAt: latestDisbursementTime(attributes.transfer_batches) ?? base.occurredAt,
    legs,
  };
}

function settlementTransfer(resource: Of<'settlement_transfer'>, base: Base): TenderEvent {
  // There is no neutral "transfer failed" event: anything but success stays a provider.event.
  if (resultOutcome(resource.status) !== 'succeeded') return { ...base, type: 'provider.event' };
  const { attributes } = resource;
  const legs = disbursementLegs(attributes.transfer_batches, attributes.amount?.currency);
  return {
    ...base,
    type: 'transfer.completed',
    occurredAt: latestDisbursementTime(attributes.transfer_batches) ?? base.occurredAt,
    legs,
    ...compact({
      // `value` is null for a blind transfer: the legs say what moved.
      amount: k2AmountToMoney(attributes.amount?.value, attributes.amount?.currency) ?? legsTotal(legs),
    }),
  };
}

function reversal(resource: Of<'reversal'>, base: Base): TenderEvent {
  const outcome = resultOutcome(resource.status);
  if (outcome === 'pending') return { ...base, type: 'provider.event' };
  const { attributes } = resource;
  const payment = attributes.reversal_bulk_payment;
  return {
    ...base,
    type: outcome === 'succeeded' ? 'reversal.succeeded' : 'reversal.failed',
    occurredAt: parseK2Time(payment?.origination_time) ?? base.occurredAt,
    ...compact({
      amount: k2AmountToMoney(payment?.amount),
      reversedReference: text(attributes.transaction_reference),
      providerReference: text(payment?.transaction_reference) ?? base.providerReference,
      failureReason: outcome === 'failed' ? k2ErrorText(attributes.errors) : undefined,
    }),
  };
}

function paymentLink(resource: Of<'payment_link'>, base: Base): TenderEvent {
  const { attributes } = resource;
  const link = attributes.payment_link;
  // The link's own state; `attributes.status` (`Processed`) only says the link was made.
  const linkStatus = (
    text(link?.payment_link_status) ??
    text(link?.status) ??
    resource.status ??
    'unknown'
  ).toLowerCase();
  const phone = text(link?.sender_phone_number);
  const payment = text(link?.transaction_reference);
  return {
    ...base,
    type: 'link.updated',
    // No source says whether a link can be paid more than once: each payment's M-PESA reference is part of
    // the key, so a second payment of one link is a new event while a redelivery of one is a duplicate.
    id: `${resultEventId('payment_link', resource.id, linkStatus)}${payment === undefined ? '' : `:${payment}`}`,
    occurredAt: parseK2Time(link?.origination_time) ?? base.occurredAt,
    linkStatus,
    ...compact({
      url: text(link?.link),
      amount: k2AmountToMoney(attributes.amount, attributes.currency),
      payer: phone ? { phone } : undefined,
      expiresAt: parseK2Time(link?.expires_at),
      merchantReference: text(attributes.payment_reference) ?? base.merchantReference,
      providerReference: payment ?? base.providerReference,
    }),
  };
}

function polling(resource: Of<'polling'>, base: Base): TenderEvent[] {
  const { attributes } = resource;
  const found = polledTransactionEvents(attributes.transactions, {
    pollingId: resource.id,
    raw: base.raw,
    fallbackTime: () => base.occurredAt,
  });
  return [
    {
      ...base,
      type: 'polling.completed',
      transactionIds: found.map((event) => event.id),
      ...compact({ from: parseK2Time(attributes.from_time), to: parseK2Time(attributes.to_time) }),
    },
    ...found,
  ];
}

/**
 * Normalizes a K2 result callback, which is also what `GET <Location>` returns (reference §5):
 *
 * - `incoming_payment`: `Success` -> `payment.succeeded` (channel `stk_push`), `Failed` -> `payment.failed`
 *   with K2's reason;
 * - `send_money` and v1 `payment`: `payout.succeeded` / `payout.failed`, one leg per disbursement (or per
 *   echoed destination before batches exist) with its status and failure reason; a `Processed` request
 *   whose every disbursement failed is `payout.failed`, one where only some failed is `payout.succeeded`
 *   with `partial: true` and an amount that counts only the legs that moved (see `payout-result.ts`);
 * - `reversal` (or `reversals`): `reversal.succeeded` / `reversal.failed`;
 * - `payment_link`: `link.updated` with the link's own state lower-cased (`active`, `paid`), URL and payer;
 * - `polling`: one `polling.completed` plus one event per transaction found, in order: a payment event keyed
 *   like the webhook that reports the same transaction so either delivery de-duplicates the other, or a
 *   `provider.event` for an item that is no payment this package can key (see `polled-transactions.ts`);
 * - v1 `settlement_transfer`: `transfer.completed`;
 * - anything else, and the waiting states (`Pending`, `Scheduled`, `Received`): `provider.event`.
 *
 * Ids are `k2:<type>:<id>:<status>` (see `event-ids.ts`). `merchantReference` is `metadata.reference` (or
 * `metadata.order_id`), for payment links their `payment_reference`; `providerReference` the M-PESA
 * reference where there is one, else the K2 resource id. A malformed document throws core's
 * `ValidationError` naming the fields.
 *
 * @example
 * ```ts
 * decodeK2Result({ data: { id: 'a1', type: 'incoming_payment', attributes: { status: 'Failed', event: { errors: 'Request cancelled by user' } } } })[0]?.type;
 * // 'payment.failed'
 * ```
 */
export function decodeK2Result(payload: unknown): TenderEvent[] {
  return decodeK2ResultJson(toPlainJson(payload, { provider: 'k2', operation: 'webhook' }));
}

/**
 * {@link decodeK2Result} of JSON this package parsed itself, which may take the validation fast path;
 * `raw` is `json.value`.
 *
 * @example
 * ```ts
 * decodeK2ResultJson(parseJsonText(body))[0]?.type; // 'payment.succeeded'
 * ```
 */
export function decodeK2ResultJson(json: PlainJson): TenderEvent[] {
  const payload = json.value;
  const resource = parseK2ResourceJson(json);
  const attributes: Readonly<Record<string, unknown>> = resource.attributes;
  const metadata = metadataOf(resource.metadata);
  const base: Base = {
    id: resultEventId(
      resource.type === 'other' ? resource.k2Type : resource.type,
      resource.id,
      resource.status,
    ),
    provider: 'k2',
    providerEvent: resource.k2Type,
    // A result that says nothing of its time happened no later than now, when it is read.
    occurredAt:
      parseK2Time(text(attributes.created_at)) ?? parseK2Time(text(attributes.initiation_time)) ?? new Date(),
    providerReference: resource.id,
    raw: payload,
    ...compact({ metadata, merchantReference: merchantReferenceOf(resource.metadata) }),
  };
  switch (resource.type) {
    case 'incoming_payment':
      return [incomingPayment(resource, base)];
    case 'send_money':
      return [sendMoney(resource, base)];
    case 'payment':
      return [v1Payment(resource, base)];
    case 'settlement_transfer':
      return [settlementTransfer(resource, base)];
    case 'reversal':
      return [reversal(resource, base)];
    case 'payment_link':
      return [paymentLink(resource, base)];
    case 'polling':
      return polling(resource, base);
    default:
      return [{ ...base, type: 'provider.event' }];
  }
}
