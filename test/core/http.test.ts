/**
 * The HTTP client's requests and answers: exactly what is sent (method, URL, headers, body), how answers
 * are handed back, the injectable fetch, observability events that carry no secret, and input checks.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, before, describe, it } from 'node:test';
import nock from 'nock';
import { ProviderError, ValidationError } from '../../packages/core/src/errors/index.ts';
import {
  createHttpClient,
  createHttpEvents,
  DEFAULT_USER_AGENT,
  type HttpEventMap,
  type HttpEvents,
  parseRetryAfter,
  redactSecrets,
  TENDER_VERSION,
  type TokenSource,
} from '../../packages/core/src/http/index.ts';

const BASE = 'https://k2.test';
const TOKEN = 'tok_PLANTED_TOKEN_93af';
const CLIENT_SECRET = 'cs_PLANTED_SECRET_7d1e';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}
type Reply = readonly [number, (string | Record<string, unknown>)?, Record<string, string>?];

/** A nock reply function that records every request and answers with `replies` in turn (the last repeats). */
function recorder(...replies: Reply[]) {
  const seen: Seen[] = [];
  const reply = async (request: Request) => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    return replies[Math.min(seen.length - 1, replies.length - 1)];
  };
  return { seen, reply };
}

const fixedToken: TokenSource = { getToken: async () => TOKEN, invalidate: () => {} };

/** Records every event of every kind, in order. */
function recordEvents(events: HttpEvents) {
  const all: { name: keyof HttpEventMap; payload: unknown }[] = [];
  for (const name of ['request', 'response', 'retry', 'token.refreshed'] as const) {
    events.on(name, (payload: unknown) => all.push({ name, payload }));
  }
  return all;
}

before(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('createHttpClient: what is sent', () => {
  it('sends a JSON POST with the default headers, the bearer token and the exact body', async () => {
    const { seen, reply } = recorder([201, '', { location: `${BASE}/api/v2/incoming_payments/9f1c` }]);
    nock(BASE).post('/api/v2/incoming_payments').reply(reply);
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE, auth: fixedToken });

    const response = await http.request({
      method: 'POST',
      path: '/api/v2/incoming_payments',
      json: { payment_channel: 'M-PESA STK Push', amount: { currency: 'KES', value: '250' } },
      operation: 'collect',
      movesMoney: true,
    });

    assert.equal(seen.length, 1);
    const [sent] = seen;
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.url, `${BASE}/api/v2/incoming_payments`);
    assert.equal(sent?.headers.accept, 'application/json');
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.equal(sent?.headers['user-agent'], `tender/${TENDER_VERSION} (+node)`);
    assert.equal(sent?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(
      sent?.body,
      '{"payment_channel":"M-PESA STK Push","amount":{"currency":"KES","value":"250"}}',
    );
    assert.equal(response.status, 201);
    assert.equal(response.location, `${BASE}/api/v2/incoming_payments/9f1c`);
    assert.equal(response.body, undefined);
    assert.equal(response.text, '');
  });

  it('sends a form body form-encoded with its content type', async () => {
    const { seen, reply } = recorder([200, { ok: true }]);
    nock(BASE).post('/oauth/token').reply(reply);
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE });

    await http.request({
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'client_credentials', client_id: 'app key', client_secret: 'a&b=c' },
      operation: 'token',
      movesMoney: false,
    });

    assert.equal(seen[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(seen[0]?.body, 'grant_type=client_credentials&client_id=app+key&client_secret=a%26b%3Dc');
    assert.equal(seen[0]?.headers.authorization, undefined);
  });

  it('joins paths to the base path, appends searchParams and parses a JSON answer', async () => {
    const { seen, reply } = recorder([200, { data: { id: 'p1' } }, { 'content-type': 'application/json' }]);
    nock(BASE).get('/k2/api/v2/payments').query({ page: '2', pending: 'true' }).reply(reply);
    const http = createHttpClient({ provider: 'k2', baseUrl: `${BASE}/k2/` });

    const response = await http.request<{ data: { id: string } }>({
      method: 'GET',
      path: 'api/v2/payments',
      searchParams: { page: 2, pending: true },
      operation: 'list',
      movesMoney: false,
    });

    assert.equal(seen[0]?.url, `${BASE}/k2/api/v2/payments?page=2&pending=true`);
    assert.equal(seen[0]?.headers['content-type'], undefined);
    assert.deepEqual(response.body, { data: { id: 'p1' } });
    assert.equal(response.text, '{"data":{"id":"p1"}}');
    assert.equal(response.location, undefined);
  });

  it('uses an absolute url (a Location) as it is, reading Location case-insensitively', async () => {
    const { seen, reply } = recorder([200, { data: {} }, { LOCATION: `${BASE}/next` }]);
    nock(BASE).get('/api/v2/incoming_payments/9f1c').reply(reply);
    const http = createHttpClient({ provider: 'k2', baseUrl: `${BASE}/ignored-base`, auth: fixedToken });

    const response = await http.request({
      method: 'GET',
      url: `${BASE}/api/v2/incoming_payments/9f1c`,
      operation: 'status',
      movesMoney: false,
    });

    assert.equal(seen[0]?.url, `${BASE}/api/v2/incoming_payments/9f1c`);
    assert.equal(seen[0]?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(response.location, `${BASE}/next`);
  });

  it('lets the caller override headers and the user agent, and leave the token out with auth: false', async () => {
    const { seen, reply } = recorder([200, 'plain text, not JSON', { 'content-type': 'text/plain' }]);
    nock(BASE).get('/status').reply(reply);
    const http = createHttpClient({
      provider: 'k2',
      baseUrl: BASE,
      auth: fixedToken,
      userAgent: `${DEFAULT_USER_AGENT} tender-k2/0.1.0`,
    });

    const response = await http.request({
      method: 'GET',
      path: '/status',
      headers: { Accept: 'application/vnd.kopokopo.v4.hal+json', 'X-Request-Id': 'r-1' },
      auth: false,
      operation: 'status',
      movesMoney: false,
    });

    assert.equal(seen[0]?.headers.accept, 'application/vnd.kopokopo.v4.hal+json');
    assert.equal(seen[0]?.headers['x-request-id'], 'r-1');
    assert.equal(seen[0]?.headers['user-agent'], `tender/${TENDER_VERSION} (+node) tender-k2/0.1.0`);
    assert.equal(seen[0]?.headers.authorization, undefined);
    assert.equal(response.body, undefined, 'a body that is not JSON is not parsed');
    assert.equal(response.text, 'plain text, not JSON');
  });

  it('never sends the bearer token to another origin', async () => {
    const scope = nock('https://elsewhere.test').get('/steal').reply(200);
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE, auth: fixedToken });

    await assert.rejects(
      http.request({
        method: 'GET',
        url: 'https://elsewhere.test/steal',
        operation: 'status',
        movesMoney: false,
      }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(
          error.issues.map((issue) => issue.path),
          ['url'],
        );
        return true;
      },
    );
    assert.equal(scope.isDone(), false, 'nothing was sent');
  });

  it('uses the injected fetch instead of the global one', async () => {
    const calls: { url: string; method: string; authorization: string | null }[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      calls.push({
        url: request.url,
        method: request.method,
        authorization: request.headers.get('authorization'),
      });
      return new Response('{"data":{"status":"Success"}}', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    // No nock interceptor exists and the network is disabled: only the injected fetch can answer.
    const http = createHttpClient({
      provider: 'k2',
      baseUrl: 'https://edge.test',
      fetch: fakeFetch,
      auth: fixedToken,
    });

    const response = await http.request({
      method: 'GET',
      path: '/api/v2/x/1',
      operation: 'status',
      movesMoney: false,
    });

    assert.deepEqual(calls, [
      { url: 'https://edge.test/api/v2/x/1', method: 'GET', authorization: `Bearer ${TOKEN}` },
    ]);
    assert.deepEqual(response.body, { data: { status: 'Success' } });
  });

  it('exposes the provider and base URL, and nothing secret, on the client object', () => {
    const http = createHttpClient({
      provider: 'k2',
      baseUrl: BASE,
      secrets: [CLIENT_SECRET],
      auth: fixedToken,
    });
    assert.equal(http.provider, 'k2');
    assert.equal(http.baseUrl, BASE);
    assert.ok(!JSON.stringify(http).includes(CLIENT_SECRET));
  });
});

describe('createHttpClient: events', () => {
  it('emits request and response events (and retry), none carrying a header, body, token or secret', async () => {
    const { reply } = recorder(
      [503, { error_message: `down, token ${TOKEN}, secret ${CLIENT_SECRET}` }],
      [200, { echoed: TOKEN, secret: CLIENT_SECRET }],
    );
    nock(BASE).get('/api/v2/x').query(true).times(2).reply(reply);
    const events = createHttpEvents();
    const all = recordEvents(events);
    const http = createHttpClient({
      provider: 'k2',
      baseUrl: BASE,
      events,
      auth: fixedToken,
      secrets: [CLIENT_SECRET],
      retry: { backoffMs: 1 },
    });

    await http.request({
      method: 'GET',
      path: '/api/v2/x',
      searchParams: { api_key: CLIENT_SECRET },
      operation: 'status',
      movesMoney: false,
    });

    const requestIds = new Set(all.map(({ payload }) => (payload as { requestId: string }).requestId));
    assert.equal(requestIds.size, 1, 'every event of the call carries its one request id');
    const call = { method: 'GET', url: `${BASE}/api/v2/x`, operation: 'status' };
    assert.deepEqual(
      all.map(({ name, payload }) => {
        const { durationMs, requestId: _id, ...rest } = payload as { durationMs?: number; requestId: string };
        if (name === 'response') assert.equal(typeof durationMs, 'number');
        return { name, ...rest };
      }),
      [
        { name: 'request', ...call, attempt: 1 },
        { name: 'response', ...call, attempt: 1, status: 503 },
        { name: 'retry', ...call, attempt: 1, delayMs: 1, reason: 'status', status: 503 },
        { name: 'request', ...call, attempt: 2 },
        { name: 'response', ...call, attempt: 2, status: 200 },
      ],
    );
    const serialized = JSON.stringify(all);
    for (const secret of [TOKEN, CLIENT_SECRET, 'Bearer', 'api_key'])
      assert.ok(!serialized.includes(secret), secret);
  });

  it('a listener that throws cannot turn an accepted payment into an error', async () => {
    nock(BASE)
      .post('/api/v2/send_money')
      .once()
      .reply(201, '', { location: `${BASE}/api/v2/send_money/1` });
    const events = createHttpEvents();
    events.on('response', () => {
      throw new Error('logger bug');
    });
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE, events });
    const response = await http.request({
      method: 'POST',
      path: '/api/v2/send_money',
      json: {},
      operation: 'payout',
      movesMoney: true,
    });
    assert.equal(response.location, `${BASE}/api/v2/send_money/1`);
  });

  it('works without an events emitter', async () => {
    nock(BASE).get('/ping').reply(204);
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE });
    const response = await http.request({
      method: 'GET',
      path: '/ping',
      operation: 'ping',
      movesMoney: false,
    });
    assert.equal(response.status, 204);
    assert.equal(response.body, undefined);
  });
});

describe('createHttpClient: input checks', () => {
  it('refuses invalid options, listing every offending field', () => {
    assert.throws(
      () => createHttpClient({ provider: '', baseUrl: 'not a url', timeoutMs: -1, retry: { limit: 1.5 } }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.issues.map((issue) => issue.path).sort(), [
          'baseUrl',
          'provider',
          'retry.limit',
          'timeoutMs',
        ]);
        return true;
      },
    );
  });

  it('refuses a request with neither path nor url, or with two bodies, before sending anything', async () => {
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE });
    await assert.rejects(
      http.request({ method: 'GET', operation: 'status', movesMoney: false }),
      (error: unknown) => error instanceof ValidationError && /give either path or url/.test(error.message),
    );
    await assert.rejects(
      http.request({ method: 'POST', path: '/x', json: {}, form: {}, operation: 'op', movesMoney: true }),
      (error: unknown) => error instanceof ValidationError && /json or form, not both/.test(error.message),
    );
    await assert.rejects(
      http.request({
        method: 'GET',
        path: '/x',
        headers: { 'x-bad': 'line\nbreak' },
        operation: 'op',
        movesMoney: false,
      }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'headers',
    );
  });

  it('refuses a json body that has no JSON form, naming the field, before sending anything', async () => {
    const scope = nock(BASE).post('/x').reply(201);
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const json of [{ amount: 10n }, circular, () => 'not data']) {
      await assert.rejects(
        http.request({ method: 'POST', path: '/x', json, operation: 'op', movesMoney: true }),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError);
          assert.equal(error.issues[0]?.path, 'json');
          assert.match(error.issues[0]?.message ?? '', /^cannot be sent as JSON/);
          return true;
        },
      );
    }
    assert.equal(scope.isDone(), false, 'nothing was sent');
  });

  it("replaces a default header whatever the letter case of the call's own, sending one value", async () => {
    const { seen, reply } = recorder([201]);
    nock(BASE).post('/x').query({ a: '1', b: '2' }).reply(reply);
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE, auth: fixedToken });

    await http.request({
      method: 'POST',
      path: '/x?a=1',
      searchParams: { b: 2 },
      json: { n: 1 },
      headers: { 'Content-Type': 'application/json; charset=utf-8', ACCEPT: 'application/hal+json' },
      operation: 'op',
      movesMoney: true,
    });

    assert.equal(seen[0]?.url, `${BASE}/x?a=1&b=2`);
    assert.equal(seen[0]?.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(seen[0]?.headers.accept, 'application/hal+json');
    assert.equal(seen[0]?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(seen[0]?.body, '{"n":1}');
  });

  it('refuses auth: true on a client without an auth source', async () => {
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE });
    await assert.rejects(
      http.request({ method: 'GET', path: '/x', auth: true, operation: 'op', movesMoney: false }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'auth',
    );
  });

  it('announces the version of @tender/core in its user agent', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../../packages/core/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    assert.equal(TENDER_VERSION, manifest.version);
    assert.equal(DEFAULT_USER_AGENT, `tender/${manifest.version} (+node)`);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret, plain and URL-encoded', () => {
    assert.equal(
      redactSecrets('id=app&secret=s3/cr+t, again s3/cr+t, encoded s3%2Fcr%2Bt', ['s3/cr+t']),
      'id=app&secret=[redacted], again [redacted], encoded [redacted]',
    );
  });

  it('hides a secret in the form encoding of a token request body too (+ for space, %21 for !)', () => {
    const body = new URLSearchParams({ client_secret: "my secret!(k2)~'" }).toString();
    assert.equal(
      redactSecrets(`bad body: ${body}`, ["my secret!(k2)~'"]),
      'bad body: client_secret=[redacted]',
    );
  });

  it('hides a longer secret whole when it contains a shorter one, and ignores empty secrets', () => {
    assert.equal(
      redactSecrets('key abc123 and abc', ['abc', 'abc123', '', undefined]),
      'key [redacted] and [redacted]',
    );
    assert.equal(redactSecrets('nothing here', []), 'nothing here');
  });

  it('is applied to provider messages built from error bodies', async () => {
    nock(BASE)
      .post('/x')
      .reply(400, { message: `bad client_secret ${CLIENT_SECRET} for token ${TOKEN}`, code: CLIENT_SECRET });
    const http = createHttpClient({
      provider: 'k2',
      baseUrl: BASE,
      auth: fixedToken,
      secrets: [CLIENT_SECRET],
    });
    await assert.rejects(
      http.request({ method: 'POST', path: '/x', json: {}, operation: 'op', movesMoney: true }),
      (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.providerMessage, 'bad client_secret [redacted] for token [redacted]');
        assert.equal(error.providerCode, '[redacted]');
        assert.ok(!JSON.stringify(error).includes(TOKEN) && !error.message.includes(CLIENT_SECRET));
        return true;
      },
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
  });
  it('reads an HTTP date relative to now, a past date meaning now', () => {
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 09:00:00 GMT', now), 0);
  });
  it('returns undefined when absent or unreadable', () => {
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5', now), undefined);
  });
});
