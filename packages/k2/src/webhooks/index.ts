/**
 * K2 webhooks and result callbacks: signatures over the raw bytes, tolerant schemas for every topic and the
 * Daraja-format variant, normalization into tender events, and the `WebhookSource` for the router.
 *
 * @example
 * ```ts
 * import { createK2WebhookSource } from '@tender/k2';
 *
 * const source = createK2WebhookSource({ apiKeys: process.env.K2_API_KEY! });
 * ```
 * @module
 */
export {
  decodeK2DarajaPayload,
  isK2DarajaPayload,
  type K2DarajaPayload,
  K2DarajaPayloadSchema,
} from './daraja.ts';
export { decodeK2Payload } from './decode.ts';
export { decodeK2Result } from './decode-result.ts';
export { decodeK2Webhook } from './decode-webhook.ts';
export {
  K2_TRANSACTION_TOPICS,
  K2_WEBHOOK_TOPICS,
  type K2CustomerCreatedWebhook,
  K2CustomerCreatedWebhookSchema,
  type K2OtherWebhook,
  K2OtherWebhookSchema,
  type K2SettlementTransferWebhook,
  K2SettlementTransferWebhookSchema,
  type K2TransactionWebhook,
  K2TransactionWebhookSchema,
  type K2Webhook,
  K2WebhookSchema,
  type K2WebhookTopic,
} from './payloads.ts';
export { K2_SIGNATURE_HEADER, signK2Body, verifyK2Signature } from './signature.ts';
export { createK2WebhookSource, type K2WebhookSourceOptions } from './source.ts';
export { parseK2Time } from './time.ts';
