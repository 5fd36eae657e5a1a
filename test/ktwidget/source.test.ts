/**
 * KTPay callbacks through the router: the authenticity layers of §10 (token, merchant id, order hook) each
 * refusing with 401 and running nothing; every status of §9.4 mapped; duplicates answered ok without
 * running handlers; a failing handler answered so KTPay sends again, and the re-send run once.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { money, moneyEquals, type TenderEvent, type WebhookRequest } from '@tender/core';
import {
  callbackToken,
  createKtwidgetProvider,
  createKtwidgetSource,
  KTWIDGET_STATUSES,
  type KtwidgetOrderCheck,
} from '@tender/ktwidget';
import { KTPAY_RESEND_SCHEDULE_MS, KTPAY_TEST_CARDS, startKtpaySimulator } from '@tender/sandbox';
import { createRouter, toNodeHandler } from '@tender/webhooks';
import fc from 'fast-check';
import { CALLBACK_SECRET } from './support.ts';

const HASH = '5e0c9b71d2a84f36b0e1c7d9a3f2b8e6c4d1a907';

function callback(
  overrides: {
    status?: string;
    error?: unknown;
    merchant_id?: unknown;
    amount?: unknown;
    order_id?: string;
  } = {},
) {
  const status = overrides.status ?? 'completed';
  return {
    merchant_id: overrides.merchant_id ?? 42,
    order_id: overrides.order_id ?? 'INV-20240412-0098',
    description: 'Mobile top-up',
    amount: overrides.amount ?? 15500.5,
    transaction_hash: HASH,
    created_at: '2024-04-12T09:41:05+06:00',
    updated_at: null,
    status: {
      status,
      created_at: '2024-04-12T09:43:27+06:00',
      updated_at: null,
      error:
        overrides.error !== undefined
          ? overrides.error
          : status === 'error' || status === 'denied'
            ? { error_type: 'ERROR_PAYMENT', error_message: 'Payment declined by the acquirer' }
            : null,
    },
  };
}

function request(
  body: unknown,
  token: string | null = callbackToken(CALLBACK_SECRET, 'INV-20240412-0098'),
): WebhookRequest {
  const query = new URLSearchParams(token === null ? {} : { token });
  return {
    method: 'POST',
    path: '/webhooks/ktwidget',
    query,
    headers: { 'content-type': 'application/json' },
    rawBody: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

function setup(options: { verifyOrder?: (check: KtwidgetOrderCheck) => boolean | Promise<boolean> } = {}) {
  const events: TenderEvent[] = [];
  const router = createRouter({
    sources: [
      {
        name: 'ktwidget',
        path: '/webhooks/ktwidget',
        source: createKtwidgetSource({ merchantId: 42, callbackSecret: CALLBACK_SECRET, ...options }),
      },
    ],
  });
  router.onAny((event) => {
    events.push(event);
  });
  return { router, events };
}

describe('callback authenticity (§10)', () => {
  const refusals: [string, WebhookRequest][] = [
    ['no token', request(callback(), null)],
    ['an empty token', request(callback(), '')],
    [
      'a wrong token',
      request(callback(), callbackToken('another-secret-of-at-least-32-chars!', 'INV-20240412-0098')),
    ],
    ["another order's token", request(callback(), callbackToken(CALLBACK_SECRET, 'INV-20240412-0099'))],
    ['a wrong merchant id', request(callback({ merchant_id: 43 }))],
    ['a body that is not JSON', request('merchant_id=42')],
  ];
  for (const [name, delivery] of refusals) {
    it(`refuses ${name} with 401 and runs nothing`, async () => {
      const { router, events } = setup();
      const answer = await router.receive(delivery);
      assert.equal(answer.status, 401);
      assert.equal(JSON.parse(answer.body).status, 'error');
      assert.equal(events.length, 0);
      await router.close();
    });
  }

  it('asks the order hook about the order, hash and exact amount, and refuses a mismatch with 401', async () => {
    const orders = new Map([['INV-20240412-0098', { hash: HASH, amount: money(1550050, 'KZT') }]]);
    const checks: KtwidgetOrderCheck[] = [];
    const { router, events } = setup({
      verifyOrder: (check) => {
        checks.push(check);
        const order = orders.get(check.orderId);
        return (
          order !== undefined &&
          order.hash === check.transactionHash &&
          moneyEquals(order.amount, check.amount)
        );
      },
    });
    assert.equal((await router.receive(request(callback({ amount: 15500.49 })))).status, 401);
    assert.equal(events.length, 0);
    assert.deepEqual(checks[0]?.amount, money(1550049, 'KZT'));
    assert.equal(checks[0]?.transactionHash, HASH);
    assert.equal(checks[0]?.status, 'completed');
    const ok = await router.receive(request(callback()));
    assert.equal(ok.status, 200);
    assert.equal(events.length, 1);
    await router.close();
  });

  it('refuses when the order hook throws', async () => {
    const { router, events } = setup({
      verifyOrder: () => {
        throw new Error('database down');
      },
    });
    assert.equal((await router.receive(request(callback()))).status, 401);
    assert.equal(events.length, 0);
    await router.close();
  });

  it('accepts a merchant id sent as text and an order id sent as a number', async () => {
    const { router, events } = setup();
    const body = { ...callback({ merchant_id: '42' }), order_id: 7 };
    const answer = await router.receive(request(body, callbackToken(CALLBACK_SECRET, '7')));
    assert.equal(answer.status, 200);
    assert.equal(events[0]?.merchantReference, '7');
    await router.close();
  });
});

describe('callback statuses (§9.4)', () => {
  it('maps completed to payment.succeeded with the exact KZT amount', async () => {
    const { router, events } = setup();
    const answer = await router.receive(request(callback()));
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(answer.body), { status: 'ok' });
    const [event] = events;
    assert.equal(event?.type, 'payment.succeeded');
    assert.ok(event?.type === 'payment.succeeded');
    assert.deepEqual(event.amount, money(1550050, 'KZT'));
    assert.equal(event.channel, 'card');
    assert.equal(event.id, `ktwidget:${HASH}:completed`);
    assert.equal(event.provider, 'ktwidget');
    assert.equal(event.providerEvent, 'completed');
    assert.equal(event.merchantReference, 'INV-20240412-0098');
    assert.equal(event.providerReference, HASH);
    assert.equal(event.occurredAt.toISOString(), '2024-04-12T03:43:27.000Z');
    assert.deepEqual(event.raw, callback());
    await router.close();
  });

  for (const status of ['error', 'denied'] as const) {
    it(`maps ${status} to payment.failed with error_type and error_message`, async () => {
      const { router, events } = setup();
      const error = {
        error_type: status === 'error' ? 'ERROR_INPUT' : 'ERROR_SYSTEM',
        error_message: 'Card refused',
      };
      assert.equal((await router.receive(request(callback({ status, error })))).status, 200);
      const [event] = events;
      assert.ok(event?.type === 'payment.failed');
      assert.equal(event.failureReason, `${error.error_type}: Card refused`);
      assert.equal(event.metadata?.errorType, error.error_type);
      assert.equal(event.metadata?.errorMessage, 'Card refused');
      assert.deepEqual(event.amount, money(1550050, 'KZT'));
      assert.equal(event.id, `ktwidget:${HASH}:${status}`);
      await router.close();
    });
  }

  for (const status of ['pending', 'authorized', 'success', 'refunded'] as const) {
    it(`delivers ${status} as a provider.event, not final`, async () => {
      const { router, events } = setup();
      assert.equal((await router.receive(request(callback({ status })))).status, 200);
      assert.equal(events[0]?.type, 'provider.event');
      assert.equal(events[0]?.providerEvent, status);
      await router.close();
    });
  }

  it('knows the six statuses of the reference', () => {
    assert.deepEqual(
      [...KTWIDGET_STATUSES],
      ['pending', 'authorized', 'success', 'error', 'denied', 'completed'],
    );
  });

  it('answers 400 for an authenticated body that breaks the schema', async () => {
    const { router, events } = setup();
    const body = { ...callback(), status: { status: 'completed', created_at: 'yesterday' } };
    assert.equal((await router.receive(request(body))).status, 400);
    const negative = callback({ amount: -5 });
    assert.equal(
      (await router.receive(request(negative))).status,
      401,
      'unreadable amount: nothing to authenticate',
    );
    assert.equal(events.length, 0);
    await router.close();
  });

  it('refuses a transaction hash that is not a KTPay hash (it would key the event), running nothing', async () => {
    const { router, events } = setup();
    for (const hash of ['', 'a b', 'x'.repeat(129), 'hash/../other']) {
      const answer = await router.receive(request({ ...callback(), transaction_hash: hash }));
      assert.equal(
        answer.status,
        401,
        `${JSON.stringify(hash)}: an unreadable callback cannot be authenticated`,
      );
    }
    assert.equal(events.length, 0);
    await router.close();
  });
});

describe('re-sends', () => {
  it('answers a duplicate ok without running handlers again', async () => {
    const { router, events } = setup();
    assert.equal((await router.receive(request(callback()))).status, 200);
    const again = await router.receive(request(callback()));
    assert.equal(again.status, 200);
    assert.deepEqual(JSON.parse(again.body), { status: 'ok' });
    assert.equal(events.length, 1);
    await router.close();
  });

  it('makes KTPay send again when a handler fails, and runs the re-send once (simulator, scaled schedule)', async () => {
    const ktpay = await startKtpaySimulator({ timeScale: 0.001 });
    const router = createRouter({
      sources: [
        {
          name: 'ktwidget',
          path: '/webhooks/ktwidget',
          source: createKtwidgetSource({ merchantId: ktpay.merchantId, callbackSecret: CALLBACK_SECRET }),
        },
      ],
    });
    let calls = 0;
    const handled: TenderEvent[] = [];
    router.onError(() => {});
    router.on('payment.succeeded', (event) => {
      calls += 1;
      if (calls <= 2) throw new Error('the shop database is down');
      handled.push(event);
    });
    const server = createServer(toNodeHandler(router));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const provider = createKtwidgetProvider({
        appId: ktpay.appId,
        appKey: ktpay.appKey,
        merchantId: ktpay.merchantId,
        hosts: ktpay.hosts,
        callbackUrl: `${base}/webhooks/ktwidget`,
        callbackSecret: CALLBACK_SECRET,
      });
      const operation = await provider.collect({
        amount: money(100000, 'KZT'),
        payer: {},
        reference: 'RS-1',
      });
      ktpay.pay(operation.id, KTPAY_TEST_CARDS.completed);
      await ktpay.idle();
      const [delivery] = ktpay.deliveries();
      assert.deepEqual(
        delivery?.attempts.map((attempt) => attempt.status),
        [500, 500, 200],
      );
      assert.equal(calls, 3);
      assert.equal(handled.length, 1);
      assert.equal(handled[0]?.id, `ktwidget:${operation.id}:completed`);
      const gaps = delivery?.attempts
        .slice(1)
        .map((attempt, index) => attempt.at.getTime() - (delivery.attempts[index]?.at.getTime() ?? 0));
      assert.ok((gaps?.[0] ?? 0) >= (KTPAY_RESEND_SCHEDULE_MS[0] ?? 0) * 0.001 - 2);
      assert.ok((gaps?.[1] ?? 0) >= (KTPAY_RESEND_SCHEDULE_MS[1] ?? 0) * 0.001 - 2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await router.close();
      await ktpay.close();
    }
  });

  it('gives up after the six re-sends of the schedule', async () => {
    const ktpay = await startKtpaySimulator({ timeScale: 0.0001 });
    const receiver = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"received"}');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      const provider = createKtwidgetProvider({
        appId: ktpay.appId,
        appKey: ktpay.appKey,
        merchantId: ktpay.merchantId,
        hosts: ktpay.hosts,
        callbackUrl: base,
        callbackSecret: CALLBACK_SECRET,
      });
      const operation = await provider.collect({ amount: money(100, 'KZT'), payer: {}, reference: 'RS-2' });
      ktpay.pay(operation.id, KTPAY_TEST_CARDS.declined);
      await ktpay.idle();
      assert.equal(
        ktpay.deliveries()[0]?.attempts.length,
        7,
        'a 200 without {"status":"ok"} is not an acknowledgement',
      );
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
      await ktpay.close();
    }
  });
});

describe('numeric amounts in callbacks (JSON numbers, never rounded)', () => {
  /** Whole tenge up to the largest safe amount, at most two decimals: the exact minor units, from the text. */
  const amountText = fc
    .tuple(
      fc.bigInt({ min: 0n, max: 90_071_992_547_408n }),
      fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
    )
    .map(([whole, cents]) =>
      cents === undefined ? `${whole}` : `${whole}.${String(cents).padStart(2, '0')}`,
    );

  it('reads any amount sent as a JSON number to the exact minor units its text says', async () => {
    await fc.assert(
      fc.asyncProperty(amountText, async (text) => {
        const { router, events } = setup();
        const body = JSON.stringify(callback()).replace('"amount":15500.5', `"amount":${text}`);
        assert.equal((await router.receive(request(body))).status, 200, text);
        const [whole, cents = '0'] = text.split('.');
        const minor = BigInt(whole ?? '0') * 100n + BigInt(cents.padEnd(2, '0'));
        const event = events[0];
        assert.equal(event?.type, 'payment.succeeded');
        if (event?.type === 'payment.succeeded') assert.equal(BigInt(event.amount?.minor ?? -1), minor, text);
        await router.close();
      }),
      { numRuns: 60 },
    );
  });

  it('refuses an amount a double would round, or beyond safe minor units, running nothing', async () => {
    for (const text of ['100.0000000000000001', '90071992547409.911', '90071992547410']) {
      const { router, events } = setup();
      const body = JSON.stringify(callback()).replace('"amount":15500.5', `"amount":${text}`);
      assert.ok((await router.receive(request(body))).status >= 400, text);
      assert.equal(events.length, 0, text);
      await router.close();
    }
  });
});
