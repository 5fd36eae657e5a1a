/**
 * The form fields of a legacy K2 HTTP POST notification (reference k2-legacy-post.md), with invented data:
 * a paybill payment, date `D/M/YY` and time `h:mm AM/PM` in Nairobi time, the payer's phone in local form.
 */

import { randomInt } from 'node:crypto';
import {
  generateAmountCents,
  generatePerson,
  generatePhone,
  generateReceipt,
  SANDBOX_MERCHANT,
} from '../data/generate.ts';
import { legacyTransactionDate, legacyTransactionTime } from '../data/nairobi-time.ts';

/**
 * Every legacy field, all strings on the wire.
 *
 * @example
 * ```ts
 * const fields: LegacyFields = generateLegacyFields(new Date());
 * fields.transaction_type; // 'Paybill'
 * ```
 */
export type LegacyFields = Record<
  | 'k2_account_id'
  | 'k2_transaction_id'
  | 'mm_system_id'
  | 'mp_transaction_id'
  | 'biller_number'
  | 'transaction_date'
  | 'transaction_time'
  | 'transaction_type'
  | 'ac_no'
  | 'sender'
  | 'first_name'
  | 'middle_name'
  | 'last_name'
  | 'amount'
  | 'currency',
  string
>;

/**
 * Invented legacy fields for a payment made at `at`. The amount is in whole shillings, as in the seed's
 * example (`1500`).
 *
 * @example
 * ```ts
 * generateLegacyFields(new Date('2011-04-26T10:03:00Z')).transaction_time; // '1:03 PM'
 * ```
 */
export function generateLegacyFields(at: Date): LegacyFields {
  const person = generatePerson();
  return {
    k2_account_id: SANDBOX_MERCHANT.accountId,
    k2_transaction_id: String(randomInt(1_000_000, 100_000_000)),
    mm_system_id: 'M-PESA',
    mp_transaction_id: generateReceipt(),
    biller_number: SANDBOX_MERCHANT.paybillNumber,
    transaction_date: legacyTransactionDate(at),
    transaction_time: legacyTransactionTime(at),
    transaction_type: 'Paybill',
    ac_no: `A${randomInt(100_000, 1_000_000)}`,
    sender: `0${generatePhone().slice(4)}`,
    first_name: person.firstName,
    middle_name: person.middleName ?? '',
    last_name: person.lastName,
    amount: String(generateAmountCents() / 100),
    currency: 'KES',
  };
}
