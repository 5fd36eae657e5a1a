import * as v from 'valibot';
import { HttpUrlSchema, MetadataSchema, NonBlankSchema, RequestAmountSchema } from './common.ts';
import { strictRequest } from './strict-request.ts';

/**
 * Where a payout goes. External destinations name the recipient; `merchant_wallet` and
 * `merchant_bank_account` are the merchant's own accounts, named by the provider's reference for them;
 * `recipient` is a recipient saved with the provider before.
 *
 * @example
 * ```ts
 * const destination: PayoutDestination = { type: 'mobile_wallet', phone: '254711000111', network: 'Safaricom' };
 * ```
 */
export const PayoutDestinationSchema = v.variant('type', [
  strictRequest({
    type: v.literal('mobile_wallet'),
    phone: NonBlankSchema,
    network: v.optional(NonBlankSchema),
    firstName: v.optional(v.string()),
    lastName: v.optional(v.string()),
    email: v.optional(v.pipe(v.string(), v.email('must be an email address'))),
    nickname: v.optional(v.string()),
  }),
  strictRequest({
    type: v.literal('bank_account'),
    accountName: NonBlankSchema,
    accountNumber: NonBlankSchema,
    /** The provider's id for the bank branch (K2 `bank_branch_ref`). */
    bankBranchRef: v.optional(NonBlankSchema),
    bankCode: v.optional(NonBlankSchema),
    branchCode: v.optional(NonBlankSchema),
    settlementMethod: v.optional(v.picklist(['EFT', 'RTS'])),
    nickname: v.optional(v.string()),
  }),
  strictRequest({
    type: v.literal('paybill'),
    paybillNumber: NonBlankSchema,
    accountNumber: NonBlankSchema,
    name: v.optional(v.string()),
    nickname: v.optional(v.string()),
  }),
  strictRequest({
    type: v.literal('till'),
    tillNumber: NonBlankSchema,
    name: v.optional(v.string()),
    nickname: v.optional(v.string()),
  }),
  strictRequest({ type: v.literal('merchant_wallet'), reference: NonBlankSchema }),
  strictRequest({ type: v.literal('merchant_bank_account'), reference: NonBlankSchema }),
  strictRequest({ type: v.literal('recipient'), reference: NonBlankSchema }),
]);

/** @example const destination: PayoutDestination = { type: 'till', tillNumber: '556677' }; */
export type PayoutDestination = v.InferOutput<typeof PayoutDestinationSchema>;

/**
 * Send money out.
 *
 * @example
 * ```ts
 * const request: PayoutRequest = {
 *   amount: parseMoney('1200', 'KES'),
 *   destination: { type: 'mobile_wallet', phone: '254711000111' },
 *   callbackUrl: 'https://shop.example/k2/results/payout',
 * };
 * ```
 */
export const PayoutRequestSchema = strictRequest({
  amount: RequestAmountSchema,
  /** Where the money goes: a mobile wallet, bank account, till, paybill or the merchant's own account. */
  destination: PayoutDestinationSchema,
  reference: v.optional(NonBlankSchema),
  description: v.optional(v.string()),
  callbackUrl: v.optional(HttpUrlSchema),
  metadata: v.optional(MetadataSchema),
});

/** @example const request: PayoutRequest = { amount: money(100, 'KES'), destination }; */
export type PayoutRequest = v.InferOutput<typeof PayoutRequestSchema>;
