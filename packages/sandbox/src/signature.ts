import { createHmac } from 'node:crypto';

/**
 * The `X-KopoKopo-Signature` value K2 puts on webhooks and result callbacks: lowercase hexadecimal
 * HMAC-SHA256 of the exact body bytes, keyed with the application's API key (reference §4.1). Computed with
 * node:crypto directly so the simulator stays an implementation independent of the adapter it tests; it is
 * not exported: applications sign with `@tender/k2`'s `signK2Body`, and a test checks both agree.
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
 * The header K2 signs with. Header names are case-insensitive; this is the same value as `@tender/k2`'s
 * `K2_SIGNATURE_HEADER` (the lower case Node gives incoming headers), which applications import from there.
 *
 * @example
 * ```ts
 * headers[K2_SIGNATURE_HEADER] = signK2Body(apiKey, body);
 * ```
 */
export const K2_SIGNATURE_HEADER = 'x-kopokopo-signature';
