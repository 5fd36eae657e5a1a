/** Ask a payer for KES 250 with an M-PESA STK push, then read the result. Run: pnpm example examples/collect.ts */
import { formatMoneyWithCode, parseMoney } from '@tender/core';
import { connectK2 } from './support/k2-target.ts';

const k2 = await connectK2();
try {
  const payment = await k2.provider.collect({
    amount: parseMoney('250', 'KES'),
    payer: { phone: '0711000111', firstName: 'Amina', lastName: 'Otieno' },
    reference: 'ORD-20931',
    callbackUrl: k2.callbackUrl,
  });
  console.log(
    `STK push for ${formatMoneyWithCode(payment.amount ?? parseMoney('250', 'KES'))}: ${payment.status}`,
  );
  console.log(`  look it up again at ${payment.reference}`);
  await k2.settle();
  const result = await k2.provider.status(payment);
  console.log(`  now ${result.status} (K2 says ${result.providerStatus})`);
} finally {
  await k2.close();
}
