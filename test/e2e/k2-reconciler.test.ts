/**
 * Missed-callback recovery against the sandbox over real HTTP: an STK push settles but its callback never
 * reaches the router (it lands in a receiver that keeps it); the reconciler reads the payment from K2,
 * delivers it through the router and payment.succeeded is handled once. When the held-back callback finally
 * arrives, the router answers it as a duplicate and runs no handler.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseMoney, type TenderEvent, type WebhookOutcome, type WebhookSource } from '@tender/core';
import { createK2Provider, createK2Reconciler, createK2WebhookSource, type K2Provider } from '@tender/k2';
import { type Sandbox, startSandbox } from '@tender/sandbox';
import { createRouter, type WebhookRouter } from '@tender/webhooks';
import { type Receiver, startReceiver } from '../sandbox/support/receiver.ts';

let sandbox: Sandbox;
let lostCallbacks: Receiver;
let router: WebhookRouter;
let k2: K2Provider;
const handled: TenderEvent[] = [];
/** Every outcome the router handed the K2 source to answer, in order. */
const outcomes: WebhookOutcome[] = [];

/** The K2 source, recording the outcome of each delivery it is asked to answer. */
function recordingSource(apiKey: string): WebhookSource {
  const source = createK2WebhookSource({ apiKeys: apiKey });
  return {
    ...source,
    answer(outcome) {
      outcomes.push(outcome);
      return source.answer(outcome);
    },
  };
}

before(async () => {
  sandbox = await startSandbox({ callbackDelayMs: 60_000 });
  lostCallbacks = await startReceiver();
  router = createRouter({
    sources: [{ name: 'k2', path: '/webhooks/k2', source: recordingSource(sandbox.credentials.apiKey) }],
  });
  router.on('payment.succeeded', (event) => {
    handled.push(event);
  });
  k2 = createK2Provider({
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    apiKey: sandbox.credentials.apiKey,
    baseUrl: sandbox.url,
    tillNumber: 'K776655',
    // The callback goes to a receiver that keeps it: the router never hears of it (yet).
    callbackUrl: `${lostCallbacks.url}/lost`,
  });
});

after(async () => {
  await router.close();
  await lostCallbacks.close();
  await sandbox.close();
});

describe('createK2Reconciler against the sandbox', () => {
  it('recovers a lost STK push callback once, and the late callback is a duplicate', async () => {
    let clock = 0;
    const reconciler = createK2Reconciler({
      provider: k2,
      router,
      path: '/webhooks/k2',
      apiKey: sandbox.credentials.apiKey,
      delayMs: 5_000,
      recheckMs: 1_000,
      now: () => clock,
    });
    const operation = await k2.collect({
      amount: parseMoney('250', 'KES'),
      payer: { phone: '0711000111' },
      reference: 'ORD-RECOVER',
    });
    reconciler.track(operation);

    assert.deepEqual(await reconciler.reconcile(), [], 'nothing is due before delayMs');
    clock = 5_000;
    const early = await reconciler.reconcile();
    assert.deepEqual(
      early.map((result) => result.outcome),
      ['pending'],
      'K2 still says Pending',
    );
    assert.equal(handled.length, 0);

    await sandbox.settleAll();
    assert.equal(lostCallbacks.received.length, 1, 'the callback was sent, to where the router is not');
    const recovered = await reconciler.reconcile();
    assert.deepEqual(recovered, [], 'not due again before recheckMs');
    clock = 6_000;
    const results = await reconciler.reconcile();
    assert.deepEqual(
      results.map((result) => [result.outcome, result.operation.status]),
      [['delivered', 'succeeded']],
    );
    assert.equal(handled.length, 1, 'payment.succeeded handled once');
    const [event] = handled;
    assert.equal(event?.type, 'payment.succeeded');
    assert.equal(event?.id, `k2:incoming_payment:${operation.id}:success`);
    assert.equal(event?.merchantReference, 'ORD-RECOVER');
    assert.deepEqual(
      event?.type === 'payment.succeeded' ? event.amount : undefined,
      parseMoney('250', 'KES'),
    );
    assert.deepEqual(outcomes, [{ kind: 'accepted', duplicate: false }]);
    assert.deepEqual(reconciler.tracked(), [], 'a delivered operation is no longer tracked');

    // The callback K2 sent long ago finally reaches the router, byte for byte as signed by the sandbox.
    const late = lostCallbacks.received[0];
    assert.ok(late);
    const answer = await router.receive({
      method: 'POST',
      path: '/webhooks/k2',
      query: new URLSearchParams(),
      headers: Object.fromEntries(
        Object.entries(late.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
      ),
      rawBody: new TextEncoder().encode(late.body),
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(outcomes.at(-1), { kind: 'accepted', duplicate: true }, 'answered as a duplicate');
    assert.equal(handled.length, 1, 'no handler ran for the late callback');
  });
});
