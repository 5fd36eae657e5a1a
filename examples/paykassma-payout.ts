/**
 * Pay MMK 45,000 out to a KBZPay account through Paykassma (a signed withdrawal), and one to the
 * simulator's failing test account. Run: pnpm example examples/paykassma-payout.ts
 */
import { isTenderError, parseMoney } from '@tender/core';
import { PAYKASSMA_ERROR_CODES } from '@tender/paykassma';
import { PAYKASSMA_TEST_INPUTS } from '@tender/sandbox';
import { connectPaykassma } from './support/paykassma-target.ts';

const paykassma = await connectPaykassma();
try {
  for (const [reference, account] of [
    ['wd-2024-000412', '09712345678'],
    ['wd-2024-000413', PAYKASSMA_TEST_INPUTS.failingAccountNumber],
  ] as const) {
    try {
      const withdrawal = await paykassma.provider.payout({
        amount: parseMoney('45000', 'MMK'),
        destination: { type: 'mobile_wallet', phone: account },
        reference,
        description: 'payout for order 7781',
        metadata: { label: 'user-58213' },
      });
      console.log(`Withdrawal ${withdrawal.id} to ${account}: ${withdrawal.status}`);
      const event = await paykassma.eventFor(withdrawal.id);
      console.log(`Withdrawal ${withdrawal.id}: ${event.type}`);
    } catch (error) {
      if (isTenderError(error) && error.providerCode === PAYKASSMA_ERROR_CODES.insufficientBalance) {
        console.log('Top up the Paykassma balance first.');
      } else {
        throw error;
      }
    }
  }
} finally {
  await paykassma.close();
}
