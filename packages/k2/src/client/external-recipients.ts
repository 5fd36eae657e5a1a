import * as v from 'valibot';
import { kenyanPhoneSchema } from './phone.ts';
import {
  expected,
  OptionalTextSchema,
  objectMessage,
  SettlementMethodSchema,
  TextSchema,
  TillNumberSchema,
} from './validation.ts';

const RECIPIENT_TYPES = ['mobile_wallet', 'bank_account', 'till', 'paybill'] as const;

/**
 * A recipient saved with K2 for later payouts (`POST /api/v2/external_recipients`, renamed from v1
 * `pay_recipients`). One flat camelCase object per `type`; the body nests the fields under
 * `external_recipient`.
 *
 * - `mobile_wallet`: `firstName`, `lastName`, `phoneNumber` (any Kenyan form, sent as `+254…` like the
 *   guide's examples), `network` (e.g. `Safaricom`), optional `email` (required only by the Ruby SDK) and
 *   `nickname`.
 * - `bank_account`: `accountName`, `accountNumber`, `bankBranchRef` (K2's bank branch reference),
 *   optional `nickname`, optional `settlementMethod` (`EFT`/`RTS`): only the Node SDK requires and sends it,
 *   Ruby and Python neither ([UNCLEAR]), so it is sent only when given.
 * - `till`: `tillName`, `tillNumber`, optional `nickname`.
 * - `paybill`: `paybillName`, `paybillNumber`, `paybillAccountNumber`, optional `nickname`.
 *
 * @example
 * ```ts
 * const request: K2ExternalRecipientRequest = {
 *   type: 'mobile_wallet',
 *   firstName: 'Brian',
 *   lastName: 'Mwangi',
 *   phoneNumber: '0722000222',
 *   network: 'Safaricom',
 *   nickname: 'Driver Brian',
 * };
 * ```
 */
export const K2ExternalRecipientRequestSchema = v.variant(
  'type',
  [
    v.object(
      {
        type: v.literal('mobile_wallet'),
        /** The wallet holder's first name. */
        firstName: TextSchema,
        /** The wallet holder's last name. */
        lastName: TextSchema,
        /** The wallet's Kenyan mobile number in any form (`0722000222`, `254…`, `+254…`); sent as `+254…`. */
        phoneNumber: kenyanPhoneSchema('international'),
        /** The mobile network of the wallet, such as `Safaricom`. */
        network: TextSchema,
        /** The wallet holder's email address. Optional. */
        email: v.optional(
          v.pipe(v.string(expected('an email address')), v.trim(), v.email('must be an email address')),
        ),
        nickname: OptionalTextSchema,
      },
      objectMessage,
    ),
    v.object(
      {
        type: v.literal('bank_account'),
        /** The name the bank account is held in. */
        accountName: TextSchema,
        /** The bank account number. */
        accountNumber: TextSchema,
        /** K2's reference of the bank branch, a UUID (`1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5`). */
        bankBranchRef: TextSchema,
        settlementMethod: v.optional(SettlementMethodSchema),
        nickname: OptionalTextSchema,
      },
      objectMessage,
    ),
    v.object(
      {
        type: v.literal('till'),
        /** The name of the till, such as the business behind it. */
        tillName: TextSchema,
        /** The M-PESA till number, digits only (`889900`). */
        tillNumber: TillNumberSchema,
        nickname: OptionalTextSchema,
      },
      objectMessage,
    ),
    v.object(
      {
        type: v.literal('paybill'),
        /** The name of the paybill, such as the business behind it. */
        paybillName: TextSchema,
        /** The M-PESA paybill (business) number. */
        paybillNumber: TextSchema,
        /** The account number to pay under the paybill (`ACC-5521`). */
        paybillAccountNumber: TextSchema,
        nickname: OptionalTextSchema,
      },
      objectMessage,
    ),
  ],
  `must be one of ${RECIPIENT_TYPES.join(', ')}`,
);

/** @example const request: K2ExternalRecipientRequest = { type: 'till', tillName: 'Stationery', tillNumber: '889900' }; */
export type K2ExternalRecipientRequest = v.InferInput<typeof K2ExternalRecipientRequestSchema>;

type Recipient = v.InferOutput<typeof K2ExternalRecipientRequestSchema>;

/**
 * The wire body of `POST /api/v2/external_recipients`: `{ type, external_recipient: {...} }`.
 *
 * @example
 * ```ts
 * externalRecipientBody(v.parse(K2ExternalRecipientRequestSchema, request));
 * ```
 */
export function externalRecipientBody(request: Recipient): Record<string, unknown> {
  const nickname = request.nickname === undefined ? {} : { nickname: request.nickname };
  return { type: request.type, external_recipient: { ...recipientFields(request), ...nickname } };
}

function recipientFields(request: Recipient): Record<string, unknown> {
  switch (request.type) {
    case 'mobile_wallet':
      return {
        first_name: request.firstName,
        last_name: request.lastName,
        ...(request.email === undefined ? {} : { email: request.email }),
        phone_number: request.phoneNumber,
        network: request.network,
      };
    case 'bank_account':
      return {
        account_name: request.accountName,
        account_number: request.accountNumber,
        bank_branch_ref: request.bankBranchRef,
        ...(request.settlementMethod === undefined ? {} : { settlement_method: request.settlementMethod }),
      };
    case 'till':
      return { till_name: request.tillName, till_number: request.tillNumber };
    case 'paybill':
      return {
        paybill_name: request.paybillName,
        paybill_number: request.paybillNumber,
        paybill_account_number: request.paybillAccountNumber,
      };
  }
}
