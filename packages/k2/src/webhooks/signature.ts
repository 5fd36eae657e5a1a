import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VerifyResult } from '@tender/core';

/**
 * The header K2 signs every webhook and result callback with (`X-KopoKopo-Signature`), lower-cased as the
 * router hands headers to sources.
 *
 * @example
 * ```ts
 * request.headers[K2_SIGNATURE_HEADER];
 * ```
 */
export const K2_SIGNATURE_HEADER = 'x-kopokopo-signature';

/**
 * K2's signature of a body: HMAC-SHA256 keyed with the application's API key (not the client secret) over
 * the exact bytes, as 64 lower-case hex characters (reference §4.1).
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

/** The verdict for a genuine delivery, shared: it carries nothing of the delivery. */
const GENUINE: VerifyResult = Object.freeze({ ok: true });

/**
 * The 32 bytes of a signature written as 64 hex characters, or `undefined` for anything else. Upper case is
 * accepted: it is the same digest written differently, and refusing it would only turn a genuine delivery
 * away (every SDK compares hex that it wrote in lower case itself, so none of them says K2 never sends upper
 * case). Node's hex decoding stops at the first character that is not hex, so 64 characters that decode to
 * 32 bytes are hex throughout: no regular expression is needed on this hot path.
 */
function sha256FromHex(written: string): Buffer | undefined {
  if (written.length !== 64) return undefined;
  const bytes = Buffer.from(written, 'hex');
  return bytes.length === 32 ? bytes : undefined;
}

/**
 * Checks `X-KopoKopo-Signature` over the exact raw body, never over re-serialised JSON (whitespace, key order
 * or escaping would break a genuine delivery). Each API key is tried, so keys can be rotated without
 * downtime: list the new and the old key until K2 signs only with the new one. Empty keys are ignored, since
 * anyone can compute an HMAC with an empty key.
 *
 * Never throws. A missing header, anything but 64 hex characters (surrounding spaces are trimmed; prefixes
 * such as `sha256=`, short, long or non-hex values are refused) or a signature that matches no key is a
 * refusal whose reason never contains the expected value. The comparison is constant-time over 32 decoded
 * bytes, and every key is tried even after a match, so timing tells neither where a forgery differs nor
 * which key matched.
 *
 * @example
 * ```ts
 * const verdict = verifyK2Signature(rawBody, headers['x-kopokopo-signature'], [currentKey, previousKey]);
 * if (!verdict.ok) return reply(401, verdict.reason);
 * ```
 */
export function verifyK2Signature(
  body: Uint8Array,
  signatureHeader: string | undefined,
  apiKeys: readonly string[],
): VerifyResult {
  if (typeof signatureHeader !== 'string' || signatureHeader.trim() === '') {
    return { ok: false, reason: 'missing X-KopoKopo-Signature header' };
  }
  if (!(body instanceof Uint8Array))
    return { ok: false, reason: 'no body bytes to check the signature over' };
  const given = sha256FromHex(signatureHeader.trim());
  if (given === undefined) {
    return { ok: false, reason: 'X-KopoKopo-Signature is not 64 hex characters (an HMAC-SHA256)' };
  }
  let tried = 0;
  let matched = false;
  for (const key of apiKeys) {
    if (typeof key !== 'string' || key === '') continue;
    tried += 1;
    const expected = createHmac('sha256', key).update(body).digest();
    if (timingSafeEqual(expected, given)) matched = true;
  }
  if (tried === 0) return { ok: false, reason: 'no API key to check X-KopoKopo-Signature with' };
  return matched ? GENUINE : { ok: false, reason: 'X-KopoKopo-Signature does not match the body' };
}
