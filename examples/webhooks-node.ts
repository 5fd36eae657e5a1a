/**
 * A webhook server on Node's own `http`. Run: pnpm example examples/webhooks-node.ts (PORT=8080 to choose
 * the port), then send it a signed webhook:
 *   pnpm tender trigger buygoods_transaction_received --to http://127.0.0.1:8080/webhooks/k2 --api-key sandbox_api_key
 * or a Paykassma postback, served by the same router:
 *   pnpm tender trigger paykassma-deposit --to http://127.0.0.1:8080/webhooks/paykassma \
 *     --access-key sandbox_access_key --private-key sandbox_private_key
 * or a KTPay card-widget callback (the secret is the example router's default):
 *   pnpm tender trigger ktwidget --status completed --to http://127.0.0.1:8080/webhooks/ktwidget \
 *     --callback-secret example-ktpay-callback-secret-0123456789
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@tender/webhooks';
import { closeOnSignal, createExampleRouter } from './support/router.ts';

const router = createExampleRouter();
const server = createServer(toNodeHandler(router));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.log(`listening on ${base}/webhooks/k2, ${base}/webhooks/k2-legacy and ${base}/webhooks/paykassma`);
});
closeOnSignal(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
});
