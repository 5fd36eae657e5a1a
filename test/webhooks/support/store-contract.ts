import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ClaimResult, DedupStore } from '@tender/webhooks';

/**
 * A store under test, and the means to drive its time and look at what it holds. The same suite runs
 * unchanged against every store; only these hooks differ (a fake clock, or a real server's TTLs).
 */
export interface StoreUnderTest {
  readonly store: DedupStore;
  /** Lets `ms` of the store's time pass. */
  advance(ms: number): void | Promise<void>;
  /** How many entries the store holds right now: live ones and expired ones not removed yet. */
  stored(): number | Promise<number>;
  /** Removes expired entries the way this store does (its `prune()`, or its server's own expiry). */
  prune(): void | Promise<void>;
}

/** Asserts that `result` is a claim with a token, and returns the token. */
export function claimedToken(result: ClaimResult, message?: string): string {
  assert.equal(result.status, 'claimed', message);
  const token = result.status === 'claimed' ? result.token : undefined;
  assert.equal(typeof token, 'string', 'a claim answers a token');
  // Tokens tell one claim from another (a stale holder from the current one), not secrets: a store shared
  // by processes needs them unique across processes (UUIDs), the memory store within itself.
  assert.ok(token !== undefined && token.length > 0, 'the token is not empty');
  return token;
}

/**
 * Ids that break naive stores: SQL and glob metacharacters, separators, NUL, lone surrogates (no UTF-8
 * form), the escape prefix and character the SQL stores use, Unicode that normalises alike, and length.
 */
export const ODD_IDS: readonly string[] = [
  "a' OR 1=1 --",
  'a%',
  'a_',
  'a*',
  'a?',
  '[a]',
  'a:b',
  'a\\',
  'a\\u0000',
  'a\0',
  'a\0b',
  'a\uD800',
  'a\uDFFF',
  'a\uFFFD',
  '\uFDD0a',
  '\u00e9',
  'e\u0301',
  '\u{1F600}',
  ' a',
  'a ',
  'a\n',
  '',
  'x'.repeat(1_000),
];

/** Lease and retention used below: long enough that a real server's clock moving meanwhile never matters. */
const LEASE = 10_000;
const RETENTION = 50_000;

/** The behaviour every DedupStore must have, run against one implementation. */
export function storeContract(make: () => StoreUnderTest | Promise<StoreUnderTest>): void {
  it('claims a new id, reports it in progress while the lease lasts, and frees it when the lease ends', async () => {
    const { store, advance } = await make();
    claimedToken(await store.claim('e1', LEASE));
    assert.deepEqual(await store.claim('e1', LEASE), { status: 'in_progress' });
    await advance(LEASE - 1_000);
    assert.deepEqual(await store.claim('e1', LEASE), { status: 'in_progress' });
    await advance(1_000);
    claimedToken(await store.claim('e1', LEASE), 'an expired lease is free');
  });

  it('remembers a completion and its outcome until the retention ends', async () => {
    const { store, advance } = await make();
    const token = claimedToken(await store.claim('e2', LEASE));
    const declined = { kind: 'declined', reason: 'invalid_payment', message: 'bad amount' } as const;
    await store.complete('e2', declined, RETENTION, token);
    assert.deepEqual(await store.claim('e2', LEASE), { status: 'done', outcome: declined });
    await advance(RETENTION - 1_000);
    assert.deepEqual(await store.claim('e2', LEASE), { status: 'done', outcome: declined });
    await advance(1_000);
    claimedToken(await store.claim('e2', LEASE), 'past retention the id is new again');
  });

  it('releases a claim so the next delivery runs, but never forgets a completion on release', async () => {
    const { store } = await make();
    const first = claimedToken(await store.claim('e3', LEASE));
    await store.release('e3', first);
    const second = claimedToken(await store.claim('e3', LEASE), 'the next delivery claims it');
    assert.notEqual(second, first, 'every claim has a fresh token');
    await store.complete('e3', { kind: 'accepted' }, RETENTION, second);
    await store.release('e3', second);
    assert.deepEqual(await store.claim('e3', LEASE), { status: 'done', outcome: { kind: 'accepted' } });
    await store.release('never-claimed', second);
    claimedToken(await store.claim('never-claimed', LEASE));
  });

  it('of 50 concurrent claims of one id exactly one wins; the rest find it in progress', async () => {
    const { store } = await make();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('e4', LEASE)));
    assert.equal(results.filter((result) => result.status === 'claimed').length, 1);
    assert.equal(results.filter((result) => result.status === 'in_progress').length, 49);
  });

  it('reports a duplicate after completion as done, to each of 50 concurrent deliveries', async () => {
    const { store } = await make();
    await store.complete('e5', { kind: 'accepted' }, RETENTION, claimedToken(await store.claim('e5', LEASE)));
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('e5', LEASE)));
    for (const result of results) assert.deepEqual(result, { status: 'done', outcome: { kind: 'accepted' } });
  });

  it('keeps ids with odd characters apart from each other and from their look-alikes', async () => {
    const { store } = await make();
    for (const id of ODD_IDS) {
      const token = claimedToken(await store.claim(id, LEASE), JSON.stringify(id));
      await store.complete(id, { kind: 'accepted' }, RETENTION, token);
    }
    for (const id of ODD_IDS) {
      assert.deepEqual(
        await store.claim(id, LEASE),
        { status: 'done', outcome: { kind: 'accepted' } },
        JSON.stringify(id),
      );
    }
    for (const id of ['a', 'a\\0', 'a\uDBFF', 'e', 'x'.repeat(999), '\uFDD0', 'a\\\\u0000']) {
      claimedToken(await store.claim(id, LEASE), `${JSON.stringify(id)} is another event`);
    }
  });

  it('a holder whose lease ran out cannot release the claim taken since', async () => {
    const { store, advance } = await make();
    const stale = claimedToken(await store.claim('o1', LEASE));
    await advance(LEASE + 500);
    const current = claimedToken(await store.claim('o1', LEASE), 'the expired lease is taken over');
    await store.release('o1', stale);
    assert.deepEqual(await store.claim('o1', LEASE), { status: 'in_progress' }, 'the new claim still holds');
    await store.release('o1', current);
    claimedToken(await store.claim('o1', LEASE), 'the holder itself can release it');
  });

  it('a holder whose lease ran out cannot complete over the claim taken since', async () => {
    const { store, advance } = await make();
    const stale = claimedToken(await store.claim('o2', LEASE));
    await advance(LEASE + 500);
    const current = claimedToken(await store.claim('o2', LEASE));
    const declined = { kind: 'declined', reason: 'invalid_payment', message: 'stale' } as const;
    await store.complete('o2', declined, RETENTION, stale);
    assert.deepEqual(await store.claim('o2', LEASE), { status: 'in_progress' }, 'the new holder is running');
    await store.complete('o2', { kind: 'accepted' }, RETENTION, current);
    assert.deepEqual(await store.claim('o2', LEASE), { status: 'done', outcome: { kind: 'accepted' } });
    await store.complete('o2', declined, RETENTION, stale);
    await store.release('o2', stale);
    assert.deepEqual(
      await store.claim('o2', LEASE),
      { status: 'done', outcome: { kind: 'accepted' } },
      'nor overwrite or forget the outcome the new holder recorded',
    );
  });

  it('a holder whose lease ran out but that nobody took over still completes or releases', async () => {
    const { store, advance } = await make();
    const late = claimedToken(await store.claim('o3', LEASE));
    await advance(LEASE + 5_000);
    await store.complete('o3', { kind: 'accepted' }, RETENTION, late);
    assert.deepEqual(await store.claim('o3', LEASE), { status: 'done', outcome: { kind: 'accepted' } });

    const failing = claimedToken(await store.claim('o4', LEASE));
    await advance(LEASE + 5_000);
    await store.release('o4', failing);
    claimedToken(await store.claim('o4', LEASE));
  });

  it('records a stale holder’s outcome once nobody holds the event: its handlers did succeed', async () => {
    const { store, advance } = await make();
    const stale = claimedToken(await store.claim('o5', LEASE));
    await advance(LEASE + 500);
    const failed = claimedToken(await store.claim('o5', LEASE));
    await store.release('o5', failed);
    await store.complete('o5', { kind: 'accepted' }, RETENTION, stale);
    assert.deepEqual(await store.claim('o5', LEASE), { status: 'done', outcome: { kind: 'accepted' } });

    const first = claimedToken(await store.claim('o6', LEASE));
    await advance(LEASE + 500);
    claimedToken(await store.claim('o6', LEASE));
    await advance(LEASE + 500);
    await store.complete('o6', { kind: 'accepted' }, RETENTION, first);
    assert.deepEqual(
      await store.claim('o6', LEASE),
      { status: 'done', outcome: { kind: 'accepted' } },
      'the later claim expired too',
    );
  });

  it('without a token (a caller written before tokens), complete and release act as they always did', async () => {
    const { store } = await make();
    claimedToken(await store.claim('o7', LEASE));
    await store.release('o7');
    claimedToken(await store.claim('o7', LEASE), 'released');
    await store.complete('o7', { kind: 'accepted' }, RETENTION);
    await store.release('o7');
    assert.deepEqual(await store.claim('o7', LEASE), { status: 'done', outcome: { kind: 'accepted' } });
  });

  it('keeps handled events for their retention and prunes them, and dead claims, once it has passed', async () => {
    const { store, advance, stored, prune } = await make();
    for (let index = 0; index < 10; index += 1) {
      const id = `r-done-${index}`;
      await store.complete(id, { kind: 'accepted' }, RETENTION, claimedToken(await store.claim(id, LEASE)));
      claimedToken(await store.claim(`r-dead-${index}`, LEASE), 'a claim whose holder then crashed');
    }
    const kept = claimedToken(await store.claim('r-kept', RETENTION * 2));
    await store.complete('r-kept', { kind: 'accepted' }, RETENTION * 2, kept);
    assert.equal(await stored(), 21);
    await advance(RETENTION - 1_000);
    await prune();
    assert.equal(
      await stored(),
      11,
      'dead claims are pruned once their lease ended; handled events are kept',
    );
    assert.equal((await store.claim('r-done-0', LEASE)).status, 'done');
    await advance(1_000);
    await prune();
    assert.equal(await stored(), 1, 'only the event with the longer retention is left');
    claimedToken(await store.claim('r-done-1', LEASE), 'a pruned id is new again');
    assert.deepEqual(await store.claim('r-kept', LEASE), { status: 'done', outcome: { kind: 'accepted' } });
  });
}
