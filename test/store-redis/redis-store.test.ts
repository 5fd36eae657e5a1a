import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import { createRedisStore, type RedisDedupStore } from '@tender/store-redis';
import { createClient } from 'redis';
import { redisUrl } from '../support/servers.ts';
import { claimedToken, storeContract } from '../webhooks/support/store-contract.ts';

const client = createClient({ url: redisUrl() });

before(async () => {
  await client.connect();
});
after(async () => {
  await client.close();
});

/**
 * Lets `ms` pass for the keys matching a pattern, as Redis's clock would: each key's time-to-live shrinks
 * by `ms`, and a key whose time is up is deleted. The store itself runs unchanged, on the server's TTLs.
 */
const ADVANCE = `for _, key in ipairs(redis.call('KEYS', ARGV[1])) do
  local left = redis.call('PTTL', key)
  if left > 0 then
    if left <= tonumber(ARGV[2]) then redis.call('DEL', key) else redis.call('PEXPIRE', key, left - tonumber(ARGV[2])) end
  end
end
return 0`;

function scoped(scope = randomUUID()): RedisDedupStore {
  return createRedisStore({ client, scope });
}

describe('createRedisStore: the DedupStore contract', () => {
  storeContract(() => {
    const scope = randomUUID();
    const pattern = `tender:webhooks:${scope}:*`;
    return {
      store: scoped(scope),
      advance: async (ms) => {
        await client.sendCommand(['EVAL', ADVANCE, '0', pattern, String(ms)]);
      },
      stored: async () => (await client.keys(pattern)).length,
      prune: () => {},
    };
  });
});

describe('createRedisStore: Redis specifics', () => {
  it('stores a claim as c:<token> and an outcome as d:<json>, each with a time-to-live', async () => {
    const scope = randomUUID();
    const store = scoped(scope);
    const token = claimedToken(await store.claim('k2:ttl', 1_500));
    const key = `tender:webhooks:${scope}:k2:ttl`;
    assert.equal(await client.get(key), `c:${token}`);
    const leaseLeft = await client.pTTL(key);
    assert.ok(leaseLeft > 1_000 && leaseLeft <= 1_500, `lease ${leaseLeft} ms`);
    await store.complete('k2:ttl', { kind: 'accepted' }, 86_400_000, token);
    assert.equal(await client.get(key), 'd:{"kind":"accepted"}');
    const retentionLeft = await client.pTTL(key);
    assert.ok(retentionLeft > 86_000_000, `retention ${retentionLeft} ms`);
  });

  it('lets a real lease run out on the server clock', async () => {
    const store = scoped();
    claimedToken(await store.claim('k2:real', 100));
    assert.deepEqual(await store.claim('k2:real', 100), { status: 'in_progress' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    claimedToken(await store.claim('k2:real', 100));
  });

  it('re-sends a script in full after the server forgot it (SCRIPT FLUSH, a restart)', async () => {
    const store = scoped();
    const token = claimedToken(await store.claim('k2:flush', 10_000));
    await client.sendCommand(['SCRIPT', 'FLUSH']);
    await store.complete('k2:flush', { kind: 'accepted' }, 10_000, token);
    assert.deepEqual(await store.claim('k2:flush', 10_000), {
      status: 'done',
      outcome: { kind: 'accepted' },
    });
  });

  it('keeps scopes apart, and takes the largest time-to-live without overflowing', async () => {
    const one = scoped();
    const two = scoped();
    const token = claimedToken(await one.claim('k2:same', Number.MAX_VALUE));
    await one.complete('k2:same', { kind: 'accepted' }, Number.MAX_VALUE, token);
    assert.equal((await one.claim('k2:same', 1_000)).status, 'done');
    claimedToken(await two.claim('k2:same', 1_000));
  });

  it('with a URL, makes its own client, connects on first use and closes it on close()', async () => {
    const store = createRedisStore({ url: redisUrl(), scope: randomUUID() });
    claimedToken(await store.claim('own-client', 1_000));
    await store.close();
    await assert.rejects(store.claim('own-client', 1_000), /closed/i);
  });

  it('checks its options', () => {
    assert.throws(() => createRedisStore({ client, url: 'redis://x' }), ValidationError);
    assert.throws(() => createRedisStore({}), /give either client or url/);
    assert.throws(() => createRedisStore({ client, scope: 'a:b' }), /scope: must be 1 to 64 letters/);
  });
});
