import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ClaimResult,
  createMemoryStore,
  createRouter,
  createSqliteStore,
  type DedupStore,
  type HandledOutcome,
} from '@tender/webhooks';
import { bodyOf, createFakeSource, fakeDelivery } from './support/fake-source.ts';
import { gate, settle } from './support/gate.ts';

const delivery = (id: string) => fakeDelivery([{ id, type: 'payment' }]);

/** A router as one process would run it, on a store shared with the others. */
function processOn(store: DedupStore, handler: () => Promise<void>) {
  return createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    store,
    leaseMs: 1_000,
  })
    .on('payment.succeeded', handler)
    .onError(() => {});
}

const stores = {
  memory: (now: () => number) => createMemoryStore({ now }),
  sqlite: (now: () => number) => createSqliteStore({ filename: ':memory:', now }),
};

for (const [name, make] of Object.entries(stores)) {
  describe(`routers sharing a ${name} store: a run whose lease ran out`, () => {
    it('fails without freeing the claim another process took since, so nobody runs alongside it', async () => {
      const clock = { now: 1_700_000_000_000 };
      const store = make(() => clock.now);
      const slowA = gate();
      const slowB = gate();
      const runs: string[] = [];
      const a = processOn(store, async () => {
        runs.push('A');
        await slowA.opened;
        throw new Error('transient');
      });
      const b = processOn(store, async () => {
        runs.push('B');
        await slowB.opened;
      });
      const c = processOn(store, async () => {
        runs.push('C');
      });
      const answerA = a.receive(delivery('lease-1'));
      await settle();
      clock.now += 1_500; // A's lease has run out; A is still running
      const answerB = b.receive(delivery('lease-1'));
      await settle();
      slowA.open();
      assert.equal((await answerA).status, 503, 'A failed');
      assert.equal((await c.receive(delivery('lease-1'))).status, 503, 'B still holds the event');
      slowB.open();
      assert.deepEqual(bodyOf(await answerB), { received: true, duplicate: false });
      assert.deepEqual(bodyOf(await c.receive(delivery('lease-1'))), { received: true, duplicate: true });
      assert.deepEqual(runs, ['A', 'B'], 'C never ran the handlers');
    });

    it('does not record its outcome while the process that took over is still running', async () => {
      const clock = { now: 1_700_000_000_000 };
      const store = make(() => clock.now);
      const slowA = gate();
      const slowB = gate();
      const a = processOn(store, async () => {
        await slowA.opened;
        throw Object.assign(new Error('no such account'), {
          code: 'payment_declined',
          reason: 'account_not_found',
        });
      });
      const b = processOn(store, async () => {
        await slowB.opened;
      });
      const c = processOn(store, async () => {});
      const answerA = a.receive(delivery('lease-2'));
      await settle();
      clock.now += 1_500;
      const answerB = b.receive(delivery('lease-2'));
      await settle();
      slowA.open();
      assert.deepEqual(
        bodyOf(await answerA),
        { received: true, declined: 'account_not_found', message: 'no such account' },
        'A answers its own delivery with its decline',
      );
      assert.equal((await c.receive(delivery('lease-2'))).status, 503, 'B is still running: no outcome yet');
      slowB.open();
      assert.deepEqual(bodyOf(await answerB), { received: true, duplicate: false });
      assert.deepEqual(
        bodyOf(await c.receive(delivery('lease-2'))),
        { received: true, duplicate: true },
        'the outcome recorded is B’s acceptance, not A’s stale decline',
      );
    });
  });
}

describe('the router and claim tokens', () => {
  /** A memory store that records how complete and release were called. */
  function spied(tokens: boolean) {
    const inner = createMemoryStore();
    const calls: unknown[][] = [];
    const store: DedupStore = {
      async claim(id, leaseMs): Promise<ClaimResult> {
        const claim = await inner.claim(id, leaseMs);
        // A store written before tokens answers a bare `claimed`.
        return claim.status === 'claimed' && !tokens ? { status: 'claimed' } : claim;
      },
      complete(...args: [string, HandledOutcome, number, string?]) {
        calls.push(['complete', ...args]);
        inner.complete(...args);
      },
      release(...args: [string, string?]) {
        calls.push(['release', ...args]);
        inner.release(...args);
      },
    };
    return { store, calls };
  }

  it('hands the claim’s token back to complete and release', async () => {
    const { store, calls } = spied(true);
    let fail = true;
    const router = processOn(store, async () => {
      if (fail) throw new Error('transient');
    });
    assert.equal((await router.receive(delivery('t1'))).status, 503);
    fail = false;
    assert.equal((await router.receive(delivery('t1'))).status, 200);
    assert.deepEqual(
      calls.map((call) => [call[0], call.length]),
      [
        ['release', 3],
        ['complete', 5],
      ],
    );
    const [released, completed] = [calls[0]?.at(-1), calls[1]?.at(-1)];
    assert.equal(typeof released, 'string');
    assert.equal(typeof completed, 'string');
    assert.notEqual(released, completed, 'each claim has its own token');
  });

  it('calls a store that answers no token exactly as before: complete(id, outcome, ttlMs), release(id)', async () => {
    const { store, calls } = spied(false);
    let fail = true;
    const router = processOn(store, async () => {
      if (fail) throw new Error('transient');
    });
    assert.equal((await router.receive(delivery('t2'))).status, 503);
    fail = false;
    assert.equal((await router.receive(delivery('t2'))).status, 200);
    assert.equal((await router.receive(delivery('t2'))).status, 200);
    assert.deepEqual(
      calls.map((call) => [call[0], call.length]),
      [
        ['release', 2],
        ['complete', 4],
      ],
    );
  });
});
