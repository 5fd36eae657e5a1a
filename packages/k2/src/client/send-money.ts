import { toWireNumber } from '@tender/core';
import * as v from 'valibot';
import { kenyanPhoneSchema } from './phone.ts';
import {
  CallbackUrlSchema,
  K2MetadataSchema,
  KesAmountSchema,
  OptionalTextSchema,
  objectMessage,
  TextSchema,
  TillNumberSchema,
} from './validation.ts';

const FavouriteSchema = v.optional(v.boolean('must be true or false'));

/** The fields every external destination shares besides its own. */
const externalFields = {
  /** The amount to send: a Money in KES, more than zero; sent as a JSON number. */
  amount: KesAmountSchema,
  /** Required by K2 for every external destination. */
  description: TextSchema,
  nickname: OptionalTextSchema,
  /** Save the destination as a favourite. */
  favourite: FavouriteSchema,
};

const DESTINATION_TYPES = [
  'mobile_wallet',
  'bank_account',
  'till',
  'paybill',
  'merchant_wallet',
  'merchant_bank_account',
] as const;

/**
 * One send-money destination. External ones (`mobile_wallet`, `bank_account`, `till`, `paybill`) are
 * created on the fly if K2 does not know them yet; `merchant_wallet` and `merchant_bank_account` are the
 * merchant's own transfer accounts, named by their account `reference`.
 *
 * - `mobile_wallet.phoneNumber`: any Kenyan form; sent as `254…` without `+` (Ruby enforces `^254\d{9}$`
 *   "to match Core", the guide's examples agree).
 * - `amount`: KES, more than zero, sent as a JSON number (the guide; the Ruby README's strings are
 *   [UNCLEAR]).
 * - own accounts carry exactly `{ type, reference, amount }`, as Ruby, Python and PHP send them.
 *
 * @example
 * ```ts
 * const wallet: K2SendMoneyDestination = {
 *   type: 'mobile_wallet',
 *   phoneNumber: '0722000222',
 *   network: 'Safaricom',
 *   amount: parseMoney('1500', 'KES'),
 *   description: 'Delivery fee',
 * };
 * const own: K2SendMoneyDestination = { type: 'merchant_wallet', reference: '6a7b8c9d', amount: parseMoney('5000', 'KES') };
 * ```
 */
export const K2SendMoneyDestinationSchema = v.variant(
  'type',
  [
    v.object(
      {
        type: v.literal('mobile_wallet'),
        /** The wallet's Kenyan mobile number in any form (`0722000222`, `+254…`); sent as `254…` without `+`. */
        phoneNumber: kenyanPhoneSchema('plain'),
        /** The mobile network of the wallet, such as `Safaricom`. */
        network: TextSchema,
        ...externalFields,
      },
      objectMessage,
    ),
    v.object(
      {
        type: v.literal('bank_account'),
        /** K2's reference of the bank branch, a UUID (`1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5`). */
        bankBranchRef: TextSchema,
        /** The name the bank account is held in. */
        accountName: TextSchema,
        /** The bank account number. */
        accountNumber: TextSchema,
        ...externalFields,
      },
      objectMessage,
    ),
    v.object(
      {
        type: v.literal('till'),
        /** The M-PESA till number, digits only (`889900`). */
        tillNumber: TillNumberSchema,
        ...externalFields,
      },
      objectMessage,
    ),
    v.object(
      {
        type: v.literal('paybill'),
        paybillNumber: TextSchema,
        paybillAccountNumber: TextSchema,
        ...externalFields,
      },
      objectMessage,
    ),
    v.object(
      { type: v.literal('merchant_wallet'), reference: TextSchema, amount: KesAmountSchema },
      objectMessage,
    ),
    v.object(
      { type: v.literal('merchant_bank_account'), reference: TextSchema, amount: KesAmountSchema },
      objectMessage,
    ),
  ],
  `must be one of ${DESTINATION_TYPES.join(', ')}`,
);

/** @example const destination: K2SendMoneyDestination = { type: 'till', tillNumber: '889900', amount, description: 'Stationery' }; */
export type K2SendMoneyDestination = v.InferInput<typeof K2SendMoneyDestinationSchema>;

/**
 * A send-money request: several destinations at once, or none for a **sweep** (K2 moves all available
 * funds to the preferred accounts of the company and its tills). `currency` is always KES, the only
 * currency K2 supports, so it is not an input. `sourceIdentifier` is optional and sent as given; its
 * meaning (presumably the till or account the funds leave from) is not defined anywhere ([UNCLEAR]).
 *
 * @example
 * ```ts
 * const payroll: K2SendMoneyRequest = {
 *   sourceIdentifier: '776655',
 *   destinations: [wallet, own],
 *   metadata: { batch: 'payroll-2026-01' },
 *   callbackUrl: 'https://shop.example/k2/results/send-money',
 * };
 * const sweep: K2SendMoneyRequest = { callbackUrl: 'https://shop.example/k2/results/sweep' };
 * ```
 */
export const K2SendMoneyRequestSchema = v.object(
  {
    sourceIdentifier: OptionalTextSchema,
    /** Where the money goes; leave out (or give an empty list) for a sweep of all available funds to the preferred accounts. */
    destinations: v.optional(v.array(K2SendMoneyDestinationSchema, 'must be an array of destinations')),
    metadata: v.optional(K2MetadataSchema),
    /** The absolute http(s) URL where K2 posts the payout's result. */
    callbackUrl: CallbackUrlSchema,
  },
  objectMessage,
);

/** @example const request: K2SendMoneyRequest = { destinations: [destination], callbackUrl }; */
export type K2SendMoneyRequest = v.InferInput<typeof K2SendMoneyRequestSchema>;

type Destination = v.InferOutput<typeof K2SendMoneyDestinationSchema>;

/**
 * The wire body of `POST /api/v2/send_money`. A sweep (no destinations, or an empty list) sends no
 * `destinations` key, as the guide and the Node SDK do (Ruby and Python send `[]` and a null source
 * identifier: the same request).
 *
 * @example
 * ```ts
 * sendMoneyBody(v.parse(K2SendMoneyRequestSchema, { callbackUrl })); // { currency: 'KES', _links: { callback_url } }
 * ```
 */
export function sendMoneyBody(
  request: v.InferOutput<typeof K2SendMoneyRequestSchema>,
): Record<string, unknown> {
  const destinations = request.destinations ?? [];
  return {
    ...(request.sourceIdentifier === undefined ? {} : { source_identifier: request.sourceIdentifier }),
    currency: 'KES',
    ...(destinations.length === 0 ? {} : { destinations: destinations.map(destinationBody) }),
    ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
    _links: { callback_url: request.callbackUrl },
  };
}

function destinationBody(destination: Destination): Record<string, unknown> {
  switch (destination.type) {
    case 'merchant_wallet':
    case 'merchant_bank_account':
      return {
        type: destination.type,
        reference: destination.reference,
        amount: toWireNumber(destination.amount),
      };
    case 'mobile_wallet':
      return external(destination, {
        phone_number: destination.phoneNumber,
        network: destination.network,
      });
    case 'bank_account':
      return external(destination, {
        bank_branch_ref: destination.bankBranchRef,
        account_name: destination.accountName,
        account_number: destination.accountNumber,
      });
    case 'till':
      return external(destination, { till_number: destination.tillNumber });
    case 'paybill':
      return external(destination, {
        paybill_number: destination.paybillNumber,
        paybill_account_number: destination.paybillAccountNumber,
      });
  }
}

function external(
  destination: Extract<Destination, { description: string }>,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: destination.type,
    ...fields,
    amount: toWireNumber(destination.amount),
    description: destination.description,
    ...(destination.nickname === undefined ? {} : { nickname: destination.nickname }),
    ...(destination.favourite === undefined ? {} : { favourite: destination.favourite }),
  };
}
