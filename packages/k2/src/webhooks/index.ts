export { decodeK2Payload } from './decode.ts';
export { decodeK2Result } from './decode-result.ts';
export {
  decodeDarajaPayload,
  decodeK2Webhook,
  isDarajaPayload,
  K2WebhookEnvelopeSchema,
} from './decode-webhook.ts';
export { signK2Body, verifyK2Signature } from './signature.ts';
export { createK2WebhookSource, type K2WebhookSourceOptions } from './source.ts';
