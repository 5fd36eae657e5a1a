import * as v from 'valibot';
import { type K2Created, postCreate } from './created.ts';
import { kenyanPhoneSchema } from './phone.ts';
import type { K2Transport } from './transport.ts';
import {
  OptionalTextSchema,
  objectMessage,
  parseK2Input,
  SettlementMethodSchema,
  TextSchema,
} from './validation.ts';

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
    accountName: TextSchema,
    accountNumber: TextSchema,
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
    firstName: TextSchema,
    lastName: TextSchema,
    phoneNumber: kenyanPhoneSchema('international'),
    network: TextSchema,
    nickname: OptionalTextSchema,
  },
  objectMessage,
);

/** @example const request: K2MerchantWalletRequest = { firstName, lastName, phoneNumber: '0733000333', network: 'Safaricom' }; */
export type K2MerchantWalletRequest = v.InferInput<typeof K2MerchantWalletRequestSchema>;

/**
 * `client.transferAccounts`: the merchant's own accounts. The SDKs take a `type` only to pick the endpoint
 * and never send it; here each type has its own method.
 *
 * @example
 * ```ts
 * const { id } = await client.transferAccounts.createWallet({ firstName, lastName, phoneNumber, network: 'Safaricom' });
 * ```
 */
export interface K2TransferAccounts {
  /** `POST /api/v2/merchant_bank_accounts`; no callback follows. */
  createBankAccount(request: K2MerchantBankAccountRequest): Promise<K2Created>;
  /** `POST /api/v2/merchant_wallets`; no callback follows. */
  createWallet(request: K2MerchantWalletRequest): Promise<K2Created>;
}

/**
 * Builds the transfer accounts group of the client.
 *
 * @example
 * ```ts
 * const transferAccounts = createTransferAccounts(transport);
 * ```
 */
export function createTransferAccounts({ api }: K2Transport): K2TransferAccounts {
  return {
    async createBankAccount(input) {
      const operation = 'transferAccounts.createBankAccount';
      const request = parseK2Input(K2MerchantBankAccountRequestSchema, input, operation);
      return postCreate(api, {
        path: '/api/v2/merchant_bank_accounts',
        body: {
          account_name: request.accountName,
          account_number: request.accountNumber,
          bank_branch_ref: request.bankBranchRef,
          settlement_method: request.settlementMethod,
          ...(request.nickname === undefined ? {} : { nickname: request.nickname }),
        },
        operation,
        movesMoney: false,
      });
    },

    async createWallet(input) {
      const operation = 'transferAccounts.createWallet';
      const request = parseK2Input(K2MerchantWalletRequestSchema, input, operation);
      return postCreate(api, {
        path: '/api/v2/merchant_wallets',
        body: {
          first_name: request.firstName,
          last_name: request.lastName,
          phone_number: request.phoneNumber,
          network: request.network,
          ...(request.nickname === undefined ? {} : { nickname: request.nickname }),
        },
        operation,
        movesMoney: false,
      });
    },
  };
}
