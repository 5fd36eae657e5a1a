/**
 * Express: mount the tender middleware on the webhook paths before any body parser (or give it
 * `express.raw({ type: '*\/*' })`), so the signature is checked over the exact bytes K2 sent.
 * Run: pnpm example examples/webhooks-express.ts
 */
import type { AddressInfo } from 'node:net';
import { toExpressMiddleware } from '@tender/webhooks';
import express from 'express';
import { closeOnSignal, createExampleRouter } from './support/router.ts';

const router = createExampleRouter();
const app = express();
app.use('/webhooks', toExpressMiddleware(router));
app.use(express.json());
app.get('/health', (_request, response) => {
  response.json({ ok: true });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/k2`);
});
closeOnSignal(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
});
