/**
 * Take MMK 25,000 by KBZPay through Paykassma: create the deposit, show the payer the KBZPay number, then
 * send the transaction id and screenshot the payer gives back (activation). The money counts once the
 * postback says payment.succeeded. Run: pnpm example examples/paykassma-collect.ts
 */
import { parseMoney } from '@tender/core';
import { connectPaykassma } from './support/paykassma-target.ts';

/** Stands for the screenshot the payer uploads (the first bytes of a PNG file). */
const SCREENSHOT = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const paykassma = await connectPaykassma();
try {
  const deposit = await paykassma.provider.collect({
    amount: parseMoney('25000', 'MMK'),
    payer: { customerId: 'user-58213' },
    reference: 'dep-2024-000731',
  });
  if (deposit.nextAction?.type !== 'pay_to') throw new Error('expected a KBZPay number to pay to');
  console.log(`Ask the payer to send MMK 25,000 to KBZPay ${deposit.nextAction.details['kbzpay number']}`);

  // The payer pays in the KBZPay app and types the transaction id it shows them.
  const confirmed = await paykassma.provider.confirm({
    operation: deposit,
    payerReference: '01003246080588218368',
    proof: { name: 'receipt.png', type: 'image/png', data: SCREENSHOT },
  });
  console.log(`Activation sent: ${confirmed.status} (${confirmed.providerStatus})`);

  const event = await paykassma.eventFor(deposit.id);
  console.log(`Deposit ${deposit.id}: ${event.type}`);
} finally {
  await paykassma.close();
}
