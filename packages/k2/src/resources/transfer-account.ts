import * as v from 'valibot';
import { k2ResourceDocument } from './define.ts';
import { K2PhoneSchema, K2TextSchema, k2Status } from './fields.ts';

/**
 * A merchant bank account registered for transfers (`merchant_bank_account`, reference §3.4). Its
 * `account_reference` is the `reference` of send-money `merchant_bank_account` destinations.
 *
 * @example
 * ```ts
 * v.parse(K2MerchantBankAccountDocumentSchema, document).data.attributes.account_reference;
 * ```
 */
export const K2MerchantBankAccountDocumentSchema = k2ResourceDocument(v.literal('merchant_bank_account'), {
  status: k2Status<'Approved'>(),
  account_reference: K2TextSchema,
  bank_branch_ref: K2TextSchema,
  account_name: K2TextSchema,
  account_number: K2TextSchema,
  settlement_method: k2Status<'EFT' | 'RTS'>(),
  nickname: K2TextSchema,
});

/** @example const reference = (document: K2MerchantBankAccountDocument) => document.data.attributes.account_reference; */
export type K2MerchantBankAccountDocument = v.InferOutput<typeof K2MerchantBankAccountDocumentSchema>;

/**
 * A merchant M-PESA wallet registered for transfers (`merchant_wallet`, reference §3.4).
 *
 * @example
 * ```ts
 * v.parse(K2MerchantWalletDocumentSchema, document).data.attributes.phone_number;
 * ```
 */
export const K2MerchantWalletDocumentSchema = k2ResourceDocument(v.literal('merchant_wallet'), {
  status: k2Status<'Approved'>(),
  account_reference: K2TextSchema,
  first_name: K2TextSchema,
  last_name: K2TextSchema,
  phone_number: K2PhoneSchema,
  network: K2TextSchema,
  nickname: K2TextSchema,
});

/** @example const reference = (document: K2MerchantWalletDocument) => document.data.attributes.account_reference; */
export type K2MerchantWalletDocument = v.InferOutput<typeof K2MerchantWalletDocumentSchema>;
