import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EventOfType, PaymentDeclinedError, type TenderEvent, ValidationError } from '@tender/core';
import { createMemoryStore, createRouter, type WebhookError } from '@tender/webhooks';
import { bodyOf, createFakeSource, fakeDelivery } from './support/fake-source.ts';

function setup() {
  const store = createMemoryStore();
  const errors: WebhookError[] = [];
  const router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    store,
  }).onError((error) => {
    errors.push(error);
  });
  return { router, errors, store };
}

describe('typed handlers', () => {
  it('on(type) narrows the event, on([types]) takes a union, onAny sees every event', async () => {
    const { router } = setup();
    const calls: string[] = [];
    router
      .on('payment.succeeded', (event) => {
        // Narrowed: `channel` and `accountNumber` exist only on payment events.
        calls.push(`payment ${event.channel} ${event.accountNumber}`);
      })
      .on(['payment.succeeded', 'payout.failed'], (event) => {
        const union: EventOfType<'payment.succeeded' | 'payout.failed'> = event;
        // @ts-expect-error `legs` exists on payout.failed only, so it must be narrowed first
        void union.legs;
        calls.push(`money ${event.type === 'payout.failed' ? event.legs.length : event.channel}`);
      })
      .onAny((event: TenderEvent) => {
        calls.push(`any ${event.type}`);
      });
    await router.receive(
      fakeDelivery([
        { id: 'h1', type: 'payment', account: 'A1' },
        { id: 'h2', type: 'payout-failed' },
        { id: 'h3', type: 'unknown-kind' },
      ]),
    );
    assert.deepEqual(calls, [
      'payment other A1',
      'money other',
      'any payment.succeeded',
      'money 0',
      'any payout.failed',
      'any provider.event',
    ]);
  });

  it('rejects unknown event types and non-functions with a ValidationError', () => {
    const { router } = setup();
    assert.throws(
      // @ts-expect-error not an event type
      () => router.on('payment.received', () => {}),
      (error: unknown) =>
        error instanceof ValidationError && /"payment\.received" is not an event type/.test(error.message),
    );
    assert.throws(() => router.on([], () => {}), /name at least one event type/);
    // @ts-expect-error not a function
    assert.throws(() => router.onAny('log'), /handler: must be a function/);
    // @ts-expect-error not a function
    assert.throws(() => router.onError(null), /handler: must be a function/);
  });

  it('answers only after every async handler of every event has finished', async () => {
    const { router } = setup();
    const finished: string[] = [];
    const later = (ms: number, label: string) => async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      finished.push(label);
    };
    router.on('payment.succeeded', later(30, 'slow'));
    router.on('payment.succeeded', later(5, 'quick'));
    router.onAny(later(15, 'any'));
    const answer = await router.receive(fakeDelivery([{ id: 'w1', type: 'payment' }]));
    assert.equal(answer.status, 200);
    assert.deepEqual(finished.sort(), ['any', 'quick', 'slow']);
  });
});

describe('nothing lost: failures make the provider deliver again', () => {
  it('a throwing handler fails the delivery, releases the claim, and the next delivery runs again', async () => {
    const { router, errors, store } = setup();
    let attempts = 0;
    router.on('payment.succeeded', () => {
      attempts += 1;
      if (attempts === 1) throw new Error('ledger unavailable');
    });
    const first = await router.receive(fakeDelivery([{ id: 'f1', type: 'payment' }]));
    assert.equal(first.status, 503);
    assert.deepEqual(bodyOf(first), { retry: true });
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.stage, 'handler');
    assert.equal((await store.claim('fake:f1', 1000)).status, 'claimed', 'the claim was released');
    await store.release('fake:f1');

    const second = await router.receive(fakeDelivery([{ id: 'f1', type: 'payment' }]));
    assert.deepEqual(bodyOf(second), { received: true, duplicate: false });
    const third = await router.receive(fakeDelivery([{ id: 'f1', type: 'payment' }]));
    assert.deepEqual(bodyOf(third), { received: true, duplicate: true });
    assert.equal(attempts, 2);
  });

  it('a delivery with several events stops at the first failure; redelivery skips the handled ones', async () => {
    const { router } = setup();
    const runs: string[] = [];
    let failNext = true;
    router.onAny((event) => {
      runs.push(event.id);
      if (event.id === 'fake:m2' && failNext) {
        failNext = false;
        throw new Error('transient');
      }
    });
    const events = [
      { id: 'm1', type: 'payment' },
      { id: 'm2', type: 'payment' },
      { id: 'm3', type: 'payment' },
    ];
    assert.equal((await router.receive(fakeDelivery(events))).status, 503);
    assert.deepEqual(runs, ['fake:m1', 'fake:m2']);
    const again = await router.receive(fakeDelivery(events));
    assert.deepEqual(bodyOf(again), { received: true, duplicate: false });
    assert.deepEqual(runs, ['fake:m1', 'fake:m2', 'fake:m2', 'fake:m3']);
  });

  it('every failing handler is reported, and the others still ran to the end', async () => {
    const { router, errors } = setup();
    let finished = false;
    router.on('payment.succeeded', () => {
      throw new Error('first');
    });
    router.on('payment.succeeded', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished = true;
    });
    router.onAny(() => Promise.reject(new Error('second')));
    await router.receive(fakeDelivery([{ id: 'r1', type: 'payment' }]));
    assert.equal(finished, true);
    assert.deepEqual(
      errors.map((error) => String(error.cause)),
      ['Error: first', 'Error: second'],
    );
  });

  it('a duplicate delivery is acknowledged without running the handlers', async () => {
    const { router } = setup();
    let runs = 0;
    router.onAny(() => {
      runs += 1;
    });
    const first = await router.receive(fakeDelivery([{ id: 'd1', type: 'payment' }]));
    const second = await router.receive(fakeDelivery([{ id: 'd1', type: 'payment' }]));
    assert.deepEqual(bodyOf(first), { received: true, duplicate: false });
    assert.deepEqual(bodyOf(second), { received: true, duplicate: true });
    assert.equal(runs, 1);
    const mixed = await router.receive(
      fakeDelivery([
        { id: 'd1', type: 'payment' },
        { id: 'd2', type: 'payment' },
      ]),
    );
    assert.deepEqual(bodyOf(mixed), { received: true, duplicate: false }, 'not a duplicate: d2 is new');
    assert.equal(runs, 2);
  });
});

describe('declining a payment', () => {
  it('PaymentDeclinedError answers declined, completes the event, and a redelivery gets the same answer', async () => {
    const { router, errors, store } = setup();
    let runs = 0;
    router.on('payment.succeeded', (event) => {
      runs += 1;
      if (event.accountNumber === 'NOPE')
        throw new PaymentDeclinedError('account_not_found', 'no account NOPE');
    });
    const delivery = fakeDelivery([{ id: 'x1', type: 'payment', account: 'NOPE' }]);
    const first = await router.receive(delivery);
    assert.equal(first.status, 200);
    assert.deepEqual(bodyOf(first), {
      received: true,
      declined: 'account_not_found',
      message: 'no account NOPE',
    });
    const again = await router.receive(delivery);
    assert.deepEqual(bodyOf(again), bodyOf(first));
    assert.equal(runs, 1);
    assert.equal(errors.length, 0, 'a decline is an answer, not an error');
    assert.deepEqual(await store.claim('fake:x1', 1000), {
      status: 'done',
      outcome: { kind: 'declined', reason: 'account_not_found', message: 'no account NOPE' },
    });
  });

  it('a decline in one event of several declines the delivery; the others are still handled', async () => {
    const { router } = setup();
    const handled: string[] = [];
    router.on('payment.succeeded', (event) => {
      if (event.accountNumber === 'BAD') throw new PaymentDeclinedError('invalid_payment');
      handled.push(event.id);
    });
    const answer = await router.receive(
      fakeDelivery([
        { id: 'y1', type: 'payment', account: 'BAD' },
        { id: 'y2', type: 'payment', account: 'OK' },
      ]),
    );
    assert.deepEqual(bodyOf(answer), {
      received: true,
      declined: 'invalid_payment',
      message: 'invalid payment',
    });
    assert.deepEqual(handled, ['fake:y2']);
  });

  it('a failure outweighs a decline: the event is delivered again and decided again', async () => {
    const { router } = setup();
    let fail = true;
    router.on('payment.succeeded', () => {
      throw new PaymentDeclinedError('invalid_payment');
    });
    router.onAny(() => {
      if (fail) {
        fail = false;
        throw new Error('audit log down');
      }
    });
    const delivery = fakeDelivery([{ id: 'z1', type: 'payment' }]);
    assert.equal((await router.receive(delivery)).status, 503);
    assert.deepEqual(bodyOf(await router.receive(delivery)), {
      received: true,
      declined: 'invalid_payment',
      message: 'invalid payment',
    });
  });

  it('recognises a decline by its shape, so a second copy of @tender/core still declines', async () => {
    const { router, errors } = setup();
    router.on('payment.succeeded', () => {
      throw Object.assign(new Error('from another copy'), {
        code: 'payment_declined',
        reason: 'invalid_payment',
      });
    });
    const answer = await router.receive(fakeDelivery([{ id: 'k1', type: 'payment' }]));
    assert.deepEqual(bodyOf(answer), {
      received: true,
      declined: 'invalid_payment',
      message: 'from another copy',
    });
    assert.equal(errors.length, 0);
  });
});
