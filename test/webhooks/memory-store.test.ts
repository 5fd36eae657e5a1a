import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import { createMemoryStore } from '@tender/webhooks';
import { storeContract } from './support/store-contract.ts';

describe('createMemoryStore: the DedupStore contract', () => {
  storeContract(() => {
    const clock = { now: 1_700_000_000_000 };
    const store = createMemoryStore({ now: () => clock.now });
    return {
      store,
      advance: (ms) => {
        clock.now += ms;
      },
      stored: () => store.size,
      prune: () => {
        store.prune();
      },
    };
  });
});

describe('createMemoryStore: bounded memory', () => {
  it('sweeps expired claims and completions out once the sweep interval has passed', async () => {
    const clock = { now: 0 };
    const store = createMemoryStore({ now: () => clock.now, sweepIntervalMs: 10_000 });
    for (let index = 0; index < 50; index += 1) {
      await store.claim(`done-${index}`, 1_000);
      await store.complete(`done-${index}`, { kind: 'accepted' }, 2_000);
      await store.claim(`crashed-${index}`, 1_000);
    }
    await store.claim('long-lived', 60_000);
    assert.equal(store.size, 101);
    clock.now = 5_000;
    await store.claim('probe-1', 60_000);
    assert.equal(store.size, 102, 'expired entries stay until the sweep interval has passed');
    clock.now = 10_000;
    await store.claim('probe-2', 60_000);
    assert.equal(store.size, 3, 'only the unexpired entries are left');
  });

  it('close() empties the store', async () => {
    const store = createMemoryStore();
    await store.claim('x', 1_000);
    await store.close?.();
    assert.equal(store.size, 0);
  });

  it('checks its options', () => {
    assert.throws(
      () => createMemoryStore({ sweepIntervalMs: 0 }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'sweepIntervalMs',
    );
  });
});
