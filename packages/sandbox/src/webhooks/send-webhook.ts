/**
 * Sending one signed webhook without a running sandbox: what `tender trigger` does, and what a sandbox's
 * `trigger` does for each receiver.
 */
import { type DeliveryResult, deliver, type RetryPolicy } from '../delivery/deliver.ts';
import { K2_SIGNATURE_HEADER, signK2Body } from '../signature.ts';
import { buildWebhook } from './payloads.ts';
import { isK2WebhookTopic, type K2WebhookTopic, supportsDaraja } from './topics.ts';

/**
 * The origin K2's own sandbox puts in `_links` (reference §1.1), used when no sandbox URL applies.
 *
 * @example
 * ```ts
 * sendWebhook({ topic, to, apiKey, origin: K2_SANDBOX_ORIGIN });
 * ```
 */
export const K2_SANDBOX_ORIGIN = 'https://sandbox.kopokopo.com';

/**
 * The headers of a signed K2 JSON delivery.
 *
 * @example
 * ```ts
 * signedJsonHeaders('demo_api_key_123', body)['X-KopoKopo-Signature']; // 64 hex characters
 * ```
 */
export function signedJsonHeaders(apiKey: string, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': 'tender-sandbox (K2 Connect v2 simulator)',
    [K2_SIGNATURE_HEADER]: signK2Body(apiKey, body),
  };
}

/**
 * Checks a topic name and whether the Daraja format applies to it, throwing a `RangeError` that names the
 * valid choices otherwise.
 *
 * @example
 * ```ts
 * assertTopic('customer_created', false); // 'customer_created'
 * assertTopic('customer_created', true); // throws RangeError
 * ```
 */
export function assertTopic(topic: string, daraja: boolean): K2WebhookTopic {
  if (!isK2WebhookTopic(topic)) {
    throw new RangeError(`Unknown webhook topic "${topic}"`);
  }
  if (daraja && !supportsDaraja(topic)) {
    throw new RangeError(
      `The Daraja format exists only for buygoods_transaction_received and b2b_transaction_received, not ${topic}`,
    );
  }
  return topic;
}

/**
 * Where and how to send one signed JSON body.
 *
 * @example
 * ```ts
 * await sendSigned({ to, apiKey, body, policy });
 * ```
 */
export interface SignedSend {
  readonly to: string;
  readonly apiKey: string;
  readonly body: string;
  readonly policy: RetryPolicy;
  readonly signal?: AbortSignal;
}

/**
 * POSTs `body` signed with `apiKey` and resolves with the receiver's last answer.
 *
 * @example
 * ```ts
 * const result = await sendSigned({ to, apiKey, body, policy: { attempts: 1, backoffMs: 0, timeoutMs: 5000 } });
 * ```
 */
export function sendSigned(send: SignedSend): Promise<DeliveryResult> {
  return deliver({
    url: send.to,
    body: send.body,
    headers: signedJsonHeaders(send.apiKey, send.body),
    policy: send.policy,
    ...(send.signal ? { signal: send.signal } : {}),
  });
}

/**
 * One webhook to send on its own.
 *
 * @example
 * ```ts
 * const options: WebhookSendOptions = { topic: 'customer_created', to, apiKey: 'demo_api_key_123' };
 * ```
 */
export interface WebhookSendOptions {
  readonly topic: string;
  readonly to: string;
  readonly apiKey: string;
  /** Send the flat Daraja body (buy-goods and b2b received only). */
  readonly daraja?: boolean | undefined;
  /** Fields merged over the generated resource (or the Daraja body). */
  readonly overrides?: Readonly<Record<string, unknown>> | undefined;
  readonly eventId?: string | undefined;
  /** Origin of the `_links` URLs; K2's sandbox host by default. */
  readonly origin?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/**
 * Builds one webhook with invented data, signs it with `apiKey` and POSTs it once to `to`, resolving with
 * the receiver's answer. Throws a `RangeError` for an unknown topic or a Daraja request on a topic without
 * that format.
 *
 * @example
 * ```ts
 * const result = await sendWebhook({ topic: 'buygoods_transaction_received', to, apiKey, daraja: true });
 * result.status; // 200
 * ```
 */
export function sendWebhook(options: WebhookSendOptions): Promise<DeliveryResult> {
  const daraja = options.daraja ?? false;
  const topic = assertTopic(options.topic, daraja);
  const { payload } = buildWebhook(topic, {
    origin: options.origin ?? K2_SANDBOX_ORIGIN,
    at: new Date(),
    daraja,
    eventId: options.eventId,
    overrides: options.overrides,
  });
  return sendSigned({
    to: options.to,
    apiKey: options.apiKey,
    body: JSON.stringify(payload),
    policy: { attempts: 1, backoffMs: 0, timeoutMs: options.timeoutMs ?? 10_000 },
  });
}
