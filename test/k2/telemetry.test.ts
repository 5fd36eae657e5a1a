/**
 * OpenTelemetry spans of K2 client calls, read back from an in-memory exporter: one span per call named
 * `<provider> <operation>`, with the method, URL (never its query) and status, retries as span events, and
 * an error status carrying the TenderError code. No planted secret or phone number reaches any attribute.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { OutcomeUnknownError, parseMoney } from '@tender/core';
import nock from 'nock';
import type { K2Client } from '../../packages/k2/src/index.ts';
import { assertNoSecrets, BASE, recorder, testClient, tokenEndpoint } from './client-harness.ts';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let client: K2Client;

before(() => {
  nock.disableNetConnect();
  trace.setGlobalTracerProvider(provider);
});
after(async () => {
  await provider.shutdown();
  trace.disable();
});
beforeEach(() => {
  client = testClient();
  exporter.reset();
});
afterEach(() => nock.cleanAll());

const PHONE = '0711000111';
const stkPush = () =>
  client.incomingPayments.create({
    tillNumber: 'K776655',
    subscriber: { phoneNumber: PHONE },
    amount: parseMoney('250', 'KES'),
    callbackUrl: 'https://shop.example/k2/results/stk',
  });
const location = `${BASE}/api/v2/incoming_payments/2e3f4a5b`;

/** The one finished span with this name. */
function spanNamed(name: string): ReadableSpan {
  const spans = exporter.getFinishedSpans().filter((span) => span.name === name);
  assert.equal(
    spans.length,
    1,
    `one span named ${name}, among ${exporter.getFinishedSpans().map((s) => s.name)}`,
  );
  return spans[0] as ReadableSpan;
}

/** Everything an exporter would send of the finished spans. */
function exported(): string {
  return JSON.stringify(
    exporter
      .getFinishedSpans()
      .map(({ name, attributes, events, status }) => ({ name, attributes, events, status })),
  );
}

describe('client spans', () => {
  it('a successful K2 STK push: one client span with provider, operation, method, URL and 201', async () => {
    tokenEndpoint();
    nock(BASE).post('/api/v2/incoming_payments').reply(201, '', { location });

    await stkPush();

    const span = spanNamed('k2 incomingPayments.create');
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    const { 'tender.request_id': requestId, ...attributes } = span.attributes;
    assert.match(String(requestId), /^[0-9a-f-]{36}$/);
    assert.deepEqual(attributes, {
      'tender.provider': 'k2',
      'tender.operation': 'incomingPayments.create',
      'tender.moves_money': true,
      'http.request.method': 'POST',
      'url.full': `${BASE}/api/v2/incoming_payments`,
      'http.response.status_code': 201,
    });
    assert.deepEqual(span.events, []);
    // The token request is a span of its own, with the same attributes and never its form body.
    assert.equal(spanNamed('k2 token').attributes['http.response.status_code'], 200);
    assertNoSecrets(exported());
    assert.ok(!exported().includes('711000111'), 'no phone number in any span');
  });

  it('a money POST with no answer: error status outcome_unknown and an outcome.unknown event', async () => {
    tokenEndpoint();
    nock(BASE).post('/api/v2/incoming_payments').replyWithError('socket hang up');

    await assert.rejects(stkPush, OutcomeUnknownError);

    const span = spanNamed('k2 incomingPayments.create');
    assert.deepEqual(span.status, { code: SpanStatusCode.ERROR, message: 'outcome_unknown' });
    assert.equal(span.attributes['error.type'], 'outcome_unknown');
    assert.equal(span.attributes['http.response.status_code'], undefined);
    assert.deepEqual(
      span.events.map(({ name, attributes }) => [name, attributes]),
      [['outcome.unknown', { 'tender.attempt': 1, 'tender.reason': 'network' }]],
    );
    assertNoSecrets(exported());
  });

  it('a GET retried after a 503: one span, a retry event, resend count 1 and the final 200', async () => {
    tokenEndpoint();
    const document = {
      data: { id: '2e3f4a5b', type: 'incoming_payment', attributes: { status: 'Pending' } },
    };
    const { seen, reply } = recorder(
      [503, { error_code: 503, error_message: 'busy' }, { 'retry-after': '0' }],
      [200, document],
    );
    nock(BASE).get('/api/v2/incoming_payments/2e3f4a5b').twice().reply(reply);

    await client.status(location);

    assert.equal(seen.length, 2);
    const span = spanNamed('k2 status');
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    assert.equal(span.attributes['http.response.status_code'], 200);
    assert.equal(span.attributes['http.request.resend_count'], 1);
    assert.equal(span.attributes['tender.moves_money'], false);
    assert.deepEqual(
      span.events.map(({ name, attributes }) => [name, attributes]),
      [
        [
          'retry',
          {
            'tender.attempt': 1,
            'tender.retry.reason': 'status',
            'tender.retry.delay_ms': 0,
            'http.response.status_code': 503,
          },
        ],
      ],
    );
  });

  it('a provider error: error status with the code and the HTTP status, not the message', async () => {
    tokenEndpoint();
    nock(BASE)
      .get('/api/v2/incoming_payments/2e3f4a5b')
      .reply(404, { error_code: 404, error_message: 'nope' });

    await assert.rejects(() => client.status(location));

    const span = spanNamed('k2 status');
    assert.deepEqual(span.status, { code: SpanStatusCode.ERROR, message: 'provider' });
    assert.equal(span.attributes['error.type'], 'provider');
    assert.equal(span.attributes['http.response.status_code'], 404);
    assert.ok(!exported().includes('nope'));
  });
});

describe('the debug option of the K2 configuration', () => {
  it('reaches both of its HTTP clients: the token call and the STK push, no secret, no phone', async () => {
    const lines: string[] = [];
    client = testClient({ debug: (line) => lines.push(line) });
    tokenEndpoint();
    nock(BASE).post('/api/v2/incoming_payments').reply(201, '', { location });

    await stkPush();

    const words = lines.map((line) =>
      line.replace(/^\[tender:http\] [0-9a-f-]{36} /, '').replace(/in \d+ ms/, 'in N ms'),
    );
    assert.deepEqual(words, [
      `k2 token: POST ${BASE}/oauth/token (attempt 1)`,
      'k2 token: answered 200 in N ms (attempt 1)',
      `k2 incomingPayments.create: POST ${BASE}/api/v2/incoming_payments (attempt 1)`,
      'k2 incomingPayments.create: answered 201 in N ms (attempt 1)',
    ]);
    assertNoSecrets(...lines);
    assert.ok(!lines.join('\n').includes('711000111'));
  });
});
