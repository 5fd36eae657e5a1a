/**
 * The K2 Provider's verbs: collect (STK push), payout (send money), reverse (reversal) and notify
 * (subscription, polling). Each sends exactly the K2 body the neutral request means and returns the
 * pending operation carrying the Location URL as `reference` and the resource id as `id`; requests K2
 * cannot take are refused with a ValidationError naming the neutral field, and nothing is sent.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { parseMoney, perform, ValidationError } from '@tender/core';
import nock from 'nock';
import { createK2Provider, type K2Provider } from '../../packages/k2/src/index.ts';
import {
  assertApiHeaders,
  assertNoSecrets,
  BASE,
  CLIENT_ID,
  CLIENT_SECRET,
  jsonOf,
  testClient,
  tokenEndpoint,
} from './client-harness.ts';
import { assertRefusedUnsent, expectPost, RESULTS, testProvider } from './provider-harness.ts';

const kes = (text: string) => parseMoney(text, 'KES');

let k2: K2Provider;

before(() => nock.disableNetConnect());
beforeEach(() => {
  k2 = testProvider();
});
afterEach(() => nock.cleanAll());

describe('createK2Provider', () => {
  it('declares all five capabilities, so no verb is unsupported', () => {
    assert.equal(k2.name, 'k2');
    assert.deepEqual(k2.capabilities, ['collect', 'payout', 'reverse', 'link', 'notify']);
    for (const capability of ['collect', 'payout', 'reverse', 'link', 'notify'] as const) {
      assert.equal(k2.supports(capability), true, capability);
    }
    for (const method of [
      'collect',
      'payout',
      'reverse',
      'createLink',
      'cancelLink',
      'notify',
      'status',
    ] as const) {
      assert.equal(typeof k2[method], 'function', method);
    }
  });

  it('refuses a till that is not an Online Payments Account till, and a client given with a configuration', () => {
    assert.throws(
      () =>
        createK2Provider({
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          environment: 'sandbox',
          tillNumber: '776655',
        }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'tillNumber',
    );
    assert.throws(
      () =>
        createK2Provider({
          client: testClient(),
          clientId: CLIENT_ID,
          tillNumber: 'K776655',
        } as never),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'client',
    );
    assert.throws(
      () =>
        createK2Provider({
          clientId: CLIENT_ID,
          clientSecret: '',
          environment: 'sandbox',
          tillNumber: 'K776655',
        }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'clientSecret',
    );
  });

  it('shares the token of a client it is given', async () => {
    const client = testClient();
    const shared = createK2Provider({ client, tillNumber: 'K776655', callbackUrl: RESULTS });
    const token = tokenEndpoint({ times: 1 });
    nock(BASE)
      .post('/api/v2/reversals')
      .twice()
      .reply(201, '', { location: `${BASE}/api/v2/reversals/rv` });

    await client.reversals.create({ transactionReference: 'TQB7XK2M9P', reason: 'x', callbackUrl: RESULTS });
    await shared.reverse({ transactionReference: 'TQB7XK2M9P', reason: 'x' });

    assert.ok(token.isDone());
  });

  it('keeps the secrets out of util.inspect and JSON', () => {
    assertNoSecrets(inspect(k2, { showHidden: true, depth: Number.POSITIVE_INFINITY }), JSON.stringify(k2));
  });
});

describe('k2.collect: an STK push', () => {
  it('sends the STK push for the configured till and returns a pending operation to approve on the device', async () => {
    const seen = expectPost('/api/v2/incoming_payments', '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b');

    const operation = await k2.collect({
      amount: kes('250'),
      payer: {
        phone: '0711000111',
        firstName: 'Amina',
        middleName: ' ',
        lastName: 'Otieno',
        email: 'amina@example.org',
      },
      reference: 'ORD-20931',
      description: 'Order 20931',
      metadata: { channel: 'web' },
    });

    assertApiHeaders(seen[0]);
    assert.deepEqual(seen[0]?.json, {
      payment_channel: 'M-PESA STK Push',
      till_number: 'K776655',
      subscriber: {
        first_name: 'Amina',
        last_name: 'Otieno',
        phone_number: '+254711000111',
        email: 'amina@example.org',
      },
      amount: { currency: 'KES', value: 250 },
      metadata: { reference: 'ORD-20931', channel: 'web' },
      _links: { callback_url: RESULTS },
    });
    const location = `${BASE}/api/v2/incoming_payments/2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b`;
    assert.deepEqual(operation, {
      provider: 'k2',
      kind: 'collect',
      id: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
      reference: location,
      status: 'pending',
      merchantReference: 'ORD-20931',
      amount: kes('250'),
      nextAction: { type: 'approve_on_device' },
      raw: { location, id: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' },
    });
  });

  it('uses the request callback URL over the default, and perform() reaches it too', async () => {
    const seen = expectPost('/api/v2/incoming_payments', 'ip-2');

    const operation = await perform(k2, 'collect', {
      amount: kes('10'),
      payer: { phone: '+254111000111' },
      callbackUrl: 'https://shop.example/other',
    });

    assert.deepEqual(jsonOf<{ _links: unknown }>(seen[0])._links, {
      callback_url: 'https://shop.example/other',
    });
    assert.equal(jsonOf<{ metadata?: unknown }>(seen[0]).metadata, undefined);
    assert.equal(operation.id, 'ip-2');
  });

  it('names the neutral fields K2 cannot take, and sends nothing', async () => {
    await assertRefusedUnsent(() => k2.collect({ amount: kes('10'), payer: {} }), ['payer.phone']);
    await assertRefusedUnsent(
      () => k2.collect({ amount: kes('10'), payer: { phone: '0812345678' } }),
      ['payer.phone'],
    );
    await assertRefusedUnsent(
      () => k2.collect({ amount: parseMoney('10', 'USD'), payer: { phone: '0712345678' } }),
      ['amount'],
    );
    await assertRefusedUnsent(
      () =>
        k2.collect({
          amount: kes('10'),
          payer: { phone: '0712345678' },
          metadata: { a: 1, b: 2, c: 3, d: 4, e: 5 },
          reference: 'ORD-1',
        }),
      ['metadata'],
    );
    const noDefault = createK2Provider({ client: testClient(), tillNumber: 'K776655' });
    const error = await assertRefusedUnsent(
      () => noDefault.collect({ amount: kes('10'), payer: { phone: '0712345678' } }),
      ['callbackUrl'],
    );
    assert.match(error.message, /callbackUrl: is required by K2/);
    await assertRefusedUnsent(
      () => k2.collect({ amount: kes('10'), payer: { phone: ' ' } }),
      ['payer.phone'],
    );
  });
});

describe('k2.payout: send money to one destination', () => {
  const cases = [
    {
      name: 'a mobile wallet (network defaults to Safaricom)',
      destination: {
        type: 'mobile_wallet',
        phone: '0722000222',
        nickname: 'Driver Brian',
        firstName: 'Brian',
      },
      wire: {
        type: 'mobile_wallet',
        phone_number: '254722000222',
        network: 'Safaricom',
        amount: 1500,
        description: 'Delivery fee',
        nickname: 'Driver Brian',
      },
    },
    {
      name: 'a bank account',
      destination: {
        type: 'bank_account',
        accountName: 'Pendo Supplies',
        accountNumber: '5566778899',
        bankBranchRef: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
        settlementMethod: 'RTS',
      },
      wire: {
        type: 'bank_account',
        bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
        account_name: 'Pendo Supplies',
        account_number: '5566778899',
        amount: 1500,
        description: 'Delivery fee',
      },
    },
    {
      name: 'a till',
      destination: { type: 'till', tillNumber: '889900', name: 'Stationery Hub' },
      wire: { type: 'till', till_number: '889900', amount: 1500, description: 'Delivery fee' },
    },
    {
      name: 'a paybill',
      destination: { type: 'paybill', paybillNumber: '400200', accountNumber: 'ACC-5521' },
      wire: {
        type: 'paybill',
        paybill_number: '400200',
        paybill_account_number: 'ACC-5521',
        amount: 1500,
        description: 'Delivery fee',
      },
    },
    {
      name: 'the merchant wallet',
      destination: { type: 'merchant_wallet', reference: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d' },
      wire: { type: 'merchant_wallet', reference: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', amount: 1500 },
    },
    {
      name: 'the merchant bank account',
      destination: { type: 'merchant_bank_account', reference: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912' },
      wire: {
        type: 'merchant_bank_account',
        reference: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912',
        amount: 1500,
      },
    },
  ] as const;

  for (const { name, destination, wire } of cases) {
    it(`pays ${name}`, async () => {
      const seen = expectPost('/api/v2/send_money', 'sm-1');

      const operation = await k2.payout({
        amount: kes('1500'),
        destination,
        description: 'Delivery fee',
        reference: 'PAY-77',
      });

      assertApiHeaders(seen[0]);
      assert.deepEqual(seen[0]?.json, {
        currency: 'KES',
        destinations: [wire],
        metadata: { reference: 'PAY-77' },
        _links: { callback_url: RESULTS },
      });
      assert.deepEqual(operation, {
        provider: 'k2',
        kind: 'payout',
        id: 'sm-1',
        reference: `${BASE}/api/v2/send_money/sm-1`,
        status: 'pending',
        merchantReference: 'PAY-77',
        amount: kes('1500'),
        raw: { location: `${BASE}/api/v2/send_money/sm-1`, id: 'sm-1' },
      });
    });
  }

  it('refuses what K2 send money cannot express, naming the neutral field', async () => {
    await assertRefusedUnsent(
      () => k2.payout({ amount: kes('5'), destination: { type: 'recipient', reference: 'r-1' } }),
      ['destination.type'],
    );
    const description = await assertRefusedUnsent(
      () => k2.payout({ amount: kes('5'), destination: { type: 'till', tillNumber: '889900' } }),
      ['description'],
    );
    assert.match(description.message, /description: is required by K2 for payouts to a till destination/);
    await assertRefusedUnsent(
      () =>
        k2.payout({
          amount: kes('5'),
          destination: { type: 'bank_account', accountName: 'A', accountNumber: '1', bankCode: '01' },
          description: 'x',
        }),
      ['destination.bankBranchRef'],
    );
    await assertRefusedUnsent(
      () =>
        k2.payout({
          amount: kes('5'),
          destination: { type: 'mobile_wallet', phone: '12345' },
          description: 'x',
        }),
      ['destination.phone'],
    );
    await assertRefusedUnsent(
      () =>
        k2.payout({
          amount: parseMoney('5', 'USD'),
          destination: { type: 'merchant_wallet', reference: 'w' },
        }),
      ['amount'],
    );
  });
});

describe('k2.reverse: a reversal', () => {
  it('sends the reversal and returns the pending operation', async () => {
    const seen = expectPost('/api/v2/reversals', '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a');

    const operation = await k2.reverse({
      transactionReference: 'TQB7XK2M9P',
      reason: 'Customer paid twice',
      metadata: { ticket: 'SUP-4410' },
      callbackUrl: 'https://shop.example/k2/reversals',
    });

    assertApiHeaders(seen[0]);
    assert.deepEqual(seen[0]?.json, {
      transaction_reference: 'TQB7XK2M9P',
      reason: 'Customer paid twice',
      metadata: { ticket: 'SUP-4410' },
      _links: { callback_url: 'https://shop.example/k2/reversals' },
    });
    assert.equal(operation.kind, 'reverse');
    assert.equal(operation.status, 'pending');
    assert.equal(operation.id, '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a');
    assert.equal(operation.reference, `${BASE}/api/v2/reversals/7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a`);
  });

  it('refuses a partial amount and a missing reason', async () => {
    await assertRefusedUnsent(
      () => k2.reverse({ transactionReference: 'TQB7XK2M9P', reason: 'x', amount: kes('100') }),
      ['amount'],
    );
    await assertRefusedUnsent(() => k2.reverse({ transactionReference: 'TQB7XK2M9P' }), ['reason']);
  });
});

describe('k2.notify: subscriptions and polling', () => {
  it('subscribes company-wide by default', async () => {
    const seen = expectPost('/api/v2/webhook_subscriptions', 'ws-1');

    const operation = await k2.notify({
      mode: 'subscribe',
      topic: 'customer_created',
      url: 'https://shop.example/k2/webhooks',
    });

    assert.deepEqual(seen[0]?.json, {
      event_type: 'customer_created',
      url: 'https://shop.example/k2/webhooks',
      scope: 'company',
    });
    assert.deepEqual(operation, {
      provider: 'k2',
      kind: 'notify',
      id: 'ws-1',
      reference: `${BASE}/api/v2/webhook_subscriptions/ws-1`,
      status: 'pending',
      raw: { location: `${BASE}/api/v2/webhook_subscriptions/ws-1`, id: 'ws-1' },
    });
  });

  it('subscribes a till when a scope reference is given, with the Daraja payload', async () => {
    const seen = expectPost('/api/v2/webhook_subscriptions', 'ws-2');

    await k2.notify({
      mode: 'subscribe',
      topic: 'buygoods_transaction_received',
      url: 'https://shop.example/k2/webhooks',
      scopeReference: '776655',
      alternativePayload: true,
    });

    assert.deepEqual(seen[0]?.json, {
      event_type: 'buygoods_transaction_received',
      url: 'https://shop.example/k2/webhooks',
      scope: 'till',
      scope_reference: '776655',
      enable_daraja_payload: true,
    });
  });

  it('asks K2 to poll a window', async () => {
    const seen = expectPost('/api/v2/polling', 'poll-1');

    const operation = await k2.notify({
      mode: 'poll',
      from: new Date('2026-01-04T21:00:00Z'),
      to: new Date('2026-01-05T21:00:00Z'),
      callbackUrl: 'https://shop.example/k2/polling',
      scope: 'till',
      scopeReference: '776655',
    });

    assert.deepEqual(seen[0]?.json, {
      scope: 'till',
      scope_reference: '776655',
      from_time: '2026-01-05T00:00:00+03:00',
      to_time: '2026-01-06T00:00:00+03:00',
      _links: { callback_url: 'https://shop.example/k2/polling' },
    });
    assert.equal(operation.reference, `${BASE}/api/v2/polling/poll-1`);
  });

  it("polls with the provider's callbackUrl when the request names none, and refuses when neither does", async () => {
    const seen = expectPost('/api/v2/polling', 'poll-2');
    const from = new Date('2026-01-04T21:00:00Z');
    const to = new Date('2026-01-05T21:00:00Z');
    await k2.notify({ mode: 'poll', from, to });
    assert.deepEqual((seen[0]?.json as { _links?: unknown } | undefined)?._links, { callback_url: RESULTS });

    const noDefault = createK2Provider({ client: testClient(), tillNumber: 'K776655' });
    const error = await assertRefusedUnsent(
      () => noDefault.notify({ mode: 'poll', from, to }),
      ['callbackUrl'],
    );
    assert.match(error.message, /callbackUrl: is required by K2/);
  });

  it('names the neutral fields when K2 refuses the request', async () => {
    await assertRefusedUnsent(
      () =>
        k2.notify({ mode: 'subscribe', topic: 'payment_received', url: 'https://shop.example/k2/webhooks' }),
      ['topic'],
    );
    await assertRefusedUnsent(
      () =>
        k2.notify({
          mode: 'subscribe',
          topic: 'customer_created',
          url: 'https://shop.example/k2/webhooks',
          alternativePayload: true,
        }),
      ['alternativePayload'],
    );
    const when = new Date('2026-01-05T00:00:00Z');
    await assertRefusedUnsent(
      () => k2.notify({ mode: 'poll', from: when, to: when, callbackUrl: 'https://shop.example/k2/polling' }),
      ['from'],
    );
  });
});
