import { createHmac } from 'node:crypto';

/** The merchant the KTWidget contenders act for: its id in callbacks and orders. */
export const KTWIDGET_MERCHANT_ID = 42;

/** The merchant's callback secret (at least 32 characters, as @tender/ktwidget requires). */
export const KTWIDGET_CALLBACK_SECRET = 'bench_ktwidget_callback_secret_0b6d4f';

/**
 * The callback token of `orderId` computed by hand, as a merchant without tender would: HMAC-SHA256 of
 * `ktwidget-callback\n<order id>` with the callback secret, the same derivation as `callbackToken`.
 *
 * @example
 * ```ts
 * handCallbackToken('INV-1').toString('base64url'); // what goes in the callback URL's `token`
 * ```
 */
export function handCallbackToken(orderId: string): Buffer {
  return createHmac('sha256', KTWIDGET_CALLBACK_SECRET)
    .update(`ktwidget-callback\n${orderId}`, 'utf8')
    .digest();
}
