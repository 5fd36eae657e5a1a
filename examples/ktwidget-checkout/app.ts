/**
 * A merchant checkout on Node's own `http`, paid by card through KTPay: the page at `/` opens the widget
 * with `@tender/ktwidget/browser`, `POST /checkout` creates the transaction on the server, KTPay's callbacks
 * arrive at `/webhooks/ktwidget` through the tender router, and the widget's "Continue" brings the payer
 * back to `/paid` or `/failed`. Runs against the local KTPay simulator.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { formatMoneyWithCode, type Money, moneyEquals, parseMoney, type TenderEvent } from '@tender/core';
import { createKtwidgetProvider, createKtwidgetSource } from '@tender/ktwidget';
import { type KtpaySimulator, startKtpaySimulator } from '@tender/sandbox';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';
import { build } from 'esbuild';

/** What the shop remembers of each order: the callback hook checks callbacks against it (§10, layer 1). */
interface Order {
  readonly amount: Money;
  transactionHash: string;
  status: string;
}

export interface Checkout {
  readonly url: string;
  readonly ktpay: KtpaySimulator;
  readonly router: WebhookRouter;
  /** Every event the router delivered, oldest first. */
  readonly events: TenderEvent[];
  /** Bytes of the browser module served to the page (minified ES module). */
  readonly browserModuleBytes: number;
  close(): Promise<void>;
}

const PRICE = parseMoney('4990', 'KZT');

/** Bundles the browser part into one plain ES module; the page imports it from `/ktwidget-browser.js`. */
async function browserModule(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, '../../packages/ktwidget/src/browser/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function resultPage(title: string, detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1 id="result">${title}</h1><p>${detail}</p><p><a href="/">Back to the shop</a></p></body></html>`;
}

export async function startCheckout(
  options: { readonly timeScale?: number; readonly port?: number } = {},
): Promise<Checkout> {
  const ktpay = await startKtpaySimulator({ timeScale: options.timeScale ?? 0.01 });
  const callbackSecret = process.env.KTPAY_CALLBACK_SECRET ?? 'checkout-example-callback-secret-0123456789';
  const orders = new Map<string, Order>();
  const events: TenderEvent[] = [];

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
            return (
              order !== undefined &&
              order.transactionHash === transactionHash &&
              moneyEquals(order.amount, amount)
            );
          },
        }),
      },
    ],
  });
  router.onAny((event) => {
    events.push(event);
    const order = event.merchantReference === undefined ? undefined : orders.get(event.merchantReference);
    if (order) order.status = event.providerEvent;
    const amount = 'amount' in event && event.amount ? ` ${formatMoneyWithCode(event.amount)}` : '';
    console.log(`  ← ${event.type}${amount} order ${event.merchantReference}`);
  });

  const [page, script] = await Promise.all([
    readFile(join(import.meta.dirname, 'index.html'), 'utf8'),
    browserModule(),
  ]);
  const webhooks = toNodeHandler(router);
  let base = '';
  let counter = 0;
  const ktwidget = () =>
    createKtwidgetProvider({
      appId: ktpay.appId,
      appKey: ktpay.appKey,
      merchantId: ktpay.merchantId,
      hosts: ktpay.hosts,
      callbackUrl: `${base}/webhooks/ktwidget`,
      callbackSecret,
      lookupStatus: (operation) => orders.get(operation.merchantReference ?? '')?.status,
      // Where the widget's "Continue" goes: the shop's own host, which the page allows.
      redirectUrls: { success: `${base}/paid`, failed: `${base}/failed` },
    });

  async function checkout(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const failing = new URL(request.url ?? '/', base).searchParams.has('fail');
    counter += 1;
    // SIM-ERROR-5000105 makes the simulator refuse the order, to show a failed start.
    const orderId = failing ? 'SIM-ERROR-5000105' : `ORD-${Date.now()}-${counter}`;
    try {
      const operation = await ktwidget().collect({
        amount: PRICE,
        payer: {},
        reference: orderId,
        description: 'Wireless headphones',
      });
      orders.set(orderId, { amount: PRICE, transactionHash: operation.id, status: 'pending' });
      const next = operation.nextAction;
      const widgetUrl = next?.type === 'open_widget' ? String(next.parameters.url) : '';
      send(response, 200, 'application/json', JSON.stringify({ orderId, widgetUrl }));
    } catch (error) {
      console.log(`  checkout failed: ${error instanceof Error ? error.message : String(error)}`);
      send(response, 502, 'application/json', JSON.stringify({ error: 'the payment could not be started' }));
    }
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/webhooks/ktwidget') return void webhooks(request, response);
    if (request.method === 'POST' && path === '/checkout') return void checkout(request, response);
    if (path === '/') return send(response, 200, 'text/html; charset=utf-8', page);
    if (path === '/ktwidget-browser.js') return send(response, 200, 'text/javascript; charset=utf-8', script);
    if (path === '/paid')
      return send(
        response,
        200,
        'text/html; charset=utf-8',
        resultPage('Thank you!', 'Your payment went through.'),
      );
    if (path === '/failed')
      return send(
        response,
        200,
        'text/html; charset=utf-8',
        resultPage('Payment failed', 'No money was taken.'),
      );
    send(response, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    ktpay,
    router,
    events,
    browserModuleBytes: Buffer.byteLength(script),
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await router.close();
      await ktpay.close();
    },
  };
}
