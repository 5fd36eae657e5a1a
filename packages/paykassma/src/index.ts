/**
 * @tender/paykassma: Paykassma KBZPay Manual (Myanmar, MMK) for tender. The full client
 * (`createPaykassmaClient`: payment window URL, deposit, activation, withdrawal), the neutral Provider
 * (`createPaykassmaProvider`: collect, confirm, payout, link) and the postback WebhookSource
 * (`createPaykassmaSource`).
 *
 * @example
 * ```ts
 * import { parseMoney } from '@tender/core';
 * import { createPaykassmaProvider } from '@tender/paykassma';
 *
 * const paykassma = createPaykassmaProvider(config);
 * const deposit = await paykassma.collect({ amount: parseMoney('25000', 'MMK'), payer: { customerId: 'user-58213' } });
 * ```
 * @module
 */
export { PAYKASSMA_ERROR_CODES } from './client/answers.ts';
export {
  createPaykassmaClient,
  KBZPAY_WALLET_TYPE,
  type PaykassmaClient,
  type PaykassmaDeposit,
  type PaykassmaWithdrawal,
} from './client/client.ts';
export type {
  ActivationInput,
  DepositInput,
  PaymentWindowInput,
  Screenshot,
  WithdrawalInput,
} from './client/inputs.ts';
export { type SignedValue, signWithdrawal, withdrawalSignString } from './client/withdrawal-signature.ts';
export {
  PAYKASSMA_DEFAULT_USER_AGENT,
  PAYKASSMA_VERSION,
  type PaykassmaConfig,
  PaykassmaConfigSchema,
} from './config.ts';
export { type JsonEntry, type JsonNode, JsonSyntaxError, parseExactJson } from './json/exact-json.ts';
export { phpJson, phpJsonString } from './json/php-json.ts';
export { fromKyat, KBZPAY_CURRENCY, toKyat } from './kyat.ts';
export { decodePaykassmaPostback } from './postback/decode.ts';
export { hashedLists, paykassmaPostbackSignature, signedList } from './postback/signature.ts';
export { createPaykassmaSource, type PaykassmaSourceOptions } from './postback/source.ts';
export {
  createPaykassmaProvider,
  PAYKASSMA_CAPABILITIES,
  type PaykassmaProvider,
  type PaykassmaProviderOptions,
} from './provider/provider.ts';
