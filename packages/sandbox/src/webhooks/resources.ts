/**
 * The generated `event.resource` of each webhook topic, shaped like the payloads of reference §4.4, and the
 * `event.type` and `_links.resource` path that go with it.
 */
import { formatK2Amount } from '../data/amount.ts';
import {
  generateAmountCents,
  generateBusinessName,
  generateId,
  generatePerson,
  generatePhone,
  generateReceipt,
  generateShortCode,
  hashPhone,
  SANDBOX_MERCHANT,
} from '../data/generate.ts';
import { nairobiTimestamp } from '../data/nairobi-time.ts';
import type { K2WebhookTopic } from './topics.ts';

/**
 * A generated resource and where the envelope points to it.
 *
 * @example
 * ```ts
 * generateTopicResource('customer_created', new Date()).eventType; // 'Customer Created'
 * ```
 */
export interface TopicResource {
  /** `event.type`, the human-readable event name. */
  readonly eventType: string;
  /** The collection `_links.resource` points into, e.g. `financial_transaction`. */
  readonly collection: string;
  readonly resource: Record<string, unknown>;
}

function buygoodsResource(at: Date, status: 'Received' | 'Reversed'): Record<string, unknown> {
  const person = generatePerson();
  const phone = generatePhone();
  return {
    id: generateId(),
    amount: formatK2Amount(generateAmountCents()),
    status,
    system: 'Lipa Na M-PESA',
    currency: 'KES',
    reference: generateReceipt(),
    till_number: SANDBOX_MERCHANT.tillNumber,
    sender_phone_number: phone,
    // K2 added hashed_sender_phone to received buy-goods payloads only (reference §4.4).
    ...(status === 'Received' ? { hashed_sender_phone: hashPhone(phone) } : {}),
    origination_time: nairobiTimestamp(at),
    sender_first_name: person.firstName,
    sender_middle_name: person.middleName,
    sender_last_name: person.lastName,
  };
}

function b2bResource(at: Date, reversed: boolean): Record<string, unknown> {
  return {
    id: generateId(),
    amount: formatK2Amount(generateAmountCents()),
    status: reversed ? 'Reversed' : 'Complete',
    // The fixtures spell the system differently per topic (reference §4.4); both spellings are kept.
    system: reversed ? 'M-PESA' : 'Lipa Na Mpesa',
    currency: 'KES',
    reference: generateReceipt(),
    till_number: SANDBOX_MERCHANT.tillNumber,
    sending_till: generateShortCode(),
    origination_time: nairobiTimestamp(at),
  };
}

function settlementResource(at: Date): Record<string, unknown> {
  const amount = formatK2Amount(generateAmountCents());
  return {
    id: generateId(),
    amount,
    status: 'Transferred',
    currency: 'KES',
    destination: {
      type: 'Bank Account',
      resource: {
        reference: generateId(),
        account_name: `${SANDBOX_MERCHANT.name} Ltd`,
        account_number: '0123456789',
        bank_branch_ref: generateId(),
        settlement_method: 'EFT',
      },
    },
    disbursements: [
      {
        amount,
        status: 'Transferred',
        origination_time: nairobiTimestamp(at, true),
        transaction_reference: null,
      },
    ],
    origination_time: nairobiTimestamp(at, true),
  };
}

function customerResource(): Record<string, unknown> {
  const person = generatePerson();
  return {
    first_name: person.firstName,
    middle_name: person.middleName,
    last_name: person.lastName,
    phone_number: generatePhone(),
  };
}

/**
 * Card payloads are undocumented (reference §4.4 [UNCLEAR]): the keys are the ones K2's Ruby SDK reads, the
 * card number is masked as card processors show it, and `event.type` follows the buy-goods pattern of one
 * name for received and reversed.
 */
function cardResource(at: Date, status: 'Received' | 'Voided' | 'Reversed'): Record<string, unknown> {
  return {
    id: generateId(),
    reference: generateReceipt(),
    origination_time: nairobiTimestamp(at),
    amount: formatK2Amount(generateAmountCents()),
    currency: 'KES',
    status,
    till_number: SANDBOX_MERCHANT.tillNumber,
    customer_cc_number: '411111******1111',
    ...(status === 'Received' ? { settled: true } : {}),
  };
}

function m2mResource(at: Date): Record<string, unknown> {
  return {
    id: generateId(),
    amount: formatK2Amount(generateAmountCents()),
    status: 'Received',
    currency: 'KES',
    origination_time: nairobiTimestamp(at),
    sending_merchant: generateBusinessName(),
  };
}

function topicResource(
  eventType: string,
  collection: string,
  resource: Record<string, unknown>,
): TopicResource {
  return { eventType, collection, resource };
}

/**
 * Generates the resource of one webhook topic, happening at `at`.
 *
 * @example
 * ```ts
 * generateTopicResource('b2b_transaction_received', new Date()).resource.status; // 'Complete'
 * ```
 */
export function generateTopicResource(topic: K2WebhookTopic, at: Date): TopicResource {
  switch (topic) {
    case 'buygoods_transaction_received':
      return topicResource('Buygoods Transaction', 'financial_transaction', buygoodsResource(at, 'Received'));
    case 'buygoods_transaction_reversed':
      return topicResource('Buygoods Transaction', 'financial_transaction', buygoodsResource(at, 'Reversed'));
    case 'b2b_transaction_received':
      return topicResource(
        'External Till to Till Transaction',
        'financial_transaction',
        b2bResource(at, false),
      );
    case 'b2b_transaction_reversed':
      return topicResource(
        'External Till To Till Reversal Transaction',
        'financial_transaction',
        b2bResource(at, true),
      );
    case 'settlement_transfer_completed':
      return topicResource('Settlement Transfer', 'transfer_batch', settlementResource(at));
    case 'customer_created':
      // The customer resource has no id of its own (reference §4.4); the link names the mobile money user.
      return topicResource('Customer Created', 'mobile_money_user', customerResource());
    case 'card_transaction_received':
      return topicResource('Card Transaction', 'financial_transaction', cardResource(at, 'Received'));
    case 'card_transaction_voided':
      return topicResource('Card Transaction', 'financial_transaction', cardResource(at, 'Voided'));
    case 'card_transaction_reversed':
      return topicResource('Card Transaction', 'financial_transaction', cardResource(at, 'Reversed'));
    case 'm2m_transaction_received':
      return topicResource('Merchant to Merchant Transaction', 'payment_batches', m2mResource(at));
  }
}
