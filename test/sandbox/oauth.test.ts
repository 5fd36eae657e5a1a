/**
 * The sandbox's OAuth endpoints (reference §2): tokens from form and JSON bodies, OAuth error bodies for bad
 * credentials, expiry, revocation, introspection and token info, and the 401s the API answers with.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type Sandbox, startSandbox } from '@tender/sandbox';
import { api, fetchToken } from './support/client.ts';

let clock = Date.parse('2026-01-05T07:00:00Z');
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({
    clientId: 'client_A',
    clientSecret: 'secret_B',
    apiKey: 'key_C',
    tokenTtlSeconds: 3600,
    callbackDelayMs: 20,
    now: () => clock,
  });
});
after(() => sandbox.close());

function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', body: new URLSearchParams(fields) };
}

describe('POST /oauth/token', () => {
  it('issues a one-hour bearer token for a form-encoded body', async () => {
    const response = await fetch(
      `${sandbox.url}/oauth/token`,
      form({ client_id: 'client_A', client_secret: 'secret_B', grant_type: 'client_credentials' }),
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(typeof body.access_token, 'string');
    assert.ok((body.access_token as string).length >= 20);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.created_at, Math.floor(clock / 1000));
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('accepts the same fields as a JSON body (the Ruby SDK sends JSON)', async () => {
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'client_A',
        client_secret: 'secret_B',
        grant_type: 'client_credentials',
      }),
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { token_type: string }).token_type, 'Bearer');
  });

  it('answers a wrong secret with 401 invalid_client in the OAuth error shape', async () => {
    const response = await fetch(
      `${sandbox.url}/oauth/token`,
      form({ client_id: 'client_A', client_secret: 'wrong', grant_type: 'client_credentials' }),
    );
    assert.equal(response.status, 401);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['error', 'error_description']);
    assert.equal(body.error, 'invalid_client');
    assert.doesNotMatch(JSON.stringify(body), /secret_B|wrong/);
  });

  it('answers missing credentials and an unknown client with 401 invalid_client', async () => {
    for (const fields of [
      { grant_type: 'client_credentials' },
      { client_id: 'other', client_secret: 'secret_B' },
    ]) {
      const response = await fetch(`${sandbox.url}/oauth/token`, form(fields));
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
    }
  });

  it('refuses another grant type with 400 unsupported_grant_type', async () => {
    const response = await fetch(
      `${sandbox.url}/oauth/token`,
      form({ client_id: 'client_A', client_secret: 'secret_B', grant_type: 'password' }),
    );
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: string }).error, 'unsupported_grant_type');
  });
});

describe('tokens on /api', () => {
  const subscription = {
    event_type: 'customer_created',
    url: 'https://merchant.example.org/hooks',
    scope: 'company',
  };

  it('answers a missing or unknown token with 401 in the API error shape', async () => {
    const missing = await fetch(`${sandbox.url}/api/v2/webhook_subscriptions`, {
      method: 'POST',
      body: JSON.stringify(subscription),
    });
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { error_code: 401, error_message: 'The access token is missing' });
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer /);

    const unknown = await api(
      'not-a-token',
      'POST',
      `${sandbox.url}/api/v2/webhook_subscriptions`,
      subscription,
    );
    assert.deepEqual(unknown.json, { error_code: 401, error_message: 'The access token is invalid' });
  });

  it('accepts a token until it expires, then answers 401', async () => {
    const token = await fetchToken(sandbox);
    const fresh = await api(token, 'POST', `${sandbox.url}/api/v2/webhook_subscriptions`, subscription);
    assert.equal(fresh.status, 201);
    clock += 3600 * 1000;
    try {
      const expired = await api(token, 'POST', `${sandbox.url}/api/v2/webhook_subscriptions`, subscription);
      assert.equal(expired.status, 401);
      assert.deepEqual(expired.json, { error_code: 401, error_message: 'The access token expired' });
    } finally {
      clock -= 3600 * 1000;
    }
  });

  it('revokes a token: revoke answers 200 {} and the token stops working', async () => {
    const token = await fetchToken(sandbox);
    const revoke = await fetch(
      `${sandbox.url}/oauth/revoke`,
      form({ client_id: 'client_A', client_secret: 'secret_B', token }),
    );
    assert.equal(revoke.status, 200);
    assert.deepEqual(await revoke.json(), {});
    const after = await api(token, 'POST', `${sandbox.url}/api/v2/webhook_subscriptions`, subscription);
    assert.deepEqual(after.json, { error_code: 401, error_message: 'The access token was revoked' });
  });

  it('refuses to revoke without valid client credentials or without a token', async () => {
    const token = await fetchToken(sandbox);
    const unauthenticated = await fetch(`${sandbox.url}/oauth/revoke`, form({ token }));
    assert.equal(unauthenticated.status, 401);
    const noToken = await fetch(
      `${sandbox.url}/oauth/revoke`,
      form({ client_id: 'client_A', client_secret: 'secret_B' }),
    );
    assert.equal(noToken.status, 400);
    assert.equal(((await noToken.json()) as { error: string }).error, 'invalid_request');
    const stillUsable = await api(token, 'POST', `${sandbox.url}/api/v2/webhook_subscriptions`, subscription);
    assert.equal(stillUsable.status, 201);
  });
});

describe('POST /oauth/introspect and GET /oauth/token/info', () => {
  it('introspects an active token with ISO-8601 Nairobi times, and a revoked one as inactive', async () => {
    const token = await fetchToken(sandbox);
    const response = await fetch(`${sandbox.url}/oauth/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'client_A', client_secret: 'secret_B', token }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      active: true,
      scope: '',
      client_id: 'client_A',
      token_type: 'Bearer',
      exp: '2026-01-05T11:00:00+03:00',
      iat: '2026-01-05T10:00:00+03:00',
    });
    await fetch(
      `${sandbox.url}/oauth/revoke`,
      form({ client_id: 'client_A', client_secret: 'secret_B', token }),
    );
    const revoked = await fetch(
      `${sandbox.url}/oauth/introspect`,
      form({ client_id: 'client_A', client_secret: 'secret_B', token }),
    );
    assert.deepEqual(await revoked.json(), { active: false });
  });

  it('refuses introspection with bad client credentials', async () => {
    const response = await fetch(
      `${sandbox.url}/oauth/introspect`,
      form({ client_id: 'client_A', client_secret: 'nope', token: 'x' }),
    );
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
  });

  it('reports the remaining lifetime in token info', async () => {
    const token = await fetchToken(sandbox);
    clock += 1800 * 1000;
    try {
      const response = await fetch(`${sandbox.url}/oauth/token/info`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        resource_owner_id: null,
        scope: [],
        expires_in: 1800,
        application: { uid: 'client_A' },
        created_at: Math.floor((clock - 1800 * 1000) / 1000),
      });
    } finally {
      clock -= 1800 * 1000;
    }
  });

  it('answers token info without a valid token with 401 invalid_token', async () => {
    const response = await fetch(`${sandbox.url}/oauth/token/info`, {
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), {
      error: 'invalid_token',
      error_description: 'The access token is invalid',
    });
  });
});

describe('the request log', () => {
  it('records requests with their status and hides the bearer token', async () => {
    const token = await fetchToken(sandbox);
    await fetch(`${sandbox.url}/oauth/token/info`, { headers: { authorization: `Bearer ${token}` } });
    const info = sandbox.requests().findLast((request) => request.path === '/oauth/token/info');
    assert.equal(info?.method, 'GET');
    assert.equal(info?.status, 200);
    assert.equal(info?.headers.authorization, 'Bearer [redacted]');
    assert.doesNotMatch(JSON.stringify(sandbox.requests()), new RegExp(token));
  });

  it('hides the client secret however its key is encoded, in forms and in JSON', async () => {
    const bodies: [string, string][] = [
      [
        'application/x-www-form-urlencoded',
        'client_id=client_A&client%5Fsecret=secret_B&grant_type=client_credentials',
      ],
      [
        'application/x-www-form-urlencoded',
        'client_id=client_A&client_secret=secret%5FB&grant_type=client_credentials',
      ],
      [
        'application/json',
        '{"client_id":"client_A","client\\u005fsecret":"secret_B","grant_type":"client_credentials"}',
      ],
    ];
    for (const [type, body] of bodies) {
      const response = await fetch(`${sandbox.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      assert.equal(response.status, 200, body);
    }
    const logged = sandbox
      .requests()
      .slice(-3)
      .map((request) => request.body);
    assert.deepEqual(logged, [
      'client_id=client_A&client%5Fsecret=[redacted]&grant_type=client_credentials',
      'client_id=client_A&client_secret=[redacted]&grant_type=client_credentials',
      '{"client_id":"client_A","client_secret":"[redacted]","grant_type":"client_credentials"}',
    ]);
  });

  it('hides it too when the path reaches the token endpoint another way (dot segments, absolute form)', async () => {
    const { port } = new URL(sandbox.url);
    const body = 'client_id=client_A&client_secret=secret_B&grant_type=client_credentials';
    for (const path of ['/x/../oauth/token', `${sandbox.url}/oauth/token`]) {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const sent = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode));
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
      assert.equal(status, 200, path);
      assert.doesNotMatch(sandbox.requests().at(-1)?.body ?? '', /secret_B/);
    }
  });
});
