/**
 * Legacy Kopo Kopo POST notifications next to K2 Connect, in one router and one process, with a handler
 * that declines payments for unknown accounts (answered 02). Run: pnpm example examples/legacy-notifications.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaymentDeclinedError } from '@tender/core';
import { sendLegacyNotification } from '@tender/sandbox';
import { toNodeHandler } from '@tender/webhooks';
import { createExampleRouter } from './support/router.ts';

const knownAccounts = new Set(['A123333']);
const router = createExampleRouter();
router.on('payment.succeeded', (event) => {
  if (event.provider === 'k2-legacy' && !knownAccounts.has(event.accountNumber ?? '')) {
    throw new PaymentDeclinedError('account_not_found', `no customer with account ${event.accountNumber}`);
  }
});
const server = createServer(toNodeHandler(router));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const to = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/k2-legacy`;
const credentials = {
  username: process.env.K2_LEGACY_USER ?? 'legacy',
  password: process.env.K2_LEGACY_PASSWORD ?? 'legacy-password',
};

for (const account of ['A123333', 'Z999999']) {
  const answer = await sendLegacyNotification({ to, ...credentials, fields: { ac_no: account } });
  if (answer.status === null) {
    console.error(`ac_no ${account}: not delivered (${answer.error ?? 'no answer'})`);
    process.exitCode = 1;
    continue;
  }
  console.log(`ac_no ${account}: HTTP ${answer.status} ${answer.body}`);
}
await new Promise((resolve) => server.close(resolve));
await router.close();
