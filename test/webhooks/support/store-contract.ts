import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { DedupStore } from '@tender/webhooks';

/** A store under test and the clock it reads, which the test moves. */
export interface StoreUnderTest {
  readonly store: DedupStore;
  readonly clock: { now: number };
}

/** The behaviour every DedupStore must have, run against one implementation. */
export function storeContract(make: () => StoreUnderTest): void {
  it('claims a new id, reports it in progress while the lease lasts, and frees it when the lease ends', async () => {
    const { store, clock } = make();
    assert.deepEqual(await store.claim('e1', 1_000), { status: 'claimed' });
    assert.deepEqual(await store.claim('e1', 1_000), { status: 'in_progress' });
    clock.now += 999;
    assert.deepEqual(await store.claim('e1', 1_000), { status: 'in_progress' });
    clock.now += 1;
    assert.deepEqual(await store.claim('e1', 1_000), { status: 'claimed' }, 'an expired lease is free');
  });

  it('remembers a completion and its outcome until the TTL ends', async () => {
    const { store, clock } = make();
    await store.claim('e2', 1_000);
    await store.complete('e2', { kind: 'declined', reason: 'invalid_payment', message: 'bad amount' }, 5_000);
    assert.deepEqual(await store.claim('e2', 1_000), {
      status: 'done',
      outcome: { kind: 'declined', reason: 'invalid_payment', message: 'bad amount' },
    });
    clock.now += 4_999;
    assert.equal((await store.claim('e2', 1_000)).status, 'done');
    clock.now += 1;
    assert.deepEqual(await store.claim('e2', 1_000), { status: 'claimed' });
  });

  it('releases a claim so the next claim wins, but never forgets a completion on release', async () => {
    const { store } = make();
    await store.claim('e3', 1_000);
    await store.release('e3');
    assert.deepEqual(await store.claim('e3', 1_000), { status: 'claimed' });
    await store.complete('e3', { kind: 'accepted' }, 1_000);
    await store.release('e3');
    assert.deepEqual(await store.claim('e3', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
    await store.release('never-claimed');
  });

  it('of many concurrent claims of one id exactly one wins', async () => {
    const { store } = make();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claim('e4', 1_000)));
    assert.equal(results.filter((result) => result.status === 'claimed').length, 1);
    assert.equal(results.filter((result) => result.status === 'in_progress').length, 19);
  });

  it('keeps ids apart', async () => {
    const { store } = make();
    await store.claim('a', 1_000);
    await store.complete('a', { kind: 'accepted' }, 1_000);
    assert.deepEqual(await store.claim('b', 1_000), { status: 'claimed' });
    assert.deepEqual(await store.claim("a' OR 1=1 --", 1_000), { status: 'claimed' });
  });
}
