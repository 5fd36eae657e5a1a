/**
 * @tender/ktwidget: KTPay's card widget (KTWidget, Kazakhstan) for tender. The server client
 * (`createKtwidgetClient`: sealed-box transaction creation), the neutral Provider (`createKtwidgetProvider`:
 * collect, notify, status) and the WebhookSource for KTPay's callbacks (`createKtwidgetSource`). The
 * payer's browser part is the separate entry `@tender/ktwidget/browser`.
 *
 * @example
 * ```ts
 * import { parseMoney } from '@tender/core';
 * import { createKtwidgetProvider } from '@tender/ktwidget';
 *
 * const ktwidget = createKtwidgetProvider({ appId, appKey, merchantId: 42, environment: 'test', callbackUrl, callbackSecret });
 * const operation = await ktwidget.collect({ amount: parseMoney('4990', 'KZT'), payer: {}, reference: 'ORD-1' });
 * ```
 * @module
 */
export { callbackToken, callbackTokenMatches, callbackUrlWithToken } from './client/callback-token.ts';
export { createKtwidgetClient, KTWIDGET_PAYMENT_PATH, type KtwidgetClient } from './client/client.ts';
export {
  KTWIDGET_ERROR_CODES,
  KtwidgetApiError,
  type KtwidgetErrorEnvelope,
  type KtwidgetErrorKind,
  parseKtwidgetErrorBody,
  readKtwidgetError,
} from './client/errors.ts';
export {
  type CheckedKtwidgetOrder,
  checkKtwidgetOrder,
  type KtwidgetOrder,
  KtwidgetOrderSchema,
  type KtwidgetWireOrder,
  ktwidgetWireAmount,
  toWireOrder,
} from './client/order.ts';
export { sealForKtpay } from './client/seal.ts';
export {
  type KtwidgetCreated,
  KtwidgetCreatedSchema,
  type KtwidgetTransaction,
  ktwidgetWidgetUrl,
} from './client/transaction.ts';
export {
  KTWIDGET_VERSION,
  type KtwidgetConfig,
  KtwidgetConfigSchema,
  type ResolvedKtwidgetConfig,
  resolveKtwidgetConfig,
  type WidgetUrlStyle,
} from './config.ts';
export { KTWIDGET_HOSTS, type KtwidgetEnvironment, type KtwidgetHosts } from './hosts.ts';
export {
  createKtwidgetProvider,
  KTWIDGET_CAPABILITIES,
  type KtwidgetProvider,
  type KtwidgetProviderOptions,
  type KtwidgetRedirectUrls,
  type KtwidgetStatusLookup,
} from './provider/provider.ts';
export {
  KTWIDGET_STATUSES,
  type KtwidgetCallback,
  KtwidgetCallbackSchema,
  type KtwidgetStatus,
} from './webhooks/callback.ts';
export { decodeKtwidgetCallback, ktwidgetEventId } from './webhooks/decode.ts';
export { orderIdOf, readKtwidgetCallback } from './webhooks/read.ts';
export {
  createKtwidgetSource,
  type KtwidgetCheck,
  type KtwidgetOrderCheck,
  type KtwidgetSourceOptions,
} from './webhooks/source.ts';
