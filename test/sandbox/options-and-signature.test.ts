/**
 * The sandbox's public helpers and option checks: the K2 signature of the reference vector, the refusal of
 * invalid options, random credentials per sandbox, and the close() that cancels pending settlements.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { K2_SIGNATURE_HEADER, signK2Body, startSandbox } from '@tender/sandbox';
import { api, fetchToken } from './support/client.ts';

describe('signK2Body', () => {
  it('gives the reference vector, and a different signature for other bytes of the same JSON', () => {
    const compact = '{"topic":"customer_created","id":"0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00"}';
    assert.equal(
      signK2Body('demo_api_key_123', compact),
      'c9f4f8906aabb5cb87c15ff0faa6f72b994a14ba50c53bbb561c582dc9735cb0',
    );
    assert.equal(
      signK2Body('demo_api_key_123', JSON.stringify(JSON.parse(compact), null, 2)),
      'cbbf69ff6708efb3b9201b2d096cd6985548a8e1c699ca4c8a241ac0578ff5b7',
    );
    assert.equal(
      signK2Body('demo_api_key_123', Buffer.from(compact)),
      signK2Body('demo_api_key_123', compact),
    );
    assert.equal(K2_SIGNATURE_HEADER, 'X-KopoKopo-Signature');
  });
});

describe('startSandbox options', () => {
  it('refuses invalid options with a TypeError naming each one', async () => {
    await assert.rejects(
      startSandbox({ port: 70_000, callbackDelayMs: -1, clientId: '' }),
      (error: unknown) =>
        error instanceof TypeError &&
        /^Invalid sandbox options: port: .+; clientId: .+; callbackDelayMs: .+$/.test(error.message),
    );
  });

  it('generates different credentials for each sandbox and listens on 127.0.0.1', async () => {
    const [first, second] = await Promise.all([startSandbox(), startSandbox()]);
    try {
      assert.match(first?.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(first?.url, second?.url);
      assert.notEqual(first?.credentials.clientSecret, second?.credentials.clientSecret);
      assert.notEqual(first?.credentials.apiKey, second?.credentials.apiKey);
    } finally {
      await Promise.all([first?.close(), second?.close()]);
    }
  });

  it('close() cancels settlements still waiting, so idle() resolves and nothing is delivered', async () => {
    const sandbox = await startSandbox({ callbackDelayMs: 60_000 });
    const token = await fetchToken(sandbox);
    const created = await api(token, 'POST', `${sandbox.url}/api/v2/reversals`, {
      transaction_reference: 'TQB7XK2M9P',
      reason: 'x',
      _links: { callback_url: 'http://127.0.0.1:9/never' },
    });
    assert.equal(created.status, 201);
    await sandbox.close();
    await sandbox.idle();
    assert.deepEqual(sandbox.deliveries(), []);
  });
});
