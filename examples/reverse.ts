/** Reverse a received M-PESA payment by its receipt. Run: pnpm example examples/reverse.ts */
import { connectK2 } from './support/k2-target.ts';

const k2 = await connectK2();
try {
  const reversal = await k2.provider.reverse({
    transactionReference: process.env.K2_RECEIPT ?? 'TQB7XK2M9P',
    reason: 'Customer paid twice',
    callbackUrl: k2.callbackUrl,
  });
  console.log(`reversal ${reversal.id}: ${reversal.status}`);
  await k2.settle();
  const result = await k2.provider.status(reversal);
  console.log(`  now ${result.status} (K2 says ${result.providerStatus})`);
} finally {
  await k2.close();
}
