/**
 * Take a card payment through KTPay's widget, server side: create the transaction (sealed to the app key),
 * hand the payer the widget URL, and receive the result at the callback URL through the tender router.
 * Runs against the local KTPay simulator, which pays with a test card in place of a payer.
 * Run: pnpm example examples/ktwidget-collect.ts
 *
 * Against KTPay itself, give KTPAY_APP_ID, KTPAY_APP_KEY, KTPAY_MERCHANT_ID, KTPAY_CALLBACK_SECRET and a
 * public KTPAY_CALLBACK_URL, and use `environment: 'test'` or `'production'` instead of `hosts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMoneyWithCode, moneyEquals, parseMoney } from '@tender/core';
import { createKtwidgetProvider, createKtwidgetSource, KtwidgetApiError } from '@tender/ktwidget';
import { KTPAY_TEST_CARDS, startKtpaySimulator } from '@tender/sandbox';
import { createRouter, toNodeHandler } from '@tender/webhooks';

const callbackSecret = process.env.KTPAY_CALLBACK_SECRET ?? 'example-ktpay-callback-secret-0123456789';
const ktpay = await startKtpaySimulator({ timeScale: 0.001 });

// The shop's records: the callback is accepted only for an order it knows, with its hash and amount.
const orders = new Map<string, { transactionHash: string; amount: ReturnType<typeof parseMoney> }>();
const router = createRouter({
  sources: [
    {
      name: 'ktwidget',
      path: '/webhooks/ktwidget',
      source: createKtwidgetSource({
        merchantId: ktpay.merchantId,
        callbackSecret,
        verifyOrder: ({ orderId, transactionHash, amount }) => {
          const order = orders.get(orderId);
          return order?.transactionHash === transactionHash && moneyEquals(order.amount, amount);
        },
      }),
    },
  ],
});
const settled = new Promise<void>((resolve) => {
  router.on('payment.succeeded', (event) => {
    console.log(
      `paid: ${formatMoneyWithCode(event.amount ?? parseMoney('0', 'KZT'))} for ${event.merchantReference}`,
    );
    resolve();
  });
});
router.on('payment.failed', (event) =>
  console.log(`failed: ${event.merchantReference}: ${event.failureReason}`),
);
const server = createServer(toNodeHandler(router));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const shop = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const ktwidget = createKtwidgetProvider({
  appId: ktpay.appId,
  appKey: ktpay.appKey,
  merchantId: ktpay.merchantId,
  hosts: ktpay.hosts,
  callbackUrl: `${shop}/webhooks/ktwidget`,
  callbackSecret,
  redirectUrls: { success: `${shop}/paid`, failed: `${shop}/failed` },
});

try {
  const amount = parseMoney('4990', 'KZT');
  const operation = await ktwidget.collect({
    amount,
    payer: {},
    reference: 'ORD-1001',
    description: 'Headphones',
  });
  orders.set('ORD-1001', { transactionHash: operation.id, amount });
  console.log(`transaction ${operation.id}: ${operation.status}`);
  if (operation.nextAction?.type === 'open_widget') {
    console.log(`send the payer to ${String(operation.nextAction.parameters.url)}`);
  }
  ktpay.pay(operation.id, KTPAY_TEST_CARDS.completed);
  await settled;

  // KTPay's errors are typed: here the simulator answers a documented code chosen by the order id.
  await ktwidget.collect({ amount, payer: {}, reference: 'SIM-ERROR-4220104' }).catch((error: unknown) => {
    if (!(error instanceof KtwidgetApiError)) throw error;
    console.log(`KTPay refused: ${error.providerCode} (${error.kind}) ${error.providerMessage}`);
  });
} finally {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
  await ktpay.close();
}
