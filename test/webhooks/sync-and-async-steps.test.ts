import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore, createRouter, type DedupStore, type WebhookError } from '@tender/webhooks';
import { bodyOf, createFakeSource, fakeDelivery } from './support/fake-source.ts';
import { settle } from './support/gate.ts';

/** Resolves on a later turn of the event loop, so other deliveries can interleave while a step waits. */
async function later<T>(value: T | Promise<T>): Promise<T> {
  await new Promise((resolve) => setImmediate(resolve));
  return value;
}

/**
 * Stores and handlers may answer with a plain value or with a promise. Each flavour mixes the two
 * differently; every one must keep the guarantees.
 */
const STORES: Record<string, () => DedupStore> = {
  'synchronous memory store': () => createMemoryStore(),
  'store answering every call later': () => {
    const inner = createMemoryStore();
    return {
      claim: (id, leaseMs) => later(inner.claim(id, leaseMs)),
      complete: (id, outcome, ttlMs) => later(inner.complete(id, outcome, ttlMs)),
      release: (id) => later(inner.release(id)),
    };
  },
  'store that claims at once but completes later': () => {
    const inner = createMemoryStore();
    return {
      claim: (id, leaseMs) => inner.claim(id, leaseMs),
      complete: (id, outcome, ttlMs) => later(inner.complete(id, outcome, ttlMs)),
      release: (id) => inner.release(id),
    };
  },
};

const HANDLERS = {
  'a synchronous handler': (count: () => void) => () => count(),
  'an async handler': (count: () => void) => async () => {
    await later(undefined);
    count();
  },
};

function routerWith(store: DedupStore) {
  const errors: WebhookError[] = [];
  const router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    store,
  }).onError((error) => {
    errors.push(error);
  });
  return { router, errors };
}

const delivery = (id: string) => fakeDelivery([{ id, type: 'payment' }]);

for (const [storeName, makeStore] of Object.entries(STORES)) {
  for (const [handlerName, makeHandler] of Object.entries(HANDLERS)) {
    describe(`${storeName} with ${handlerName}`, () => {
      it('ten concurrent deliveries of one event run the handler once; one answer is new, nine are duplicates', async () => {
        const { router } = routerWith(makeStore());
        let runs = 0;
        router.on(
          'payment.succeeded',
          makeHandler(() => {
            runs += 1;
          }),
        );
        const answers = await Promise.all(Array.from({ length: 10 }, () => router.receive(delivery('same'))));
        assert.equal(runs, 1);
        assert.ok(answers.every((answer) => answer.status === 200));
        const fresh = answers.filter((answer) => !(bodyOf(answer) as { duplicate: boolean }).duplicate);
        assert.equal(fresh.length, 1);
        assert.equal((await router.receive(delivery('same'))).status, 200);
        assert.equal(runs, 1, 'a later redelivery is a duplicate too');
      });

      it('a handler that fails is reported, the event is released, and the redelivery runs it again', async () => {
        const { router, errors } = routerWith(makeStore());
        let runs = 0;
        router.on(
          'payment.succeeded',
          makeHandler(() => {
            runs += 1;
            if (runs === 1) throw new Error('ledger unavailable');
          }),
        );
        const first = await router.receive(delivery('flaky'));
        assert.equal(first.status, 503);
        assert.equal(errors.length, 1);
        assert.match(errors[0]?.message ?? '', /a handler failed for event/);
        const again = await router.receive(delivery('flaky'));
        assert.deepEqual(bodyOf(again), { received: true, duplicate: false });
        assert.equal(runs, 2);
      });

      it('different events delivered together each run their handler once', async () => {
        const { router } = routerWith(makeStore());
        const seen: string[] = [];
        router.on('payment.succeeded', (event) => {
          seen.push(event.id);
        });
        const ids = Array.from({ length: 20 }, (_, index) => `event-${index}`);
        const answers = await Promise.all(
          ids.flatMap((id) => [router.receive(delivery(id)), router.receive(delivery(id))]),
        );
        assert.ok(answers.every((answer) => answer.status === 200));
        assert.deepEqual(seen.toSorted(), ids.map((id) => `fake:${id}`).toSorted());
      });
    });
  }
}

describe('a delivery whose store and handler answer synchronously', () => {
  it('is answered through a promise once the handler ran, and close() then has nothing to wait for', async () => {
    const { router } = routerWith(createMemoryStore());
    let ran = false;
    router.on('payment.succeeded', () => {
      ran = true;
    });
    const answering = router.receive(delivery('now'));
    assert.ok(answering instanceof Promise);
    assert.equal((await answering).status, 200);
    assert.equal(ran, true, 'the handler ran before the answer');
    await router.close();
    await settle();
  });
});
