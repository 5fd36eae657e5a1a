import { createHmac } from 'node:crypto';

/**
 * The `X-KopoKopo-Signature` value K2 puts on webhooks and result callbacks: lowercase hexadecimal
 * HMAC-SHA256 of the exact body bytes, keyed with the application's API key (reference §4.1). Computed with
 * node:crypto directly so the simulator stays an implementation independent of the adapter it tests.
 *
 * @example
 * ```ts
 * signK2Body('demo_api_key_123', '{"topic":"customer_created","id":"0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00"}');
 * // 'c9f4f8906aabb5cb87c15ff0faa6f72b994a14ba50c53bbb561c582dc9735cb0'
 * ```
 */
export function signK2Body(apiKey: string, body: string | Uint8Array): string {
  return createHmac('sha256', apiKey).update(body).digest('hex');
}

/**
 * The header name K2 signs with, as K2 spells it.
 *
 * @example
 * ```ts
 * headers[K2_SIGNATURE_HEADER] = signK2Body(apiKey, body);
 * ```
 */
export const K2_SIGNATURE_HEADER = 'X-KopoKopo-Signature';
