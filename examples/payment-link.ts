/** Create a payment link, show it, then cancel it. Run: pnpm example examples/payment-link.ts */
import { parseMoney } from '@tender/core';
import { connectK2 } from './support/k2-target.ts';

const k2 = await connectK2();
try {
  const link = await k2.provider.createLink({
    amount: parseMoney('2300.05', 'KES'),
    reference: 'INV-00912',
    description: 'Balance for January delivery',
    callbackUrl: k2.callbackUrl,
  });
  console.log(`payment link ${link.id}: ${link.status}`);
  const current = await k2.provider.status(link);
  if (current.nextAction?.type === 'redirect') console.log(`  share ${current.nextAction.url}`);
  const cancelled = await k2.provider.cancelLink({ reference: link.reference });
  console.log(`  cancelled: ${cancelled.status}`);
} finally {
  await k2.close();
}
