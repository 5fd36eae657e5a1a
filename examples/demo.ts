/**
 * `pnpm demo`: tender at work, offline. Starts the local K2 sandbox and a webhook router on 127.0.0.1,
 * then collects, fails, pays out, reverses, links, subscribes and receives a legacy notification, printing
 * each normalized event as it arrives. Then it takes one card payment through the KTPay simulator and has
 * another declined, and last does the same with Paykassma's KBZPay simulator: a deposit (create, show the
 * KBZPay number, activate, postback) and two withdrawals, one that succeeds and one that fails.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMoneyWithCode, type Operation, parseMoney, type TenderEvent } from '@tender/core';
import { createK2Provider, createK2WebhookSource } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { createKtwidgetProvider, createKtwidgetSource } from '@tender/ktwidget';
import { createPaykassmaProvider, createPaykassmaSource } from '@tender/paykassma';
import {
  KTPAY_TEST_CARDS,
  PAYKASSMA_TEST_INPUTS,
  startKtpaySimulator,
  startPaykassmaSandbox,
  startSandbox,
} from '@tender/sandbox';
import { createRouter, toNodeHandler } from '@tender/webhooks';

const LEGACY = { username: 'legacy-demo', password: 'legacy-demo-password' };
const KTPAY_CALLBACK_SECRET = 'demo-ktpay-callback-secret-0123456789abcdef';
const received: TenderEvent[] = [];
const waiters: { match: (event: TenderEvent) => boolean; resolve: (event: TenderEvent) => void }[] = [];

function describeEvent(event: TenderEvent): string {
  const parts: string[] = [event.type, `id=${event.id}`];
  if ('amount' in event && event.amount) parts.push(formatMoneyWithCode(event.amount));
  if ('payer' in event && event.payer?.phone) parts.push(`payer ${event.payer.phone}`);
  if ('failureReason' in event && event.failureReason) parts.push(`reason "${event.failureReason}"`);
  if (event.type === 'link.updated') parts.push(`link ${event.linkStatus}`);
  if (event.providerReference) parts.push(`ref ${event.providerReference}`);
  return parts.join('  ');
}

/** Resolves with the first event (already received or still to come) that concerns `needle`. */
function eventAbout(needle: string, timeoutMs = 15_000): Promise<TenderEvent> {
  const match = (event: TenderEvent) =>
    event.id.includes(needle) || JSON.stringify(event.raw).includes(needle);
  const seen = received.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no event about ${needle} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    waiters.push({
      match,
      resolve: (event) => {
        clearTimeout(timer);
        resolve(event);
      },
    });
  });
}

function step(title: string) {
  console.log(`\n▸ ${title}`);
}

function showOperation(operation: Operation) {
  console.log(`  ${operation.kind} ${operation.id}: ${operation.status}`);
}

const sandbox = await startSandbox({ callbackDelayMs: 200 });
const ktpay = await startKtpaySimulator({ timeScale: 0.001 });
const paykassmaSandbox = await startPaykassmaSandbox({ activationDelayMs: 200, withdrawalDelayMs: 200 });
const router = createRouter({
  sources: [
    {
      name: 'k2',
      path: '/webhooks/k2',
      source: createK2WebhookSource({ apiKeys: sandbox.credentials.apiKey }),
    },
    { name: 'k2-legacy', path: '/webhooks/k2-legacy', source: createK2LegacySource({ credentials: LEGACY }) },
    {
      name: 'ktwidget',
      path: '/webhooks/ktwidget',
      source: createKtwidgetSource({ merchantId: ktpay.merchantId, callbackSecret: KTPAY_CALLBACK_SECRET }),
    },
    {
      name: 'paykassma',
      path: '/webhooks/paykassma',
      source: createPaykassmaSource(paykassmaSandbox.credentials),
    },
  ],
});
router.onAny((event) => {
  received.push(event);
  console.log(`  ← event ${describeEvent(event)}`);
  for (const waiter of waiters.splice(0)) {
    if (waiter.match(event)) waiter.resolve(event);
    else waiters.push(waiter);
  }
});
const server = createServer(toNodeHandler(router));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const callbackUrl = `${base}/webhooks/k2`;
console.log(`K2 sandbox   ${sandbox.url}`);
console.log(`KTPay sim    ${ktpay.fintechUrl} (widget ${ktpay.widgetUrl})`);
paykassmaSandbox.setPostbackUrl(`${base}/webhooks/paykassma`);
console.log(`Paykassma    ${paykassmaSandbox.url}`);
console.log(
  `router       ${base} (/webhooks/k2, /webhooks/k2-legacy, /webhooks/paykassma, /webhooks/ktwidget)`,
);

const k2 = createK2Provider({
  clientId: sandbox.credentials.clientId,
  clientSecret: sandbox.credentials.clientSecret,
  apiKey: sandbox.credentials.apiKey,
  baseUrl: sandbox.url,
  tillNumber: 'K776655',
  callbackUrl,
});

try {
  step('Collect KES 250 by M-PESA STK push');
  const payment = await k2.collect({
    amount: parseMoney('250', 'KES'),
    payer: { phone: '0711000111', firstName: 'Amina', lastName: 'Otieno' },
    reference: 'ORD-20931',
  });
  showOperation(payment);
  await eventAbout(payment.id);
  console.log(`  status() now says: ${(await k2.status(payment)).status}`);

  step('An STK push the payer cancels (sandbox test number +254700000001)');
  const cancelled = await k2.collect({ amount: parseMoney('99', 'KES'), payer: { phone: '+254700000001' } });
  showOperation(cancelled);
  await eventAbout(cancelled.id);

  step('Pay out KES 1,500 to an M-PESA wallet');
  const payout = await k2.payout({
    amount: parseMoney('1500', 'KES'),
    destination: { type: 'mobile_wallet', phone: '0722000222', firstName: 'Brian', lastName: 'Kamau' },
    description: 'Delivery fee',
  });
  showOperation(payout);
  await eventAbout(payout.id);

  step('Reverse a received payment');
  const reversal = await k2.reverse({ transactionReference: 'TQB7XK2M9P', reason: 'Customer paid twice' });
  showOperation(reversal);
  await eventAbout(reversal.id);

  step('Create a payment link, then cancel it');
  const link = await k2.createLink({
    amount: parseMoney('2300.05', 'KES'),
    reference: 'INV-00912',
    description: 'January',
  });
  showOperation(link);
  const cancelledLink = await k2.cancelLink({ reference: link.reference });
  console.log(`  after cancel, status() says: ${(await k2.status(cancelledLink)).status}`);

  step('Subscribe to till payments and trigger one');
  const subscription = await k2.notify({
    mode: 'subscribe',
    topic: 'buygoods_transaction_received',
    url: callbackUrl,
    scope: 'till',
    scopeReference: '776655',
  });
  showOperation(subscription);
  const [delivery] = await sandbox.trigger('buygoods_transaction_received', {
    eventId: 'demo-till-payment-1',
    overrides: { reference: 'SDEMO00001' },
  });
  console.log(`  router answered ${delivery?.status}`);
  await eventAbout('demo-till-payment-1');
  const [again] = await sandbox.trigger('buygoods_transaction_received', {
    eventId: 'demo-till-payment-1',
    overrides: { reference: 'SDEMO00001' },
  });
  console.log(`  the same event delivered again: answered ${again?.status}, handlers not run twice`);

  step('A legacy Kopo Kopo POST notification');
  const legacy = await sandbox.sendLegacy({ to: `${base}/webhooks/k2-legacy`, ...LEGACY });
  console.log(`  router answered ${legacy.status} ${legacy.body}`);

  const ktwidget = createKtwidgetProvider({
    appId: ktpay.appId,
    appKey: ktpay.appKey,
    merchantId: ktpay.merchantId,
    hosts: ktpay.hosts,
    callbackUrl: `${base}/webhooks/ktwidget`,
    callbackSecret: KTPAY_CALLBACK_SECRET,
  });
  step('A card payment through the KTPay widget (the simulator pays with test card 4400 4400 4400 4402)');
  const card = await ktwidget.collect({ amount: parseMoney('4990', 'KZT'), payer: {}, reference: 'KT-1001' });
  showOperation(card);
  if (card.nextAction?.type === 'open_widget')
    console.log(`  widget ${String(card.nextAction.parameters.url)}`);
  ktpay.pay(card.id, KTPAY_TEST_CARDS.completed);
  await eventAbout(card.id);

  step('A card the bank declines (test card 4000 0000 0000 0002)');
  const declined = await ktwidget.collect({
    amount: parseMoney('1250.50', 'KZT'),
    payer: {},
    reference: 'KT-1002',
  });
  showOperation(declined);
  ktpay.pay(declined.id, KTPAY_TEST_CARDS.declined);
  await eventAbout(declined.id);
  const paykassma = createPaykassmaProvider({
    apiUrl: paykassmaSandbox.apiUrl,
    pluginUrl: paykassmaSandbox.pluginUrl,
    ...paykassmaSandbox.credentials,
  });

  step('Take MMK 25,000 by KBZPay through Paykassma');
  const deposit = await paykassma.collect({
    amount: parseMoney('25000', 'MMK'),
    payer: { customerId: 'user-58213' },
    reference: 'dep-demo-1',
  });
  showOperation(deposit);
  if (deposit.nextAction?.type === 'pay_to') {
    console.log(`  show the payer: pay to KBZPay ${deposit.nextAction.details['kbzpay number']}`);
  }
  const activated = await paykassma.confirm({
    operation: deposit,
    payerReference: '01003246080588218368',
    proof: { name: 'receipt.png', type: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
  });
  console.log(`  the payer's transaction id sent: ${activated.status} (${activated.providerStatus})`);
  await eventAbout('dep-demo-1');

  step('Pay MMK 45,000 out to a KBZPay account, and to the failing test account');
  for (const [reference, account] of [
    ['wd-demo-ok', '09712345678'],
    ['wd-demo-fail', PAYKASSMA_TEST_INPUTS.failingAccountNumber],
  ] as const) {
    const withdrawal = await paykassma.payout({
      amount: parseMoney('45000', 'MMK'),
      destination: { type: 'mobile_wallet', phone: account },
      reference,
      metadata: { label: 'user-58213' },
    });
    showOperation(withdrawal);
    await eventAbout(reference);
  }

  const ids = received.map((event) => event.id);
  console.log(`\n✔ ${received.length} events received, ${new Set(ids).size} distinct: the demo is complete.`);
} finally {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
  await sandbox.close();
  await ktpay.close();
  await paykassmaSandbox.close();
}
