/**
 * The `webhooks` debug switch: off by default (nothing printed), on through `TENDER_DEBUG` (read by
 * createRouter) or the `debug` option, one line per answered delivery with the source, path, status,
 * outcome and what became of each event; never the API key, the payer's phone or the query.
 */
import assert from 'node:assert/strict';
import { afterEach, before, describe, it, type TestContext } from 'node:test';
import { createK2WebhookSource, signK2Body } from '@tender/k2';
import { createRouter, type RouterOptions, type WebhookRouter } from '@tender/webhooks';

const API_KEY = 'k2-PLANTED-api-key-9e3f';
const PHONE = '254722000333';
const FAILING = 'TRJFAIL002';
const idOf = (reference: string) => `k2:transaction:${reference}:received`;

const routers: WebhookRouter[] = [];
before(() => {
  delete process.env.TENDER_DEBUG;
});
afterEach(async () => {
  delete process.env.TENDER_DEBUG;
  await Promise.all(routers.splice(0).map((router) => router.close()));
});

function router(options: Partial<RouterOptions> = {}): WebhookRouter {
  const created = createRouter({
    sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: API_KEY }) }],
    ...options,
  })
    .on('payment.succeeded', (event) => {
      if (event.id === idOf(FAILING)) throw new Error(`broke on ${PHONE}`);
    })
    .onError(() => {});
  routers.push(created);
  return created;
}

function buygoods(reference: string): string {
  return JSON.stringify({
    topic: 'buygoods_transaction_received',
    id: `5b1c-${reference}`,
    created_at: '2026-01-05T14:02:11+03:00',
    event: {
      type: 'Buygoods Transaction',
      resource: {
        id: `res-${reference}`,
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
      self: `https://sandbox.kopokopo.com/webhook_events/${reference}`,
      resource: `https://sandbox.kopokopo.com/financial_transaction/res-${reference}`,
    },
  });
}

function deliver(to: WebhookRouter, body: string, key = API_KEY) {
  return to.receive({
    method: 'POST',
    path: '/webhooks/k2/',
    query: new URLSearchParams({ token: API_KEY }),
    headers: { 'content-type': 'application/json', 'x-kopokopo-signature': signK2Body(key, body) },
    rawBody: new TextEncoder().encode(body),
  });
}

/** Captures what goes to `console.error` during the test. */
function stderr(t: TestContext): string[] {
  const printed: string[] = [];
  t.mock.method(console, 'error', (...parts: unknown[]) => printed.push(parts.join(' ')));
  return printed;
}

describe('the webhooks debug switch', () => {
  it('prints nothing by default, nor with debug: false whatever TENDER_DEBUG says', async (t) => {
    const printed = stderr(t);
    await deliver(router(), buygoods('TRJ0000D01'));
    process.env.TENDER_DEBUG = 'webhooks';
    await deliver(router({ debug: false }), buygoods('TRJ0000D02'));
    process.env.TENDER_DEBUG = 'http';
    await deliver(router(), buygoods('TRJ0000D03'));
    assert.deepEqual(printed, []);
  });

  it('debug: a function gets one line per delivery: accepted, duplicate, failed, rejected', async () => {
    const lines: string[] = [];
    const debugged = router({ debug: (line) => lines.push(line) });
    await deliver(debugged, buygoods('TRJ0000D04'));
    await deliver(debugged, buygoods('TRJ0000D04'));
    await deliver(debugged, buygoods(FAILING));
    await deliver(debugged, buygoods('TRJ0000D05'), 'another-key');
    const timed = lines.map((line) => line.replace(/ in \d+ ms\b/, ' in N ms'));
    assert.deepEqual(timed, [
      `[tender:webhooks] k2 /webhooks/k2 -> 200 accepted in N ms [${idOf('TRJ0000D04')} accepted]: accepted`,
      `[tender:webhooks] k2 /webhooks/k2 -> 200 duplicate in N ms [${idOf('TRJ0000D04')} duplicate]: accepted (already handled)`,
      `[tender:webhooks] k2 /webhooks/k2 -> 500 failed in N ms [${idOf(FAILING)} failed: error]: a handler or the store failed; the provider will deliver again`,
      '[tender:webhooks] k2 /webhooks/k2 -> 401 rejected in N ms: verification failed: X-KopoKopo-Signature does not match the body',
    ]);
  });

  it('a refusal an adapter answers from the head alone (router.screen) gets its line too', () => {
    const lines: string[] = [];
    const debugged = router({ debug: (line) => lines.push(line) });
    const head = {
      method: 'GET',
      path: '/webhooks/k2',
      query: new URLSearchParams({ token: API_KEY }),
      headers: {},
    };
    assert.equal(debugged.screen(head)?.status, 405);
    assert.equal(debugged.screen({ ...head, method: 'POST' }), undefined);
    assert.deepEqual(lines, [
      '[tender:webhooks] k2 /webhooks/k2 -> 405 rejected: method GET is not allowed; use POST',
    ]);
  });

  it('TENDER_DEBUG=webhooks prints to standard error, never a planted secret, phone or query', async (t) => {
    const printed = stderr(t);
    process.env.TENDER_DEBUG = 'http,webhooks';
    const debugged = router();
    delete process.env.TENDER_DEBUG;
    await deliver(debugged, buygoods('TRJ0000D06'));
    await deliver(debugged, buygoods(FAILING));
    await deliver(debugged, buygoods('TRJ0000D07'), 'another-key');
    await deliver(debugged, '{"topic": 1}');
    assert.equal(printed.length, 4, printed.join('\n'));
    for (const line of printed) {
      for (const planted of [API_KEY, PHONE.slice(3), 'token']) assert.ok(!line.includes(planted), line);
    }
  });
});
