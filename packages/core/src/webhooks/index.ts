export { jsonAnswer, textAnswer } from './answers.ts';
export { constantTimeEqual } from './constant-time.ts';
export type { VerifyResult, WebhookAnswer, WebhookOutcome, WebhookRequest, WebhookSource } from './source.ts';
