/**
 * @tender/k2: Kopo Kopo K2 Connect v2 for tender. The full API client (`createK2Client`), the neutral
 * Provider (`createK2Provider`: collect, payout, reverse, link, notify, status), the WebhookSource for
 * K2's signed webhooks and result callbacks, and the parsers of K2's resource documents.
 *
 * @example
 * ```ts
 * import { parseMoney } from '@tender/core';
 * import { createK2Provider } from '@tender/k2';
 *
 * const k2 = createK2Provider({ clientId, clientSecret, apiKey, environment: 'sandbox', tillNumber: 'K776655' });
 * const operation = await k2.collect({ amount: parseMoney('250', 'KES'), payer: { phone: '0711000111' }, callbackUrl });
 * ```
 * @module
 */
export * from './client/index.ts';
export {
  K2_BASE_URLS,
  K2_DEFAULT_USER_AGENT,
  K2_VERSION,
  type K2Config,
  K2ConfigSchema,
  type K2Environment,
} from './config.ts';
export * from './provider/index.ts';
export * from './reconcile/index.ts';
export * from './resources/index.ts';
export * from './webhooks/index.ts';
