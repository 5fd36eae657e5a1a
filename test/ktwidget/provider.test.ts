/**
 * The neutral provider: collect returns a pending operation whose next action opens the widget, notify
 * gives the per-transaction callback URL, payout/reverse/link are absent (compile error and
 * UnsupportedOperationError), status answers only what is known.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { money, perform, UnsupportedOperationError, ValidationError } from '@tender/core';
import { callbackToken, createKtwidgetClient, createKtwidgetProvider } from '@tender/ktwidget';
import type { Receiver } from '../sandbox/support/receiver.ts';
import { CALLBACK_SECRET, configFor, HASH, openSealed, startFintech, WIDGET } from './support.ts';

let fintech: Receiver;
before(async () => {
  fintech = await startFintech();
});
after(() => fintech.close());

describe('KTWidget provider', () => {
  it('collects: a pending operation with the widget URL as its next action', async () => {
    const provider = createKtwidgetProvider(configFor(fintech.url));
    const operation = await provider.collect({
      amount: money(499000, 'KZT'),
      payer: { email: 'buyer@example.kz' },
      reference: 'ORD-1',
      description: 'Headphones',
      callbackUrl: 'https://shop.example.kz/other-hook',
    });
    assert.deepEqual(operation, {
      provider: 'ktwidget',
      kind: 'collect',
      id: HASH,
      reference: HASH,
      status: 'pending',
      providerStatus: 'pending',
      merchantReference: 'ORD-1',
      amount: money(499000, 'KZT'),
      nextAction: {
        type: 'open_widget',
        parameters: {
          url: `${WIDGET}/payment-card?hash=${HASH}&show_close_buttontrue`,
          widgetOrigin: WIDGET,
          transactionHash: HASH,
        },
      },
      raw: {
        error: [],
        response: { success: true, data: { transaction_hash: HASH, show_close_button: true } },
      },
    });
    const order = JSON.parse(openSealed(fintech.received.at(-1)?.body ?? '')).order;
    assert.deepEqual(order, {
      order_id: 'ORD-1',
      amount: 4990,
      type: 'ecom',
      description: 'Headphones',
      callback_post_url: `https://shop.example.kz/other-hook?token=${callbackToken(CALLBACK_SECRET, 'ORD-1')}`,
    });
  });

  it('refuses a collect without a reference or in another currency, sending nothing', async () => {
    const provider = createKtwidgetProvider(configFor(fintech.url));
    const count = fintech.received.length;
    await assert.rejects(
      provider.collect({ amount: money(100, 'KZT'), payer: {} }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'reference',
    );
    await assert.rejects(
      provider.collect({ amount: money(100, 'KES'), payer: {}, reference: 'X' }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'amount',
    );
    assert.equal(fintech.received.length, count);
  });

  it('has no payout, reverse or link: a compile error and UnsupportedOperationError at run time', async () => {
    const provider = createKtwidgetProvider(configFor(fintech.url));
    assert.deepEqual(provider.capabilities, ['collect', 'notify']);
    assert.equal(provider.supports('reverse'), false);
    // @ts-expect-error: KTWidget declares no payout
    const payout = provider.payout;
    // @ts-expect-error: KTWidget declares no reverse
    const reverse = provider.reverse;
    // @ts-expect-error: KTWidget declares no link
    const createLink = provider.createLink;
    for (const method of [payout, reverse, createLink]) {
      await assert.rejects((method as (request: unknown) => Promise<unknown>)({}), UnsupportedOperationError);
    }
    await assert.rejects(
      perform(provider as never, 'reverse', { transactionReference: HASH }),
      /ktwidget does not support reverse; it supports: collect, notify/,
    );
  });

  it('notify gives the callback URL with the order token; polling is refused', async () => {
    const provider = createKtwidgetProvider(configFor(fintech.url));
    const operation = await provider.notify({
      mode: 'subscribe',
      topic: 'payment',
      url: 'https://shop.example.kz/webhooks/ktwidget',
      scopeReference: 'ORD-9',
    });
    assert.equal(operation.kind, 'notify');
    assert.equal(operation.status, 'succeeded');
    assert.equal(
      operation.reference,
      `https://shop.example.kz/webhooks/ktwidget?token=${callbackToken(CALLBACK_SECRET, 'ORD-9')}`,
    );
    await assert.rejects(
      provider.notify({ mode: 'subscribe', topic: 'payment', url: 'https://shop.example.kz/h' }),
      /scopeReference: is required/,
    );
    await assert.rejects(
      provider.notify({ mode: 'poll', from: new Date(0), to: new Date(1) }),
      /KTPay has no polling or status API/,
    );
  });

  it('status answers from the lookup hook, else returns what is known without asking KTPay', async () => {
    const plain = createKtwidgetProvider(configFor(fintech.url));
    const operation = await plain.collect({ amount: money(100, 'KZT'), payer: {}, reference: 'ST-1' });
    const count = fintech.received.length;
    assert.deepEqual(await plain.status(operation), operation);
    const statuses = new Map([[HASH, 'completed']]);
    const client = createKtwidgetClient(configFor(fintech.url));
    const looked = createKtwidgetProvider({ client, lookupStatus: (known) => statuses.get(known.id) });
    const done = await looked.status(operation);
    assert.equal(done.status, 'succeeded');
    assert.equal(done.providerStatus, 'completed');
    statuses.set(HASH, 'denied');
    assert.equal((await looked.status(operation)).status, 'failed');
    statuses.set(HASH, 'authorized');
    assert.equal((await looked.status(operation)).status, 'pending');
    assert.equal(fintech.received.length, count, 'status never calls KTPay');
    await assert.rejects(looked.status({ ...operation, provider: 'k2' }), /reads only its own operations/);
  });
});
