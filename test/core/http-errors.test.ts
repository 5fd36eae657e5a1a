/**
 * Every way a call can fail, and the TenderError it becomes: error answers (400 with a body, 401 twice,
 * 404, 429, 500, 503, a redirect on a money-moving call), refused and dropped connections, and timeouts,
 * where a call that can move money becomes OutcomeUnknownError. No error carries a token or a secret, and
 * no cause is an error object holding the Request.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import nock from 'nock';
import {
  AuthenticationError,
  NetworkError,
  OutcomeUnknownError,
  ProviderError,
  RateLimitError,
  type TenderError,
  TimeoutError,
} from '../../packages/core/src/errors/index.ts';
import {
  createHttpClient,
  type ErrorBodyParser,
  type HttpClientOptions,
  type HttpRequest,
  type TokenSource,
} from '../../packages/core/src/http/index.ts';

const BASE = 'https://k2.test';
const CLIENT_SECRET = 'cs_PLANTED_SECRET_7d1e';
const TOKENS = ['tok_FIRST_PLANTED_11aa', 'tok_SECOND_PLANTED_22bb'];

const parseK2ErrorBody: ErrorBodyParser = (body) => {
  const fields = (body ?? {}) as { error_code?: number; error_message?: string };
  return { code: fields.error_code, message: fields.error_message };
};

/** A token source that hands out TOKENS in turn, moving on when told a token was refused. */
function rotatingTokens() {
  const invalidated: string[] = [];
  let index = 0;
  const source: TokenSource = {
    getToken: async () => TOKENS[Math.min(index, TOKENS.length - 1)] ?? '',
    invalidate: (token) => {
      invalidated.push(token);
      index += 1;
    },
  };
  return { source, invalidated };
}

/** Counts the requests a nock interceptor served and the Authorization header of each. */
function counted(status: number, body?: unknown, headers?: Record<string, string>) {
  const authorizations: (string | null)[] = [];
  const reply = (request: Request) => {
    authorizations.push(request.headers.get('authorization'));
    return [status, body ?? '', headers ?? {}] as const;
  };
  return { authorizations, reply };
}

/** Everything an error exposes to a logger. */
function exposed(error: TenderError): string {
  return [error.message, JSON.stringify(error), inspect(error), inspect(error.cause, { depth: 10 })].join(
    '\n',
  );
}

function assertNoSecret(error: TenderError): void {
  const text = exposed(error);
  for (const secret of [CLIENT_SECRET, ...TOKENS, 'authorization', 'Bearer']) {
    assert.ok(!text.includes(secret), `error exposes ${secret}:\n${text}`);
  }
}

function client(options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    provider: 'k2',
    baseUrl: BASE,
    parseErrorBody: parseK2ErrorBody,
    secrets: [CLIENT_SECRET],
    retry: { backoffMs: 1 },
    ...options,
  });
}

/** A node:http server on 127.0.0.1 that counts requests and lets `handle` answer (or not). */
async function localServer(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  let hits = 0;
  const server = createServer((request, response) => {
    hits += 1;
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

before(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});
after(() => {
  nock.enableNetConnect();
});

describe('error answers', () => {
  const collect = {
    method: 'POST',
    path: '/api/v2/incoming_payments',
    json: {},
    operation: 'collect',
    movesMoney: true,
  } as const;
  const payout = {
    method: 'POST',
    path: '/api/v2/send_money',
    json: {},
    operation: 'payout',
    movesMoney: true,
  } as const;
  const status = {
    method: 'GET',
    path: '/api/v2/send_money/1',
    operation: 'status',
    movesMoney: false,
  } as const;
  const token = {
    method: 'POST',
    path: '/oauth/token',
    form: {},
    operation: 'token',
    movesMoney: false,
  } as const;
  const rows: readonly {
    readonly name: string;
    readonly request: HttpRequest;
    readonly answer: readonly [number, unknown, Record<string, string>?];
    readonly error: new (...args: never[]) => TenderError;
    readonly sent: number;
    readonly expect: Partial<
      Pick<TenderError, 'status' | 'providerCode' | 'providerMessage' | 'retryable'>
    > & {
      readonly message?: string | RegExp;
      readonly retryAfterMs?: number | undefined;
    };
  }[] = [
    {
      name: '400 with a K2 body → ProviderError with the provider code and message, not retried',
      request: collect,
      answer: [400, { error_code: 400, error_message: 'Subscriber phone number is an invalid number' }],
      error: ProviderError,
      sent: 1,
      expect: {
        status: 400,
        providerCode: 400,
        providerMessage: 'Subscriber phone number is an invalid number',
        retryable: false,
        message:
          'k2 answered 400 to POST /api/v2/incoming_payments (collect): Subscriber phone number is an invalid number; fix the request before sending it again.',
      },
    },
    {
      name: '401 on a call without a token → AuthenticationError at once',
      request: token,
      answer: [401, ''],
      error: AuthenticationError,
      sent: 1,
      expect: { status: 401 },
    },
    {
      name: '404 → ProviderError that says to check the id',
      request: { ...status, path: '/api/v2/incoming_payments/nope' },
      answer: [404, { error_code: 404, error_message: 'Not found' }],
      error: ProviderError,
      sent: 1,
      expect: {
        status: 404,
        retryable: false,
        message:
          /^k2 answered 404 to GET \/api\/v2\/incoming_payments\/nope \(status\): Not found; check the id/,
      },
    },
    {
      name: '429 without Retry-After on a money-moving call → RateLimitError, not retried',
      request: collect,
      answer: [429, { error_code: 429, error_message: 'Too many requests' }],
      error: RateLimitError,
      sent: 1,
      expect: { status: 429, retryable: true, retryAfterMs: undefined },
    },
    {
      name: '500 on a money-moving call → ProviderError, not retryable, sent once',
      request: payout,
      answer: [500, { error_code: 500, error_message: 'Internal error' }],
      error: ProviderError,
      sent: 1,
      expect: {
        status: 500,
        retryable: false,
        message: /may have acted on the request anyway: look the operation up/,
      },
    },
    {
      name: '500 on a status query → ProviderError marked retryable, after the first attempt and two retries',
      request: status,
      answer: [500, ''],
      error: ProviderError,
      sent: 3,
      expect: { status: 500, retryable: true },
    },
    {
      name: '503 without Retry-After on a money-moving call → ProviderError, sent once',
      request: { ...collect, path: '/api/v2/reversals', operation: 'reverse' },
      answer: [503, 'Service Unavailable', { 'content-type': 'text/html' }],
      error: ProviderError,
      sent: 1,
      expect: { status: 503, retryable: false, providerMessage: undefined },
    },
  ];

  for (const { name, request, answer, error: type, sent, expect } of rows) {
    it(name, async () => {
      const { authorizations, reply } = counted(...answer);
      nock(BASE)
        .intercept(request.path ?? '', request.method)
        .times(5)
        .reply(reply);

      await assert.rejects(client().request(request), (error: unknown) => {
        assert.ok(error instanceof type, String(error));
        const { message, ...fields } = expect;
        for (const [field, value] of Object.entries(fields)) {
          assert.equal((error as unknown as Record<string, unknown>)[field], value, field);
        }
        if (typeof message === 'string') assert.equal(error.message, message);
        else if (message !== undefined) assert.match(error.message, message);
        assert.equal(error.provider, 'k2');
        assert.equal(error.operation, request.operation);
        return true;
      });
      assert.equal(authorizations.length, sent);
    });
  }

  it('401 twice → one fresh-token retry, then AuthenticationError (exactly two requests)', async () => {
    const { source, invalidated } = rotatingTokens();
    const { authorizations, reply } = counted(401, { error_code: 401, error_message: 'Unauthorized' });
    nock(BASE).post('/api/v2/send_money').times(5).reply(reply);

    await assert.rejects(
      client({ auth: source }).request({
        method: 'POST',
        path: '/api/v2/send_money',
        json: {},
        operation: 'payout',
        movesMoney: true,
      }),
      (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.status, 401);
        assert.equal(error.providerMessage, 'Unauthorized');
        assert.match(error.message, /POST \/api\/v2\/send_money \(payout\)/);
        assert.match(error.message, /freshly fetched access token was refused too/);
        assertNoSecret(error);
        return true;
      },
    );
    assert.deepEqual(authorizations, [`Bearer ${TOKENS[0]}`, `Bearer ${TOKENS[1]}`]);
    assert.deepEqual(invalidated, [TOKENS[0]], 'only the first refused token is invalidated');
  });

  it('401 then 200 → the call succeeds with the fresh token, even when it moves money', async () => {
    const { source, invalidated } = rotatingTokens();
    const authorizations: (string | null)[] = [];
    nock(BASE)
      .post('/api/v2/send_money')
      .times(2)
      .reply((request: Request) => {
        authorizations.push(request.headers.get('authorization'));
        return authorizations.length === 1
          ? [401, '']
          : [201, '', { location: `${BASE}/api/v2/send_money/1` }];
      });

    const response = await client({ auth: source }).request({
      method: 'POST',
      path: '/api/v2/send_money',
      json: {},
      operation: 'payout',
      movesMoney: true,
    });

    assert.equal(response.status, 201);
    assert.deepEqual(authorizations, [`Bearer ${TOKENS[0]}`, `Bearer ${TOKENS[1]}`]);
    assert.deepEqual(invalidated, [TOKENS[0]]);
  });

  it('a redirect on a money-moving call is not followed', async () => {
    const { authorizations, reply } = counted(302, '', { location: 'https://k2.test/login' });
    nock(BASE).post('/api/v2/send_money').reply(reply);
    const target = nock(BASE).get('/login').reply(200);
    await assert.rejects(
      client().request({
        method: 'POST',
        path: '/api/v2/send_money',
        json: {},
        operation: 'payout',
        movesMoney: true,
      }),
      (error: unknown) =>
        error instanceof ProviderError && error.status === 302 && /https address/.test(error.message),
    );
    assert.equal(authorizations.length, 1);
    assert.equal(target.isDone(), false);
  });

  it('an error body reader that throws still yields the HTTP error', async () => {
    nock(BASE).get('/x').reply(418, 'teapot');
    const http = client({
      parseErrorBody: () => {
        throw new Error('reader bug');
      },
    });
    await assert.rejects(
      http.request({ method: 'GET', path: '/x', operation: 'op', movesMoney: false }),
      (error: unknown) =>
        error instanceof ProviderError && error.status === 418 && error.providerCode === undefined,
    );
  });

  it('errors built from bodies that echo tokens and secrets expose neither', async () => {
    const { source } = rotatingTokens();
    const echo = `client_secret=${CLIENT_SECRET}&token=${TOKENS[0]} ${encodeURIComponent(CLIENT_SECRET)}`;
    nock(BASE).get('/x').reply(400, { error_code: CLIENT_SECRET, error_message: echo });
    await assert.rejects(
      client({ auth: source }).request({ method: 'GET', path: '/x', operation: 'op', movesMoney: false }),
      (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.providerMessage, 'client_secret=[redacted]&token=[redacted] [redacted]');
        assertNoSecret(error);
        return true;
      },
    );
  });
});

describe('no answer', () => {
  it('connection refused on a status query → NetworkError with the low-level cause', async () => {
    const server = await localServer(() => {});
    const url = server.url;
    await server.close();

    await assert.rejects(
      client({ baseUrl: url }).request({
        method: 'GET',
        path: '/api/v2/x',
        operation: 'status',
        movesMoney: false,
      }),
      (error: unknown) => {
        assert.ok(error instanceof NetworkError);
        assert.equal(error.retryable, true);
        assert.match(
          error.message,
          /^GET \/api\/v2\/x \(status\) failed without an answer from k2 \(ECONNREFUSED\) after 3 attempts/,
        );
        assert.ok(error.cause instanceof Error);
        assert.ok(!/ky|HTTPError/i.test(error.cause.name), `cause is ${error.cause.name}`);
        assert.ok(!('request' in error.cause), 'the cause does not hold the Request');
        return true;
      },
    );
  });

  it('connection refused on a money-moving call → NetworkError: the request never left, so it is safe to send again', async () => {
    const server = await localServer(() => {});
    const url = server.url;
    await server.close();
    const { source } = rotatingTokens();

    await assert.rejects(
      client({ baseUrl: url, auth: source }).request({
        method: 'POST',
        path: '/api/v2/send_money',
        json: { amount: 100 },
        operation: 'payout',
        movesMoney: true,
      }),
      (error: unknown) => {
        assert.ok(error instanceof NetworkError);
        assert.ok(!(error instanceof OutcomeUnknownError));
        assert.equal(error.retryable, true);
        assert.match(
          error.message,
          /^POST \/api\/v2\/send_money \(payout\) failed without an answer from k2 \(ECONNREFUSED\): the connection was never made, so nothing was sent; check the network/,
        );
        assertNoSecret(error);
        return true;
      },
    );
  });

  it('a host name that does not resolve, on a money-moving call → NetworkError, nothing was sent', async () => {
    const unresolved = Object.assign(new Error('getaddrinfo ENOTFOUND k2.invalid'), { code: 'ENOTFOUND' });
    const fetchFunction: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: unresolved });
    };
    await assert.rejects(
      client({ fetch: fetchFunction }).request({
        method: 'POST',
        path: '/api/v2/incoming_payments',
        json: {},
        operation: 'collect',
        movesMoney: true,
      }),
      (error: unknown) =>
        error instanceof NetworkError &&
        !(error instanceof OutcomeUnknownError) &&
        /ENOTFOUND/.test(error.message),
    );
  });

  it('a dropped connection: a GET is retried, a money-moving POST is sent once → OutcomeUnknownError', async () => {
    const server = await localServer((request) => request.socket.destroy());
    try {
      await assert.rejects(
        client({ baseUrl: server.url }).request({
          method: 'GET',
          path: '/x',
          operation: 'status',
          movesMoney: false,
        }),
        (error: unknown) => error instanceof NetworkError,
      );
      assert.equal(server.hits(), 3);

      await assert.rejects(
        client({ baseUrl: server.url }).request({
          method: 'POST',
          path: '/x',
          json: {},
          operation: 'collect',
          movesMoney: true,
        }),
        (error: unknown) => error instanceof OutcomeUnknownError,
      );
      assert.equal(server.hits(), 4, 'the POST was sent exactly once');
    } finally {
      await server.close();
    }
  });

  it('a connection dropped halfway through the body → NetworkError naming the socket error', async () => {
    const server = await localServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"data":');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    try {
      await assert.rejects(
        client({ baseUrl: server.url, retry: { limit: 0 } }).request({
          method: 'GET',
          path: '/api/v2/x',
          operation: 'status',
          movesMoney: false,
        }),
        (error: unknown) => {
          assert.ok(error instanceof NetworkError);
          assert.match(
            error.message,
            /^GET \/api\/v2\/x \(status\) failed without an answer from k2 \(UND_ERR_SOCKET\)/,
          );
          assert.ok(!('request' in (error.cause as object)), 'the cause does not hold a Request');
          assertNoSecret(error);
          return true;
        },
      );
    } finally {
      await server.close();
    }
  });

  it('timeout: a GET → TimeoutError after its retries, a money-moving POST → OutcomeUnknownError sent once', async () => {
    const server = await localServer(() => {});
    try {
      const { source } = rotatingTokens();
      const http = client({ baseUrl: server.url, timeoutMs: 150, auth: source });
      await assert.rejects(
        http.request({ method: 'GET', path: '/api/v2/x', operation: 'status', movesMoney: false }),
        (error: unknown) => {
          assert.ok(error instanceof TimeoutError);
          assert.equal(error.retryable, true);
          assert.match(
            error.message,
            /^GET \/api\/v2\/x \(status\) got no answer from k2 within 150 ms after 3 attempts/,
          );
          assertNoSecret(error);
          return true;
        },
      );
      assert.equal(server.hits(), 3);

      await assert.rejects(
        http.request({
          method: 'POST',
          path: '/api/v2/incoming_payments',
          json: {},
          operation: 'collect',
          movesMoney: true,
        }),
        (error: unknown) => {
          assert.ok(error instanceof OutcomeUnknownError);
          assert.match(
            error.message,
            /^POST \/api\/v2\/incoming_payments \(collect\) got no answer from k2 within 150 ms, so k2 may or may not have acted on it/,
          );
          assertNoSecret(error);
          return true;
        },
      );
      assert.equal(server.hits(), 4);
    } finally {
      await server.close();
    }
  });

  it('a body that stops halfway times out like a missing answer', async () => {
    const server = await localServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
    });
    try {
      await assert.rejects(
        client({ baseUrl: server.url, timeoutMs: 40, retry: { limit: 0 } }).request({
          method: 'GET',
          path: '/x',
          operation: 'status',
          movesMoney: false,
        }),
        (error: unknown) => error instanceof TimeoutError,
      );
      assert.equal(server.hits(), 1);
    } finally {
      await server.close();
    }
  });

  it('a money-moving call answered 201 with a Location whose body then stalls or breaks off keeps its answer', async () => {
    for (const ending of ['stall', 'drop'] as const) {
      const server = await localServer((_request, response) => {
        response.writeHead(201, {
          location: '/api/v2/incoming_payments/abc',
          'content-type': 'application/json',
        });
        response.write('{"partial":');
        if (ending === 'drop') setTimeout(() => response.destroy(), 5);
      });
      try {
        // Long enough for the headers to arrive on a busy machine; the stalled body then waits it out once.
        const answer = await client({ baseUrl: server.url, timeoutMs: 500 }).request({
          method: 'POST',
          path: '/api/v2/incoming_payments',
          json: {},
          operation: 'collect',
          movesMoney: true,
        });
        assert.equal(answer.status, 201, ending);
        assert.equal(answer.headers.get('location'), '/api/v2/incoming_payments/abc');
        assert.equal(server.hits(), 1);
      } finally {
        await server.close();
      }
    }
  });

  it('a custom fetch that throws is reported without its own error object', async () => {
    class LeakyError extends Error {
      readonly request = new Request(BASE, { headers: { authorization: `Bearer ${TOKENS[0]}` } });
    }
    const http = client({
      fetch: async () => {
        throw new LeakyError('edge runtime failure');
      },
      retry: { limit: 0 },
    });
    await assert.rejects(
      http.request({ method: 'GET', path: '/x', operation: 'status', movesMoney: false }),
      (error: unknown) => {
        assert.ok(error instanceof NetworkError);
        assert.ok(!(error.cause instanceof LeakyError));
        assert.match(String((error.cause as Error).message), /edge runtime failure/);
        assertNoSecret(error);
        return true;
      },
    );
  });

  it("a custom fetch whose message names the request's headers and body has them redacted in the cause too", async () => {
    const http = client({
      auth: rotatingTokens().source,
      fetch: async (_url, init) => {
        throw new Error(`upstream failed with ${JSON.stringify(init?.headers)} and ${String(init?.body)}`);
      },
      retry: { limit: 0 },
    });
    await assert.rejects(
      http.request({
        method: 'POST',
        path: '/oauth/token',
        form: { client_secret: CLIENT_SECRET },
        operation: 'token',
        movesMoney: false,
        auth: true,
      }),
      (error: unknown) => {
        assert.ok(error instanceof NetworkError);
        assert.match(String((error.cause as Error).message), /upstream failed with .*\[redacted\]/);
        const text = exposed(error);
        for (const secret of [CLIENT_SECRET, ...TOKENS])
          assert.ok(!text.includes(secret), `exposes ${secret}`);
        return true;
      },
    );
  });
});

describe('redirects', () => {
  it('a call with a body (a token request holding the client secret) does not follow a redirect', async () => {
    nock(BASE).post('/oauth/token').reply(307, '', { location: 'https://elsewhere.test/collect' });
    const elsewhere = nock('https://elsewhere.test').post('/collect').reply(200, {});
    await assert.rejects(
      client().request({
        method: 'POST',
        path: '/oauth/token',
        form: { grant_type: 'client_credentials', client_secret: CLIENT_SECRET },
        operation: 'token',
        movesMoney: false,
      }),
      (error: unknown) => error instanceof ProviderError && error.status === 307,
    );
    assert.equal(elsewhere.isDone(), false, 'the client secret was not repeated to the other origin');
  });

  it('a GET without a body still follows a redirect', async () => {
    nock(BASE)
      .get('/moved')
      .reply(302, '', { location: `${BASE}/here` });
    nock(BASE).get('/here').reply(200, { ok: true });
    const answer = await client().request({
      method: 'GET',
      path: '/moved',
      operation: 'status',
      movesMoney: false,
    });
    assert.equal(answer.status, 200);
  });
});
