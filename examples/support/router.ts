/**
 * The router every webhook example serves: K2 Connect v2 webhooks and result callbacks at /webhooks/k2
 * (signed with K2_API_KEY), legacy K2 notifications at /webhooks/k2-legacy (Basic credentials from
 * K2_LEGACY_USER / K2_LEGACY_PASSWORD), Paykassma postbacks at /webhooks/paykassma (signed with
 * PAYKASSMA_POSTBACK_ACCESS_KEY / PAYKASSMA_POSTBACK_PRIVATE_KEY), KTPay card-widget callbacks at
 * /webhooks/ktwidget (the order's token keyed with KTPAY_CALLBACK_SECRET, merchant id KTPAY_MERCHANT_ID),
 * and a handler that prints every event.
 */
import { formatMoneyWithCode } from '@tender/core';
import { createK2WebhookSource } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { createKtwidgetSource } from '@tender/ktwidget';
import { createPaykassmaSource } from '@tender/paykassma';
import { createRouter, type WebhookRouter } from '@tender/webhooks';

export function createExampleRouter(): WebhookRouter {
  const router = createRouter({
    sources: [
      {
        name: 'k2',
        path: '/webhooks/k2',
        source: createK2WebhookSource({ apiKeys: process.env.K2_API_KEY ?? 'sandbox_api_key' }),
      },
      {
        name: 'k2-legacy',
        path: '/webhooks/k2-legacy',
        source: createK2LegacySource({
          credentials: {
            username: process.env.K2_LEGACY_USER ?? 'legacy',
            password: process.env.K2_LEGACY_PASSWORD ?? 'legacy-password',
          },
        }),
      },
      {
        name: 'paykassma',
        path: '/webhooks/paykassma',
        source: createPaykassmaSource({
          postbackAccessKey: process.env.PAYKASSMA_POSTBACK_ACCESS_KEY ?? 'sandbox_access_key',
          postbackPrivateKey: process.env.PAYKASSMA_POSTBACK_PRIVATE_KEY ?? 'sandbox_private_key',
        }),
      },
      {
        name: 'ktwidget',
        path: '/webhooks/ktwidget',
        source: createKtwidgetSource({
          merchantId: Number(process.env.KTPAY_MERCHANT_ID ?? 42),
          callbackSecret: process.env.KTPAY_CALLBACK_SECRET ?? 'example-ktpay-callback-secret-0123456789',
        }),
      },
    ],
  });
  router.onAny((event) => {
    const amount = 'amount' in event && event.amount ? ` ${formatMoneyWithCode(event.amount)}` : '';
    console.log(`${event.type}${amount} (${event.id})`);
  });
  router.onError((error) => console.error(`handler or delivery failed: ${String(error)}`));
  return router;
}

/** Closes the server and the router on Ctrl-C or SIGTERM. */
export function closeOnSignal(close: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      close().then(() => process.exit(0));
    });
  }
}
