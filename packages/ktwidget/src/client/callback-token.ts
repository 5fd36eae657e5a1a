import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '@tender/core';

/**
 * The token that authenticates KTPay's callbacks for one order (reference §10, layer 2): HMAC-SHA256 of the
 * order id keyed with the callback secret, base64url. It travels only inside the sealed box (in
 * `callback_post_url`) and back from KTPay, so nobody else learns it; deriving it from the order means
 * nothing has to be stored.
 *
 * @example
 * ```ts
 * const token = callbackToken(secret, 'INV-20240412-0098');
 * ```
 */
export function callbackToken(secret: string, orderId: string): string {
  return createHmac('sha256', secret).update(`ktwidget-callback\n${orderId}`, 'utf8').digest('base64url');
}

/**
 * Whether `given` is the token of `orderId`, compared in constant time; never throws.
 *
 * @example
 * ```ts
 * callbackTokenMatches(secret, 'INV-1', request.query.get('token')); // true or false
 * ```
 */
export function callbackTokenMatches(
  secret: string,
  orderId: string,
  given: string | null | undefined,
): boolean {
  if (typeof given !== 'string' || given === '') return false;
  return constantTimeEqual(given, callbackToken(secret, orderId));
}

/**
 * The per-transaction `callback_post_url`: the callback base URL with the order's token added to its query
 * (an existing query is kept).
 *
 * @example
 * ```ts
 * callbackUrlWithToken('https://shop.example.kz/webhooks/ktwidget', secret, 'INV-1', 'token');
 * // 'https://shop.example.kz/webhooks/ktwidget?token=…'
 * ```
 */
export function callbackUrlWithToken(
  base: string,
  secret: string,
  orderId: string,
  parameter: string,
): string {
  const url = new URL(base);
  url.searchParams.set(parameter, callbackToken(secret, orderId));
  return url.href;
}
