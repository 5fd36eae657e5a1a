/**
 * The sandbox's public helpers and option checks: the K2 signature of the reference vector, the refusal of
 * invalid options, random credentials per sandbox, and the close() that cancels pending settlements.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { K2_SIGNATURE_HEADER, signK2Body } from '@tender/k2';
import * as sandbox from '@tender/sandbox';
import { startSandbox } from '@tender/sandbox';
import * as simulator from '../../packages/sandbox/src/signature.ts';
import { api, fetchToken } from './support/client.ts';

describe('the simulator signs as @tender/k2 does, under one name', () => {
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
    assert.equal(simulator.signK2Body('demo_api_key_123', compact), signK2Body('demo_api_key_123', compact));
    assert.equal(simulator.K2_SIGNATURE_HEADER, K2_SIGNATURE_HEADER);
    // One public spelling: @tender/k2 exports the signer and the header, the sandbox does not again.
    assert.equal('signK2Body' in sandbox, false);
    assert.equal('K2_SIGNATURE_HEADER' in sandbox, false);
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

describe('secrets stay out of logs', () => {
  it('shows neither the client secret nor the API key in inspect or JSON output, but hands them out', async () => {
    const sandbox = await startSandbox({ clientSecret: 'planted_secret_71f', apiKey: 'planted_key_c02' });
    try {
      const { clientSecret, apiKey } = sandbox.credentials;
      assert.equal(clientSecret, 'planted_secret_71f');
      assert.equal(apiKey, 'planted_key_c02');
      assert.deepEqual({ ...sandbox.credentials }.apiKey, 'planted_key_c02');
      for (const text of [inspect(sandbox, { depth: 5 }), JSON.stringify(sandbox.credentials)]) {
        assert.doesNotMatch(text, /planted_secret_71f|planted_key_c02/);
        assert.match(text, /\[redacted\]/);
      }
    } finally {
      await sandbox.close();
    }
  });

  it('redacts secrets and tokens from logged OAuth bodies but keeps their encoding', async () => {
    const sandbox = await startSandbox({ clientId: 'id_1', clientSecret: 'planted_secret_71f' });
    try {
      const token = await fetchToken(sandbox);
      await fetch(`${sandbox.url}/oauth/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'id_1', client_secret: 'planted_secret_71f', token }),
      });
      const [tokenRequest, introspection] = sandbox.requests();
      assert.equal(
        tokenRequest?.body,
        'client_id=id_1&client_secret=[redacted]&grant_type=client_credentials',
      );
      assert.deepEqual(introspection?.json, {
        client_id: 'id_1',
        client_secret: '[redacted]',
        token: '[redacted]',
      });
      assert.doesNotMatch(JSON.stringify(sandbox.requests()), new RegExp(`planted_secret_71f|${token}`));
    } finally {
      await sandbox.close();
    }
  });

  it('never repeats an invalid credential value in the options error', async () => {
    await assert.rejects(
      startSandbox({ clientSecret: 12345 as unknown as string }),
      (error: unknown) => error instanceof TypeError && !error.message.includes('12345'),
    );
  });
});
