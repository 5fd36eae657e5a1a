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

  it('events whose id or type is missing, not a string or throws when read are a decode failure: nothing is claimed', async () => {
    const throwingId = Object.defineProperty({ type: 'payment.succeeded' }, 'id', {
      get() {
        throw new Error('id getter exploded');
      },
    });
    const throwingType = Object.defineProperty({ id: 'e1' }, 'type', {
      get() {
        throw new Error('type getter exploded');
      },
    });
    const cases: [unknown, RegExp][] = [
      [[{ id: 'e1' }], /without a type/],
      [[{ type: 'payment.succeeded' }], /without an id/],
      [[throwingId], /cannot be read/],
      [[{ id: 'e1', type: Symbol('payment.succeeded') }], /without a type/],
      [[throwingType], /cannot be read/],
      [revoked(), /revoked/],
    ];
    for (const [events, message] of cases) {
      const claimed: string[] = [];
      const inner = createMemoryStore();
      const store: DedupStore = {
        ...inner,
        claim: (id, leaseMs) => {
          claimed.push(id);
          return inner.claim(id, leaseMs);
        },
      };
      const { router, errors } = routerWith({ source: { decode: () => events as never }, store });
      assert.equal((await router.receive(delivery())).status, 503);
      assert.deepEqual(claimed, []);
      assert.equal(errors[0]?.stage, 'decode');
      assert.match(String((errors[0]?.cause as Error | undefined)?.message), message);
    }
  });

  it('an event whose id changes from read to read is claimed and completed under one id', async () => {
    let reads = 0;
    const shifting = Object.defineProperty({ type: 'payment.succeeded' }, 'id', {
      get: () => `fake:shifting-${reads++}`,
    });
    const inner = createMemoryStore();
    const ids: string[] = [];
    const store: DedupStore = {
      claim: (id, leaseMs) => {
        ids.push(`claim ${id}`);
        return inner.claim(id, leaseMs);
      },
      complete: (id, outcome, ttlMs) => {
        ids.push(`complete ${id}`);
        inner.complete(id, outcome, ttlMs);
      },
      release: (id) => inner.release(id),
    };
    const { router } = routerWith({ source: { decode: () => [shifting] as never }, store });
    router.on('payment.succeeded', () => {});
    assert.equal((await router.receive(delivery())).status, 200);
    const claimedId = ids[0]?.replace('claim ', '');
    assert.deepEqual(ids, [`claim ${claimedId}`, `complete ${claimedId}`]);
  });

  it('a request without a raw body, without a path, or no request at all is answered 500 and reported, not thrown', async () => {
    const { rawBody: _dropped, ...withoutBody } = delivery();
    const { path: _path, ...withoutPath } = delivery();
    for (const request of [withoutBody, withoutPath, { ...delivery(), path: 42 }, undefined, null]) {
      const { router, errors } = routerWith({});
      const answer = await router.receive(request as never);
      assert.equal(answer.status, 500);
      assert.deepEqual(
        errors.map((error) => error.stage),
        ['internal'],
      );
    }
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

describe('a store promise whose own `then` was replaced', () => {
  it("is followed by the built-in then: the store's real rejection is reported, the claim released", async () => {
    const inner = createMemoryStore();
    const store: DedupStore = {
      claim: (id, leaseMs) => inner.claim(id, leaseMs),
      complete: () => {
        const failing = Promise.reject(new Error('disk full'));
        Object.defineProperty(failing, 'then', {
          value: () => {
            throw new Error('then replaced');
          },
        });
        return failing;
      },
      release: (id) => inner.release(id),
    };
    const { router, errors } = routerWith({ store });
    router.on('payment.succeeded', () => {});
    assert.equal((await router.receive(delivery())).status, 503);
    assert.deepEqual(
      errors.map((error) => [error.stage, (error.cause as Error).message]),
      [['store', 'disk full']],
    );
    assert.equal((await inner.claim('fake:e1', 1000)).status, 'claimed', 'the claim was released');
    await settled();
    assert.deepEqual(unhandled, []);
  });
});

describe('a store answering with a lazy promise (work starts in then, as p-lazy does)', () => {
  it('is followed like await follows it: the claim runs and the handler with it', async () => {
    class LazyPromise<T> extends Promise<T> {
      #start: (() => Promise<T>) | undefined;
      static lazy<T>(start: () => T | Promise<T>): LazyPromise<T> {
        const lazy = new LazyPromise<T>(() => {});
        lazy.#start = async () => start();
        return lazy;
      }
      // biome-ignore lint/suspicious/noThenProperty: the point of a lazy promise is its own then
      override then<A = T, B = never>(
        onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
        onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
      ): Promise<A | B> {
        const started = this.#start?.() ?? Promise.reject(new Error('not lazy'));
        return started.then(onFulfilled, onRejected);
      }
      static override get [Symbol.species]() {
        return Promise;
      }
    }
    const inner = createMemoryStore();
    const store: DedupStore = {
      claim: (id, leaseMs) => LazyPromise.lazy(() => inner.claim(id, leaseMs)),
      complete: (id, outcome, ttlMs) => LazyPromise.lazy(() => inner.complete(id, outcome, ttlMs)),
      release: (id) => LazyPromise.lazy(() => inner.release(id)),
    };
    const { router, errors } = routerWith({ store });
    let runs = 0;
    router.on('payment.succeeded', () => {
      runs += 1;
    });
    assert.equal((await router.receive(delivery())).status, 200);
    assert.equal(runs, 1);
    assert.deepEqual(errors, []);
    assert.equal((await router.receive(delivery())).status, 200, 'the completion was stored');
    assert.equal(runs, 1);
  });
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

  it('with no onError handler, the error printed to the console still releases the claim', async (t) => {
    const printed = t.mock.method(console, 'error', () => {});
    const router = createRouter({
      sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    });
    let runs = 0;
    router.on('payment.succeeded', () => {
      runs += 1;
      if (runs === 1) throw revoked();
    });
    assert.equal((await router.receive(delivery())).status, 503);
    assert.equal(printed.mock.callCount(), 1);
    const [reported] = printed.mock.calls[0]?.arguments ?? [];
    assert.equal((reported as WebhookError).stage, 'handler');
    assert.equal((reported as WebhookError).toJSON().cause, 'a value that cannot be read');
    assert.equal((await router.receive(delivery())).status, 200, 'the claim was released');
    assert.equal(runs, 2);
  });

  it('a console that throws while printing loses nothing either', async (t) => {
    t.mock.method(console, 'error', () => {
      throw new Error('stderr closed');
    });
    const router = createRouter({
      sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
    });
    let runs = 0;
    router.on('payment.succeeded', () => {
      runs += 1;
      if (runs === 1) throw new Error('db down');
    });
    assert.equal((await router.receive(delivery())).status, 503);
    assert.equal((await router.receive(delivery())).status, 200);
    assert.equal(runs, 2);
  });
});
