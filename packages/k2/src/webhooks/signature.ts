import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VerifyResult } from '@tender/core';

/**
 * K2's signature of a body: lowercase hex HMAC-SHA256 with the API key over the exact bytes.
 *
 * @example
 * ```ts
 * signK2Body('demo_api_key_123', '{"topic":"customer_created","id":"0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00"}');
 * // 'c9f4f8906aabb5cb87c15ff0faa6f72b994a14ba50c53bbb561c582dc9735cb0'
 * ```
 */
export function signK2Body(apiKey: string, body: Uint8Array | string): string {
  return createHmac('sha256', apiKey).update(body).digest('hex');
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks `X-KopoKopo-Signature` over the exact raw body with each API key in turn (several keys allow a
 * rotation without downtime). Never throws: a missing, malformed or wrong signature is a refusal whose
 * reason never reveals the expected value. Upper-case hex is accepted (HMAC digests are case-free).
 * Verification is over the bytes received, never over re-serialised JSON, so whitespace or key order
 * cannot break a genuine delivery.
 *
 * @example
 * ```ts
 * verifyK2Signature(rawBody, request.headers['x-kopokopo-signature'], [currentKey, previousKey]);
 * ```
 */
export function verifyK2Signature(
  body: Uint8Array,
  signature: string | undefined,
  apiKeys: readonly string[],
): VerifyResult {
  if (!signature) return { ok: false, reason: 'missing X-KopoKopo-Signature header' };
  const received = signature.trim();
  if (!HEX_SHA256.test(received))
    return { ok: false, reason: 'X-KopoKopo-Signature is not a hex SHA-256 HMAC' };
  const given = Buffer.from(received.toLowerCase(), 'hex');
  let matched = false;
  for (const key of apiKeys) {
    const expected = createHmac('sha256', key).update(body).digest();
    // every key is tried, so timing does not tell which one matched
    if (timingSafeEqual(expected, given)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'X-KopoKopo-Signature does not match the body' };
}
