import { type Money, type PayoutLeg, sumMoney, type TenderEvent } from '@tender/core';
import { type K2Resource, parseK2Resource } from '../resources/document.ts';
import {
  compact,
  instant,
  merchantReferenceOf,
  metadataOf,
  moneyOf,
  record,
  sender,
  text,
} from './values.ts';

/** Statuses after which a result is final enough to announce; pending states produce a passthrough. */
const SUCCEEDED = new Set(['success', 'processed', 'transferred', 'complete', 'completed']);
const FAILED = new Set(['failed', 'failure', 'cancelled', 'declined', 'rejected']);

function outcomeOf(status: string | undefined): 'succeeded' | 'failed' | 'pending' {
  const word = (status ?? '').toLowerCase();
  if (SUCCEEDED.has(word)) return 'succeeded';
  if (FAILED.has(word)) return 'failed';
  return 'pending';
}

/** Errors come as a string, an array of strings or objects with a message. */
function errorsText(value: unknown): string | undefined {
  if (Array.isArray(value))
    return (
      value
        .map((item) => text(item) ?? text(record(item).message) ?? '')
        .filter(Boolean)
        .join('; ') || undefined
    );
  return text(value) ?? text(record(value).message);
}

function legsOf(attributes: Record<string, unknown>, currency: unknown): PayoutLeg[] {
  const batches = Array.isArray(attributes.transfer_batches) ? attributes.transfer_batches.map(record) : [];
  return batches.flatMap((batch) =>
    (Array.isArray(batch.disbursements) ? batch.disbursements.map(record) : []).map((leg) => ({
      type: text(leg.destination_type) ?? 'unknown',
      ...compact({
        amount: moneyOf(leg.amount, currency),
        status: text(leg.status),
        providerReference: text(leg.transaction_reference),
        recipient: text(leg.phone_number) ? { phone: text(leg.phone_number) as string } : undefined,
      }),
    })),
  );
}

/** v2 send money has no top-level amount: the payout's amount is the sum of its legs, when they have one currency. */
function totalOf(legs: readonly PayoutLeg[]): Money | undefined {
  const amounts = legs.flatMap((leg) => (leg.amount ? [leg.amount] : []));
  const currency = amounts[0]?.currency;
  if (!currency || amounts.some((amount) => amount.currency !== currency)) return undefined;
  return sumMoney(amounts, currency);
}

/**
 * Normalizes a K2 result callback (the document `GET <Location>` also returns). The event id is
 * `k2:<type>:<resource id>:<status>`: stable across re-deliveries of the same result, and distinct when a
 * resource is announced again in a later state. Polling results give one `polling.completed` plus one
 * `payment.succeeded` per transaction found (id `k2:polling:<polling id>:<transaction id>`).
 *
 * @example
 * ```ts
 * decodeK2Result({ data: { id: 'a1', type: 'incoming_payment', attributes: { status: 'Failed', event: { errors: 'Request cancelled by user' } } } })[0]?.type;
 * // 'payment.failed'
 * ```
 */
export function decodeK2Result(payload: unknown): TenderEvent[] {
  const resource = parseK2Resource(payload);
  const attributes = resource.attributes as Record<string, unknown>;
  const metadata = metadataOf(resource.metadata);
  const outcome = outcomeOf(resource.status);
  const base = {
    id: `k2:${resource.type}:${resource.id}:${resource.status ?? 'unknown'}`,
    provider: 'k2',
    providerEvent: resource.type,
    occurredAt: instant(attributes.created_at) ?? instant(attributes.initiation_time) ?? new Date(),
    raw: payload,
    ...compact({ metadata, merchantReference: merchantReferenceOf(metadata) }),
  };
  switch (resource.type) {
    case 'incoming_payment':
      return incomingPayment(resource, base, outcome);
    case 'send_money':
    case 'payment': {
      if (outcome === 'pending') break;
      const legs = legsOf(attributes, attributes.currency);
      return [
        {
          ...base,
          type: outcome === 'succeeded' ? 'payout.succeeded' : 'payout.failed',
          legs,
          ...compact({
            amount:
              moneyOf(record(attributes.amount).value, record(attributes.amount).currency) ?? totalOf(legs),
            failureReason: errorsText(attributes.errors),
          }),
        },
      ];
    }
    case 'reversal': {
      if (outcome === 'pending') break;
      const payment = record(attributes.reversal_bulk_payment);
      return [
        {
          ...base,
          type: outcome === 'succeeded' ? 'reversal.succeeded' : 'reversal.failed',
          ...compact({
            amount: moneyOf(payment.amount, attributes.currency),
            reversedReference: text(attributes.transaction_reference),
            providerReference: text(payment.transaction_reference),
            failureReason: errorsText(attributes.errors),
          }),
        },
      ];
    }
    case 'payment_link': {
      const link = record(attributes.payment_link);
      const linkStatus = (
        text(link.payment_link_status) ??
        text(link.status) ??
        resource.status ??
        'unknown'
      ).toLowerCase();
      return [
        {
          ...base,
          id: `k2:payment_link:${resource.id}:${linkStatus}`,
          type: 'link.updated',
          linkStatus,
          ...compact({
            url: text(link.link),
            amount: moneyOf(attributes.amount, attributes.currency),
            expiresAt: instant(link.expires_at),
            providerReference: text(link.transaction_reference),
            payer: text(link.sender_phone_number)
              ? { phone: text(link.sender_phone_number) as string }
              : undefined,
          }),
        },
      ];
    }
    case 'polling':
      return polling(resource, base);
    case 'settlement_transfer':
      if (outcome === 'pending') break;
      return [
        {
          ...base,
          type: 'transfer.completed',
          legs: legsOf(attributes, record(attributes.amount).currency),
          ...compact({
            amount: moneyOf(record(attributes.amount).value, record(attributes.amount).currency),
          }),
        },
      ];
  }
  return [{ ...base, type: 'provider.event' }];
}

type Base = Omit<Extract<TenderEvent, { type: 'provider.event' }>, 'type'>;

function incomingPayment(
  resource: K2Resource,
  base: Base,
  outcome: 'succeeded' | 'failed' | 'pending',
): TenderEvent[] {
  const event = record(resource.attributes.event);
  const payment = record(event.resource);
  if (outcome === 'pending') return [{ ...base, type: 'provider.event' }];
  return [
    {
      ...base,
      type: outcome === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
      channel: 'stk_push',
      occurredAt: instant(payment.origination_time) ?? base.occurredAt,
      payer: sender(payment),
      ...compact({
        amount: moneyOf(payment.amount, payment.currency),
        providerReference: text(payment.reference),
        payee: text(payment.till_number) ? { account: text(payment.till_number) as string } : undefined,
        failureReason: outcome === 'failed' ? (errorsText(event.errors) ?? 'failed') : undefined,
      }),
    },
  ];
}

function polling(resource: K2Resource, base: Base): TenderEvent[] {
  const attributes = resource.attributes as Record<string, unknown>;
  const transactions = (
    Array.isArray(attributes.transactions) ? attributes.transactions.map(record) : []
  ).map((transaction) => record(transaction.resource));
  const found: TenderEvent[] = transactions.flatMap((transaction) => {
    const id = text(transaction.id) ?? text(transaction.reference);
    if (!id) return [];
    return [
      {
        ...base,
        id: `k2:polling:${resource.id}:${id}`,
        type: 'payment.succeeded' as const,
        providerEvent: 'polling_transaction',
        occurredAt: instant(transaction.origination_time) ?? base.occurredAt,
        channel: 'till' as const,
        payer: sender(transaction),
        ...compact({
          amount: moneyOf(transaction.amount, transaction.currency),
          providerReference: text(transaction.reference),
          payee: text(transaction.till_number)
            ? { account: text(transaction.till_number) as string }
            : undefined,
        }),
      },
    ];
  });
  return [
    {
      ...base,
      type: 'polling.completed',
      transactionIds: found.map((event) => event.id),
      ...compact({ from: instant(attributes.from_time), to: instant(attributes.to_time) }),
    },
    ...found,
  ];
}
