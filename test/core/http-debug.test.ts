/**
 * The `http` debug switch: off by default (nothing printed), on through `TENDER_DEBUG` (read when the
 * client is created) or the `debug` option, one line per send, answer, retry and failure, with the method,
 * the URL without its query, the status, the duration and the request id; no planted secret ever.
 */
import assert from 'node:assert/strict';
import { afterEach, before, describe, it, type TestContext } from 'node:test';
import { createHttpClient, createHttpEvents, OutcomeUnknownError, type TokenSource } from '@tender/core';
import nock from 'nock';

const BASE = 'https://k2.test';
const TOKEN = 'tok_PLANTED_TOKEN_51c0';
const SECRET = 'sig_PLANTED_SECRET_0e9a';
const PHONE = '254711000111';
const tokens: TokenSource = { getToken: async () => TOKEN, invalidate: () => {} };

before(() => {
  nock.disableNetConnect();
  delete process.env.TENDER_DEBUG;
});
afterEach(() => {
  nock.cleanAll();
  delete process.env.TENDER_DEBUG;
});

/** A money call carrying every planted value: a token, a secret in the query, a phone in the body. */
function charge(client: ReturnType<typeof createHttpClient>) {
  return client.request({
    method: 'POST',
    path: '/api/charges',
    searchParams: { sign: SECRET },
    json: { phone: PHONE, secret: SECRET },
    operation: 'collect',
    movesMoney: true,
  });
}

/** Captures what goes to `console.error` during the test. */
function stderr(t: TestContext): string[] {
  const printed: string[] = [];
  t.mock.method(console, 'error', (...parts: unknown[]) => printed.push(parts.join(' ')));
  return printed;
}

describe('the http debug switch', () => {
  it('prints nothing by default', async (t) => {
    const printed = stderr(t);
    nock(BASE).post('/api/charges').query(true).reply(201, {});
    await charge(createHttpClient({ provider: 'k2', baseUrl: BASE, auth: tokens }));
    assert.deepEqual(printed, []);
  });

  it('on through debug: a function: the send and the answer, with method, URL, status, duration and id', async () => {
    const lines: string[] = [];
    const events = createHttpEvents();
    const ids: string[] = [];
    events.on('request', ({ requestId }) => ids.push(requestId));
    nock(BASE).post('/api/charges').query(true).reply(201, {});
    const client = createHttpClient({
      provider: 'k2',
      baseUrl: BASE,
      auth: tokens,
      secrets: [SECRET],
      events,
      debug: (line) => lines.push(line),
    });

    await charge(client);

    const [id] = ids;
    assert.equal(ids.length, 1, "the application's emitter still hears every event");
    assert.equal(lines.length, 2);
    assert.equal(lines[0], `[tender:http] ${id} k2 collect: POST ${BASE}/api/charges (attempt 1)`);
    assert.match(
      lines[1] ?? '',
      new RegExp(`^\\[tender:http\\] ${id} k2 collect: answered 201 in \\d+ ms \\(attempt 1\\)$`),
    );
  });

  it('a retry and a failure get their lines; a lost money call says its outcome is unknown', async () => {
    const lines: string[] = [];
    const client = createHttpClient({
      provider: 'k2',
      baseUrl: BASE,
      retry: { backoffMs: 1 },
      debug: (line) => lines.push(line),
    });
    nock(BASE)
      .get('/api/status/1')
      .reply(503, {}, { 'retry-after': '0' })
      .get('/api/status/1')
      .reply(200, {});
    await client.request({ method: 'GET', path: '/api/status/1', operation: 'status', movesMoney: false });
    nock(BASE).post('/api/charges').query(true).replyWithError('socket hang up');
    await assert.rejects(() => charge(client), OutcomeUnknownError);

    const words = lines.map((line) =>
      line.replace(/^\[tender:http\] [0-9a-f-]{36} /, '').replace(/in \d+ ms \(attempt/, 'in N ms (attempt'),
    );
    assert.deepEqual(words, [
      `k2 status: GET ${BASE}/api/status/1 (attempt 1)`,
      'k2 status: answered 503 in N ms (attempt 1)',
      'k2 status: retry in 0 ms (status 503)',
      `k2 status: GET ${BASE}/api/status/1 (attempt 2)`,
      'k2 status: answered 200 in N ms (attempt 2)',
      `k2 collect: POST ${BASE}/api/charges (attempt 1)`,
      'k2 collect: no answer (network): the outcome is unknown, check its status before retrying',
      'k2 collect: failed: outcome_unknown',
    ]);
  });

  it('on through TENDER_DEBUG=http, read when the client is created, printed to standard error', async (t) => {
    const printed = stderr(t);
    process.env.TENDER_DEBUG = 'webhooks, http';
    const client = createHttpClient({ provider: 'k2', baseUrl: BASE, auth: tokens, secrets: [SECRET] });
    delete process.env.TENDER_DEBUG;
    nock(BASE)
      .post('/api/charges')
      .query(true)
      .reply(400, { message: `bad ${SECRET} ${TOKEN}` });
    await assert.rejects(() => charge(client));

    assert.equal(printed.length, 3, printed.join('\n'));
    assert.match(printed.at(-1) ?? '', /k2 collect: failed: provider \(400\)$/);
    for (const line of printed) {
      for (const planted of [TOKEN, SECRET, PHONE, 'sign=']) assert.ok(!line.includes(planted), line);
    }
  });

  it('TENDER_DEBUG naming other areas, and debug: false whatever TENDER_DEBUG says, print nothing', async (t) => {
    const printed = stderr(t);
    process.env.TENDER_DEBUG = 'webhooks';
    const other = createHttpClient({ provider: 'k2', baseUrl: BASE });
    process.env.TENDER_DEBUG = 'http';
    const off = createHttpClient({ provider: 'k2', baseUrl: BASE, debug: false });
    nock(BASE).post('/api/charges').query(true).twice().reply(201, {});
    await charge(other);
    await charge(off);
    assert.deepEqual(printed, []);
  });

  it('refuses a debug option of another kind, naming what it takes', () => {
    assert.throws(
      () => createHttpClient({ provider: 'k2', baseUrl: BASE, debug: 'http' as never }),
      /debug: must be true, false, a list of 'http' and 'webhooks', or a function taking a line/,
    );
  });
});
