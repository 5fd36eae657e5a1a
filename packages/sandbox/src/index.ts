/**
 * @tender/sandbox: a local Kopo Kopo K2 Connect v2 simulator (OAuth, every `/api/v2` endpoint, signed
 * result callbacks, webhook triggers for every topic, legacy POST notifications) and the `tender` command
 * line. No credentials and no internet needed.
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
export { generateLegacyFields, type LegacyFields } from './legacy/legacy-fields.ts';
export { type LegacySendOptions, sendLegacyNotification } from './legacy/send-legacy.ts';
export { type SandboxOptions, SandboxOptionsSchema } from './options.ts';
export { FAILURE_REASONS, SANDBOX_TEST_INPUTS } from './outcomes.ts';
export { type Sandbox, startSandbox, type TriggerOptions } from './sandbox.ts';
export type { WebhookSubscription } from './subscriptions.ts';
export { K2_SANDBOX_ORIGIN, sendWebhook, type WebhookSendOptions } from './webhooks/send-webhook.ts';
export { DARAJA_TOPICS, K2_WEBHOOK_TOPICS, type K2WebhookTopic } from './webhooks/topics.ts';
