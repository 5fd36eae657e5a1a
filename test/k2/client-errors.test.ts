/**
 * How K2's error answers reach the caller: K2 bodies (`error_code`/`error_message`), OAuth bodies
 * (`error`/`error_description`), empty and non-JSON bodies, and 401, 404, 429 and 5xx, each mapped into
 * the core error hierarchy with K2's code and message and no secret in sight. Also: a cold token is
 * fetched once however many calls wait for it.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  AuthenticationError,
  ProviderError,
  parseMoney,
  RateLimitError,
  type TenderError,
} from '@tender/core';
import nock from 'nock';
import { type K2Client, parseK2ErrorBody } from '../../packages/k2/src/index.ts';
import {
  assertNoSecrets,
  BASE,
  CLIENT_SECRET,
  created,
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

const stkPush = () =>
  client.incomingPayments.create({
    tillNumber: 'K776655',
    subscriber: { phoneNumber: '0711000111' },
    amount: parseMoney('250', 'KES'),
    callbackUrl: 'https://shop.example/k2/results/stk',
  });

const location = `${BASE}/api/v2/incoming_payments/2e3f4a5b`;

/** Runs `call`, expects it to reject with an instance of `type`, checks no secret leaked, returns it. */
async function rejection<T extends TenderError>(
  call: () => Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assertNoSecrets(
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: Number.POSITIVE_INFINITY }),
    );
    return error;
  }
  assert.fail('the call succeeded');
}

describe('K2 API error bodies', () => {
  it('maps 400 { error_code, error_message } to a ProviderError with K2 code and message, sent once', async () => {
    tokenEndpoint();
    const { seen, reply } = recorder([
      400,
      { error_code: 400, error_message: 'Subscriber phone number is an invalid number' },
    ]);
    nock(BASE).post('/api/v2/incoming_payments').reply(reply);

    const error = await rejection(stkPush, ProviderError);

    assert.equal(seen.length, 1);
    assert.equal(error.status, 400);
    assert.equal(error.providerCode, 400);
    assert.equal(error.providerMessage, 'Subscriber phone number is an invalid number');
    assert.equal(error.provider, 'k2');
    assert.equal(error.operation, 'incomingPayments.create');
    assert.equal(error.retryable, false);
    assert.match(error.message, /POST \/api\/v2\/incoming_payments/);
    assert.match(error.message, /Subscriber phone number is an invalid number/);
  });

  it('maps an empty body to a ProviderError with the status only', async () => {
    tokenEndpoint();
    nock(BASE).post('/api/v2/incoming_payments').reply(422, '');

    const error = await rejection(stkPush, ProviderError);

    assert.equal(error.status, 422);
    assert.equal(error.providerCode, undefined);
    assert.equal(error.providerMessage, undefined);
  });

  it('quotes a short plain-text body and leaves an HTML page out', async () => {
    tokenEndpoint();
    nock(BASE).post('/api/v2/incoming_payments').reply(400, 'Bad Request', { 'content-type': 'text/plain' });
    const plain = await rejection(stkPush, ProviderError);
    assert.equal(plain.providerMessage, 'Bad Request');

    nock(BASE)
      .post('/api/v2/incoming_payments')
      .reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
    const html = await rejection(stkPush, ProviderError);
    assert.equal(html.status, 502);
    assert.equal(html.providerMessage, undefined);
  });

  it('reads OAuth-style bodies on API endpoints too', () => {
    assert.deepEqual(
      parseK2ErrorBody({ error: 'invalid_token', error_description: 'The access token expired' }, ''),
      {
        code: 'invalid_token',
        message: 'The access token expired',
      },
    );
    assert.deepEqual(parseK2ErrorBody({ error_code: 400, error_message: 'x', error_description: 'y' }, ''), {
      code: 400,
      message: 'x',
    });
    assert.deepEqual(parseK2ErrorBody(undefined, ''), {});
    assert.deepEqual(parseK2ErrorBody(['not', 'an', 'object'], '["not","an","object"]'), {
      code: undefined,
      message: undefined,
    });
  });

  it('redacts the client secret and the token when K2 echoes them', async () => {
    tokenEndpoint();
    nock(BASE)
      .post('/api/v2/incoming_payments')
      .reply(400, { error_code: 400, error_message: `bad client ${CLIENT_SECRET} with token ${TOKEN}` });

    const error = await rejection(stkPush, ProviderError);

    assert.equal(error.providerMessage, 'bad client [redacted] with token [redacted]');
  });
});

describe('K2 HTTP statuses', () => {
  it('401: refreshes the token once and succeeds with the new one', async () => {
    tokenEndpoint({ token: TOKEN });
    tokenEndpoint({ token: SECOND_TOKEN });
    const { seen, reply } = recorder(
      [401, { error_code: 401, error_message: 'Unauthorized' }],
      created('/api/v2/incoming_payments', 'ip-2'),
    );
    nock(BASE).post('/api/v2/incoming_payments').twice().reply(reply);

    const result = await stkPush();

    assert.deepEqual(
      seen.map((request) => request.headers.authorization),
      [`Bearer ${TOKEN}`, `Bearer ${SECOND_TOKEN}`],
    );
    assert.equal(result.id, 'ip-2');
  });

  it('401 twice: one refresh, then an AuthenticationError with K2 code and message', async () => {
    const tokens = [tokenEndpoint({ token: TOKEN }), tokenEndpoint({ token: SECOND_TOKEN })];
    const { seen, reply } = recorder([401, { error_code: 401, error_message: 'Invalid or expired token' }]);
    nock(BASE).post('/api/v2/incoming_payments').times(3).reply(reply);

    const error = await rejection(stkPush, AuthenticationError);

    assert.equal(seen.length, 2, 'sent once with the cached token and once with the fresh one');
    assert.ok(
      tokens.every((scope) => scope.isDone()),
      'exactly one refresh',
    );
    assert.equal(error.status, 401);
    assert.equal(error.providerCode, 401);
    assert.equal(error.providerMessage, 'Invalid or expired token');
  });

  it('404 on a status look-up: a ProviderError telling to check the URL', async () => {
    tokenEndpoint();
    nock(BASE)
      .get('/api/v2/incoming_payments/2e3f4a5b')
      .reply(404, { error_code: 404, error_message: 'Resource not found' });

    const error = await rejection(() => client.status(location), ProviderError);

    assert.equal(error.status, 404);
    assert.equal(error.providerCode, 404);
    assert.equal(error.providerMessage, 'Resource not found');
    assert.match(error.message, /check the id or the URL/);
  });

  it('429 with a Retry-After longer than the client waits: a RateLimitError carrying the delay, sent once', async () => {
    tokenEndpoint();
    const { seen, reply } = recorder([
      429,
      { error_code: 429, error_message: 'Too many requests' },
      { 'retry-after': '120' },
    ]);
    nock(BASE).post('/api/v2/incoming_payments').reply(reply);

    const error = await rejection(stkPush, RateLimitError);

    assert.equal(seen.length, 1);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(error.providerMessage, 'Too many requests');
  });

  // Issue #12 made this stricter: an STK push is never re-sent automatically, even on a short Retry-After.
  it('429 with a short Retry-After on a call that moves money: RateLimitError, sent once, the caller decides', async () => {
    tokenEndpoint();
    const { seen, reply } = recorder(
      [429, '', { 'retry-after': '0' }],
      created('/api/v2/incoming_payments', 'ip-3'),
    );
    nock(BASE).post('/api/v2/incoming_payments').twice().reply(reply);

    const error = await rejection(stkPush, RateLimitError);

    assert.equal(seen.length, 1);
    assert.equal(error.retryAfterMs, 0);
    assert.match(error.message, /the caller decides/);
  });

  it('500 on a call that moves money: a ProviderError, never repeated', async () => {
    tokenEndpoint();
    const { seen, reply } = recorder([500, { error_code: 500, error_message: 'Internal server error' }]);
    nock(BASE).post('/api/v2/incoming_payments').times(3).reply(reply);

    const error = await rejection(stkPush, ProviderError);

    assert.equal(seen.length, 1);
    assert.equal(error.status, 500);
    assert.equal(error.providerCode, 500);
    assert.equal(error.retryable, false);
    assert.match(error.message, /look the operation up before sending it again/);
  });

  it('503 on a status look-up: retried, then answered', async () => {
    tokenEndpoint();
    const document = {
      data: {
        id: '2e3f4a5b',
        type: 'incoming_payment',
        attributes: {
          initiation_time: '2026-01-05T14:01:30.512+03:00',
          status: 'Pending',
          event: { type: 'Incoming Payment Request', resource: null, errors: null },
          metadata: null,
          _links: { callback_url: 'https://shop.example/k2/results/stk', self: location },
        },
      },
    };
    const { seen, reply } = recorder([503, ''], [200, document]);
    nock(BASE).get('/api/v2/incoming_payments/2e3f4a5b').twice().reply(reply);

    await client.status(location);

    assert.equal(seen.length, 2);
  });
});

describe('OAuth errors', () => {
  it('maps a 401 { error, error_description } from the token endpoint to an AuthenticationError, the API untouched', async () => {
    nock(BASE).post('/oauth/token').reply(401, {
      error: 'invalid_client',
      error_description: 'Client authentication failed due to unknown client.',
    });
    const api = nock(BASE).post('/api/v2/incoming_payments').reply(201);

    const error = await rejection(stkPush, AuthenticationError);

    assert.equal(error.status, 401);
    assert.equal(error.providerCode, 'invalid_client');
    assert.equal(error.providerMessage, 'Client authentication failed due to unknown client.');
    assert.match(error.message, /refused the client credentials/);
    assert.equal(api.isDone(), false, 'no API call without a token');
  });
});

describe('the token is fetched once for many parallel calls', () => {
  it('runs ten STK pushes on a cold token with one token request', async () => {
    const token = tokenEndpoint({ times: 1 });
    const { seen, reply } = recorder(created('/api/v2/incoming_payments', 'ip'));
    nock(BASE).post('/api/v2/incoming_payments').times(10).reply(reply);

    const results = await Promise.all(Array.from({ length: 10 }, () => stkPush()));

    assert.ok(token.isDone());
    assert.equal(results.length, 10);
    assert.equal(seen.length, 10);
    assert.ok(seen.every((request) => request.headers.authorization === `Bearer ${TOKEN}`));
  });
});
