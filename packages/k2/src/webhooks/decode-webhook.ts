import { type PaymentChannel, parseOrThrow, type TenderEvent } from '@tender/core';
import * as v from 'valibot';
import { compact, instant, metadataOf, moneyOf, record, sender, text } from './values.ts';

/**
 * The envelope of every K2 webhook (section 4.2 of the reference): `topic`, `id` (the de-duplication key),
 * `created_at` and `event.resource`.
 *
 * @example
 * ```ts
 * v.is(K2WebhookEnvelopeSchema, payload);
 * ```
 */
export const K2WebhookEnvelopeSchema = v.looseObject({
  topic: v.pipe(v.string(), v.nonEmpty()),
  id: v.pipe(v.string(), v.nonEmpty()),
  created_at: v.optional(v.nullable(v.string())),
  event: v.optional(
    v.nullable(v.looseObject({ type: v.optional(v.nullable(v.string())), resource: v.unknown() })),
  ),
});

const PAYMENT_TOPICS: Record<
  string,
  { type: 'payment.succeeded' | 'payment.reversed' | 'payment.voided'; channel: PaymentChannel }
> = {
  buygoods_transaction_received: { type: 'payment.succeeded', channel: 'till' },
  buygoods_transaction_reversed: { type: 'payment.reversed', channel: 'till' },
  b2b_transaction_received: { type: 'payment.succeeded', channel: 'b2b' },
  b2b_transaction_reversed: { type: 'payment.reversed', channel: 'b2b' },
  m2m_transaction_received: { type: 'payment.succeeded', channel: 'm2m' },
  card_transaction_received: { type: 'payment.succeeded', channel: 'card' },
  card_transaction_reversed: { type: 'payment.reversed', channel: 'card' },
  card_transaction_voided: { type: 'payment.voided', channel: 'card' },
};

/**
 * Normalizes one K2 webhook. Payment topics become payment events, `settlement_transfer_completed` a
 * `transfer.completed`, `customer_created` a `customer.created`; any other topic a `provider.event`. Card
 * topics have no published sample: their fields are read as the Ruby SDK reads them and everything else is
 * left in `raw`.
 *
 * @example
 * ```ts
 * decodeK2Webhook(payload)[0]?.type; // 'payment.succeeded'
 * ```
 */
export function decodeK2Webhook(payload: unknown): TenderEvent[] {
  const envelope = parseOrThrow(K2WebhookEnvelopeSchema, payload, 'Invalid K2 webhook', { provider: 'k2' });
  const resource = record(envelope.event?.resource);
  const occurredAt = instant(resource.origination_time) ?? instant(envelope.created_at) ?? new Date();
  const base = { id: envelope.id, provider: 'k2', providerEvent: envelope.topic, occurredAt, raw: payload };
  const payment = PAYMENT_TOPICS[envelope.topic];
  if (payment) {
    return [
      {
        ...base,
        ...compact({
          providerReference: text(resource.reference),
          amount: moneyOf(resource.amount, resource.currency),
          payee: text(resource.till_number) ? { account: text(resource.till_number) as string } : undefined,
          metadata: metadataOf(resource.metadata),
        }),
        type: payment.type,
        channel: payment.channel,
        payer: sender(resource),
      },
    ];
  }
  if (envelope.topic === 'settlement_transfer_completed') {
    const destination = record(record(resource.destination).resource);
    const legs = Array.isArray(resource.disbursements) ? resource.disbursements.map(record) : [];
    return [
      {
        ...base,
        ...compact({
          providerReference: text(resource.id),
          amount: moneyOf(resource.amount, resource.currency),
        }),
        type: 'transfer.completed',
        destination: compact({
          name: text(destination.account_name) ?? text(destination.first_name),
          account: text(destination.account_number) ?? text(destination.phone_number),
          id: text(destination.reference),
        }),
        legs: legs.map((leg) =>
          compact({
            type: text(record(resource.destination).type) ?? 'transfer',
            amount: moneyOf(leg.amount, resource.currency),
            status: text(leg.status),
            providerReference: text(leg.transaction_reference),
          }),
        ) as { type: string }[],
      },
    ];
  }
  if (envelope.topic === 'customer_created') {
    return [
      {
        ...base,
        type: 'customer.created',
        customer: compact({
          firstName: text(resource.first_name),
          middleName: text(resource.middle_name),
          lastName: text(resource.last_name),
          phone: text(resource.phone_number),
        }),
      },
    ];
  }
  return [{ ...base, type: 'provider.event' }];
}

/**
 * The flat Daraja-style body K2 sends instead of the envelope when a subscription asked for it. It is
 * recognised by its `TransactionType` key, as the Ruby SDK does.
 *
 * @example
 * ```ts
 * isDarajaPayload({ TransactionType: 'Buygoods', TransID: 'TAB3CD4EF5' }); // true
 * ```
 */
export function isDarajaPayload(payload: unknown): boolean {
  return typeof record(payload).TransactionType === 'string';
}

const DarajaSchema = v.looseObject({
  TransactionType: v.string(),
  TransID: v.pipe(v.string(), v.nonEmpty()),
  TransAmount: v.union([v.string(), v.number()]),
  TransTime: v.optional(v.nullable(v.string())),
});

/** `YYYYMMDDHHmmss` in Kenyan time (Daraja's convention; no zone is sent). */
function darajaTime(value: string | null | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, (hour ?? 0) - 3, minute, second));
}

/**
 * Normalizes a Daraja-style payload into `payment.succeeded`. Both spellings of the third-party id key
 * (`ThirdPartyTransID`, `ThirdPartyTransId`) are read; `TransactionType` and `MSISDN` are free text
 * (the sources disagree on their values). Its id is `k2:daraja:<TransID>`: the body carries no event id.
 *
 * @example
 * ```ts
 * decodeDarajaPayload({ TransactionType: 'Buygoods', TransID: 'TAB3CD4EF5', TransAmount: '450.0' })[0]?.id;
 * // 'k2:daraja:TAB3CD4EF5'
 * ```
 */
export function decodeDarajaPayload(payload: unknown): TenderEvent[] {
  const body = parseOrThrow(DarajaSchema, payload, 'Invalid K2 Daraja payload', { provider: 'k2' });
  const fields = record(payload);
  const b2b = /business|organization/i.test(body.TransactionType);
  return [
    {
      id: `k2:daraja:${body.TransID}`,
      type: 'payment.succeeded',
      provider: 'k2',
      providerEvent: `daraja:${body.TransactionType}`,
      occurredAt: darajaTime(body.TransTime) ?? new Date(),
      providerReference: body.TransID,
      ...compact({
        amount: moneyOf(body.TransAmount, undefined),
        accountNumber: text(fields.BillRefNumber),
        payee: text(fields.BusinessShortCode)
          ? { account: text(fields.BusinessShortCode) as string }
          : undefined,
      }),
      channel: b2b ? 'b2b' : 'till',
      payer: compact({
        firstName: text(fields.FirstName),
        middleName: text(fields.MiddleName),
        lastName: text(fields.LastName),
        phone: text(fields.MSISDN),
        id: text(fields.ThirdPartyTransID) ?? text(fields.ThirdPartyTransId),
      }),
      raw: payload,
    },
  ];
}
