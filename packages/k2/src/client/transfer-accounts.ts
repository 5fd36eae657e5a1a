import * as v from 'valibot';
import { kenyanPhoneSchema } from './phone.ts';
import { OptionalTextSchema, objectMessage, SettlementMethodSchema, TextSchema } from './validation.ts';

/**
 * One of the merchant's own bank accounts, for send-money `merchant_bank_account` destinations
 * (`POST /api/v2/merchant_bank_accounts`). `settlementMethod` is required here (Ruby validates `EFT`/`RTS`);
 * `nickname` is optional and sent when given (Ruby, Python).
 *
 * @example
 * ```ts
 * const request: K2MerchantBankAccountRequest = {
 *   accountName: 'Kilima Traders Ltd',
 *   accountNumber: '0123456789',
 *   bankBranchRef: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
 *   settlementMethod: 'RTS',
 * };
 * ```
 */
export const K2MerchantBankAccountRequestSchema = v.object(
  {
    /** The name the merchant's bank account is held in. */
    accountName: TextSchema,
    /** The merchant's bank account number. */
    accountNumber: TextSchema,
    /** K2's reference of the bank branch, a UUID (`1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5`). */
    bankBranchRef: TextSchema,
    settlementMethod: SettlementMethodSchema,
    nickname: OptionalTextSchema,
  },
  objectMessage,
);

/** @example const request: K2MerchantBankAccountRequest = { accountName, accountNumber, bankBranchRef, settlementMethod: 'EFT' }; */
export type K2MerchantBankAccountRequest = v.InferInput<typeof K2MerchantBankAccountRequestSchema>;

/**
 * One of the merchant's own mobile wallets, for send-money `merchant_wallet` destinations
 * (`POST /api/v2/merchant_wallets`). The phone number is sent as `+254…` like the guide's example. There is
 * no `email`: Python removed it, Ruby validates but never sends it.
 *
 * @example
 * ```ts
 * const request: K2MerchantWalletRequest = {
 *   firstName: 'Grace',
 *   lastName: 'Njeri',
 *   phoneNumber: '0733000333',
 *   network: 'Safaricom',
 * };
 * ```
 */
export const K2MerchantWalletRequestSchema = v.object(
  {
    /** The wallet holder's first name. */
    firstName: TextSchema,
    /** The wallet holder's last name. */
    lastName: TextSchema,
    /** The wallet's Kenyan mobile number in any form (`0733000333`, `254…`, `+254…`); sent as `+254…`. */
    phoneNumber: kenyanPhoneSchema('international'),
    /** The mobile network of the wallet, such as `Safaricom`. */
    network: TextSchema,
    nickname: OptionalTextSchema,
  },
  objectMessage,
);

/** @example const request: K2MerchantWalletRequest = { firstName, lastName, phoneNumber: '0733000333', network: 'Safaricom' }; */
export type K2MerchantWalletRequest = v.InferInput<typeof K2MerchantWalletRequestSchema>;

/**
 * The wire body of `POST /api/v2/merchant_bank_accounts`.
 *
 * @example
 * ```ts
 * merchantBankAccountBody(v.parse(K2MerchantBankAccountRequestSchema, request));
 * ```
 */
export function merchantBankAccountBody(
  request: v.InferOutput<typeof K2MerchantBankAccountRequestSchema>,
): Record<string, unknown> {
  return {
    account_name: request.accountName,
    account_number: request.accountNumber,
    bank_branch_ref: request.bankBranchRef,
    settlement_method: request.settlementMethod,
    ...(request.nickname === undefined ? {} : { nickname: request.nickname }),
  };
}

/**
 * The wire body of `POST /api/v2/merchant_wallets`.
 *
 * @example
 * ```ts
 * merchantWalletBody(v.parse(K2MerchantWalletRequestSchema, request));
 * ```
 */
export function merchantWalletBody(
  request: v.InferOutput<typeof K2MerchantWalletRequestSchema>,
): Record<string, unknown> {
  return {
    first_name: request.firstName,
    last_name: request.lastName,
    phone_number: request.phoneNumber,
    network: request.network,
    ...(request.nickname === undefined ? {} : { nickname: request.nickname }),
  };
}
