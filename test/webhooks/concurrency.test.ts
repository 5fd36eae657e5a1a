import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore, createRouter, type DedupStore, type WebhookError } from '@tender/webhooks';
import { bodyOf, createFakeSource, fakeDelivery } from './support/fake-source.ts';
import { gate, settle } from './support/gate.ts';

function routerOn(
  store: DedupStore,
  extra: { leaseMs?: number; handlerTimeoutMs?: number; dedupTtlMs?: number } = {},
) {
  const errors: WebhookError[] = [];
  const router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    store,
    ...extra,
  }).onError((error) => {
    errors.push(error);
  });
  return { router, errors };
}

const delivery = (id: string) => fakeDelivery([{ id, type: 'payment' }]);

describe('concurrent deliveries of one event in one process', () => {
  it('run the handlers once; the others wait and answer like the first', async () => {
    const { router } = routerOn(createMemoryStore());
    const held = gate();
    let runs = 0;
    router.on('payment.succeeded', async () => {
      runs += 1;
      await held.opened;
    });
    const answers = Promise.all(Array.from({ length: 5 }, () => router.receive(delivery('c1'))));
    await settle();
    assert.equal(runs, 1, 'only the first delivery runs the handler while it is in progress');
    held.open();
    const bodies = (await answers).map((answer) => [answer.status, bodyOf(answer)]);
    assert.deepEqual(bodies, [
      [200, { received: true, duplicate: false }],
      [200, { received: true, duplicate: true }],
      [200, { received: true, duplicate: true }],
      [200, { received: true, duplicate: true }],
      [200, { received: true, duplicate: true }],
    ]);
    assert.equal(runs, 1);
  });

  it('a waiting delivery gets the same decline as the first', async () => {
    const { router } = routerOn(createMemoryStore());
    const held = gate();
    router.on('payment.succeeded', async () => {
      await held.opened;
      throw Object.assign(new Error('no such account'), {
        code: 'payment_declined',
        reason: 'account_not_found',
      });
    });
    const answers = Promise.all([router.receive(delivery('c2')), router.receive(delivery('c2'))]);
    await settle();
    held.open();
    const [first, second] = await answers;
    assert.ok(first && second);
    assert.deepEqual(bodyOf(second), bodyOf(first));
    assert.deepEqual(bodyOf(first), {
      received: true,
      declined: 'account_not_found',
      message: 'no such account',
    });
  });

  it('when the first fails, the waiting delivery claims the event and runs the handlers itself', async () => {
    const { router, errors } = routerOn(createMemoryStore());
    const held = gate();
    let runs = 0;
    router.on('payment.succeeded', async () => {
      runs += 1;
      if (runs === 1) {
        await held.opened;
        throw new Error('first attempt fails');
      }
    });
    const answers = Promise.all([router.receive(delivery('c3')), router.receive(delivery('c3'))]);
    await settle();
    held.open();
    const [first, second] = await answers;
    assert.equal(first?.status, 503);
    assert.deepEqual(second && bodyOf(second), { received: true, duplicate: false });
    assert.equal(runs, 2);
    assert.equal(errors.length, 1);
  });
});

describe('deliveries across processes sharing a store', () => {
  it('a delivery that finds the event in progress elsewhere fails at once, so the provider retries later', async () => {
    const shared = createMemoryStore();
    const one = routerOn(shared);
    const two = routerOn(shared);
    const held = gate();
    let runsOne = 0;
    let runsTwo = 0;
    one.router.onAny(async () => {
      runsOne += 1;
      await held.opened;
    });
    two.router.onAny(() => {
      runsTwo += 1;
    });
    const firstAnswer = one.router.receive(delivery('x1'));
    await settle();
    const elsewhere = await two.router.receive(delivery('x1'));
    assert.equal(elsewhere.status, 503);
    assert.equal(runsTwo, 0);
    assert.equal(two.errors.length, 0, 'another holder is not an error');
    held.open();
    assert.equal((await firstAnswer).status, 200);
    assert.deepEqual(bodyOf(await two.router.receive(delivery('x1'))), { received: true, duplicate: true });
    assert.equal(runsOne, 1);
    assert.equal(runsTwo, 0);
  });

  it('a crashed holder blocks the event only until its lease (leaseMs) runs out', async () => {
    let now = 1_000_000;
    const shared = createMemoryStore({ now: () => now });
    const crashed = routerOn(shared, { leaseMs: 5_000 });
    crashed.router.onAny(() => new Promise(() => {})); // never finishes: the instance "crashed" mid-event
    void crashed.router.receive(delivery('l1'));
    await settle();

    const survivor = routerOn(shared, { leaseMs: 5_000 });
    let runs = 0;
    survivor.router.onAny(() => {
      runs += 1;
    });
    assert.equal((await survivor.router.receive(delivery('l1'))).status, 503);
    now += 4_999;
    assert.equal((await survivor.router.receive(delivery('l1'))).status, 503);
    now += 2;
    assert.deepEqual(bodyOf(await survivor.router.receive(delivery('l1'))), {
      received: true,
      duplicate: false,
    });
    assert.equal(runs, 1);
  });

  it('a handled event is remembered for dedupTtlMs, then handled again', async () => {
    let now = 0;
    const { router } = routerOn(createMemoryStore({ now: () => now }), { dedupTtlMs: 1_000 });
    let runs = 0;
    router.onAny(() => {
      runs += 1;
    });
    await router.receive(delivery('t1'));
    now += 999;
    assert.deepEqual(bodyOf(await router.receive(delivery('t1'))), { received: true, duplicate: true });
    now += 2;
    assert.deepEqual(bodyOf(await router.receive(delivery('t1'))), { received: true, duplicate: false });
    assert.equal(runs, 2);
  });
});

describe('handlerTimeoutMs', () => {
  it('fails a delivery whose handlers run too long, aborts their signal, and never runs them twice at once', async () => {
    const { router, errors } = routerOn(createMemoryStore(), { handlerTimeoutMs: 20 });
    const held = gate();
    const signals: AbortSignal[] = [];
    let runs = 0;
    router.on('payment.succeeded', async (_event, { signal }) => {
      runs += 1;
      signals.push(signal);
      await held.opened;
    });
    const first = await router.receive(delivery('o1'));
    assert.equal(first.status, 503);
    assert.equal(errors[0]?.stage, 'timeout');
    assert.equal(errors[0]?.event?.id, 'fake:o1');
    assert.equal(signals[0]?.aborted, true);
    assert.ok(signals[0]?.reason instanceof DOMException);
    assert.equal(signals[0].reason.name, 'TimeoutError');

    const whileRunning = await router.receive(delivery('o1'));
    assert.equal(whileRunning.status, 503, 'the first run still holds the event');
    assert.equal(runs, 1);

    held.open();
    await settle();
    assert.deepEqual(bodyOf(await router.receive(delivery('o1'))), { received: true, duplicate: true });
    assert.equal(runs, 1, 'the late success was recorded; nothing ran again');
  });

  it('a handler that gives up on abort releases the event for the next delivery', async () => {
    const { router } = routerOn(createMemoryStore(), { handlerTimeoutMs: 10 });
    let runs = 0;
    router.onAny(async (_event, { signal }) => {
      runs += 1;
      if (runs > 1) return;
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    assert.equal((await router.receive(delivery('o2'))).status, 503);
    await settle();
    assert.deepEqual(bodyOf(await router.receive(delivery('o2'))), { received: true, duplicate: false });
    assert.equal(runs, 2);
  });

  it('a delivery that waits for a failing run and then runs the handlers itself still answers within its own limit', async () => {
    const { router } = routerOn(createMemoryStore(), { handlerTimeoutMs: 200 });
    const firstRun = gate();
    let runs = 0;
    router.onAny(async (_event, { signal }) => {
      runs += 1;
      if (runs === 1) {
        await firstRun.opened;
        throw new Error('first run failed');
      }
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
    });
    const first = router.receive(delivery('o5'));
    await settle();
    const startedAt = performance.now();
    const joining = router.receive(delivery('o5'));
    setTimeout(() => firstRun.open(), 150);
    const answer = await joining;
    const waitedMs = performance.now() - startedAt;
    assert.equal(answer.status, 503);
    assert.equal(runs, 2, 'the joining delivery ran the handlers itself after the first run failed');
    // Its limit ends 200 ms after it arrived; a fresh limit for its own run would end at about 350 ms.
    assert.ok(waitedMs < 300, `waited ${waitedMs.toFixed(0)} ms`);
    assert.equal((await first).status, 503);
  });

  it('close() waits for handlers still running after their delivery timed out, then closes the store', async () => {
    const inner = createMemoryStore();
    const calls: string[] = [];
    const store: DedupStore = {
      claim: (id, leaseMs) => inner.claim(id, leaseMs),
      complete: (id, outcome, ttlMs) => {
        calls.push('complete');
        inner.complete(id, outcome, ttlMs);
      },
      release: (id) => inner.release(id),
      close: () => {
        calls.push('close');
      },
    };
    const { router } = routerOn(store, { handlerTimeoutMs: 10 });
    const held = gate();
    router.onAny(async () => {
      await held.opened;
    });
    assert.equal((await router.receive(delivery('o4'))).status, 503);
    let closed = false;
    const closing = router.close().then(() => {
      closed = true;
    });
    await settle();
    assert.equal(closed, false, 'the handler is still running');
    assert.deepEqual(calls, []);
    held.open();
    await closing;
    assert.deepEqual(calls, ['complete', 'close'], 'the late success was stored before the store closed');
  });

  it('close({ timeoutMs }) stops waiting for a handler that ignores its signal and closes the store', async () => {
    const calls: string[] = [];
    const inner = createMemoryStore();
    const store: DedupStore = {
      claim: (id, leaseMs) => inner.claim(id, leaseMs),
      complete: (id, outcome, ttlMs, token) => inner.complete(id, outcome, ttlMs, token),
      release: (id, token) => inner.release(id, token),
      close: () => {
        calls.push('close');
      },
    };
    const { router } = routerOn(store, { handlerTimeoutMs: 10 });
    router.onAny(() => new Promise(() => {}));
    assert.equal((await router.receive(delivery('o6'))).status, 503);
    await router.close({ timeoutMs: 30 });
    assert.deepEqual(calls, ['close']);
    assert.equal((await router.receive(delivery('o7'))).status, 503, 'closed: new deliveries are refused');
  });

  it('close() refuses a timeout a timer cannot wait', async () => {
    const { router } = routerOn(createMemoryStore());
    assert.throws(() => router.close({ timeoutMs: -1 }), /timeoutMs: must be a whole number/);
    assert.throws(() => router.close({ timeoutMs: 1.5 }), /timeoutMs: must be a whole number/);
    await router.close();
  });

  it('handlers get a signal that is never aborted when no timeout is set', async () => {
    const { router } = routerOn(createMemoryStore());
    let signal: AbortSignal | undefined;
    router.onAny((_event, context) => {
      signal = context.signal;
    });
    await router.receive(delivery('o3'));
    assert.equal(signal?.aborted, false);
  });
});
