/**
 * K2's OAuth endpoints through the client: the token (form-encoded client credentials, cached, never shown
 * by inspect or JSON), revoke and introspect (form-encoded, exact bodies), and token info (bearer token,
 * timestamps as numbers or ISO strings).
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { ValidationError } from '@tender/core';
import nock from 'nock';
import { K2_DEFAULT_USER_AGENT, K2AccessToken, type K2Client } from '../../packages/k2/src/index.ts';
import {
  assertApiHeaders,
  assertNoSecrets,
  BASE,
  CLIENT_ID,
  CLIENT_SECRET,
  recorder,
  SECOND_TOKEN,
  TOKEN,
  testClient,
  tokenEndpoint,
} from './client-harness.ts';

let client: K2Client;

before(() => nock.disableNetConnect());
beforeEach(() => {
  client = testClient();
});
afterEach(() => nock.cleanAll());

describe('client.oauth.token: POST /oauth/token', () => {
  it('sends the client credentials form-encoded, without a bearer token, and caches the answer', async () => {
    const { seen, reply } = recorder([
      200,
      {
        access_token: TOKEN,
        token_type: 'Bearer',
        expires_in: 3600,
        created_at: '2026-01-01T10:00:00+03:00',
      },
    ]);
    nock(BASE).post('/oauth/token').reply(reply);
    const before = Date.now();

    const first = await client.oauth.token();
    const second = await client.oauth.token();

    assert.equal(seen.length, 1, 'the second call uses the cached token');
    assert.equal(seen[0]?.method, 'POST');
    assert.equal(seen[0]?.url, `${BASE}/oauth/token`);
    assert.equal(seen[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(seen[0]?.headers.accept, 'application/json');
    assert.equal(seen[0]?.headers['user-agent'], K2_DEFAULT_USER_AGENT);
    assert.equal(seen[0]?.headers.authorization, undefined);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(seen[0]?.text)), {
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    assert.ok(first instanceof K2AccessToken);
    assert.equal(first.accessToken, TOKEN);
    assert.equal(second.accessToken, TOKEN);
    const lifetime = first.expiresAt.getTime() - before;
    // the expiry is counted from just before the request, so allow a clock tick either way
    assert.ok(lifetime > 3_590_000 && lifetime <= 3_601_000, `expires in about an hour (${lifetime} ms)`);
  });

  it('accepts created_at as Unix seconds too', async () => {
    nock(BASE)
      .post('/oauth/token')
      .reply(200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600, created_at: 1767225600 });

    assert.equal((await client.oauth.token()).accessToken, TOKEN);
  });

  it('never shows the token in util.inspect, JSON or String', async () => {
    tokenEndpoint();

    const token = await client.oauth.token();

    assertNoSecrets(
      inspect(token, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(token),
      String(token),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(token)), { expiresAt: token.expiresAt.toISOString() });
    assert.match(inspect(token), /^K2AccessToken \{ expiresAt: \d{4}-/);
  });
});

describe('client.oauth.revoke: POST /oauth/revoke', () => {
  it('sends client id, secret and token form-encoded; a revoked current token is fetched anew', async () => {
    tokenEndpoint({ token: TOKEN });
    tokenEndpoint({ token: SECOND_TOKEN });
    const { seen, reply } = recorder([200, {}]);
    nock(BASE)
      .post('/oauth/revoke', { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, token: TOKEN })
      .reply(reply);

    const current = await client.oauth.token();
    await client.oauth.revoke({ token: current.accessToken });
    const next = await client.oauth.token();

    assert.equal(seen[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(seen[0]?.headers.authorization, undefined);
    assert.equal(seen[0]?.text, `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&token=${TOKEN}`);
    assert.equal(next.accessToken, SECOND_TOKEN);
  });

  it('takes an empty answer, and refuses a missing token without sending anything', async () => {
    nock(BASE).post('/oauth/revoke').reply(200, '');
    await client.oauth.revoke({ token: 'tok_other' });

    const trap = nock(BASE).post('/oauth/revoke').reply(200);
    await assert.rejects(client.oauth.revoke({ token: '' }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['token'],
      );
      return true;
    });
    assert.equal(trap.isDone(), false);
  });
});

describe('client.oauth.introspect: POST /oauth/introspect', () => {
  it('sends the form and reads ISO-8601 exp/iat', async () => {
    const { seen, reply } = recorder([
      200,
      {
        active: true,
        scope: '',
        client_id: CLIENT_ID,
        token_type: 'Bearer',
        exp: '2026-01-01T11:00:00+03:00',
        iat: '2026-01-01T10:00:00+03:00',
      },
    ]);
    nock(BASE)
      .post('/oauth/introspect', { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, token: TOKEN })
      .reply(reply);

    const result = await client.oauth.introspect({ token: TOKEN });

    assert.equal(seen[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(result, {
      active: true,
      scope: '',
      clientId: CLIENT_ID,
      tokenType: 'Bearer',
      expiresAt: new Date('2026-01-01T08:00:00Z'),
      issuedAt: new Date('2026-01-01T07:00:00Z'),
    });
  });

  it('reads integer exp/iat and an inactive token with nothing else', async () => {
    nock(BASE).post('/oauth/introspect').reply(200, { active: true, exp: 1767229200, iat: '1767225600' });
    assert.deepEqual(await client.oauth.introspect({ token: TOKEN }), {
      active: true,
      expiresAt: new Date(1767229200 * 1000),
      issuedAt: new Date(1767225600 * 1000),
    });

    nock(BASE).post('/oauth/introspect').reply(200, { active: false });
    assert.deepEqual(await client.oauth.introspect({ token: 'tok_revoked' }), { active: false });
  });

  it('refuses an answer that is not an introspection, naming each bad field', async () => {
    nock(BASE).post('/oauth/introspect').reply(200, { active: 'yes', exp: 'soon' });

    await assert.rejects(client.oauth.introspect({ token: TOKEN }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['active', 'exp'],
      );
      return true;
    });
  });
});

describe('client.oauth.info: GET /oauth/token/info', () => {
  const info = {
    resource_owner_id: null,
    scope: [],
    expires_in: 1800,
    application: { uid: CLIENT_ID },
    created_at: 1767225600,
  };

  it('sends the client token as a bearer token and reads the answer', async () => {
    tokenEndpoint();
    const { seen, reply } = recorder([200, info]);
    nock(BASE).get('/oauth/token/info').reply(reply);

    const result = await client.oauth.info();

    assert.equal(seen[0]?.method, 'GET');
    assertApiHeaders(seen[0], { json: false });
    assert.equal(seen[0]?.text, '');
    assert.deepEqual(result, {
      resourceOwnerId: null,
      scopes: [],
      expiresInSeconds: 1800,
      applicationUid: CLIENT_ID,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('describes another token without fetching one, and reads an ISO created_at and string scopes', async () => {
    const token = nock(BASE).post('/oauth/token').reply(500);
    const { seen, reply } = recorder([
      200,
      { ...info, resource_owner_id: 42, scope: 'public write', created_at: '2026-01-01T03:00:00+03:00' },
    ]);
    nock(BASE).get('/oauth/token/info').reply(reply);

    const result = await client.oauth.info({ token: 'tok_someone_else' });

    assert.equal(seen[0]?.headers.authorization, 'Bearer tok_someone_else');
    assert.equal(token.isDone(), false);
    assert.deepEqual(result, {
      resourceOwnerId: '42',
      scopes: ['public', 'write'],
      expiresInSeconds: 1800,
      applicationUid: CLIENT_ID,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('refuses a created_at that is neither seconds nor ISO-8601', async () => {
    tokenEndpoint();
    nock(BASE)
      .get('/oauth/token/info')
      .reply(200, { ...info, created_at: 'yesterday' });

    await assert.rejects(client.oauth.info(), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        ['created_at'],
      );
      return true;
    });
  });
});
