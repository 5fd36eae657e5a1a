/**
 * End to end over real HTTP on 127.0.0.1: @tender/paykassma drives the Paykassma simulator, the simulator
 * posts signed postbacks into the router, and the router hands events to handlers.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ProviderError, parseMoney, type TenderEvent, ValidationError } from '@tender/core';
import {
  createPaykassmaClient,
  createPaykassmaProvider,
  createPaykassmaSource,
  PAYKASSMA_ERROR_CODES,
  type PaykassmaProvider,
} from '@tender/paykassma';
import { PAYKASSMA_TEST_INPUTS, type PaykassmaSandbox, startPaykassmaSandbox } from '@tender/sandbox';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
let sandbox: PaykassmaSandbox;
let router: WebhookRouter;
let server: Server;
let paykassma: PaykassmaProvider;
const events: TenderEvent[] = [];
let failNextHandler = false;

before(async () => {
  sandbox = await startPaykassmaSandbox({ activationDelayMs: 5, withdrawalDelayMs: 5, retryBackoffMs: 5 });
  router = createRouter({
    sources: [
      {
        name: 'paykassma',
        path: '/webhooks/paykassma',
        source: createPaykassmaSource(sandbox.credentials),
      },
    ],
  });
  router.onError(() => {});
  router.onAny((event) => {
    if (failNextHandler) {
      failNextHandler = false;
      throw new Error('ledger unavailable');
    }
    events.push(event);
  });
  server = createServer(toNodeHandler(router));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  sandbox.setPostbackUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/paykassma`);
  paykassma = createPaykassmaProvider({
    apiUrl: sandbox.apiUrl,
    pluginUrl: sandbox.pluginUrl,
    ...sandbox.credentials,
  });
});

after(async () => {
  await new Promise((done) => server.close(done));
  await router.close();
  await sandbox.close();
});

function about(reference: string): TenderEvent[] {
  return events.filter((event) => event.merchantReference === reference);
}

describe('Paykassma deposit: create, activate, postback', () => {
  it('collect shows a KBZPay number, confirm activates, and the postback arrives as payment.succeeded in MMK', async () => {
    const deposit = await paykassma.collect({
      amount: parseMoney('25000', 'MMK'),
      payer: { customerId: 'user-58213' },
    });
    assert.equal(deposit.nextAction?.type, 'pay_to');
    const number =
      deposit.nextAction?.type === 'pay_to' ? deposit.nextAction.details['kbzpay number'] : undefined;
    assert.match(number ?? '', /^09\d{9}$/);
    await paykassma.confirm({
      operation: deposit,
      payerReference: '01003246080588218368',
      proof: { name: 'receipt.png', type: 'image/png', data: PNG },
    });
    await sandbox.idle();
    const [event] = about(deposit.id);
    assert.ok(event?.type === 'payment.succeeded', JSON.stringify(events));
    assert.deepEqual(event.amount, { currency: 'MMK', minor: 2_500_000 });
    assert.equal(event.providerReference, '01003246080588218368');
    assert.equal(event.channel, 'wallet');
    const paths = sandbox.requests().map((request) => `${request.method} ${request.path} ${request.status}`);
    assert.deepEqual(paths.slice(-2), [
      'POST /api/v1/transaction/create/kbzpay_manual?secret=%5Bredacted%5D 200',
      'POST /api/v1/possible-transaction?secret=%5Bredacted%5D 200',
    ]);
  });

  it('a postback whose handler failed is sent again until answered {"status":"ok"}, and handled once', async () => {
    const deposit = await paykassma.collect({
      amount: parseMoney('1000', 'MMK'),
      payer: { customerId: 'user-2' },
    });
    failNextHandler = true;
    await paykassma.confirm({
      operation: deposit,
      payerReference: '010032460805882183681',
      proof: { name: 'receipt.png', type: 'image/png', data: PNG },
    });
    await sandbox.idle();
    const postback = sandbox.postbacks().find((record) => record.body.includes(deposit.id));
    assert.deepEqual(
      postback?.attempts.map((attempt) => [attempt.status, attempt.body]),
      [
        [500, '{"status":"error","message":"not processed; please send again"}'],
        [200, '{"status":"ok"}'],
      ],
    );
    assert.equal(about(deposit.id).length, 1);
  });

  it('the simulator refuses what the manual refuses: a reused custom_transaction_id, a wrong secret', async () => {
    const deposit = await paykassma.collect({
      amount: parseMoney('500', 'MMK'),
      payer: { customerId: 'user-3' },
      reference: 'dep-reused',
    });
    const confirm = () =>
      paykassma.confirm({
        operation: deposit,
        payerReference: '010032460805882183682',
        proof: { name: 'receipt.png', type: 'image/png', data: PNG },
      });
    await confirm();
    await assert.rejects(confirm(), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.match(
        error.providerMessage ?? '',
        /custom_transaction_id: The custom transaction id has already been taken/,
      );
      return true;
    });
    const wrongSecret = createPaykassmaClient({
      apiUrl: sandbox.apiUrl,
      pluginUrl: sandbox.pluginUrl,
      pluginapiSecret: 'not-the-secret',
      postbackPrivateKey: sandbox.credentials.postbackPrivateKey,
    });
    await assert.rejects(wrongSecret.createDeposit({ label: 'u' }), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.status, 404);
      assert.equal(error.providerMessage, 'Not found');
      return true;
    });
    await sandbox.idle();
  });
});

describe('Paykassma withdrawals', () => {
  const payout = (phone: string, amount: string, reference: string, provider = paykassma) =>
    provider.payout({
      amount: parseMoney(amount, 'MMK'),
      destination: { type: 'mobile_wallet', phone },
      reference,
      metadata: { label: 'user-58213' },
    });

  it('a withdrawal that succeeds arrives as payout.succeeded', async () => {
    const before = sandbox.balanceKyat();
    const operation = await payout('09712345678', '45000', 'wd-ok');
    assert.equal(operation.status, 'pending');
    await sandbox.idle();
    const [event] = about('wd-ok');
    assert.equal(event?.type, 'payout.succeeded');
    assert.deepEqual(event?.type === 'payout.succeeded' ? event.amount : undefined, {
      currency: 'MMK',
      minor: 4_500_000,
    });
    assert.equal(sandbox.balanceKyat(), before - 45000);
  });

  it('a withdrawal to the failing test account arrives as payout.failed, and the money comes back', async () => {
    const before = sandbox.balanceKyat();
    await payout(PAYKASSMA_TEST_INPUTS.failingAccountNumber, '30000', 'wd-fail');
    await sandbox.idle();
    const [event] = about('wd-fail');
    assert.equal(event?.type, 'payout.failed');
    assert.equal(sandbox.balanceKyat(), before);
  });

  it('an amount over the balance is refused "Insufficient balance", and a wrong key "Withdrawal signature is invalid"', async () => {
    await assert.rejects(
      payout('09712345678', String(sandbox.balanceKyat() + 1), 'wd-too-much'),
      (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.providerCode, PAYKASSMA_ERROR_CODES.insufficientBalance);
        assert.equal(error.providerMessage, 'withdrawals_sum_amount: Insufficient balance');
        return true;
      },
    );
    const wrongKey = createPaykassmaProvider({
      apiUrl: sandbox.apiUrl,
      pluginUrl: sandbox.pluginUrl,
      ...sandbox.credentials,
      withdrawalPrivateKey: 'a-wrong-key',
    });
    await assert.rejects(payout('09712345678', '100', 'wd-bad-key', wrongKey), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.providerCode, PAYKASSMA_ERROR_CODES.withdrawalSignatureInvalid);
      assert.equal(error.providerMessage, 'Withdrawal signature is invalid');
      return true;
    });
    await assert.rejects(payout('0971234567', '100', 'wd-short'), ValidationError);
    assert.equal(about('wd-too-much').length + about('wd-bad-key').length, 0);
  });
});
