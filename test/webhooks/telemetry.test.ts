/**
 * OpenTelemetry spans of webhook deliveries, read back from an in-memory exporter: one server span per
 * delivery named `webhook <source>`, with the source, provider, path, event ids and types and the outcome,
 * a `webhook.event` span event per event tried, and an error status for failed and rejected deliveries.
 * The API key and the payer's phone number never reach a span.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createK2WebhookSource, signK2Body } from '@tender/k2';
import { createRouter, type WebhookRouter } from '@tender/webhooks';

const API_KEY = 'k2-PLANTED-api-key-5c1d';
const PHONE = '254711000111';
const FAILING = 'TRJFAIL001';
/** The id the K2 source gives a till payment: from its reference. */
const idOf = (reference: string) => `k2:transaction:${reference}:received`;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let router: WebhookRouter;

before(() => {
  trace.setGlobalTracerProvider(provider);
  router = createRouter({
    sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: API_KEY }) }],
  })
    .on('payment.succeeded', (event) => {
      if (event.id === idOf(FAILING)) throw new Error(`handler broke on ${PHONE}`);
    })
    .onError(() => {});
});
after(async () => {
  await router.close();
  await provider.shutdown();
  trace.disable();
});
beforeEach(() => exporter.reset());

function buygoods(reference: string): string {
  const eventId = `7d1c2b3a-${reference}`;
  return JSON.stringify({
    topic: 'buygoods_transaction_received',
    id: eventId,
    created_at: '2026-01-05T14:02:11+03:00',
    event: {
      type: 'Buygoods Transaction',
      resource: {
        id: `res-${eventId}`,
        amount: '450.0',
        status: 'Received',
        system: 'Lipa Na M-PESA',
        currency: 'KES',
        reference,
        till_number: '556677',
        sender_phone_number: `+${PHONE}`,
        origination_time: '2026-01-05T14:02:09+03:00',
        sender_first_name: 'Amina',
        sender_middle_name: null,
        sender_last_name: 'Otieno',
      },
    },
    _links: {
      self: `https://sandbox.kopokopo.com/webhook_events/${eventId}`,
      resource: `https://sandbox.kopokopo.com/financial_transaction/res-${eventId}`,
    },
  });
}

function deliver(body: string, key = API_KEY) {
  return router.receive({
    method: 'POST',
    path: '/webhooks/k2',
    query: new URLSearchParams({ token: API_KEY }),
    headers: { 'content-type': 'application/json', 'x-kopokopo-signature': signK2Body(key, body) },
    rawBody: new TextEncoder().encode(body),
  });
}

function onlySpan(): ReadableSpan {
  const spans = exporter.getFinishedSpans();
  assert.equal(spans.length, 1);
  return spans[0] as ReadableSpan;
}

const eventsOf = (span: ReadableSpan) => span.events.map(({ name, attributes }) => [name, attributes]);

/** Everything an exporter would send of the finished spans. */
function exported(): string {
  return JSON.stringify(
    exporter
      .getFinishedSpans()
      .map(({ name, attributes, events, status }) => ({ name, attributes, events, status })),
  );
}

describe('delivery spans', () => {
  const reference = 'TRJ0000001';

  it('an accepted delivery: a server span with source, provider, path, event id and type, outcome', async () => {
    const answer = await deliver(buygoods(reference));
    assert.equal(answer.status, 200);
    const span = onlySpan();
    assert.equal(span.name, 'webhook k2');
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    assert.deepEqual(span.attributes, {
      'http.response.status_code': 200,
      'tender.webhook.outcome': 'accepted',
      'tender.event.ids': [idOf(reference)],
      'tender.event.types': ['payment.succeeded'],
      'tender.webhook.source': 'k2',
      'url.path': '/webhooks/k2',
      'tender.provider': 'k2',
    });
    assert.deepEqual(eventsOf(span), [
      [
        'webhook.event',
        {
          'tender.event.id': idOf(reference),
          'tender.event.type': 'payment.succeeded',
          'tender.event.result': 'handled',
          'tender.event.outcome': 'accepted',
        },
      ],
    ]);
  });

  it('the same delivery again: outcome duplicate, the event marked duplicate', async () => {
    await deliver(buygoods(reference));
    const span = onlySpan();
    assert.equal(span.attributes['tender.webhook.outcome'], 'duplicate');
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    assert.equal(span.events[0]?.attributes?.['tender.event.result'], 'duplicate');
  });

  it('a failing handler: error status, outcome failed, the event failed with reason error', async () => {
    const answer = await deliver(buygoods(FAILING));
    assert.equal(answer.status, 500);
    const span = onlySpan();
    assert.equal(span.attributes['tender.webhook.outcome'], 'failed');
    assert.deepEqual(span.status, {
      code: SpanStatusCode.ERROR,
      message: 'a handler or the store failed; the provider will deliver again',
    });
    assert.deepEqual(
      [
        span.events[0]?.attributes?.['tender.event.result'],
        span.events[0]?.attributes?.['tender.event.failure'],
      ],
      ['failed', 'error'],
    );
  });

  it('a signature made with another key: error status "rejected with 401", no event', async () => {
    const answer = await deliver(buygoods('TRJ0000R01'), 'another-key');
    assert.equal(answer.status, 401);
    const span = onlySpan();
    assert.equal(span.name, 'webhook k2');
    assert.deepEqual(span.status, { code: SpanStatusCode.ERROR, message: 'rejected with 401' });
    assert.equal(span.attributes['tender.webhook.outcome'], 'rejected');
    assert.equal(span.attributes['http.response.status_code'], 401);
    assert.deepEqual(span.attributes['tender.event.ids'], []);
    assert.deepEqual(span.events, []);
  });

  it('an unknown path: a span named "webhook" without the path the sender made up', async () => {
    await router.receive({
      method: 'POST',
      path: `/elsewhere/${API_KEY}`,
      query: new URLSearchParams(),
      headers: {},
      rawBody: new Uint8Array(),
    });
    const span = onlySpan();
    assert.equal(span.name, 'webhook');
    assert.equal(span.attributes['http.response.status_code'], 404);
    assert.equal(span.attributes['url.path'], undefined);
  });

  it('never a planted secret, a phone number or the query in any span', async () => {
    await deliver(buygoods('TRJ0000S01'));
    await deliver(buygoods('TRJ0000S01'));
    await deliver(buygoods(FAILING));
    await deliver(buygoods('TRJ0000S02'), 'another-key');
    await deliver('{"topic": 1}');
    assert.equal(exporter.getFinishedSpans().length, 5);
    const text = exported();
    assert.ok(!text.includes(API_KEY), 'the API key leaked');
    assert.ok(!text.includes(PHONE.slice(3)), 'the phone number leaked');
    assert.ok(!text.includes('token'), 'the query leaked');
  });
});
