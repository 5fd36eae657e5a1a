/**
 * The KTPay simulator on its own: the order rules it enforces (4220002 with field messages), the widget
 * pages (escaped, 404 for unknown or finished transactions, a Luhn-failing number asked again without a
 * callback), the callback body of §9.2 and the paths no merchant should rely on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { money } from '@tender/core';
import { createKtwidgetClient, KtwidgetApiError, sealForKtpay } from '@tender/ktwidget';
import { KTPAY_TEST_CARDS, type KtpaySimulator, outcomeForCard, startKtpaySimulator } from '@tender/sandbox';
import { type Receiver, startReceiver } from '../sandbox/support/receiver.ts';

let ktpay: KtpaySimulator;
let merchant: Receiver;
before(async () => {
  ktpay = await startKtpaySimulator({ timeScale: 0.001 });
  merchant = await startReceiver(() => ({ status: 200, body: '{"status":"ok"}' }));
});
after(async () => {
  await ktpay.close();
  await merchant.close();
});

interface ErrorBody {
  readonly error?: { readonly code: number; readonly messages: Record<string, string> };
}

async function post(order: unknown): Promise<{ status: number; body: ErrorBody }> {
  const answer = await fetch(`${ktpay.fintechUrl}/api/v1/merchant-widget/payment`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'auth-identifier': ktpay.appId },
    body: await sealForKtpay(ktpay.appKey, order),
  });
  return { status: answer.status, body: (await answer.json()) as ErrorBody };
}

function client() {
  return createKtwidgetClient({
    appId: ktpay.appId,
    appKey: ktpay.appKey,
    merchantId: ktpay.merchantId,
    hosts: ktpay.hosts,
    callbackUrl: `${merchant.url}/hook`,
    callbackSecret: 'simulator-test-callback-secret-0123456789',
  });
}

describe('KTPay simulator: fintech API', () => {
  it('refuses orders that break the documented rules with 4220002 and field messages', async () => {
    const cases: [unknown, string][] = [
      [{ user: {} }, 'order'],
      [{ order: { amount: 100, type: 'ecom' } }, 'order_id'],
      [{ order: { order_id: 'S-1', amount: 10.123, type: 'ecom' } }, 'amount'],
      [{ order: { order_id: 'S-1', amount: 0, type: 'ecom' } }, 'amount'],
      [{ order: { order_id: 'S-1', amount: '100', type: 'ecom' } }, 'amount'],
      [{ order: { order_id: 'S-1', amount: 100, type: 'shop' } }, 'type'],
      [{ order: { order_id: 'S-1', amount: 100, type: 'service' } }, 'service'],
      [
        { order: { order_id: 'S-1', amount: 100, type: 'service', service: { service_id: 1 } } },
        'service.contract_value',
      ],
      [
        { order: { order_id: 'S-1', amount: 100, type: 'ecom', callback_post_url: 'javascript:x' } },
        'callback_post_url',
      ],
      [
        { order: { order_id: 'S-1', amount: 100, type: 'ecom', show_close_button: 'no' } },
        'show_close_button',
      ],
    ];
    for (const [order, field] of cases) {
      const { status, body } = await post(order);
      assert.equal(status, 422, field);
      assert.equal(body.error?.code, 4220002);
      assert.ok(body.error?.messages[field], `${field} in ${JSON.stringify(body)}`);
    }
  });

  it('answers a body that is not a sealed box with 4220101, and unknown paths with 404', async () => {
    for (const body of ['not base64!', 'AAAA', Buffer.from('{"order":{}}').toString('base64')]) {
      const answer = await fetch(`${ktpay.fintechUrl}/api/v1/merchant-widget/payment`, {
        method: 'POST',
        headers: { 'auth-identifier': ktpay.appId },
        body,
      });
      assert.equal(answer.status, 422);
      assert.equal(((await answer.json()) as ErrorBody).error?.code, 4220101);
    }
    assert.equal((await fetch(`${ktpay.fintechUrl}/api/v1/merchant-widget/payment/x/status`)).status, 404);
  });
});

describe('KTPay simulator: widget and callbacks', () => {
  it('serves the card form with the order escaped, and 404 for an unknown hash', async () => {
    const transaction = await client().createTransaction({
      orderId: 'S-PAGE',
      amount: money(150050, 'KZT'),
      description: '<script>alert(1)</script>',
    });
    const page = await (await fetch(transaction.widgetUrl)).text();
    assert.match(page, /Pay 1500\.50 KZT/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /id="close"/);
    const missing = await fetch(`${ktpay.widgetUrl}/payment-card?hash=nothing`);
    assert.equal(missing.status, 404);
  });

  it('asks again for a number failing the Luhn check, then pays and sends the §9.2 body once acknowledged', async () => {
    const transaction = await client().createTransaction({ orderId: 'S-PAY', amount: money(300000, 'KZT') });
    const form = (card: string) =>
      fetch(`${ktpay.widgetUrl}/payment-card/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ hash: transaction.transactionHash, card }),
      });
    const deliveries = ktpay.deliveries().length;
    assert.match(await (await form('4111 1111 1111 1112')).text(), /Check the card number/);
    await ktpay.idle();
    assert.equal(ktpay.deliveries().length, deliveries, 'no callback for a number the form refused');
    assert.equal(outcomeForCard('4111 1111 1111 1112'), undefined);
    const result = await (await form(KTPAY_TEST_CARDS.denied)).text();
    assert.match(result, /Payment failed/);
    await ktpay.idle();
    const delivered = merchant.received.at(-1);
    assert.ok(delivered);
    assert.equal(delivered.headers['content-type'], 'application/json');
    assert.match(delivered.path, /^\/hook\?token=[\w-]+$/);
    const body = JSON.parse(delivered.body);
    assert.deepEqual(Object.keys(body), [
      'merchant_id',
      'order_id',
      'description',
      'amount',
      'transaction_hash',
      'created_at',
      'updated_at',
      'status',
    ]);
    assert.equal(body.merchant_id, 42);
    assert.equal(body.order_id, 'S-PAY');
    assert.equal(body.amount, 3000);
    assert.equal(body.description, null);
    assert.match(body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+06:00$/);
    assert.deepEqual(
      { ...body.status, created_at: 'x' },
      {
        status: 'denied',
        created_at: 'x',
        updated_at: null,
        error: { error_type: 'ERROR_SYSTEM', error_message: 'Transaction rejected by KTPay' },
      },
    );
    assert.equal((await fetch(transaction.widgetUrl)).status, 404, 'a finished transaction shows no form');
    assert.throws(() => ktpay.pay(transaction.transactionHash, KTPAY_TEST_CARDS.completed), /already denied/);
  });

  it('refuses a reused order id as KTPay would', async () => {
    await client().createTransaction({ orderId: 'S-TWICE', amount: money(100, 'KZT') });
    await assert.rejects(
      client().createTransaction({ orderId: 'S-TWICE', amount: money(100, 'KZT') }),
      (error: unknown) => error instanceof KtwidgetApiError && error.fields.order_id !== undefined,
    );
  });
});
