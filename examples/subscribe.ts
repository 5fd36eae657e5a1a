/** Subscribe a URL to till payments and ask K2 to poll a day. Run: pnpm example examples/subscribe.ts */
import { connectK2 } from './support/k2-target.ts';

const k2 = await connectK2();
try {
  const subscription = await k2.provider.notify({
    mode: 'subscribe',
    topic: 'buygoods_transaction_received',
    url: process.env.WEBHOOK_URL ?? 'https://shop.example/webhooks/k2',
    scope: 'till',
    scopeReference: '776655',
  });
  console.log(`subscription ${subscription.id}: ${subscription.status}`);
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 3600 * 1000);
  const polling = await k2.provider.notify({ mode: 'poll', from, to, callbackUrl: k2.callbackUrl });
  console.log(`polling ${polling.id}: ${polling.status}`);
} finally {
  await k2.close();
}
