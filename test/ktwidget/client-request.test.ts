/**
 * Creating a transaction: the sealed body opens with KTPay's private key to exactly `{"order": {...}}`
 * (sealed boxes are random, so every check is a round trip), the exact request shape of §6.2, the order
 * fields of §5, the callback URL token, and the widget URL of §6.4.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { money, parseMoney, ValidationError } from '@tender/core';
import { callbackToken, createKtwidgetClient, ktwidgetWidgetUrl, sealForKtpay } from '@tender/ktwidget';
import type { Receiver } from '../sandbox/support/receiver.ts';
import {
  APP_ID,
  APP_KEY,
  CALLBACK_SECRET,
  configFor,
  HASH,
  openSealed,
  startFintech,
  WIDGET,
} from './support.ts';

let fintech: Receiver;
before(async () => {
  fintech = await startFintech();
});
after(() => fintech.close());

describe('sealForKtpay', () => {
  it('seals JSON to the app key in standard padded base64, opened by libsodium, fresh each time', async () => {
    const payload = { order: { order_id: 'INV-1', amount: 15500.5, type: 'ecom', description: 'Қазақстан' } };
    const first = await sealForKtpay(APP_KEY, payload);
    const second = await sealForKtpay(APP_KEY, payload);
    assert.match(first, /^[A-Za-z0-9+/]+={0,2}$/);
    assert.equal(first.length % 4, 0);
    assert.notEqual(first, second, 'an ephemeral key pair per box');
    assert.equal(openSealed(first), JSON.stringify(payload));
    assert.equal(openSealed(second), JSON.stringify(payload));
    // 48 bytes of overhead: ephemeral public key (32) + tag (16).
    assert.equal(Buffer.from(first, 'base64').byteLength, Buffer.byteLength(JSON.stringify(payload)) + 48);
  });
});

describe('createTransaction', () => {
  it('refuses a per-order callback URL when no callback secret could sign it, sending nothing', async () => {
    const { callbackSecret: _secret, callbackUrl: _url, ...unsigned } = configFor(fintech.url);
    const client = createKtwidgetClient(unsigned);
    const before = fintech.received.length;
    await assert.rejects(
      client.createTransaction({
        orderId: 'INV-2',
        amount: parseMoney('100', 'KZT'),
        callbackPostUrl: 'https://shop.example.kz/webhooks/ktwidget',
      }),
      (error: unknown) => error instanceof ValidationError && /callbackPostUrl/.test(error.message),
    );
    assert.equal(fintech.received.length, before);
  });

  it('posts the sealed order as text/plain with Auth-Identifier, exactly as §6.2 says', async () => {
    const client = createKtwidgetClient(configFor(fintech.url));
    const before = fintech.received.length;
    const transaction = await client.createTransaction({
      orderId: 'INV-20240412-0098',
      amount: parseMoney('15500.50', 'KZT'),
      type: 'service',
      service: { serviceId: 7, contractValue: '77011234567' },
      description: 'Mobile top-up',
      backUrl: 'https://shop.example.kz/back',
      successUrl: 'https://shop.example.kz/pay/ok',
      failedUrl: 'https://shop.example.kz/pay/fail',
      forceBackUrl: 'https://shop.example.kz/force/back',
      forceSuccessUrl: 'https://shop.example.kz/force/ok',
      forceFailedUrl: 'https://shop.example.kz/force/fail',
      showCloseButton: false,
    });
    const [request] = fintech.received.slice(before);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/v1/merchant-widget/payment');
    assert.equal(request.headers['content-type'], 'text/plain');
    assert.equal(request.headers['auth-identifier'], APP_ID);
    assert.match(request.body, /^[A-Za-z0-9+/]+={0,2}$/, 'a bare base64 body, no JSON wrapper, no quotes');
    const token = callbackToken(CALLBACK_SECRET, 'INV-20240412-0098');
    assert.equal(
      openSealed(request.body),
      JSON.stringify({
        order: {
          order_id: 'INV-20240412-0098',
          amount: 15500.5,
          type: 'service',
          service: { service_id: 7, contract_value: '77011234567' },
          description: 'Mobile top-up',
          callback_back_url: 'https://shop.example.kz/back',
          callback_success_url: 'https://shop.example.kz/pay/ok',
          callback_failed_url: 'https://shop.example.kz/pay/fail',
          callback_post_url: `https://shop.example.kz/webhooks/ktwidget?token=${token}`,
          callback_force_back_url: 'https://shop.example.kz/force/back',
          callback_force_success_url: 'https://shop.example.kz/force/ok',
          callback_force_failed_url: 'https://shop.example.kz/force/fail',
          show_close_button: false,
        },
      }),
    );
    assert.equal(transaction.transactionHash, HASH);
    assert.equal(transaction.orderId, 'INV-20240412-0098');
    assert.deepEqual(transaction.amount, money(1550050, 'KZT'));
    assert.equal(transaction.widgetUrl, `${WIDGET}/payment-card?hash=${HASH}&show_close_buttontrue`);
    assert.equal(transaction.widgetOrigin, WIDGET);
    assert.equal(transaction.callbackPostUrl, `https://shop.example.kz/webhooks/ktwidget?token=${token}`);
  });

  it('sends a minimal ecom order with only the fields given, whole amounts as integers', async () => {
    const client = createKtwidgetClient(
      configFor(fintech.url, { callbackUrl: undefined, callbackSecret: undefined }),
    );
    const before = fintech.received.length;
    await client.createTransaction({ orderId: '1', amount: parseMoney('1000', 'KZT') });
    const [request] = fintech.received.slice(before);
    assert.equal(openSealed(request?.body ?? ''), '{"order":{"order_id":"1","amount":1000,"type":"ecom"}}');
  });

  it('uses a per-order callback URL, keeping its query, with the token added', async () => {
    const client = createKtwidgetClient(configFor(fintech.url));
    const before = fintech.received.length;
    await client.createTransaction({
      orderId: 'A-7',
      amount: parseMoney('0.05', 'KZT'),
      callbackPostUrl: 'https://other.example.kz/hooks?shop=3',
    });
    const order = JSON.parse(openSealed(fintech.received.slice(before)[0]?.body ?? '')).order;
    assert.equal(order.amount, 0.05);
    assert.equal(
      order.callback_post_url,
      `https://other.example.kz/hooks?shop=3&token=${callbackToken(CALLBACK_SECRET, 'A-7')}`,
    );
  });

  it('refuses a bad order naming every field, sending nothing', async () => {
    const client = createKtwidgetClient(configFor(fintech.url));
    const before = fintech.received.length;
    const cases: [unknown, RegExp][] = [
      [{ orderId: ' ', amount: money(100, 'KZT') }, /orderId: must not be blank/],
      [{ orderId: 'X', amount: money(100, 'KES') }, /amount: must be in KZT/],
      [{ orderId: 'X', amount: money(0, 'KZT') }, /amount: must be more than zero/],
      [
        { orderId: 'X', amount: money(100, 'KZT'), type: 'service' },
        /service: is required when type is 'service'/,
      ],
      [
        { orderId: 'X', amount: money(100, 'KZT'), service: { serviceId: 1, contractValue: '7' } },
        /service: is only for type 'service'/,
      ],
      [{ orderId: 'X', amount: money(100, 'KZT'), successUrl: 'javascript:alert(1)' }, /successUrl/],
      [{ orderId: 'X', amount: money(100, 'KZT'), type: 'card' }, /type: must be 'ecom' or 'service'/],
    ];
    for (const [order, message] of cases) {
      await assert.rejects(
        client.createTransaction(order as never),
        (error: unknown) => error instanceof ValidationError && message.test(error.message),
      );
    }
    assert.equal(fintech.received.length, before);
  });
});

describe('widget URL (§6.4)', () => {
  it('is formed as the original client forms it by default, with the other styles as settings', async () => {
    assert.equal(
      ktwidgetWidgetUrl(WIDGET, HASH, true, 'original'),
      `${WIDGET}/payment-card?hash=${HASH}&show_close_buttontrue`,
    );
    assert.equal(
      ktwidgetWidgetUrl(WIDGET, HASH, false, 'original'),
      `${WIDGET}/payment-card?hash=${HASH}&show_close_buttonfalse`,
    );
    assert.equal(
      ktwidgetWidgetUrl(WIDGET, HASH, false, 'query'),
      `${WIDGET}/payment-card?hash=${HASH}&show_close_button=false`,
    );
    assert.equal(ktwidgetWidgetUrl(WIDGET, HASH, true, 'omit'), `${WIDGET}/payment-card?hash=${HASH}`);
    const client = createKtwidgetClient(configFor(fintech.url, { widgetUrlStyle: 'query' }));
    const transaction = await client.createTransaction({ orderId: 'U-1', amount: money(100, 'KZT') });
    assert.equal(transaction.widgetUrl, `${WIDGET}/payment-card?hash=${HASH}&show_close_button=true`);
  });

  it('takes show_close_button from the answer, true when an older API leaves it out', async () => {
    const old = await startFintech(() => ({
      status: 200,
      body: JSON.stringify({ error: [], response: { success: true, data: { transaction_hash: HASH } } }),
    }));
    try {
      const client = createKtwidgetClient(configFor(old.url));
      const transaction = await client.createTransaction({ orderId: 'U-2', amount: money(100, 'KZT') });
      assert.equal(transaction.showCloseButton, true);
      assert.ok(transaction.widgetUrl.endsWith('&show_close_buttontrue'));
    } finally {
      await old.close();
    }
  });
});
