/**
 * The K2 configuration: what a caller must give, what is refused at construction with a ValidationError
 * naming the field, the base URL per environment, the user agent, the injectable fetch, and that the
 * planted client secret and API key never show in errors, `util.inspect` or JSON.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { parseMoney, ValidationError } from '@tender/core';
import nock from 'nock';
import {
  createK2Client,
  K2_BASE_URLS,
  K2_DEFAULT_USER_AGENT,
  K2_VERSION,
  type K2Config,
} from '../../packages/k2/src/index.ts';
import {
  API_KEY,
  assertNoSecrets,
  CLIENT_ID,
  CLIENT_SECRET,
  created,
  recorder,
  TOKEN,
  testClient,
  tokenEndpoint,
} from './client-harness.ts';

before(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const valid: K2Config = {
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  apiKey: API_KEY,
  environment: 'sandbox',
};

/** Asserts `build` throws a ValidationError whose issue paths are exactly `paths`, with no secret in it. */
function assertRefused(build: () => unknown, paths: string[]): ValidationError {
  let caught: unknown;
  try {
    build();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${String(caught)}`);
  assert.deepEqual(
    caught.issues.map((issue) => issue.path),
    paths,
  );
  assert.equal(caught.provider, 'k2');
  assertNoSecrets(
    caught.message,
    JSON.stringify(caught),
    inspect(caught, { depth: Number.POSITIVE_INFINITY }),
  );
  return caught;
}

describe('K2 configuration: the base URL', () => {
  it('uses the sandbox and production hosts for the two environments', () => {
    assert.equal(createK2Client(valid).baseUrl, 'https://sandbox.kopokopo.com');
    assert.equal(createK2Client({ ...valid, environment: 'production' }).baseUrl, 'https://api.kopokopo.com');
    assert.deepEqual(K2_BASE_URLS, {
      sandbox: 'https://sandbox.kopokopo.com',
      production: 'https://api.kopokopo.com',
    });
  });

  it('takes an explicit baseUrl instead, without its trailing slash, and sends calls there', async () => {
    const base = 'http://127.0.0.1:4010';
    const client = createK2Client({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: `${base}/` });
    assert.equal(client.baseUrl, base);
    tokenEndpoint({ base });
    const { seen, reply } = recorder([201, '', { location: `${base}/api/v2/reversals/r-1` }]);
    nock(base).post('/api/v2/reversals').reply(reply);

    const result = await client.reversals.create({
      transactionReference: 'TQB7XK2M9P',
      reason: 'Customer paid twice',
      callbackUrl: 'https://shop.example/k2/results/reversal',
    });

    assert.equal(seen[0]?.url, `${base}/api/v2/reversals`);
    assert.deepEqual(result, { location: `${base}/api/v2/reversals/r-1`, id: 'r-1' });
  });

  it('requires exactly one of environment and baseUrl', () => {
    const error = assertRefused(
      () => createK2Client({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
      ['environment'],
    );
    assert.match(error.message, /environment: is required: 'sandbox' or 'production'/);
    assertRefused(() => createK2Client({ ...valid, baseUrl: 'https://proxy.example/k2' }), ['baseUrl']);
  });

  it('refuses an unknown environment and a baseUrl that is not a plain http(s) base', () => {
    assertRefused(() => createK2Client({ ...valid, environment: 'staging' as 'sandbox' }), ['environment']);
    const { environment: _environment, ...withoutEnvironment } = valid;
    for (const baseUrl of [
      'sandbox.kopokopo.com',
      'ftp://k2.example',
      'https://k2.example/?a=1',
      'https://u:p@k2.example',
      // Plain http would carry the client secret in clear text: only a simulator on this machine may use it.
      'http://api.kopokopo.com',
      'http://10.0.0.5:8080',
    ]) {
      assertRefused(() => createK2Client({ ...withoutEnvironment, baseUrl }), ['baseUrl']);
    }
    for (const baseUrl of [
      'http://127.0.0.1:4010',
      'http://localhost:4010/k2',
      'http://[::1]:4010',
      'http://0.0.0.0:4010',
    ]) {
      assert.equal(createK2Client({ ...withoutEnvironment, baseUrl }).baseUrl, baseUrl);
    }
    // A simulator in another container: allowed when asked for explicitly.
    const elsewhere = { ...withoutEnvironment, baseUrl: 'http://k2-sandbox:4010', allowPlainHttp: true };
    assert.equal(createK2Client(elsewhere).baseUrl, 'http://k2-sandbox:4010');
    assertRefused(
      () => createK2Client({ ...elsewhere, allowPlainHttp: 'yes' as unknown as boolean }),
      ['allowPlainHttp'],
    );
  });
});

describe('K2 configuration: credentials and options', () => {
  it('names each missing or empty credential, all at once', () => {
    const error = assertRefused(
      () => createK2Client({ clientId: ' ', clientSecret: '', apiKey: '', environment: 'sandbox' }),
      ['clientId', 'clientSecret', 'apiKey'],
    );
    assert.match(error.message, /^Invalid K2 configuration: /);
    assertRefused(() => createK2Client({ environment: 'sandbox' } as K2Config), ['clientId', 'clientSecret']);
  });

  it('never quotes a secret given in the wrong place or of the wrong type', () => {
    assertRefused(
      () =>
        createK2Client({
          ...valid,
          clientId: 12345 as unknown as string,
          timeoutMs: CLIENT_SECRET as unknown as number,
        }),
      ['clientId', 'timeoutMs'],
    );
    assertRefused(() => createK2Client({ ...valid, userAgent: `agent\r\n${API_KEY}` }), ['userAgent']);
  });

  it('refuses bad timeouts, retries, fetch and events', () => {
    assertRefused(() => createK2Client({ ...valid, timeoutMs: 0 }), ['timeoutMs']);
    assertRefused(() => createK2Client({ ...valid, timeoutMs: 1.5 }), ['timeoutMs']);
    assertRefused(() => createK2Client({ ...valid, retry: { limit: 11 } }), ['retry.limit']);
    assertRefused(() => createK2Client({ ...valid, fetch: 'fetch' as unknown as typeof fetch }), ['fetch']);
    assertRefused(() => createK2Client({ ...valid, events: {} as never }), ['events']);
  });

  it('keeps K2_VERSION equal to the package version and announces it in the user agent', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../../packages/k2/package.json', import.meta.url), 'utf8'),
    );
    assert.equal(K2_VERSION, manifest.version);
    assert.match(K2_DEFAULT_USER_AGENT, new RegExp(`^tender/\\S+ \\(\\+node\\) tender-k2/${K2_VERSION}$`));
  });

  it('sends a configured user agent instead of the default, on the token call and the API call', async () => {
    const agent = 'shop-backend/2.4.1';
    nock('https://sandbox.kopokopo.com')
      .matchHeader('user-agent', agent)
      .post('/oauth/token')
      .reply(200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 });
    const { seen, reply } = recorder(created('/api/v2/reversals', 'r-2'));
    nock('https://sandbox.kopokopo.com').post('/api/v2/reversals').reply(reply);

    await testClient({ userAgent: agent }).reversals.create({
      transactionReference: 'TQB7XK2M9P',
      reason: 'Duplicate',
      callbackUrl: 'https://shop.example/k2/results/reversal',
    });

    assert.equal(seen[0]?.headers['user-agent'], agent);
  });

  it('sends every call through an injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      if (request.url.endsWith('/oauth/token')) {
        return Response.json({ access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 });
      }
      return new Response(null, {
        status: 201,
        headers: { location: 'https://sandbox.kopokopo.com/api/v2/incoming_payments/ip-9' },
      });
    };

    const result = await testClient({ fetch: fakeFetch }).incomingPayments.create({
      tillNumber: 'K776655',
      subscriber: { phoneNumber: '0711000111' },
      amount: parseMoney('250', 'KES'),
      callbackUrl: 'https://shop.example/k2/results/stk',
    });

    assert.deepEqual(calls, ['POST /oauth/token', 'POST /api/v2/incoming_payments']);
    assert.equal(result.id, 'ip-9');
  });
});

describe('K2 configuration: secrets stay hidden', () => {
  it('shows neither the client secret nor the API key in util.inspect or JSON of the client', () => {
    const client = testClient();
    const shown = [
      inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      inspect(client.oauth, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(client),
      String(client),
    ];
    assertNoSecrets(...shown);
    assert.equal(JSON.stringify(client), '{"baseUrl":"https://sandbox.kopokopo.com"}');
    assert.match(shown[0] ?? '', /K2Client \{ baseUrl: 'https:\/\/sandbox.kopokopo.com' \}/);
  });
});
