/**
 * The token manager and the client-credentials fetcher: one fetch for any number of concurrent callers,
 * refresh before expiry, failures never cached, stale invalidations ignored, the 401 → fresh token → retry
 * once path through the HTTP client, the exact OAuth request, and no token in events, JSON or inspect.
 */
import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import nock from 'nock';
import {
  clientCredentialsFetcher,
  createTokenManager,
  type FetchedToken,
} from '../../packages/core/src/auth/index.ts';
import { AuthenticationError, ValidationError } from '../../packages/core/src/errors/index.ts';
import { createHttpClient, createHttpEvents } from '../../packages/core/src/http/index.ts';

const BASE = 'https://k2.test';
const CLIENT_ID = 'app_key_7f3c';
const CLIENT_SECRET = 'cs_PLANTED_SECRET_7d1e';

/** A token endpoint that issues tok_1, tok_2, ... and counts how often it was asked. */
function tokenEndpoint(expiresIn = 3600) {
  const bodies: string[] = [];
  const authorizations: (string | null)[] = [];
  const scope = nock(BASE)
    .post('/oauth/token')
    .times(100)
    .reply(async (request: Request) => {
      bodies.push(await request.text());
      authorizations.push(request.headers.get('authorization'));
      return [
        200,
        { access_token: `tok_${bodies.length}`, token_type: 'Bearer', expires_in: expiresIn, created_at: 1 },
      ];
    });
  return { scope, bodies, authorizations, count: () => bodies.length };
}

function oauthClient() {
  return createHttpClient({
    provider: 'k2',
    baseUrl: BASE,
    retry: { backoffMs: 1 },
    secrets: [CLIENT_SECRET],
  });
}

/** A fetcher driven by hand: each call returns a promise the test settles. */
function manualFetcher() {
  const pending: { resolve: (token: FetchedToken) => void; reject: (error: Error) => void }[] = [];
  const fetchToken = () =>
    new Promise<FetchedToken>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { fetchToken, pending };
}

before(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('createTokenManager', () => {
  it('200 concurrent getToken() on a cold cache make exactly one token request', async () => {
    const endpoint = tokenEndpoint();
    const tokens = createTokenManager({
      fetchToken: clientCredentialsFetcher({
        http: oauthClient(),
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      }),
    });

    const all = await Promise.all(Array.from({ length: 200 }, () => tokens.getToken()));

    assert.equal(endpoint.count(), 1);
    assert.deepEqual(new Set(all), new Set(['tok_1']));
    assert.equal(await tokens.getToken(), 'tok_1', 'cached afterwards');
    assert.equal(endpoint.count(), 1);
  });

  it('refreshes refreshBeforeExpiryMs before expiry, by the injected clock', async () => {
    let now = 1_000_000;
    let fetched = 0;
    const tokens = createTokenManager({
      fetchToken: async () => {
        fetched += 1;
        return { accessToken: `tok_${fetched}`, expiresInSeconds: 3600 };
      },
      refreshBeforeExpiryMs: 60_000,
      now: () => now,
    });

    assert.equal(tokens.peekExpiry(), undefined);
    assert.equal(await tokens.getToken(), 'tok_1');
    assert.equal(tokens.peekExpiry(), 1_000_000 + 3_600_000);

    now += 3_600_000 - 60_000 - 1;
    assert.equal(await tokens.getToken(), 'tok_1', 'still outside the refresh window');
    now += 1;
    assert.equal(await tokens.getToken(), 'tok_2', 'refreshed 60 s before expiry, not at it');
    assert.equal(tokens.peekExpiry(), now + 3_600_000);
    assert.equal(fetched, 2);
  });

  it('keeps a short-lived token for half its lifetime rather than refetching on every call', async () => {
    let now = 0;
    let fetched = 0;
    const tokens = createTokenManager({
      fetchToken: async () => {
        fetched += 1;
        return { accessToken: `tok_${fetched}`, expiresInSeconds: 30 };
      },
      now: () => now,
    });
    await tokens.getToken();
    now = 14_999;
    await tokens.getToken();
    assert.equal(fetched, 1);
    now = 15_000;
    assert.equal(await tokens.getToken(), 'tok_2');
  });

  it('gives every waiting caller the error of a failed fetch, and does not cache it', async () => {
    const { fetchToken, pending } = manualFetcher();
    const tokens = createTokenManager({ fetchToken });

    const waiting = Array.from({ length: 5 }, () => tokens.getToken());
    assert.equal(pending.length, 1, 'one fetch for all five');
    const failure = new Error('token endpoint down');
    pending[0]?.reject(failure);
    const results = await Promise.allSettled(waiting);
    assert.deepEqual(
      results.map((result) => (result.status === 'rejected' ? result.reason : 'fulfilled')),
      [failure, failure, failure, failure, failure],
    );

    const retry = tokens.getToken();
    assert.equal(pending.length, 2, 'the next call fetches again');
    pending[1]?.resolve({ accessToken: 'tok_after_failure', expiresInSeconds: 3600 });
    assert.equal(await retry, 'tok_after_failure');
  });

  it('does not cache a failed refresh of an expiring token either', async () => {
    let now = 0;
    let calls = 0;
    const tokens = createTokenManager({
      fetchToken: async () => {
        calls += 1;
        if (calls === 2) throw new Error('refresh failed');
        return { accessToken: `tok_${calls}`, expiresInSeconds: 3600 };
      },
      now: () => now,
    });
    assert.equal(await tokens.getToken(), 'tok_1');
    now = 3_600_000;
    await assert.rejects(tokens.getToken(), /refresh failed/);
    assert.equal(await tokens.getToken(), 'tok_3');
    assert.equal(calls, 3);
  });

  it('an early refresh that fails falls back to the cached token while it is valid, and tries again next call', async () => {
    let now = 0;
    let failing = true;
    let calls = 0;
    const tokens = createTokenManager({
      fetchToken: async () => {
        calls += 1;
        if (calls > 1 && failing) throw new Error('token endpoint down');
        return { accessToken: `tok_${calls}`, expiresInSeconds: 3600 };
      },
      now: () => now,
    });
    assert.equal(await tokens.getToken(), 'tok_1');
    now = 3_550_000;
    const early = await Promise.all(Array.from({ length: 5 }, () => tokens.getToken()));
    assert.deepEqual(early, Array(5).fill('tok_1'), 'five callers, one failed refresh, the valid token');
    assert.equal(calls, 2);
    now = 3_599_999;
    assert.equal(await tokens.getToken(), 'tok_1');
    assert.equal(calls, 3, 'each call in the window tries the refresh again');
    now = 3_600_000;
    await assert.rejects(tokens.getToken(), /token endpoint down/, 'no fallback once the token expired');
    failing = false;
    assert.equal(await tokens.getToken(), 'tok_5');
  });

  it('does not fall back to a cached token that was refused (invalidated) meanwhile', async () => {
    let now = 0;
    const { fetchToken, pending } = manualFetcher();
    const tokens = createTokenManager({ fetchToken, now: () => now });
    const first = tokens.getToken();
    pending[0]?.resolve({ accessToken: 'tok_old', expiresInSeconds: 3600 });
    assert.equal(await first, 'tok_old');
    now = 3_550_000;
    const refreshing = tokens.getToken();
    tokens.invalidate('tok_old');
    pending[1]?.reject(new Error('token endpoint down'));
    await assert.rejects(refreshing, /token endpoint down/);
  });

  it('refuses an invalid token from fetchToken with a ValidationError, and does not cache it', async () => {
    let calls = 0;
    const tokens = createTokenManager({
      fetchToken: async () => {
        calls += 1;
        return calls === 1
          ? { accessToken: '', expiresInSeconds: -1 }
          : { accessToken: 'tok_ok', expiresInSeconds: 60 };
      },
    });
    await assert.rejects(tokens.getToken(), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['accessToken', 'expiresInSeconds'],
      );
      return true;
    });
    assert.equal(await tokens.getToken(), 'tok_ok');
  });

  it('invalidate(token) drops the current token, but a stale token does not drop a newer one', async () => {
    let fetched = 0;
    const tokens = createTokenManager({
      fetchToken: async () => {
        fetched += 1;
        return { accessToken: `tok_${fetched}`, expiresInSeconds: 3600 };
      },
    });
    assert.equal(await tokens.getToken(), 'tok_1');
    tokens.invalidate('tok_1');
    assert.equal(tokens.peekExpiry(), undefined);
    assert.equal(await tokens.getToken(), 'tok_2');

    tokens.invalidate('tok_1');
    assert.equal(await tokens.getToken(), 'tok_2', 'a late 401 for tok_1 keeps tok_2');
    assert.equal(fetched, 2);

    tokens.invalidate();
    assert.equal(await tokens.getToken(), 'tok_3', 'invalidate() without a token always drops');
  });

  it('emits token.refreshed with the expiry only, and never shows the token in JSON or inspect', async () => {
    const events = createHttpEvents();
    const payloads: unknown[] = [];
    events.on('token.refreshed', (payload) => payloads.push(payload));
    const secretToken = 'tok_PLANTED_TOKEN_93af';
    const tokens = createTokenManager({
      fetchToken: async () => ({ accessToken: secretToken, expiresInSeconds: 3600 }),
      now: () => 5_000,
      events,
    });

    await tokens.getToken();

    assert.deepEqual(payloads, [{ expiresAt: 3_605_000 }]);
    assert.equal(JSON.stringify(tokens), '{"expiresAt":3605000}');
    for (const shown of [inspect(tokens), inspect(tokens, { showHidden: true, depth: 10 }), String(tokens)]) {
      assert.ok(!shown.includes(secretToken), shown);
    }
    assert.match(inspect(tokens), /TokenManager \{ expiresAt: 3605000/);
  });

  it('refuses invalid options', () => {
    assert.throws(
      () => createTokenManager({ fetchToken: 'nope' as never, refreshBeforeExpiryMs: -1 }),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.map((issue) => issue.path).join() === 'fetchToken,refreshBeforeExpiryMs',
    );
  });
});

describe('token manager with the HTTP client', () => {
  it('a 401 invalidates the token and retries once with a fresh one', async () => {
    const endpoint = tokenEndpoint();
    const seen: (string | null)[] = [];
    nock(BASE)
      .get('/api/v2/incoming_payments/1')
      .times(5)
      .reply((request: Request) => {
        seen.push(request.headers.get('authorization'));
        return seen.length === 1
          ? [401, { error_code: 401, error_message: 'Unauthorized' }]
          : [200, { data: {} }];
      });
    const events = createHttpEvents();
    const refreshed: unknown[] = [];
    events.on('token.refreshed', (payload) => refreshed.push(payload));
    const tokens = createTokenManager({
      fetchToken: clientCredentialsFetcher({
        http: oauthClient(),
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      }),
      events,
    });
    const api = createHttpClient({ provider: 'k2', baseUrl: BASE, auth: tokens, events });

    const response = await api.request({
      method: 'GET',
      path: '/api/v2/incoming_payments/1',
      operation: 'status',
      movesMoney: false,
    });

    assert.equal(response.status, 200);
    assert.deepEqual(seen, ['Bearer tok_1', 'Bearer tok_2']);
    assert.equal(endpoint.count(), 2);
    assert.equal(refreshed.length, 2);
  });

  it('a second 401 is not retried again: two API requests, two token requests, AuthenticationError', async () => {
    const endpoint = tokenEndpoint();
    let apiCalls = 0;
    nock(BASE)
      .post('/api/v2/send_money')
      .times(10)
      .reply(() => {
        apiCalls += 1;
        return [401, ''];
      });
    const tokens = createTokenManager({
      fetchToken: clientCredentialsFetcher({
        http: oauthClient(),
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      }),
    });
    const api = createHttpClient({ provider: 'k2', baseUrl: BASE, auth: tokens });

    await assert.rejects(
      api.request({
        method: 'POST',
        path: '/api/v2/send_money',
        json: {},
        operation: 'payout',
        movesMoney: true,
      }),
      AuthenticationError,
    );
    assert.equal(apiCalls, 2);
    assert.equal(endpoint.count(), 2);
  });

  it('concurrent calls refused with the same token share one refresh', async () => {
    const endpoint = tokenEndpoint();
    nock(BASE)
      .get('/api/v2/x')
      .times(20)
      .reply((request: Request) =>
        request.headers.get('authorization') === 'Bearer tok_1' ? [401, ''] : [200, { ok: true }],
      );
    const tokens = createTokenManager({
      fetchToken: clientCredentialsFetcher({
        http: oauthClient(),
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      }),
    });
    await tokens.getToken();
    const api = createHttpClient({ provider: 'k2', baseUrl: BASE, auth: tokens });

    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.request({ method: 'GET', path: '/api/v2/x', operation: 'status', movesMoney: false }),
      ),
    );

    assert.ok(responses.every((response) => response.status === 200));
    assert.equal(endpoint.count(), 2, 'tok_1, then one shared refresh to tok_2');
  });
});

describe('clientCredentialsFetcher', () => {
  it('POSTs the standard form body without a bearer token and reads the token', async () => {
    const endpoint = tokenEndpoint(1800);
    const headers: Record<string, string>[] = [];
    endpoint.scope.on('request', (request: Request) => headers.push(Object.fromEntries(request.headers)));
    const fetchToken = clientCredentialsFetcher({
      http: oauthClient(),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });

    assert.deepEqual(await fetchToken(), { accessToken: 'tok_1', expiresInSeconds: 1800 });
    assert.deepEqual(endpoint.bodies, [
      `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`,
    ]);
    assert.deepEqual(endpoint.authorizations, [null]);
    assert.equal(headers[0]?.['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(headers[0]?.accept, 'application/json');
  });

  it('sends JSON when asked, to the given path, and accepts expires_in as a numeric string', async () => {
    let body = '';
    let contentType: string | null = null;
    nock(BASE)
      .post('/auth/v1/token')
      .reply(async (request: Request) => {
        body = await request.text();
        contentType = request.headers.get('content-type');
        return [200, { access_token: 'tok_json', token_type: 'bearer', expires_in: '600' }];
      });
    const fetchToken = clientCredentialsFetcher({
      http: oauthClient(),
      path: '/auth/v1/token',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      encoding: 'json',
    });

    assert.deepEqual(await fetchToken(), { accessToken: 'tok_json', expiresInSeconds: 600 });
    assert.deepEqual(JSON.parse(body), {
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    assert.equal(contentType, 'application/json');
  });

  for (const status of [400, 401]) {
    it(`turns a ${status} OAuth error into AuthenticationError without the secret`, async () => {
      let calls = 0;
      nock(BASE)
        .post('/oauth/token')
        .times(5)
        .reply(() => {
          calls += 1;
          return [
            status,
            { error: 'invalid_client', error_description: `Unknown client secret ${CLIENT_SECRET}` },
          ];
        });
      const fetchToken = clientCredentialsFetcher({
        http: oauthClient(),
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      });

      await assert.rejects(fetchToken(), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.status, status);
        assert.equal(error.providerCode, 'invalid_client');
        assert.equal(error.providerMessage, 'Unknown client secret [redacted]');
        assert.equal(error.operation, 'token');
        assert.match(
          error.message,
          new RegExp(
            `^k2 refused the client credentials at POST /oauth/token \\(${status} invalid_client\\)`,
          ),
        );
        for (const shown of [error.message, JSON.stringify(error), inspect(error)]) {
          assert.ok(!shown.includes(CLIENT_SECRET), shown);
        }
        return true;
      });
      assert.equal(calls, 1, 'refused credentials are not retried');
    });
  }

  it('refuses a malformed token answer with a ValidationError naming each field', async () => {
    nock(BASE).post('/oauth/token').reply(200, { access_token: 'tok_x', token_type: 'mac', expires_in: 0 });
    const fetchToken = clientCredentialsFetcher({
      http: oauthClient(),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    await assert.rejects(fetchToken(), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['token_type', 'expires_in'],
      );
      assert.equal(error.provider, 'k2');
      return true;
    });
  });

  it('refuses empty credentials', () => {
    assert.throws(
      () => clientCredentialsFetcher({ http: oauthClient(), clientId: ' ', clientSecret: '' }),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.map((issue) => issue.path).join() === 'clientId,clientSecret',
    );
  });
});
