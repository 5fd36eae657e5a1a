import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebhookSource } from '@tender/core';
import {
  createMemoryStore,
  createRouter,
  type DedupStore,
  type WebhookError,
  type WebhookLogEntry,
} from '@tender/webhooks';
import { createFakeSource, fakeDelivery } from './support/fake-source.ts';

/**
 * Sources, stores and handlers are the user's code, or a third party's. Whatever they return or throw, a
 * delivery is answered (500 when nothing better can be said), the problem reaches `onError`, a claimed event
 * is let go, and nothing escapes as an exception or an unhandled rejection.
 */

const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);
before(() => process.on('unhandledRejection', recordUnhandled));
after(() => process.off('unhandledRejection', recordUnhandled));

/** A value that throws on every read, as a revoked proxy does. */
function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Waits long enough for stray rejections to be reported by Node. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

function routerWith(options: {
  source?: Partial<WebhookSource>;
  store?: DedupStore;
  logger?: (entry: WebhookLogEntry) => void;
}) {
  const errors: WebhookError[] = [];
  const source = { ...createFakeSource(), ...options.source };
  const router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source }],
    ...(options.store ? { store: options.store } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  }).onError((error) => {
    errors.push(error);
  });
  return { router, errors };
}

const delivery = (id = 'e1') => fakeDelivery([{ id, type: 'payment' }]);

describe('a source that breaks its contract', () => {
  it('verify() returning true, false or a verdict without a reason is a refusal worded plainly', async () => {
    for (const verdict of [true, false, null, { ok: false }, { ok: false, reason: '' }]) {
      const { router, errors } = routerWith({ source: { verify: () => verdict as never } });
      const answer = await router.receive(delivery());
      assert.equal(answer.status, 401, JSON.stringify(verdict));
      assert.match(answer.body, /verification failed: not genuine/);
      assert.deepEqual(errors, []);
    }
    await settled();
    assert.deepEqual(unhandled, []);
  });

  it('verify() returning a value whose `then` throws when read is a verify failure: 500, reported', async () => {
    const hostile = Object.defineProperty({}, 'then', {
      get() {
        throw new Error('then getter exploded');
      },
    });
    const { router, errors } = routerWith({ source: { verify: () => hostile as never } });
    const answer = await router.receive(delivery());
    assert.equal(answer.status, 503, 'the fake dialect answers failures 503');
    assert.deepEqual(
      errors.map((error) => [error.stage, (error.cause as Error).message]),
      [['verify', 'then getter exploded']],
    );
  });

  it('answer() returning nothing is answered 500, reported, and logged with that status', async () => {
    const entries: WebhookLogEntry[] = [];
    const { router, errors } = routerWith({
      source: { answer: () => undefined as never },
      logger: (entry) => entries.push(entry),
    });
    let runs = 0;
    router.on('payment.succeeded', () => {
      runs += 1;
    });
    const answer = await router.receive(delivery());
    assert.equal(answer.status, 500);
    assert.equal(runs, 1);
    assert.deepEqual(
      errors.map((error) => error.stage),
      ['answer'],
    );
    assert.deepEqual(
      entries.map((entry) => entry.status),
      [500],
    );
  });

  it('an event whose id throws when read is answered 500 and reported as internal, never thrown', async () => {
    const event = Object.defineProperty({ type: 'payment.succeeded' }, 'id', {
      get() {
        throw new Error('id getter exploded');
      },
    });
    const { router, errors } = routerWith({ source: { decode: () => [event] as never } });
    const receiving = router.receive(delivery());
    assert.ok(receiving instanceof Promise);
    const answer = await receiving;
    assert.equal(answer.status, 500);
    assert.deepEqual(
      errors.map((error) => [error.stage, error.source, (error.cause as Error).message]),
      [['internal', 'fake', 'id getter exploded']],
    );
  });

  it('a request without a raw body is answered 500 and reported, not thrown', async () => {
    const { router, errors } = routerWith({});
    const { rawBody: _dropped, ...withoutBody } = delivery();
    const answer = await router.receive(withoutBody as never);
    assert.equal(answer.status, 500);
    assert.deepEqual(
      errors.map((error) => error.stage),
      ['internal'],
    );
  });
});

/** A memory store whose `claim` answers `claimed` like this instead, synchronously or later. */
function storeClaiming(claimed: unknown, later: boolean): DedupStore {
  const inner = createMemoryStore();
  return {
    claim: () => (later ? Promise.resolve(claimed as never) : (claimed as never)),
    complete: (id, outcome, ttlMs) => inner.complete(id, outcome, ttlMs),
    release: (id) => inner.release(id),
  };
}

describe('a store that breaks its contract', () => {
  const answers = [
    undefined,
    null,
    'claimed',
    { status: 'maybe' },
    { status: 'done' },
    { status: 'done', outcome: { kind: 'paid' } },
  ];
  for (const later of [false, true]) {
    it(`a claim answered ${later ? 'later' : 'at once'} with something else than a ClaimResult runs no handler: 500, reported`, async () => {
      for (const claimed of answers) {
        const { router, errors } = routerWith({ store: storeClaiming(claimed, later) });
        let runs = 0;
        router.on('payment.succeeded', () => {
          runs += 1;
        });
        const answer = await router.receive(delivery());
        assert.equal(answer.status, 503, JSON.stringify(claimed));
        assert.equal(runs, 0);
        assert.deepEqual(
          errors.map((error) => error.stage),
          ['store'],
        );
        assert.match(String((errors[0]?.cause as Error | undefined)?.message), /not a ClaimResult/);
      }
      await settled();
      assert.deepEqual(unhandled, []);
    });
  }
});

describe('a handler that throws something that cannot even be read', () => {
  for (const flavour of ['synchronous', 'async'] as const) {
    it(`a ${flavour} handler throwing a revoked proxy fails the delivery, and the redelivery runs it again`, async () => {
      const { router, errors } = routerWith({});
      let runs = 0;
      router.on(
        'payment.succeeded',
        flavour === 'synchronous'
          ? () => {
              runs += 1;
              if (runs === 1) throw revoked();
            }
          : async () => {
              runs += 1;
              if (runs === 1) throw revoked();
            },
      );
      assert.equal((await router.receive(delivery())).status, 503);
      assert.deepEqual(
        errors.map((error) => error.stage),
        ['handler'],
      );
      assert.equal((await router.receive(delivery())).status, 200, 'the claim was released');
      assert.equal(runs, 2);
      await settled();
      assert.deepEqual(unhandled, []);
    });
  }
});
