import type { EventOfType, PaymentChannel, TenderEvent } from '@tender/core';
import { k2AmountToMoney } from '../resources/amount.ts';
import type { K2TransactionResource } from '../resources/transaction.ts';
import { type TransactionState, transactionEventId } from './event-ids.ts';
import type { K2_TRANSACTION_TOPICS } from './payloads.ts';
import { type TransactionTimeSources, transactionTime } from './transaction-time.ts';
import { compact, text } from './values.ts';

/**
 * What a transaction is: the neutral channel, what happened to it, and the K2 topic that reports it.
 *
 * @example
 * ```ts
 * const kind: TransactionKind = { channel: 'till', state: 'received', topic: 'buygoods_transaction_received' };
 * ```
 */
export interface TransactionKind {
  readonly channel: PaymentChannel;
  readonly state: TransactionState;
  readonly topic: string;
}

/**
 * The kind of each payment topic.
 *
 * @example
 * ```ts
 * TOPIC_KINDS.card_transaction_voided.state; // 'voided'
 * ```
 */
export const TOPIC_KINDS: Readonly<Record<(typeof K2_TRANSACTION_TOPICS)[number], TransactionKind>> = {
  buygoods_transaction_received: {
    channel: 'till',
    state: 'received',
    topic: 'buygoods_transaction_received',
  },
  buygoods_transaction_reversed: {
    channel: 'till',
    state: 'reversed',
    topic: 'buygoods_transaction_reversed',
  },
  b2b_transaction_received: { channel: 'b2b', state: 'received', topic: 'b2b_transaction_received' },
  b2b_transaction_reversed: { channel: 'b2b', state: 'reversed', topic: 'b2b_transaction_reversed' },
  m2m_transaction_received: { channel: 'm2m', state: 'received', topic: 'm2m_transaction_received' },
  card_transaction_received: { channel: 'card', state: 'received', topic: 'card_transaction_received' },
  card_transaction_voided: { channel: 'card', state: 'voided', topic: 'card_transaction_voided' },
  card_transaction_reversed: { channel: 'card', state: 'reversed', topic: 'card_transaction_reversed' },
};

/** Topic prefixes per channel, to name a polled transaction after the webhook that would report it. */
const TOPIC_PREFIX: Partial<Record<PaymentChannel, string>> = {
  till: 'buygoods',
  b2b: 'b2b',
  m2m: 'm2m',
  card: 'card',
};

/**
 * The kind of a transaction found by polling, from its `type` (the webhook's `event.type`, such as
 * `"Buygoods Transaction"` or `"External Till To Till Reversal Transaction"`) and its `status`, or
 * `undefined` for a type this package does not recognise (`"Settlement Transfer"`, a missing type): such an
 * item is no payment it can name, and is passed through as it came.
 *
 * @example
 * ```ts
 * polledTransactionKind('Buygoods Transaction', 'Reversed')?.topic; // 'buygoods_transaction_reversed'
 * polledTransactionKind('Settlement Transfer', 'Transferred'); // undefined
 * ```
 */
export function polledTransactionKind(
  type: string | null | undefined,
  status: string | null | undefined,
): TransactionKind | undefined {
  const name = type ?? '';
  const channel: PaymentChannel | undefined = /till to till/i.test(name)
    ? 'b2b'
    : /merchant to merchant/i.test(name)
      ? 'm2m'
      : /card/i.test(name)
        ? 'card'
        : /buy ?goods/i.test(name)
          ? 'till'
          : undefined;
  const prefix = channel && TOPIC_PREFIX[channel];
  if (!channel || !prefix) return undefined;
  const word = (status ?? '').toLowerCase();
  const state: TransactionState =
    word === 'reversed' || /reversal/i.test(name) ? 'reversed' : word === 'voided' ? 'voided' : 'received';
  return { channel, state, topic: `${prefix}_transaction_${state}` };
}

/** The payment events a transaction becomes. */
type PaymentEvent = EventOfType<'payment.succeeded' | 'payment.reversed' | 'payment.voided'>;

const EVENT_TYPE = {
  received: 'payment.succeeded',
  reversed: 'payment.reversed',
  voided: 'payment.voided',
} as const;

/**
 * Turns one transaction resource into its payment event: `payment.succeeded`, `payment.reversed` or
 * `payment.voided`, keyed on the transaction (see `event-ids.ts`). `providerReference` is the M-PESA or card
 * reference, or K2's transaction id when there is none (m2m). The payer is whoever the resource names: the
 * phone and names of a buy-goods payer, the sending till (b2b), the sending merchant (m2m) or the masked
 * card. Returns `undefined` when the resource has neither a reference nor an id to key it on. When the event
 * happened: see `transaction-time.ts` (a reversal at its `reversal_time`, else at the webhook's
 * `envelopeTime`; a receipt at its `origination_time`; `fallbackTime`, read only when needed, last).
 *
 * @example
 * ```ts
 * transactionEvent(resource, TOPIC_KINDS.buygoods_transaction_received, { raw: payload, fallbackTime: () => new Date() });
 * ```
 */
export function transactionEvent(
  resource: K2TransactionResource,
  kind: TransactionKind,
  context: TransactionTimeSources & { readonly raw: unknown },
): TenderEvent | undefined {
  const reference = text(resource.reference) ?? text(resource.id);
  if (!reference) return undefined;
  const event: PaymentEvent = {
    type: EVENT_TYPE[kind.state],
    id: transactionEventId(reference, kind.state),
    provider: 'k2',
    providerEvent: kind.topic,
    occurredAt: transactionTime(resource, kind.state, context),
    providerReference: reference,
    channel: kind.channel,
    payer: compact({
      firstName: text(resource.sender_first_name),
      middleName: text(resource.sender_middle_name),
      lastName: text(resource.sender_last_name),
      phone: text(resource.sender_phone_number),
      phoneHash: text(resource.hashed_sender_phone),
      account: text(resource.sending_till) ?? text(resource.customer_cc_number),
      name: text(resource.sending_merchant),
    }),
    raw: context.raw,
  };
  // Set one by one rather than spread from a compacted object: a spread copies through the slow generic path.
  const amount = k2AmountToMoney(resource.amount, resource.currency);
  if (amount !== undefined) event.amount = amount;
  const till = text(resource.till_number);
  if (till !== undefined) event.payee = { account: till };
  return event;
}
