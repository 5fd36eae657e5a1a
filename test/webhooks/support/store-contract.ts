import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ClaimResult, DedupStore } from '@tender/webhooks';

/** A store under test and the clock it reads, which the test moves. */
export interface StoreUnderTest {
  readonly store: DedupStore;
  readonly clock: { now: number };
}

/** Asserts that `result` is a claim with a token, and returns the token. */
export function claimedToken(result: ClaimResult, message?: string): string {
  assert.equal(result.status, 'claimed', message);
  const token = result.status === 'claimed' ? result.token : undefined;
  assert.equal(typeof token, 'string', 'a claim answers a token');
  // Tokens tell one claim from another (a stale holder from the current one), not secrets: a store shared
  // by processes needs them unique across processes (SQLite uses UUIDs), the memory store within itself.
  assert.ok(token !== undefined && token.length > 0, 'the token is not empty');
  return token;
}

/** The behaviour every DedupStore must have, run against one implementation. */
export function storeContract(make: () => StoreUnderTest): void {
  it('claims a new id, reports it in progress while the lease lasts, and frees it when the lease ends', async () => {
    const { store, clock } = make();
    claimedToken(await store.claim('e1', 1_000));
    assert.deepEqual(await store.claim('e1', 1_000), { status: 'in_progress' });
    clock.now += 999;
    assert.deepEqual(await store.claim('e1', 1_000), { status: 'in_progress' });
    clock.now += 1;
    claimedToken(await store.claim('e1', 1_000), 'an expired lease is free');
  });

  it('remembers a completion and its outcome until the TTL ends', async () => {
    const { store, clock } = make();
    const token = claimedToken(await store.claim('e2', 1_000));
    await store.complete(
      'e2',
      { kind: 'declined', reason: 'invalid_payment', message: 'bad amount' },
      5_000,
      token,
    );
    assert.deepEqual(await store.claim('e2', 1_000), {
      status: 'done',
      outcome: { kind: 'declined', reason: 'invalid_payment', message: 'bad amount' },
    });
    clock.now += 4_999;
    assert.equal((await store.claim('e2', 1_000)).status, 'done');
    clock.now += 1;
    claimedToken(await store.claim('e2', 1_000));
  });

  it('releases a claim so the next claim wins, but never forgets a completion on release', async () => {
    const { store } = make();
    const first = claimedToken(await store.claim('e3', 1_000));
    await store.release('e3', first);
    const second = claimedToken(await store.claim('e3', 1_000));
    assert.notEqual(second, first, 'every claim has a fresh token');
    await store.complete('e3', { kind: 'accepted' }, 1_000, second);
    await store.release('e3', second);
    assert.deepEqual(await store.claim('e3', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
    await store.release('never-claimed', second);
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
    claimedToken(await store.claim('b', 1_000));
    claimedToken(await store.claim("a' OR 1=1 --", 1_000));
  });

  it('a holder whose lease ran out cannot release the claim taken since', async () => {
    const { store, clock } = make();
    const stale = claimedToken(await store.claim('o1', 1_000));
    clock.now += 1_500;
    const current = claimedToken(await store.claim('o1', 1_000), 'the expired lease is taken over');
    await store.release('o1', stale);
    assert.deepEqual(await store.claim('o1', 1_000), { status: 'in_progress' }, 'the new claim still holds');
    await store.release('o1', current);
    claimedToken(await store.claim('o1', 1_000), 'the holder itself can release it');
  });

  it('a holder whose lease ran out cannot complete over the claim taken since', async () => {
    const { store, clock } = make();
    const stale = claimedToken(await store.claim('o2', 1_000));
    clock.now += 1_500;
    const current = claimedToken(await store.claim('o2', 1_000));
    const declined = { kind: 'declined', reason: 'invalid_payment', message: 'stale' } as const;
    await store.complete('o2', declined, 60_000, stale);
    assert.deepEqual(await store.claim('o2', 1_000), { status: 'in_progress' }, 'the new holder is running');
    await store.complete('o2', { kind: 'accepted' }, 60_000, current);
    assert.deepEqual(await store.claim('o2', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
    await store.complete('o2', declined, 60_000, stale);
    await store.release('o2', stale);
    assert.deepEqual(
      await store.claim('o2', 1_000),
      { status: 'done', outcome: { kind: 'accepted' } },
      'nor overwrite or forget the outcome the new holder recorded',
    );
  });

  it('a holder whose lease ran out but that nobody took over still completes or releases', async () => {
    const { store, clock } = make();
    const late = claimedToken(await store.claim('o3', 1_000));
    clock.now += 5_000;
    await store.complete('o3', { kind: 'accepted' }, 60_000, late);
    assert.deepEqual(await store.claim('o3', 1_000), { status: 'done', outcome: { kind: 'accepted' } });

    const failing = claimedToken(await store.claim('o4', 1_000));
    clock.now += 5_000;
    await store.release('o4', failing);
    claimedToken(await store.claim('o4', 1_000));
  });

  it('records a stale holder’s outcome once nobody holds the event: its handlers did succeed', async () => {
    const { store, clock } = make();
    const stale = claimedToken(await store.claim('o5', 1_000));
    clock.now += 1_500;
    const failed = claimedToken(await store.claim('o5', 1_000));
    await store.release('o5', failed);
    await store.complete('o5', { kind: 'accepted' }, 60_000, stale);
    assert.deepEqual(await store.claim('o5', 1_000), { status: 'done', outcome: { kind: 'accepted' } });

    const first = claimedToken(await store.claim('o6', 1_000));
    clock.now += 1_500;
    claimedToken(await store.claim('o6', 1_000));
    clock.now += 1_500;
    await store.complete('o6', { kind: 'accepted' }, 60_000, first);
    assert.deepEqual(
      await store.claim('o6', 1_000),
      { status: 'done', outcome: { kind: 'accepted' } },
      'the later claim expired too',
    );
  });

  it('without a token (a caller written before tokens), complete and release act as they always did', async () => {
    const { store } = make();
    claimedToken(await store.claim('o7', 1_000));
    await store.release('o7');
    claimedToken(await store.claim('o7', 1_000), 'released');
    await store.complete('o7', { kind: 'accepted' }, 60_000);
    await store.release('o7');
    assert.deepEqual(await store.claim('o7', 1_000), { status: 'done', outcome: { kind: 'accepted' } });
  });
}
