import { randomBytes, timingSafeEqual } from 'node:crypto';
import { callbackToken, createKtwidgetSource } from '@tender/ktwidget';
import {
  KTWIDGET_CALLBACK_SECRET as CALLBACK_SECRET,
  handCallbackToken,
  KTWIDGET_MERCHANT_ID as MERCHANT_ID,
} from '../../support/ktwidget-merchant.ts';
import type { BenchDelivery, ProviderFloor, WebhookProviderBench } from '../contract.ts';

/** KTPay writes its times in Almaty's zone, `+06:00` (packages/sandbox/src/ktwidget/callback-body.ts). */
function almatyTime(at: Date): string {
  return `${new Date(at.getTime() + 6 * 3_600_000).toISOString().slice(0, 19)}+06:00`;
}

/**
 * One completed-payment callback in the shape the sandbox sends (`sendKtwidgetCallback`, reference §9.2),
 * for an order and a transaction hash never used before, with the callback token of that order in the URL as
 * `callbackUrlWithToken` puts it there.
 */
function callbackDelivery(): BenchDelivery {
  const orderId = `BENCH-${randomBytes(8).toString('hex')}`;
  const now = new Date();
  const body = {
    merchant_id: MERCHANT_ID,
    order_id: orderId,
    description: null,
    amount: 1000,
    transaction_hash: randomBytes(20).toString('hex'),
    created_at: almatyTime(new Date(now.getTime() - 60_000)),
    updated_at: null,
    status: { status: 'completed', created_at: almatyTime(now), updated_at: null, error: null },
  };
  return {
    rawBody: Buffer.from(JSON.stringify(body), 'utf8'),
    headers: { 'content-type': 'application/json' },
    query: `?token=${callbackToken(CALLBACK_SECRET, orderId)}`,
  };
}

/**
 * The KTWidget floor: `JSON.parse`, the token from the URL compared in constant time with the HMAC-SHA256
 * of the order id (the same derivation as `callbackToken`), and the merchant id compared.
 */
const floor: ProviderFloor = {
  accepts(_headers, rawBody, url) {
    const query = url.indexOf('?');
    const token = query === -1 ? null : new URLSearchParams(url.slice(query + 1)).get('token');
    if (token === null) return false;
    const body = JSON.parse(rawBody.toString('utf8')) as { merchant_id?: unknown; order_id?: unknown };
    if (typeof body.order_id !== 'string') return false;
    const expected = handCallbackToken(body.order_id);
    const received = Buffer.from(token, 'base64url');
    return (
      received.length === expected.length &&
      timingSafeEqual(received, expected) &&
      body.merchant_id === MERCHANT_ID
    );
  },
  answer: '{"status":"ok"}',
};

/**
 * KTPay card-widget callbacks: JSON (about 0.4 KB) with no signature; the merchant's callback token for the
 * order in the URL and the merchant id in the body, answered `{"status":"ok"}`.
 *
 * @example
 * ```ts
 * ktwidgetProvider.deliveries(1)[0].query; // '?token=…'
 * ```
 */
export const ktwidgetProvider: WebhookProviderBench = {
  name: 'ktwidget',
  label: 'KTWidget callback (JSON, token in the URL + merchant id)',
  path: '/webhooks/ktwidget',
  deliveries: (count) => Array.from({ length: count }, callbackDelivery),
  tenderSource: () => createKtwidgetSource({ merchantId: MERCHANT_ID, callbackSecret: CALLBACK_SECRET }),
  floor,
  rivals: [],
};
