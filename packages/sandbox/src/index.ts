/**
 * @tender/sandbox: a local Kopo Kopo K2 Connect v2 simulator (OAuth, every `/api/v2` endpoint, signed
 * result callbacks, webhook triggers for every topic, legacy POST notifications), a Paykassma KBZPay Manual
 * simulator (`startPaykassmaSandbox`: deposits, activation, withdrawals, signed postbacks, the payment window
 * page), a KTPay card-widget simulator (`startKtpaySimulator`) and the `tender` command line. No credentials
 * and no internet needed.
 *
 * @example
 * ```ts
 * import { startSandbox } from '@tender/sandbox';
 * const sandbox = await startSandbox({ callbackDelayMs: 50 });
 * // point a K2 client at sandbox.url with sandbox.credentials
 * await sandbox.close();
 * ```
 * @module
 */
export type { ResultDocument } from './api/endpoint.ts';
export type { SandboxCredentials } from './credentials.ts';
export type { DeliveryAttempt, DeliveryResult } from './delivery/deliver.ts';
export type { DeliveryKind, DeliveryRecord } from './delivery/delivery-log.ts';
export type { ReceivedRequest } from './http/request-log.ts';
export { KTPAY_RESEND_SCHEDULE_MS } from './ktwidget/callback-body.ts';
export { KTPAY_SIMULATED_ERRORS } from './ktwidget/fintech.ts';
export { type KtwidgetCallbackOptions, sendKtwidgetCallback } from './ktwidget/send-callback.ts';
export {
  type KtpaySimulator,
  type KtpaySimulatorOptions,
  KtpaySimulatorOptionsSchema,
  type SimulatedTransaction,
  startKtpaySimulator,
} from './ktwidget/simulator.ts';
export { type CardOutcome, KTPAY_TEST_CARDS, outcomeForCard } from './ktwidget/test-cards.ts';
export { generateLegacyFields, type LegacyFields } from './legacy/legacy-fields.ts';
export { type LegacySendOptions, sendLegacyNotification } from './legacy/send-legacy.ts';
export { type SandboxOptions, SandboxOptionsSchema } from './options.ts';
export { FAILURE_REASONS, SANDBOX_TEST_INPUTS } from './outcomes.ts';
export {
  deliverPostback,
  type PaykassmaPostbackRecord,
  type PaykassmaSandbox,
  type PaykassmaSandboxOptions,
  PaykassmaSandboxOptionsSchema,
  startPaykassmaSandbox,
} from './paykassma/paykassma-sandbox.ts';
export { buildPostback, type PostbackFacts, type PostbackKeys } from './paykassma/postback.ts';
export { PAYKASSMA_TEST_INPUTS } from './paykassma/state.ts';
export { type Sandbox, startSandbox, type TriggerOptions } from './sandbox.ts';
export type { WebhookSubscription } from './subscriptions.ts';
export { K2_SANDBOX_ORIGIN, sendWebhook, type WebhookSendOptions } from './webhooks/send-webhook.ts';
export { DARAJA_TOPICS, K2_WEBHOOK_TOPICS, type K2WebhookTopic } from './webhooks/topics.ts';
