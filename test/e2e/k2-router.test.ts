/**
 * End to end over real HTTP on 127.0.0.1: @tender/k2 drives the sandbox, the sandbox calls back into the
 * router, and the router hands normalized events to handlers.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseMoney, type TenderEvent } from '@tender/core';
import { createK2Provider, createK2WebhookSource } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { K2_WEBHOOK_TOPICS, type Sandbox, startSandbox } from '@tender/sandbox';
import { createRouter, toNodeHandler, type WebhookRouter } from '@tender/webhooks';

const LEGACY = { username: 'legacy', password: 'legacy-password' };
let sandbox: Sandbox;
let router: WebhookRouter;
let server: Server;
let base = '';
let k2: ReturnType<typeof createK2Provider>;
const events: TenderEvent[] = [];

function about(needle: string): TenderEvent[] {
  return events.filter((event) => event.id.includes(needle) || JSON.stringify(event.raw).includes(needle));
}

before(async () => {
  sandbox = await startSandbox({ callbackDelayMs: 60_000 });
  router = createRouter({
    sources: [
      {
        name: 'k2',
        path: '/webhooks/k2',
        source: createK2WebhookSource({ apiKeys: sandbox.credentials.apiKey }),
      },
      {
        name: 'k2-legacy',
        path: '/webhooks/k2-legacy',
        source: createK2LegacySource({ credentials: LEGACY }),
      },
    ],
  });
  router.onAny((event) => {
    events.push(event);
  });
  server = createServer(toNodeHandler(router));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  k2 = createK2Provider({
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    apiKey: sandbox.credentials.apiKey,
    baseUrl: sandbox.url,
    tillNumber: 'K776655',
    callbackUrl: `${base}/webhooks/k2`,
  });
});

after(async () => {
  await new Promise((done) => server.close(done));
  await router.close();
  await sandbox.close();
});

describe('K2 operations through the sandbox and back through the router', () => {
  it('collect: a paid STK push arrives as payment.succeeded with the exact amount', async () => {
    const operation = await k2.collect({ amount: parseMoney('250', 'KES'), payer: { phone: '0711000111' } });
    assert.equal(operation.status, 'pending');
    await sandbox.settleAll();
    const [event] = about(operation.id);
    assert.equal(event?.type, 'payment.succeeded');
    assert.deepEqual(event?.type === 'payment.succeeded' ? event.amount : undefined, {
      currency: 'KES',
      minor: 25000,
    });
    assert.equal((await k2.status(operation)).status, 'succeeded');
  });

  it('collect: a cancelled STK push arrives as payment.failed with the reason', async () => {
    const operation = await k2.collect({
      amount: parseMoney('10', 'KES'),
      payer: { phone: '+254700000001' },
    });
    await sandbox.settleAll();
    const [event] = about(operation.id);
    assert.equal(event?.type, 'payment.failed');
    assert.match(event?.type === 'payment.failed' ? (event.failureReason ?? '') : '', /cancelled by user/i);
    assert.equal((await k2.status(operation)).status, 'failed');
  });

  it('payout: send money arrives as payout.succeeded, and a failing destination as payout.failed', async () => {
    const paid = await k2.payout({
      amount: parseMoney('1500', 'KES'),
      destination: { type: 'mobile_wallet', phone: '0722000222' },
      description: 'Delivery fee',
    });
    const failed = await k2.payout({
      amount: parseMoney('10', 'KES'),
      destination: { type: 'mobile_wallet', phone: '254700000011' },
      description: 'Unregistered number',
    });
    await sandbox.settleAll();
    assert.equal(about(paid.id)[0]?.type, 'payout.succeeded');
    assert.equal(about(failed.id)[0]?.type, 'payout.failed');
  });

  it('reverse: reversal.succeeded, and reversal.failed for a declined one', async () => {
    const ok = await k2.reverse({ transactionReference: 'TQB7XK2M9P', reason: 'Paid twice' });
    const declined = await k2.reverse({ transactionReference: 'FAIL12345', reason: 'Paid twice' });
    await sandbox.settleAll();
    assert.equal(about(ok.id)[0]?.type, 'reversal.succeeded');
    assert.equal(about(declined.id)[0]?.type, 'reversal.failed');
  });

  it('link: a paid link arrives as link.updated; a cancelled one reads cancelled', async () => {
    const paid = await k2.createLink({ amount: parseMoney('2300', 'KES'), reference: 'INV-1' });
    const cancelled = await k2.createLink({ amount: parseMoney('100.05', 'KES'), reference: 'INV-2' });
    await k2.cancelLink({ reference: cancelled.reference });
    await sandbox.settleAll();
    const [event] = about(paid.id);
    assert.equal(event?.type, 'link.updated');
    assert.equal(event?.type === 'link.updated' ? event.linkStatus : '', 'paid');
    assert.equal((await k2.status(cancelled)).status, 'cancelled');
  });

  it('notify: polling results arrive as polling.completed', async () => {
    const to = new Date();
    const operation = await k2.notify({
      mode: 'poll',
      from: new Date(to.getTime() - 3_600_000),
      to,
      callbackUrl: `${base}/webhooks/k2`,
    });
    await sandbox.settleAll();
    assert.ok(about(operation.id).some((event) => event.type === 'polling.completed'));
  });

  it('notify: a subscription receives triggered webhooks of every topic, none dropped', async () => {
    await k2.notify({ mode: 'subscribe', topic: 'customer_created', url: `${base}/webhooks/k2` });
    for (const topic of K2_WEBHOOK_TOPICS) {
      const [delivery] = await sandbox.trigger(topic, { to: `${base}/webhooks/k2`, eventId: `e2e-${topic}` });
      assert.equal(delivery?.status, 200, `${topic}: ${delivery?.body}`);
      assert.ok(about(`e2e-${topic}`).length > 0, `no event for ${topic}`);
    }
    const expected: Record<string, string> = {
      buygoods_transaction_received: 'payment.succeeded',
      buygoods_transaction_reversed: 'payment.reversed',
      b2b_transaction_received: 'payment.succeeded',
      settlement_transfer_completed: 'transfer.completed',
      customer_created: 'customer.created',
    };
    for (const [topic, type] of Object.entries(expected)) assert.equal(about(`e2e-${topic}`)[0]?.type, type);
  });

  it('a duplicate delivery is acknowledged without running handlers again; Daraja payloads decode', async () => {
    const before = events.length;
    const first = await sandbox.trigger('buygoods_transaction_received', {
      to: `${base}/webhooks/k2`,
      eventId: 'dup-1',
      overrides: { reference: 'SDUP000001' },
    });
    const second = await sandbox.trigger('buygoods_transaction_received', {
      to: `${base}/webhooks/k2`,
      eventId: 'dup-1',
      overrides: { reference: 'SDUP000001' },
    });
    assert.deepEqual([first[0]?.status, second[0]?.status], [200, 200]);
    assert.equal(events.length, before + 1);
    const [daraja] = await sandbox.trigger('buygoods_transaction_received', {
      to: `${base}/webhooks/k2`,
      daraja: true,
    });
    assert.equal(daraja?.status, 200);
    assert.equal(events.at(-1)?.type, 'payment.succeeded');
  });

  it('legacy notifications are answered 01 and delivered as payment.succeeded', async () => {
    const answer = await sandbox.sendLegacy({
      to: `${base}/webhooks/k2-legacy`,
      ...LEGACY,
      fields: { k2_transaction_id: 'e2e-legacy-1' },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body, '{"status":"01","description":"Accepted"}');
    assert.equal(about('k2-legacy:e2e-legacy-1')[0]?.type, 'payment.succeeded');
    const refused = await sandbox.sendLegacy({
      to: `${base}/webhooks/k2-legacy`,
      username: 'legacy',
      password: 'wrong',
    });
    assert.equal(refused.status, 401);
  });
});
