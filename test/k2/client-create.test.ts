/**
 * Every K2 create endpoint of the client: the exact method, path, headers and snake_case JSON body sent
 * (matched by nock with exact deep equality and captured), and the `{ location, id }` read back from the
 * `Location` header.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { OutcomeUnknownError, ProviderError, parseMoney } from '@tender/core';
import nock from 'nock';
import type { K2Client } from '../../packages/k2/src/index.ts';
import { assertApiHeaders, BASE, created, recorder, testClient, tokenEndpoint } from './client-harness.ts';

let client: K2Client;

before(() => nock.disableNetConnect());
beforeEach(() => {
  client = testClient();
  tokenEndpoint();
});
afterEach(() => nock.cleanAll());

/** Expects one POST to `path` whose JSON body deep-equals `body`, answered with a Location for `id`. */
function expectCreate(path: string, body: nock.DataMatcherMap, id: string) {
  const { seen, reply } = recorder(created(path, id));
  const scope = nock(BASE).post(path, body).reply(reply);
  return { seen, scope, location: `${BASE}${path}/${id}` };
}

const kes = (text: string) => parseMoney(text, 'KES');

describe('client.webhooks.subscribe: POST /api/v2/webhook_subscriptions', () => {
  it('subscribes a till with the Daraja payload', async () => {
    const body = {
      event_type: 'buygoods_transaction_received',
      url: 'https://shop.example/k2/webhooks/buygoods',
      scope: 'till',
      scope_reference: '776655',
      enable_daraja_payload: true,
    };
    const expected = expectCreate(
      '/api/v2/webhook_subscriptions',
      body,
      '5c0f2e77-31d4-4b6a-9a51-0d2c7e8f4b10',
    );

    const result = await client.webhooks.subscribe({
      eventType: 'buygoods_transaction_received',
      url: 'https://shop.example/k2/webhooks/buygoods',
      scope: 'till',
      scopeReference: '776655',
      enableDarajaPayload: true,
    });

    assert.ok(expected.scope.isDone());
    assert.equal(expected.seen[0]?.method, 'POST');
    assert.equal(expected.seen[0]?.url, `${BASE}/api/v2/webhook_subscriptions`);
    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.deepEqual(result, { location: expected.location, id: '5c0f2e77-31d4-4b6a-9a51-0d2c7e8f4b10' });
  });

  it('subscribes company-wide without a scope reference, scope given in any case', async () => {
    const body = {
      event_type: 'customer_created',
      url: 'https://shop.example/k2/webhooks',
      scope: 'company',
    };
    const expected = expectCreate('/api/v2/webhook_subscriptions', body, 'ws-2');

    const result = await client.webhooks.subscribe({
      eventType: 'customer_created',
      url: 'https://shop.example/k2/webhooks',
      scope: 'Company',
    });

    assert.deepEqual(expected.seen[0]?.json, body);
    assert.equal(result.id, 'ws-2');
  });

  it('sends enable_daraja_payload false where it is allowed, and leaves a false out elsewhere', async () => {
    const b2b = {
      event_type: 'b2b_transaction_received',
      url: 'https://shop.example/k2/webhooks',
      scope: 'till',
      scope_reference: '776655',
      enable_daraja_payload: false,
    };
    const first = expectCreate('/api/v2/webhook_subscriptions', b2b, 'ws-3');
    await client.webhooks.subscribe({
      eventType: 'b2b_transaction_received',
      url: 'https://shop.example/k2/webhooks',
      scope: 'till',
      scopeReference: '776655',
      enableDarajaPayload: false,
    });
    assert.deepEqual(first.seen[0]?.json, b2b);

    const settlement = {
      event_type: 'settlement_transfer_completed',
      url: 'https://shop.example/k2/webhooks',
      scope: 'company',
    };
    const second = expectCreate('/api/v2/webhook_subscriptions', settlement, 'ws-4');
    await client.webhooks.subscribe({
      eventType: 'settlement_transfer_completed',
      url: 'https://shop.example/k2/webhooks',
      scope: 'company',
      enableDarajaPayload: false,
    });
    assert.deepEqual(second.seen[0]?.json, settlement);
  });

  it('accepts every v2 event type', async () => {
    const types = [
      'buygoods_transaction_received',
      'buygoods_transaction_reversed',
      'b2b_transaction_received',
      'b2b_transaction_reversed',
      'm2m_transaction_received',
      'settlement_transfer_completed',
      'customer_created',
      'card_transaction_received',
      'card_transaction_voided',
      'card_transaction_reversed',
    ] as const;
    const { seen, reply } = recorder(created('/api/v2/webhook_subscriptions', 'ws'));
    nock(BASE).post('/api/v2/webhook_subscriptions').times(types.length).reply(reply);

    for (const eventType of types) {
      await client.webhooks.subscribe({
        eventType,
        url: 'https://shop.example/k2/webhooks',
        scope: 'company',
      });
    }

    assert.deepEqual(
      seen.map((request) => (request.json as { event_type: string }).event_type),
      [...types],
    );
  });
});

describe('client.incomingPayments.create: POST /api/v2/incoming_payments', () => {
  it('sends the STK push with the subscriber, a numeric KES amount, metadata and the callback link', async () => {
    const body = {
      payment_channel: 'M-PESA STK Push',
      till_number: 'K776655',
      subscriber: {
        first_name: 'Amina',
        middle_name: 'W',
        last_name: 'Otieno',
        phone_number: '+254711000111',
        email: 'amina@example.org',
      },
      amount: { currency: 'KES', value: 250.5 },
      metadata: { order_id: 'ORD-20931', channel: 'web' },
      _links: { callback_url: 'https://shop.example/k2/results/stk' },
    };
    const expected = expectCreate('/api/v2/incoming_payments', body, '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b');

    const result = await client.incomingPayments.create({
      tillNumber: 'k776655',
      subscriber: {
        firstName: 'Amina',
        middleName: 'W',
        lastName: 'Otieno',
        phoneNumber: '0711 000 111',
        email: 'amina@example.org',
      },
      amount: kes('250.50'),
      metadata: { order_id: 'ORD-20931', channel: 'web' },
      callbackUrl: 'https://shop.example/k2/results/stk',
    });

    assert.ok(expected.scope.isDone());
    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.deepEqual(result, { location: expected.location, id: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b' });
  });

  it('sends only the phone for a minimal subscriber, and the documented channel whatever spelling was given', async () => {
    const body = {
      payment_channel: 'M-PESA STK Push',
      till_number: 'K776655',
      subscriber: { phone_number: '+254111000111' },
      amount: { currency: 'KES', value: 100 },
      _links: { callback_url: 'https://shop.example/k2/results/stk' },
    };
    const { seen, reply } = recorder(created('/api/v2/incoming_payments', 'ip'));
    nock(BASE).post('/api/v2/incoming_payments', body).times(3).reply(reply);

    for (const paymentChannel of ['M-PESA STK Push', 'M-PESA STK PUSH', 'MPESA']) {
      await client.incomingPayments.create({
        paymentChannel,
        tillNumber: 'K776655',
        subscriber: { phoneNumber: '0111000111' },
        amount: kes('100'),
        callbackUrl: 'https://shop.example/k2/results/stk',
      });
    }

    assert.equal(seen.length, 3);
    for (const request of seen) assert.deepEqual(request.json, body);
  });
});

describe('client.externalRecipients.create: POST /api/v2/external_recipients', () => {
  const cases = [
    {
      name: 'mobile_wallet',
      input: {
        type: 'mobile_wallet',
        firstName: 'Brian',
        lastName: 'Mwangi',
        email: 'brian@example.org',
        phoneNumber: '254722000222',
        network: 'Safaricom',
        nickname: 'Driver Brian',
      },
      body: {
        type: 'mobile_wallet',
        external_recipient: {
          first_name: 'Brian',
          last_name: 'Mwangi',
          email: 'brian@example.org',
          phone_number: '+254722000222',
          network: 'Safaricom',
          nickname: 'Driver Brian',
        },
      },
    },
    {
      name: 'bank_account with a settlement method',
      input: {
        type: 'bank_account',
        accountName: 'Pendo Supplies',
        accountNumber: '5566778899',
        bankBranchRef: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
        settlementMethod: 'EFT',
      },
      body: {
        type: 'bank_account',
        external_recipient: {
          account_name: 'Pendo Supplies',
          account_number: '5566778899',
          bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
          settlement_method: 'EFT',
        },
      },
    },
    {
      name: 'bank_account without one',
      input: {
        type: 'bank_account',
        accountName: 'Pendo Supplies',
        accountNumber: '5566778899',
        bankBranchRef: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
        nickname: 'Pendo',
      },
      body: {
        type: 'bank_account',
        external_recipient: {
          account_name: 'Pendo Supplies',
          account_number: '5566778899',
          bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
          nickname: 'Pendo',
        },
      },
    },
    {
      name: 'till',
      input: { type: 'till', tillName: 'Stationery Hub', tillNumber: '889900' },
      body: { type: 'till', external_recipient: { till_name: 'Stationery Hub', till_number: '889900' } },
    },
    {
      name: 'paybill',
      input: {
        type: 'paybill',
        paybillName: 'Kenya Power',
        paybillNumber: '888880',
        paybillAccountNumber: 'ACC-5521',
        nickname: 'Power',
      },
      body: {
        type: 'paybill',
        external_recipient: {
          paybill_name: 'Kenya Power',
          paybill_number: '888880',
          paybill_account_number: 'ACC-5521',
          nickname: 'Power',
        },
      },
    },
  ] as const;

  for (const { name, input, body } of cases) {
    it(`creates a ${name} recipient`, async () => {
      const expected = expectCreate('/api/v2/external_recipients', body, `er-${input.type}`);

      const result = await client.externalRecipients.create(input);

      assertApiHeaders(expected.seen[0]);
      assert.deepEqual(expected.seen[0]?.json, body);
      assert.deepEqual(result, { location: expected.location, id: `er-${input.type}` });
    });
  }
});

describe('client.transferAccounts', () => {
  it('createBankAccount: POST /api/v2/merchant_bank_accounts without a type in the body', async () => {
    const body = {
      account_name: 'Kilima Traders Ltd',
      account_number: '0123456789',
      bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
      settlement_method: 'RTS',
      nickname: 'Main operating account',
    };
    const expected = expectCreate(
      '/api/v2/merchant_bank_accounts',
      body,
      '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
    );

    const result = await client.transferAccounts.createBankAccount({
      accountName: 'Kilima Traders Ltd',
      accountNumber: '0123456789',
      bankBranchRef: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
      settlementMethod: 'RTS',
      nickname: 'Main operating account',
    });

    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.deepEqual(result, { location: expected.location, id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' });
  });

  it('createWallet: POST /api/v2/merchant_wallets with the phone in +254 form', async () => {
    const body = {
      first_name: 'Grace',
      last_name: 'Njeri',
      phone_number: '+254733000333',
      network: 'Safaricom',
    };
    const expected = expectCreate('/api/v2/merchant_wallets', body, 'mw-1');

    const result = await client.transferAccounts.createWallet({
      firstName: 'Grace',
      lastName: 'Njeri',
      phoneNumber: '0733000333',
      network: 'Safaricom',
    });

    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.deepEqual(result, { location: expected.location, id: 'mw-1' });
  });
});

describe('client.sendMoney.create: POST /api/v2/send_money', () => {
  it('pays several external destinations in one request, with a source identifier and metadata', async () => {
    const body = {
      source_identifier: '776655',
      currency: 'KES',
      destinations: [
        {
          type: 'mobile_wallet',
          phone_number: '254722000222',
          network: 'Safaricom',
          amount: 1500,
          description: 'Delivery fee',
          nickname: 'Driver Brian',
          favourite: true,
        },
        {
          type: 'bank_account',
          bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
          account_name: 'Pendo Supplies',
          account_number: '5566778899',
          amount: 42000,
          description: 'Invoice 7781',
          nickname: 'Pendo',
          favourite: false,
        },
        { type: 'till', till_number: '889900', amount: 800.25, description: 'Stationery' },
        {
          type: 'paybill',
          paybill_number: '400200',
          paybill_account_number: 'ACC-5521',
          amount: 3200,
          description: 'Electricity',
        },
      ],
      metadata: { batch: 'payroll-2026-01' },
      _links: { callback_url: 'https://shop.example/k2/results/send-money' },
    };
    const expected = expectCreate('/api/v2/send_money', body, '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e');

    const result = await client.sendMoney.create({
      sourceIdentifier: '776655',
      destinations: [
        {
          type: 'mobile_wallet',
          phoneNumber: '+254722000222',
          network: 'Safaricom',
          amount: kes('1500'),
          description: 'Delivery fee',
          nickname: 'Driver Brian',
          favourite: true,
        },
        {
          type: 'bank_account',
          bankBranchRef: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
          accountName: 'Pendo Supplies',
          accountNumber: '5566778899',
          amount: kes('42000'),
          description: 'Invoice 7781',
          nickname: 'Pendo',
          favourite: false,
        },
        { type: 'till', tillNumber: '889900', amount: kes('800.25'), description: 'Stationery' },
        {
          type: 'paybill',
          paybillNumber: '400200',
          paybillAccountNumber: 'ACC-5521',
          amount: kes('3200'),
          description: 'Electricity',
        },
      ],
      metadata: { batch: 'payroll-2026-01' },
      callbackUrl: 'https://shop.example/k2/results/send-money',
    });

    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.deepEqual(result, { location: expected.location, id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e' });
  });

  it('sends own-account destinations as exactly { type, reference, amount }', async () => {
    const body = {
      currency: 'KES',
      destinations: [
        { type: 'merchant_wallet', reference: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', amount: 5000 },
        { type: 'merchant_bank_account', reference: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912', amount: 90000 },
      ],
      _links: { callback_url: 'https://shop.example/k2/results/transfer' },
    };
    const expected = expectCreate('/api/v2/send_money', body, 'sm-own');

    await client.sendMoney.create({
      destinations: [
        { type: 'merchant_wallet', reference: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', amount: kes('5000') },
        {
          type: 'merchant_bank_account',
          reference: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912',
          amount: kes('90000'),
        },
      ],
      callbackUrl: 'https://shop.example/k2/results/transfer',
    });

    assert.deepEqual(expected.seen[0]?.json, body);
  });

  it('sweeps with no destinations key at all, whether destinations is missing or empty', async () => {
    const body = {
      currency: 'KES',
      metadata: { reason: 'end-of-day sweep' },
      _links: { callback_url: 'https://shop.example/k2/results/sweep' },
    };
    const { seen, reply } = recorder(created('/api/v2/send_money', 'sweep'));
    nock(BASE).post('/api/v2/send_money', body).twice().reply(reply);

    const request = {
      metadata: { reason: 'end-of-day sweep' },
      callbackUrl: 'https://shop.example/k2/results/sweep',
    };
    const first = await client.sendMoney.create(request);
    await client.sendMoney.create({ ...request, destinations: [] });

    assert.deepEqual(
      seen.map((sent) => sent.json),
      [body, body],
    );
    assert.deepEqual(first, { location: `${BASE}/api/v2/send_money/sweep`, id: 'sweep' });
  });
});

describe('client.polling.create: POST /api/v2/polling', () => {
  it('sends Dates as ISO-8601 in Nairobi time (+03:00) for a till', async () => {
    const body = {
      scope: 'till',
      scope_reference: '776655',
      from_time: '2026-01-05T00:00:00+03:00',
      to_time: '2026-01-05T23:59:59.999+03:00',
      _links: { callback_url: 'https://shop.example/k2/results/polling' },
    };
    const expected = expectCreate('/api/v2/polling', body, '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c');

    const result = await client.polling.create({
      scope: 'till',
      scopeReference: '776655',
      fromTime: new Date('2026-01-04T21:00:00Z'),
      toTime: new Date('2026-01-05T20:59:59.999Z'),
      callbackUrl: 'https://shop.example/k2/results/polling',
    });

    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.equal(result.id, '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c');
  });

  it('sends ISO strings as given, company-wide', async () => {
    const body = {
      scope: 'company',
      from_time: '2026-01-05T00:00:00Z',
      to_time: '2026-01-05T23:59:59+03:00',
      _links: { callback_url: 'https://shop.example/k2/results/polling' },
    };
    const expected = expectCreate('/api/v2/polling', body, 'poll-2');

    await client.polling.create({
      scope: 'company',
      fromTime: '2026-01-05T00:00:00Z',
      toTime: '2026-01-05T23:59:59+03:00',
      callbackUrl: 'https://shop.example/k2/results/polling',
    });

    assert.deepEqual(expected.seen[0]?.json, body);
  });
});

describe('client.reversals.create: POST /api/v2/reversals', () => {
  it('sends the transaction reference, reason, metadata and callback link', async () => {
    const body = {
      transaction_reference: 'TQB7XK2M9P',
      reason: 'Customer paid twice',
      metadata: { ticket: 'SUP-4410' },
      _links: { callback_url: 'https://shop.example/k2/results/reversal' },
    };
    const expected = expectCreate('/api/v2/reversals', body, '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a');

    const result = await client.reversals.create({
      transactionReference: 'TQB7XK2M9P',
      reason: 'Customer paid twice',
      metadata: { ticket: 'SUP-4410' },
      callbackUrl: 'https://shop.example/k2/results/reversal',
    });

    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.deepEqual(result, { location: expected.location, id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a' });
  });
});

describe('client.paymentLinks', () => {
  it('create: POST /api/v2/payment_links with a flat currency and amount', async () => {
    const body = {
      till_number: '556677',
      currency: 'KES',
      amount: 2300,
      payment_reference: 'INV-00912',
      note: 'Balance for January delivery',
      metadata: { customer: 'C-8812' },
      _links: { callback_url: 'https://shop.example/k2/results/payment-link' },
    };
    const expected = expectCreate('/api/v2/payment_links', body, '0f1e2d3c-4b5a-4697-8877-665544332211');

    const result = await client.paymentLinks.create({
      tillNumber: '556677',
      amount: kes('2300'),
      paymentReference: 'INV-00912',
      note: 'Balance for January delivery',
      metadata: { customer: 'C-8812' },
      callbackUrl: 'https://shop.example/k2/results/payment-link',
    });

    assertApiHeaders(expected.seen[0]);
    assert.deepEqual(expected.seen[0]?.json, body);
    assert.deepEqual(result, { location: expected.location, id: '0f1e2d3c-4b5a-4697-8877-665544332211' });
  });

  it('cancel: POST <Location>/cancel with {} by Location URL or by id, reading the message, location and id', async () => {
    const location = `${BASE}/api/v2/payment_links/0f1e2d3c-4b5a-4697-8877-665544332211`;
    const { seen, reply } = recorder([200, { message: 'Payment link cancelled.' }]);
    nock(BASE)
      .post('/api/v2/payment_links/0f1e2d3c-4b5a-4697-8877-665544332211/cancel', {})
      .times(3)
      .reply(reply);

    const byLocation = await client.paymentLinks.cancel(location);
    const byId = await client.paymentLinks.cancel('0f1e2d3c-4b5a-4697-8877-665544332211');
    const bySlashed = await client.paymentLinks.cancel(`${location}/`);

    assert.equal(seen.length, 3);
    for (const request of seen) {
      assert.equal(request.method, 'POST');
      assert.equal(request.url, `${location}/cancel`);
      assertApiHeaders(request);
      assert.equal(request.text, '{}');
    }
    const answer = {
      message: 'Payment link cancelled.',
      location,
      id: '0f1e2d3c-4b5a-4697-8877-665544332211',
    };
    assert.deepEqual(byLocation, answer);
    assert.deepEqual(byId, answer);
    assert.deepEqual(bySlashed, answer);
  });
});

describe('reading the Location header', () => {
  it('resolves a relative Location against the base URL', async () => {
    nock(BASE).post('/api/v2/reversals').reply(201, '', { Location: '/api/v2/reversals/rv-rel' });

    const result = await client.reversals.create({
      transactionReference: 'TQB7XK2M9P',
      reason: 'Duplicate',
      callbackUrl: 'https://shop.example/k2/results/reversal',
    });

    assert.deepEqual(result, { location: `${BASE}/api/v2/reversals/rv-rel`, id: 'rv-rel' });
  });

  it('reports a money call answered without a Location as an outcome unknown, and any other as a provider error', async () => {
    nock(BASE).post('/api/v2/send_money').reply(201, '');
    await assert.rejects(
      client.sendMoney.create({ callbackUrl: 'https://shop.example/k2/results/sweep' }),
      (error: unknown) => {
        assert.ok(error instanceof OutcomeUnknownError);
        assert.equal(error.status, 201);
        assert.match(error.message, /without a usable Location header/);
        return true;
      },
    );

    nock(BASE).post('/api/v2/webhook_subscriptions').reply(201, '');
    await assert.rejects(
      client.webhooks.subscribe({
        eventType: 'customer_created',
        url: 'https://shop.example/k2/hooks',
        scope: 'company',
      }),
      (error: unknown) => error instanceof ProviderError && error.status === 201,
    );
  });
});
