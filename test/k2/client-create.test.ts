/**
 * Every K2 create endpoint of the client, one table row per request shape: the exact method, path, headers
 * and snake_case JSON body sent (matched by nock with exact deep equality and captured), and the
 * `{ location, id }` read back from the `Location` header. The rows cover every operation of
 * K2_CREATE_ENDPOINTS; the same rows prove that a create call that moves money is never re-sent.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { OutcomeUnknownError, ProviderError, parseMoney, RateLimitError } from '@tender/core';
import nock from 'nock';
import { K2_CREATE_ENDPOINTS } from '../../packages/k2/src/client/create-endpoints.ts';
import type { K2Client, K2Created, K2CreateOperation } from '../../packages/k2/src/index.ts';
import { assertApiHeaders, BASE, created, recorder, testClient, tokenEndpoint } from './client-harness.ts';

let client: K2Client;

before(() => nock.disableNetConnect());
beforeEach(() => {
  client = testClient();
  tokenEndpoint();
});
afterEach(() => nock.cleanAll());

const kes = (text: string) => parseMoney(text, 'KES');

/** One request shape of one create operation: the call, the path and the exact body it must send. */
interface CreateCase {
  readonly operation: K2CreateOperation;
  readonly name: string;
  readonly path: string;
  readonly send: (client: K2Client) => Promise<K2Created>;
  readonly body: nock.DataMatcherMap;
}

const V2_EVENT_TYPES = [
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

const RECIPIENTS = [
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

const STK_SUBSCRIBER_BODY = {
  payment_channel: 'M-PESA STK Push',
  till_number: 'K776655',
  subscriber: { phone_number: '+254111000111' },
  amount: { currency: 'KES', value: 100 },
  _links: { callback_url: 'https://shop.example/k2/results/stk' },
};

const SWEEP_BODY = {
  currency: 'KES',
  metadata: { reason: 'end-of-day sweep' },
  _links: { callback_url: 'https://shop.example/k2/results/sweep' },
};
const sweep = {
  metadata: { reason: 'end-of-day sweep' },
  callbackUrl: 'https://shop.example/k2/results/sweep',
};

const CASES: readonly CreateCase[] = [
  {
    operation: 'webhooks.subscribe',
    name: 'a till with the Daraja payload',
    path: '/api/v2/webhook_subscriptions',
    send: (k2) =>
      k2.webhooks.subscribe({
        eventType: 'buygoods_transaction_received',
        url: 'https://shop.example/k2/webhooks/buygoods',
        scope: 'till',
        scopeReference: '776655',
        enableDarajaPayload: true,
      }),
    body: {
      event_type: 'buygoods_transaction_received',
      url: 'https://shop.example/k2/webhooks/buygoods',
      scope: 'till',
      scope_reference: '776655',
      enable_daraja_payload: true,
    },
  },
  {
    operation: 'webhooks.subscribe',
    name: 'company-wide without a scope reference, scope given in any case',
    path: '/api/v2/webhook_subscriptions',
    send: (k2) =>
      k2.webhooks.subscribe({
        eventType: 'customer_created',
        url: 'https://shop.example/k2/webhooks',
        scope: 'Company',
      }),
    body: { event_type: 'customer_created', url: 'https://shop.example/k2/webhooks', scope: 'company' },
  },
  {
    operation: 'webhooks.subscribe',
    name: 'enable_daraja_payload false where it is allowed',
    path: '/api/v2/webhook_subscriptions',
    send: (k2) =>
      k2.webhooks.subscribe({
        eventType: 'b2b_transaction_received',
        url: 'https://shop.example/k2/webhooks',
        scope: 'till',
        scopeReference: '776655',
        enableDarajaPayload: false,
      }),
    body: {
      event_type: 'b2b_transaction_received',
      url: 'https://shop.example/k2/webhooks',
      scope: 'till',
      scope_reference: '776655',
      enable_daraja_payload: false,
    },
  },
  {
    operation: 'webhooks.subscribe',
    name: 'a false enable_daraja_payload left out where it is not allowed',
    path: '/api/v2/webhook_subscriptions',
    send: (k2) =>
      k2.webhooks.subscribe({
        eventType: 'settlement_transfer_completed',
        url: 'https://shop.example/k2/webhooks',
        scope: 'company',
        enableDarajaPayload: false,
      }),
    body: {
      event_type: 'settlement_transfer_completed',
      url: 'https://shop.example/k2/webhooks',
      scope: 'company',
    },
  },
  ...V2_EVENT_TYPES.map(
    (eventType): CreateCase => ({
      operation: 'webhooks.subscribe',
      name: `the v2 event type ${eventType}`,
      path: '/api/v2/webhook_subscriptions',
      send: (k2) =>
        k2.webhooks.subscribe({ eventType, url: 'https://shop.example/k2/webhooks', scope: 'company' }),
      body: { event_type: eventType, url: 'https://shop.example/k2/webhooks', scope: 'company' },
    }),
  ),
  {
    operation: 'incomingPayments.create',
    name: 'the STK push with the subscriber, a numeric KES amount, metadata and the callback link',
    path: '/api/v2/incoming_payments',
    send: (k2) =>
      k2.incomingPayments.create({
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
      }),
    body: {
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
    },
  },
  ...['M-PESA STK Push', 'M-PESA STK PUSH', 'MPESA'].map(
    (paymentChannel): CreateCase => ({
      operation: 'incomingPayments.create',
      name: `only the phone for a minimal subscriber, and the documented channel for '${paymentChannel}'`,
      path: '/api/v2/incoming_payments',
      send: (k2) =>
        k2.incomingPayments.create({
          paymentChannel,
          tillNumber: 'K776655',
          subscriber: { phoneNumber: '0111000111' },
          amount: kes('100'),
          callbackUrl: 'https://shop.example/k2/results/stk',
        }),
      body: STK_SUBSCRIBER_BODY,
    }),
  ),
  ...RECIPIENTS.map(
    ({ name, input, body }): CreateCase => ({
      operation: 'externalRecipients.create',
      name: `a ${name} recipient`,
      path: '/api/v2/external_recipients',
      send: (k2) => k2.externalRecipients.create(input),
      body,
    }),
  ),
  {
    operation: 'transferAccounts.createBankAccount',
    name: 'a bank account without a type in the body',
    path: '/api/v2/merchant_bank_accounts',
    send: (k2) =>
      k2.transferAccounts.createBankAccount({
        accountName: 'Kilima Traders Ltd',
        accountNumber: '0123456789',
        bankBranchRef: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
        settlementMethod: 'RTS',
        nickname: 'Main operating account',
      }),
    body: {
      account_name: 'Kilima Traders Ltd',
      account_number: '0123456789',
      bank_branch_ref: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
      settlement_method: 'RTS',
      nickname: 'Main operating account',
    },
  },
  {
    operation: 'transferAccounts.createWallet',
    name: 'a wallet with the phone in +254 form',
    path: '/api/v2/merchant_wallets',
    send: (k2) =>
      k2.transferAccounts.createWallet({
        firstName: 'Grace',
        lastName: 'Njeri',
        phoneNumber: '0733000333',
        network: 'Safaricom',
      }),
    body: { first_name: 'Grace', last_name: 'Njeri', phone_number: '+254733000333', network: 'Safaricom' },
  },
  {
    operation: 'sendMoney.create',
    name: 'several external destinations in one request, with a source identifier and metadata',
    path: '/api/v2/send_money',
    send: (k2) =>
      k2.sendMoney.create({
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
      }),
    body: {
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
    },
  },
  {
    operation: 'sendMoney.create',
    name: 'own-account destinations as exactly { type, reference, amount }',
    path: '/api/v2/send_money',
    send: (k2) =>
      k2.sendMoney.create({
        destinations: [
          { type: 'merchant_wallet', reference: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', amount: kes('5000') },
          {
            type: 'merchant_bank_account',
            reference: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912',
            amount: kes('90000'),
          },
        ],
        callbackUrl: 'https://shop.example/k2/results/transfer',
      }),
    body: {
      currency: 'KES',
      destinations: [
        { type: 'merchant_wallet', reference: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', amount: 5000 },
        { type: 'merchant_bank_account', reference: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912', amount: 90000 },
      ],
      _links: { callback_url: 'https://shop.example/k2/results/transfer' },
    },
  },
  {
    operation: 'sendMoney.create',
    name: 'a sweep with no destinations key at all when destinations is missing',
    path: '/api/v2/send_money',
    send: (k2) => k2.sendMoney.create(sweep),
    body: SWEEP_BODY,
  },
  {
    operation: 'sendMoney.create',
    name: 'a sweep with no destinations key at all when destinations is empty',
    path: '/api/v2/send_money',
    send: (k2) => k2.sendMoney.create({ ...sweep, destinations: [] }),
    body: SWEEP_BODY,
  },
  {
    operation: 'polling.create',
    name: 'Dates as ISO-8601 in Nairobi time (+03:00) for a till',
    path: '/api/v2/polling',
    send: (k2) =>
      k2.polling.create({
        scope: 'till',
        scopeReference: '776655',
        fromTime: new Date('2026-01-04T21:00:00Z'),
        toTime: new Date('2026-01-05T20:59:59.999Z'),
        callbackUrl: 'https://shop.example/k2/results/polling',
      }),
    body: {
      scope: 'till',
      scope_reference: '776655',
      from_time: '2026-01-05T00:00:00+03:00',
      to_time: '2026-01-05T23:59:59.999+03:00',
      _links: { callback_url: 'https://shop.example/k2/results/polling' },
    },
  },
  {
    operation: 'polling.create',
    name: 'ISO strings as given, company-wide',
    path: '/api/v2/polling',
    send: (k2) =>
      k2.polling.create({
        scope: 'company',
        fromTime: '2026-01-05T00:00:00Z',
        toTime: '2026-01-05T23:59:59+03:00',
        callbackUrl: 'https://shop.example/k2/results/polling',
      }),
    body: {
      scope: 'company',
      from_time: '2026-01-05T00:00:00Z',
      to_time: '2026-01-05T23:59:59+03:00',
      _links: { callback_url: 'https://shop.example/k2/results/polling' },
    },
  },
  {
    operation: 'reversals.create',
    name: 'the transaction reference, reason, metadata and callback link',
    path: '/api/v2/reversals',
    send: (k2) =>
      k2.reversals.create({
        transactionReference: 'TQB7XK2M9P',
        reason: 'Customer paid twice',
        metadata: { ticket: 'SUP-4410' },
        callbackUrl: 'https://shop.example/k2/results/reversal',
      }),
    body: {
      transaction_reference: 'TQB7XK2M9P',
      reason: 'Customer paid twice',
      metadata: { ticket: 'SUP-4410' },
      _links: { callback_url: 'https://shop.example/k2/results/reversal' },
    },
  },
  {
    operation: 'paymentLinks.create',
    name: 'a flat currency and amount',
    path: '/api/v2/payment_links',
    send: (k2) =>
      k2.paymentLinks.create({
        tillNumber: '556677',
        amount: kes('2300'),
        paymentReference: 'INV-00912',
        note: 'Balance for January delivery',
        metadata: { customer: 'C-8812' },
        callbackUrl: 'https://shop.example/k2/results/payment-link',
      }),
    body: {
      till_number: '556677',
      currency: 'KES',
      amount: 2300,
      payment_reference: 'INV-00912',
      note: 'Balance for January delivery',
      metadata: { customer: 'C-8812' },
      _links: { callback_url: 'https://shop.example/k2/results/payment-link' },
    },
  },
];

describe('create calls: exactly what is sent, and the { location, id } read back', () => {
  for (const [index, { operation, name, path, send, body }] of CASES.entries()) {
    it(`${operation}: POST ${path} with ${name}`, async () => {
      const id = `${operation}-${index}`;
      const { seen, reply } = recorder(created(path, id));
      const scope = nock(BASE).post(path, body).reply(reply);

      const result = await send(client);

      assert.ok(scope.isDone());
      assert.equal(seen[0]?.method, 'POST');
      assert.equal(seen[0]?.url, `${BASE}${path}`);
      assertApiHeaders(seen[0]);
      assert.deepEqual(seen[0]?.json, body);
      assert.deepEqual(result, { location: `${BASE}${path}/${id}`, id });
    });
  }

  it('cover every operation of K2_CREATE_ENDPOINTS, each at the path the table declares', () => {
    const covered = new Map(CASES.map(({ operation, path }) => [operation, path]));
    assert.deepEqual(new Set(covered.keys()), new Set(Object.keys(K2_CREATE_ENDPOINTS)));
    for (const [operation, path] of covered)
      assert.equal(K2_CREATE_ENDPOINTS[operation].path, path, operation);
  });
});

describe('a 503 with Retry-After: 0 on each create call', () => {
  const firstOfEach = [...new Map(CASES.map((row) => [row.operation, row])).values()];
  for (const { operation, path, send } of firstOfEach) {
    const { movesMoney } = K2_CREATE_ENDPOINTS[operation];
    it(`${operation}: ${movesMoney ? 'moves money, so it is sent once and the caller decides' : 'moves no money, so it is sent again'}`, async () => {
      const { seen, reply } = recorder([503, '', { 'retry-after': '0' }], created(path, 'again'));
      nock(BASE).post(path).times(2).reply(reply);

      const outcome = await send(client).catch((error: unknown) => error);

      if (movesMoney) {
        assert.ok(outcome instanceof RateLimitError, String(outcome));
        assert.equal(outcome.retryAfterMs, 0);
        assert.equal(seen.length, 1);
      } else {
        assert.deepEqual(outcome, { location: `${BASE}${path}/again`, id: 'again' });
        assert.equal(seen.length, 2);
      }
    });
  }
});

describe('client.paymentLinks.cancel', () => {
  it('POST <Location>/cancel with {} by Location URL or by id, reading the message, location and id', async () => {
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
