/**
 * The HTTP rules issue #12 added on top of ky: whole-value redaction (JSON-escaped and URL-encoded forms,
 * nested causes), request ids pairing each request with its response, the `outcome.unknown` event when a
 * call that moves money gets no answer, and the cap on answer bodies.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import nock from 'nock';
import { NetworkError, ProviderError, ValidationError } from '../../packages/core/src/errors/index.ts';
import {
  createHttpClient,
  createHttpEvents,
  type HttpEventMap,
  type HttpEvents,
  type HttpSend,
  redactSecrets,
} from '../../packages/core/src/http/index.ts';

const BASE = 'https://k2.test';
const SECRET = 'cs_PLANTED "quoted" \\ secret/+';

const status = { method: 'GET', path: '/api/v2/x', operation: 'status', movesMoney: false } as const;
const collect = {
  method: 'POST',
  path: '/api/v2/incoming_payments',
  json: {},
  operation: 'collect',
  movesMoney: true,
} as const;

async function localServer(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function recordEvents(events: HttpEvents) {
  const all: { name: keyof HttpEventMap; payload: HttpSend & Record<string, unknown> }[] = [];
  for (const name of ['request', 'response', 'retry', 'outcome.unknown'] as const) {
    events.on(name, (payload: HttpSend) =>
      all.push({ name, payload: payload as HttpSend & Record<string, unknown> }),
    );
  }
  return all;
}

before(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
after(() => nock.enableNetConnect());

describe('redaction of whole values', () => {
  it('leaves a secret alone where it is only part of a longer word', () => {
    assert.equal(
      redactSecrets('check the base URL, b and a-b', ['b']),
      'check the base URL, [redacted] and a-b',
    );
    assert.equal(redactSecrets('tok_1 tok_12 xtok_1', ['tok_1']), '[redacted] tok_12 xtok_1');
  });

  it('hides the JSON-escaped and both URL-encoded forms of a secret', () => {
    const text = [
      `json ${JSON.stringify({ s: SECRET })}`,
      `uri ${encodeURIComponent(SECRET)}`,
      `form ${new URLSearchParams({ s: SECRET })}`,
    ].join('; ');
    assert.equal(redactSecrets(text, [SECRET]), 'json {"s":"[redacted]"}; uri [redacted]; form s=[redacted]');
  });

  it('redacts every error of the nested cause chain kept from a network failure', async () => {
    const token = 'tok_NESTED_9c1d';
    const socket = Object.assign(
      new Error(`reset while sending ${JSON.stringify(SECRET)}`, {
        cause: new Error(`header Bearer ${token}`),
      }),
      { code: 'ECONNRESET' },
    );
    const http = createHttpClient({
      provider: 'k2',
      baseUrl: BASE,
      secrets: [SECRET],
      auth: { getToken: async () => token, invalidate: () => {} },
      retry: { limit: 0 },
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: socket });
      },
    });
    await assert.rejects(http.request(status), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.match(error.message, /\(ECONNRESET\)/);
      const cause = error.cause as Error & { code?: string };
      assert.equal(cause.code, 'ECONNRESET');
      assert.equal(cause.message, 'reset while sending "[redacted]"');
      assert.equal((cause.cause as Error).message, 'header Bearer [redacted]');
      const shown = [
        error.message,
        JSON.stringify(error),
        inspect(error),
        inspect(cause, { depth: 10 }),
      ].join('\n');
      assert.ok(!shown.includes(token) && !shown.includes('PLANTED'), shown);
      return true;
    });
  });
});

describe('events', () => {
  it('pair each request with its response by requestId and attempt, across concurrent calls', async () => {
    nock(BASE).get('/api/v2/x').times(2).delay(20).reply(200, {});
    nock(BASE).get('/api/v2/y').times(1).reply(503, '').get('/api/v2/y').reply(200, {});
    const events = createHttpEvents();
    const all = recordEvents(events);
    const http = createHttpClient({ provider: 'k2', baseUrl: BASE, events, retry: { backoffMs: 1 } });

    await Promise.all([
      http.request(status),
      http.request(status),
      http.request({ ...status, path: '/api/v2/y', operation: 'other' }),
    ]);

    const ids = new Set(all.map(({ payload }) => payload.requestId));
    assert.equal(ids.size, 3, 'one id per call');
    for (const id of ids) {
      const ofCall = all.filter(({ payload }) => payload.requestId === id);
      const sends = ofCall.filter(({ name }) => name === 'request').map(({ payload }) => payload.attempt);
      const answers = ofCall.filter(({ name }) => name === 'response').map(({ payload }) => payload.attempt);
      assert.deepEqual(answers, sends, 'every send has its answer, with the same attempt');
      assert.equal(new Set(ofCall.map(({ payload }) => payload.operation)).size, 1);
    }
    const retried = all.filter(({ payload }) => payload.operation === 'other').map(({ name }) => name);
    assert.deepEqual(retried, ['request', 'response', 'retry', 'request', 'response']);
  });

  it('emit outcome.unknown when a call that moves money gets no answer, and only then', async () => {
    const server = await localServer((request) => request.socket.destroy());
    try {
      const events = createHttpEvents();
      const all = recordEvents(events);
      const http = createHttpClient({ provider: 'k2', baseUrl: server.url, events, retry: { limit: 0 } });

      await assert.rejects(http.request(collect));
      await assert.rejects(http.request(status));

      const unknown = all.filter(({ name }) => name === 'outcome.unknown').map(({ payload }) => payload);
      assert.equal(unknown.length, 1);
      const [event] = unknown;
      const sent = all.find(({ name, payload }) => name === 'request' && payload.operation === 'collect');
      assert.deepEqual(event, {
        requestId: sent?.payload.requestId,
        operation: 'collect',
        method: 'POST',
        url: `${server.url}/api/v2/incoming_payments`,
        attempt: 1,
        reason: 'network',
      });
    } finally {
      await server.close();
    }
  });
});

describe('answer bodies are read up to maxResponseBytes', () => {
  it('refuses a larger body with a ProviderError that names the cap, declared or streamed', async () => {
    const server = await localServer((request, response) => {
      if (request.url === '/small') return void response.end('{"ok":true}');
      if (request.url === '/declared') response.writeHead(200, { 'content-length': '2048' });
      response.end('x'.repeat(2048));
    });
    try {
      const http = createHttpClient({ provider: 'k2', baseUrl: server.url, maxResponseBytes: 1024 });
      for (const path of ['/declared', '/streamed']) {
        await assert.rejects(http.request({ ...status, path }), (error: unknown) => {
          assert.ok(error instanceof ProviderError, path);
          assert.equal(error.status, 200);
          assert.match(error.message, /body over maxResponseBytes \(1024 bytes\)/);
          return true;
        });
      }
      assert.deepEqual((await http.request({ ...status, path: '/small' })).body, { ok: true });
    } finally {
      await server.close();
    }
  });

  it('keeps the answer of a call that moves money, and the status of an error answer', async () => {
    const server = await localServer((request, response) => {
      const created = request.method === 'POST';
      response.writeHead(created ? 201 : 404, created ? { location: '/api/v2/incoming_payments/1' } : {});
      response.end('y'.repeat(4096));
    });
    try {
      const http = createHttpClient({ provider: 'k2', baseUrl: server.url, maxResponseBytes: 1024 });
      const answer = await http.request(collect);
      assert.equal(answer.status, 201);
      assert.equal(answer.location, '/api/v2/incoming_payments/1');
      assert.equal(answer.text, '');
      await assert.rejects(
        http.request(status),
        (error: unknown) =>
          error instanceof ProviderError && error.status === 404 && error.providerMessage === undefined,
      );
    } finally {
      await server.close();
    }
  });

  it('refuses an invalid cap', () => {
    assert.throws(
      () => createHttpClient({ provider: 'k2', baseUrl: BASE, maxResponseBytes: 0 }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'maxResponseBytes',
    );
  });
});
