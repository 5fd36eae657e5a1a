/** Send KES 1,500 to an M-PESA wallet, then read the result. Run: pnpm example examples/payout.ts */
import { parseMoney } from '@tender/core';
import { connectK2 } from './support/k2-target.ts';

const k2 = await connectK2();
try {
  const payout = await k2.provider.payout({
    amount: parseMoney('1500', 'KES'),
    destination: { type: 'mobile_wallet', phone: '0722000222', firstName: 'Brian', lastName: 'Kamau' },
    description: 'Delivery fee',
    callbackUrl: k2.callbackUrl,
  });
  console.log(`payout ${payout.id}: ${payout.status}`);
  await k2.settle();
  const result = await k2.provider.status(payout);
  console.log(`  now ${result.status} (K2 says ${result.providerStatus})`);
} finally {
  await k2.close();
}
