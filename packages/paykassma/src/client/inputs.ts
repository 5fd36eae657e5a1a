import { MoneySchema } from '@tender/core';
import * as v from 'valibot';

const Text = (max: number) =>
  v.pipe(
    v.string('must be a string'),
    v.trim(),
    v.nonEmpty('must not be blank'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/**
 * The payer's id in the merchant's system (Paykassma `label`, at most 190 characters).
 *
 * @example
 * ```ts
 * v.parse(LabelSchema, 'user-58213');
 * ```
 */
export const LabelSchema = Text(190);

/**
 * The input of {@link PaykassmaClient.paymentWindowUrl} (reference §4).
 *
 * @example
 * ```ts
 * const input: PaymentWindowInput = { label: 'user-58213', customTransactionId: 'dep-731', amount: parseMoney('25000', 'MMK') };
 * ```
 */
export const PaymentWindowInputSchema = v.object({
  label: LabelSchema,
  /** Your unique id of the deposit; it comes back as `plugin_custom_order_id` in the postback. */
  customTransactionId: Text(190),
  /** `fixed_amount`, whole kyat. */
  amount: MoneySchema,
  /** @default 'en' */
  lang: v.optional(v.picklist(['en', 'my'], "must be 'en' or 'my' (Burmese)")),
});
/** @example const input: PaymentWindowInput = { label, customTransactionId, amount }; */
export type PaymentWindowInput = v.InferInput<typeof PaymentWindowInputSchema>;

/**
 * The input of {@link PaykassmaClient.createDeposit} (reference §5.1).
 *
 * @example
 * ```ts
 * const input: DepositInput = { label: 'user-58213' };
 * ```
 */
export const DepositInputSchema = v.object({ label: LabelSchema });
/** @example const input: DepositInput = { label: 'user-58213' }; */
export type DepositInput = v.InferInput<typeof DepositInputSchema>;

/**
 * The payer's screenshot of the payment: the file's bytes, name and media type.
 *
 * @example
 * ```ts
 * const screenshot: Screenshot = { data: pngBytes, name: 'receipt.png', type: 'image/png' };
 * ```
 */
export const ScreenshotSchema = v.object({
  data: v.instance(Uint8Array, 'must be a Uint8Array of the file bytes'),
  name: Text(255),
  type: v.pipe(v.string('must be a string'), v.nonEmpty('must not be empty')),
});
/** @example const screenshot: Screenshot = { data, name: 'receipt.jpg', type: 'image/jpeg' }; */
export type Screenshot = v.InferInput<typeof ScreenshotSchema>;

/**
 * The input of {@link PaykassmaClient.activate} (reference §5.2).
 *
 * @example
 * ```ts
 * const input: ActivationInput = {
 *   label: 'user-58213',
 *   customTransactionId: 'dep-731',
 *   transactionId: '01003246080588218368',
 *   amount: parseMoney('25000', 'MMK'),
 *   screenshot,
 * };
 * ```
 */
export const ActivationInputSchema = v.object({
  label: LabelSchema,
  customTransactionId: Text(190),
  /** `key1`: the KBZPay transaction id the payer received, 15 to 25 digits. */
  transactionId: v.pipe(
    v.string('must be a string'),
    v.regex(/^\d{15,25}$/, 'must be the 15 to 25 digits of the KBZPay transaction id'),
  ),
  amount: MoneySchema,
  screenshot: ScreenshotSchema,
});
/** @example const input: ActivationInput = { label, customTransactionId, transactionId, amount, screenshot }; */
export type ActivationInput = v.InferInput<typeof ActivationInputSchema>;

/**
 * The input of {@link PaykassmaClient.createWithdrawal} (reference §9.1).
 *
 * @example
 * ```ts
 * const input: WithdrawalInput = {
 *   label: 'user-58213',
 *   accountNumber: '09712345678',
 *   amount: parseMoney('45000', 'MMK'),
 *   isTest: false,
 * };
 * ```
 */
export const WithdrawalInputSchema = v.object({
  /** Your id of the payout, 1 to 36 characters. @default a random UUID */
  withdrawalId: v.optional(Text(36)),
  /** The payee's id in your system, 1 to 36 characters. */
  label: Text(36),
  /** The payee's KBZPay account: exactly 11 digits. */
  accountNumber: v.pipe(
    v.string('must be a string'),
    v.regex(/^\d{11}$/, 'must be the 11 digits of a KBZPay account number'),
  ),
  amount: MoneySchema,
  /** `true` for a test withdrawal. */
  isTest: v.boolean('must be true or false'),
  /** Sent (and signed) only when given. */
  comment: v.optional(
    v.pipe(v.string('must be a string'), v.maxLength(255, 'must be at most 255 characters')),
  ),
});
/** @example const input: WithdrawalInput = { label, accountNumber: '09712345678', amount, isTest: true }; */
export type WithdrawalInput = v.InferInput<typeof WithdrawalInputSchema>;
