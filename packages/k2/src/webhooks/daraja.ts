import type { Party, TenderEvent } from '@tender/core';
import { type PlainJson, parseWireOrThrow, toPlainJson } from '@tender/core';
import * as v from 'valibot';
import { K2AmountSchema, k2AmountToMoney } from '../resources/amount.ts';
import { K2PhoneSchema, K2TextSchema } from '../resources/fields.ts';
import { transactionEventId } from './event-ids.ts';
import { parseDarajaTime } from './time.ts';
import { compact, text } from './values.ts';

/**
 * The flat Safaricom-Daraja-style body K2 POSTs instead of the envelope when a buy-goods or b2b subscription
 * set `enable_daraja_payload` (reference §4.5). The two known sources disagree on most values, so: the
 * third-party id is read under both spellings (`ThirdPartyTransID`, `ThirdPartyTransId`); `TransactionType`
 * and `MSISDN` are free text (`"Buygoods"` or `"Pay Bill"`; a phone, a hashed value or the sending
 * organisation's short code); every value may be text, and names may be `null`.
 *
 * @example
 * ```ts
 * v.parse(K2DarajaPayloadSchema, payload).TransID; // 'TAB3CD4EF5'
 * ```
 */
export const K2DarajaPayloadSchema = v.looseObject({
  TransactionType: v.string('must be text'),
  TransID: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  TransTime: K2TextSchema,
  TransAmount: K2AmountSchema,
  BusinessShortCode: K2PhoneSchema,
  BillRefNumber: K2TextSchema,
  InvoiceNumber: K2TextSchema,
  OrgAccountBalance: K2AmountSchema,
  ThirdPartyTransID: K2TextSchema,
  ThirdPartyTransId: K2TextSchema,
  MSISDN: K2PhoneSchema,
  FirstName: K2TextSchema,
  MiddleName: K2TextSchema,
  LastName: K2TextSchema,
});

/** @example const reference = (payload: K2DarajaPayload) => payload.TransID; */
export type K2DarajaPayload = v.InferOutput<typeof K2DarajaPayloadSchema>;

/**
 * Whether a body is the Daraja-style variant: it has a `TransactionType` key, as K2's Ruby SDK decides.
 *
 * @example
 * ```ts
 * isK2DarajaPayload({ TransactionType: 'Buygoods', TransID: 'TAB3CD4EF5' }); // true
 * ```
 */
export function isK2DarajaPayload(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'TransactionType' in payload;
}

/** Daraja is sent for b2b subscriptions too; their `TransactionType` names a business or organisation payment. */
const B2B_TYPE = /business|organi[sz]ation/i;
const PHONE = /^\+?\d{9,15}$/;

function payerOf(payload: K2DarajaPayload, b2b: boolean): Party {
  const msisdn = text(payload.MSISDN);
  return compact({
    firstName: text(payload.FirstName),
    middleName: text(payload.MiddleName),
    lastName: text(payload.LastName),
    // For b2b, MSISDN is the paying organisation; for buy goods a phone or, in one source, a masked value.
    account: b2b ? msisdn : undefined,
    phone: !b2b && msisdn && PHONE.test(msisdn) ? msisdn : undefined,
    phoneHash: !b2b && msisdn && !PHONE.test(msisdn) ? msisdn : undefined,
  });
}

/**
 * Normalizes a Daraja-style payload into one `payment.succeeded` (channel `till`, or `b2b` when
 * `TransactionType` names a business payment). Its id is the transaction key of the envelope webhook for
 * the same payment (`TransID` is the M-PESA reference), so either format de-duplicates against the other and
 * against polling. `providerEvent` is the topic the subscription was for. `TransTime` is Nairobi time.
 *
 * @example
 * ```ts
 * decodeK2DarajaPayload({ TransactionType: 'Buygoods', TransID: 'TAB3CD4EF5', TransAmount: '450.0' })[0]?.id;
 * // 'k2:transaction:TAB3CD4EF5:received'
 * ```
 */
export function decodeK2DarajaPayload(raw: unknown): TenderEvent[] {
  return decodeK2DarajaJson(toPlainJson(raw, { provider: 'k2' }));
}

/**
 * {@link decodeK2DarajaPayload} of JSON this package parsed itself, which may take the validation fast
 * path; `raw` is `json.value`.
 *
 * @example
 * ```ts
 * decodeK2DarajaJson(parseJsonText(body))[0]?.type; // 'payment.succeeded'
 * ```
 */
export function decodeK2DarajaJson(json: PlainJson): TenderEvent[] {
  const raw = json.value;
  const payload = parseWireOrThrow(K2DarajaPayloadSchema, json, 'Invalid K2 Daraja-format webhook', {
    provider: 'k2',
  });
  const b2b = B2B_TYPE.test(payload.TransactionType);
  const shortCode = text(payload.BusinessShortCode);
  return [
    {
      type: 'payment.succeeded',
      id: transactionEventId(payload.TransID, 'received'),
      provider: 'k2',
      providerEvent: b2b ? 'b2b_transaction_received' : 'buygoods_transaction_received',
      occurredAt: parseDarajaTime(payload.TransTime) ?? new Date(),
      providerReference: payload.TransID,
      channel: b2b ? 'b2b' : 'till',
      payer: payerOf(payload, b2b),
      ...compact({
        amount: k2AmountToMoney(payload.TransAmount),
        payee: shortCode ? { account: shortCode } : undefined,
        accountNumber: text(payload.BillRefNumber),
      }),
      raw,
    },
  ];
}
