/**
 * `POST /api/v2/merchant_bank_accounts` and `POST /api/v2/merchant_wallets`: the merchant's own transfer
 * accounts (reference §3.4). Their status documents use the v1-era shape: `status` moves from `Pending` to
 * `Approved` and `account_reference` (the reference send-money `merchant_*` destinations name) appears.
 * No callback.
 */
import * as v from 'valibot';
import { generateId } from '../../data/generate.ts';
import {
  KenyanPhoneSchema,
  NonBlankStringSchema,
  OptionalTextSchema,
  SettlementMethodSchema,
} from '../common-schemas.ts';
import { defineEndpoint, type OpenContext, resultDocument } from '../endpoint.ts';

/** A merchant bank account body. */
const MerchantBankAccountRequestSchema = v.object({
  account_name: NonBlankStringSchema,
  account_number: NonBlankStringSchema,
  bank_branch_ref: NonBlankStringSchema,
  settlement_method: SettlementMethodSchema,
  nickname: OptionalTextSchema,
});

/** A merchant wallet body (`email` was removed from the wire, §3.4). */
const MerchantWalletRequestSchema = v.object({
  first_name: NonBlankStringSchema,
  last_name: NonBlankStringSchema,
  phone_number: KenyanPhoneSchema,
  network: NonBlankStringSchema,
  nickname: OptionalTextSchema,
});

function openAccount(type: string, fields: Readonly<Record<string, unknown>>, context: OpenContext) {
  const document = (status: string, reference: string | null) =>
    resultDocument(context, type, { status, account_reference: reference, ...fields });
  let current = document('Pending', null);
  return {
    current: () => current,
    settle() {
      current = document('Approved', generateId());
      return undefined;
    },
  };
}

/**
 * The merchant-bank-accounts endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(merchantBankAccounts); // true
 * ```
 */
export const merchantBankAccounts = defineEndpoint({
  collection: 'merchant_bank_accounts',
  schema: MerchantBankAccountRequestSchema,
  open: (input, context) => openAccount('merchant_bank_account', input, context),
});

/**
 * The merchant-wallets endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(merchantWallets); // true
 * ```
 */
export const merchantWallets = defineEndpoint({
  collection: 'merchant_wallets',
  schema: MerchantWalletRequestSchema,
  open: (input, context) => openAccount('merchant_wallet', input, context),
});
