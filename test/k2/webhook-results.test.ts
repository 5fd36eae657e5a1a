import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import { decodeK2Payload } from '../../packages/k2/src/webhooks/decode.ts';
import { decodeFixture, fixtureJson, KES, plain } from './webhook-fixtures.ts';

describe('K2 STK push results', () => {
  it('Success -> payment.succeeded (stk_push) with the numeric amount, payer and merchant reference', () => {
    assert.deepEqual(plain(decodeFixture('result-stk-success')[0], 'result-stk-success'), {
      type: 'payment.succeeded',
      id: 'k2:incoming_payment:6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908:success',
      provider: 'k2',
      providerEvent: 'incoming_payment',
      occurredAt: '2026-03-26T09:00:41.000Z',
      providerReference: 'SQR8ST9UV0',
      metadata: { reference: 'ORDER-5512', customer_id: 'C-204', gift: true },
      merchantReference: 'ORDER-5512',
      channel: 'stk_push',
      payer: {
        firstName: 'Achieng',
        lastName: 'Odhiambo',
        phone: '+254711222333',
        phoneHash: 'aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55',
      },
      amount: KES(11550),
      payee: { account: 'K881100' },
    });
  });

  it('Failed -> payment.failed with K2 reason, the order id as merchant reference', () => {
    assert.deepEqual(plain(decodeFixture('result-stk-failed')[0], 'result-stk-failed'), {
      type: 'payment.failed',
      id: 'k2:incoming_payment:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d:failed',
      provider: 'k2',
      providerEvent: 'incoming_payment',
      occurredAt: '2026-03-26T09:30:00.004Z',
      providerReference: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      metadata: { order_id: 'ORDER-5513' },
      merchantReference: 'ORDER-5513',
      channel: 'stk_push',
      payer: {},
      failureReason: 'Request cancelled by user',
    });
  });

  it('Pending -> provider.event (still waiting; announced, not dropped)', () => {
    const [event] = decodeFixture('result-stk-pending');
    assert.equal(event?.type, 'provider.event');
    assert.equal(event?.id, 'k2:incoming_payment:2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f:pending');
    assert.equal(event?.merchantReference, 'ORDER-5514');
  });
});

describe('K2 send money results', () => {
  it('Processed -> payout.succeeded with one leg per disbursement and their total', () => {
    assert.deepEqual(plain(decodeFixture('result-send-money-processed')[0], 'result-send-money-processed'), {
      type: 'payout.succeeded',
      id: 'k2:send_money:3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a:processed',
      provider: 'k2',
      providerEvent: 'send_money',
      occurredAt: '2026-03-27T07:01:30.500Z',
      providerReference: '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a',
      metadata: { reference: 'PAYOUT-2026-12' },
      merchantReference: 'PAYOUT-2026-12',
      legs: [
        {
          type: 'mobile_wallet',
          amount: KES(250000),
          status: 'Transferred',
          providerReference: 'SSM1AB2CD3',
          recipient: {
            id: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c',
            name: 'Rider Musa',
            phone: '254744556677',
          },
        },
        {
          type: 'paybill',
          amount: KES(120075),
          status: 'Transferred',
          providerReference: 'SSM4EF5GH6',
          recipient: { id: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', account: '888880/ACC-7781' },
        },
      ],
      amount: KES(370075),
    });
  });

  it('Failed -> payout.failed with the legs from the echoed destinations and the reason', () => {
    const event = plain(decodeFixture('result-send-money-failed')[0], 'result-send-money-failed');
    assert.equal(event.type, 'payout.failed');
    assert.equal(event.id, 'k2:send_money:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c:failed');
    assert.deepEqual(event.legs, [{ type: 'till', amount: KES(80000), recipient: { account: '552211' } }]);
    assert.deepEqual(event.amount, KES(80000));
    assert.equal(event.failureReason, 'Insufficient balance in the source account');
    assert.equal(event.occurredAt, '2026-03-27T09:00:00.000Z');
  });

  it('Scheduled (all null) -> provider.event', () => {
    const [event] = decodeFixture('result-send-money-scheduled');
    assert.deepEqual(
      [event?.type, event?.id],
      ['provider.event', 'k2:send_money:4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b:scheduled'],
    );
  });

  it('v1 payment -> payout.succeeded with the v1 amount', () => {
    const event = plain(decodeFixture('result-payment-v1')[0], 'result-payment-v1');
    assert.equal(event.type, 'payout.succeeded');
    assert.equal(event.providerEvent, 'payment');
    assert.deepEqual(event.amount, KES(200000));
    assert.equal(event.merchantReference, 'V1-PAY-9');
    assert.equal(event.occurredAt, '2025-08-01T07:00:45.000Z');
    assert.deepEqual(event.legs, [
      {
        type: 'Mobile Wallet',
        amount: KES(200000),
        status: 'Transferred',
        providerReference: 'PAY1V2W3X4',
        recipient: { id: '9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a' },
      },
    ]);
  });

  it('v1 blind settlement transfer (value null) -> transfer.completed totalling its disbursements', () => {
    const event = plain(decodeFixture('result-settlement-transfer-v1')[0], 'result-settlement-transfer-v1');
    assert.equal(event.type, 'transfer.completed');
    assert.equal(event.id, 'k2:settlement_transfer:9d0e1f2a-3b4c-4d5e-9f6a-7b8c9d0e1f2a:processed');
    assert.deepEqual(event.amount, KES(5000050));
    assert.equal(event.occurredAt, '2025-08-02T15:02:30.000Z');
    assert.deepEqual(
      (event.legs as { type: string; providerReference?: string }[]).map((leg) => [
        leg.type,
        leg.providerReference,
      ]),
      [
        ['Bank Account', undefined],
        ['Mobile Wallet', 'STW5AB6CD7'],
      ],
    );
  });
});

describe('K2 reversal results', () => {
  it('Processed -> reversal.succeeded with the reversed and the reversal M-PESA references', () => {
    assert.deepEqual(plain(decodeFixture('result-reversal-processed')[0], 'result-reversal-processed'), {
      type: 'reversal.succeeded',
      id: 'k2:reversal:6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d:processed',
      provider: 'k2',
      providerEvent: 'reversal',
      occurredAt: '2026-03-28T06:02:41.101Z',
      providerReference: 'SRV3WX4YZ5',
      metadata: { reference: 'REFUND-88' },
      merchantReference: 'REFUND-88',
      amount: KES(127500),
      reversedReference: 'SJK4PQ7RT2',
    });
  });

  it('"reversals" typed, Received -> provider.event under the reversal key', () => {
    const [event] = decodeFixture('result-reversal-received');
    assert.deepEqual(
      [event?.type, event?.id, event?.providerEvent],
      ['provider.event', 'k2:reversal:7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e:received', 'reversals'],
    );
  });

  it('a failure word -> reversal.failed with K2 reason', () => {
    const document = fixtureJson('result-reversal-received') as {
      data: { attributes: Record<string, unknown> };
    };
    const failed = {
      data: {
        ...document.data,
        attributes: { ...document.data.attributes, status: 'Failed', errors: 'Transaction too old' },
      },
    };
    const [event] = decodeK2Payload(failed);
    assert.equal(event?.type, 'reversal.failed');
    assert.equal(event?.type === 'reversal.failed' ? event.failureReason : '', 'Transaction too old');
    assert.equal(event?.id, 'k2:reversal:7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e:failed');
  });
});

describe('K2 payment link results', () => {
  it('the status document -> link.updated "active" with the URL, amount as text, expiry and payment reference', () => {
    assert.deepEqual(plain(decodeFixture('result-payment-link-active')[0], 'result-payment-link-active'), {
      type: 'link.updated',
      id: 'k2:payment_link:1f2a3b4c-5d6e-4f7a-9b8c-9d0e1f2a3b4c:active',
      provider: 'k2',
      providerEvent: 'payment_link',
      occurredAt: '2026-03-29T05:00:00.120Z',
      providerReference: '1f2a3b4c-5d6e-4f7a-9b8c-9d0e1f2a3b4c',
      metadata: { customer: 'C-204' },
      linkStatus: 'active',
      url: 'https://sandbox.kopokopo.com/links/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
      amount: KES(345000),
      expiresAt: '2026-04-05T05:00:00.150Z',
      merchantReference: 'INV-2026-0410',
    });
  });

  it('the paid callback (state under "status", numeric phone) -> link.updated "paid" with payer and M-PESA reference', () => {
    const event = plain(decodeFixture('result-payment-link-paid')[0], 'result-payment-link-paid');
    assert.equal(event.id, 'k2:payment_link:1f2a3b4c-5d6e-4f7a-9b8c-9d0e1f2a3b4c:paid:SPL7UV8WX9');
    assert.equal(event.linkStatus, 'paid');
    assert.deepEqual(event.payer, { phone: '254711222333' });
    assert.equal(event.providerReference, 'SPL7UV8WX9');
    assert.equal(event.occurredAt, '2026-03-30T11:20:03.000Z');
    assert.deepEqual(event.amount, KES(345000));
  });

  it('a second payment of the same link is a new event; the same payment delivered again is not', () => {
    const paid = fixtureJson('result-payment-link-paid') as {
      data: { attributes: { payment_link: Record<string, unknown> } };
    };
    const paidAgain = structuredClone(paid);
    paidAgain.data.attributes.payment_link.transaction_reference = 'SPL8ZZ9YY0';
    const [first] = decodeK2Payload(structuredClone(paid));
    const [redelivered] = decodeK2Payload(structuredClone(paid));
    const [second] = decodeK2Payload(paidAgain);
    assert.equal(first?.id, redelivered?.id);
    assert.notEqual(first?.id, second?.id);
    assert.equal(second?.id, 'k2:payment_link:1f2a3b4c-5d6e-4f7a-9b8c-9d0e1f2a3b4c:paid:SPL8ZZ9YY0');
  });
});

describe('K2 polling results', () => {
  const events = decodeFixture('result-polling');

  it('one polling.completed listing the transaction events that follow it', () => {
    assert.deepEqual(plain(events[0], 'result-polling'), {
      type: 'polling.completed',
      id: 'k2:polling:0e1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b:success',
      provider: 'k2',
      providerEvent: 'polling',
      occurredAt: events[0]?.occurredAt.toISOString(),
      providerReference: '0e1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b',
      transactionIds: [
        'k2:transaction:SJK4PQ7RT2:received',
        'k2:transaction:SKL2MN3OP4:received',
        'k2:transaction:9d8c7b6a-5f4e-4d3c-8b2a-190817263544:received',
        'k2:transaction:SJK4PQ7RT2:reversed',
      ],
      from: '2026-03-13T21:00:00.000Z',
      to: '2026-03-18T20:59:59.000Z',
    });
    assert.deepEqual(
      events.slice(1).map((event) => event.id),
      (events[0]?.type === 'polling.completed' ? events[0].transactionIds : []) as string[],
    );
  });

  it('each transaction has the type, channel and key of the webhook reporting it, so either de-duplicates the other', () => {
    const webhooks = [
      'webhook-buygoods-received',
      'webhook-b2b-received',
      'webhook-m2m-received',
      'webhook-buygoods-reversed',
    ].map((fixture) => decodeFixture(fixture)[0]);
    events.slice(1).forEach((polled, index) => {
      const webhook = webhooks[index];
      assert.deepEqual(
        [polled.id, polled.type, polled.providerEvent, polled.providerReference],
        [webhook?.id, webhook?.type, webhook?.providerEvent, webhook?.providerReference],
      );
      assert.deepEqual(
        polled.type === 'payment.succeeded' || polled.type === 'payment.reversed'
          ? [polled.channel, polled.amount]
          : [],
        webhook?.type === 'payment.succeeded' || webhook?.type === 'payment.reversed'
          ? [webhook.channel, webhook.amount]
          : [1],
      );
      // A polled reversal has no envelope time: without reversal_time it keeps origination_time, while
      // the webhook says when K2 announced it (see transaction-time.ts).
      assert.ok(webhook);
      const { resource } = (webhook.raw as { event: { resource: { origination_time: string } } }).event;
      assert.equal(
        polled.occurredAt.toISOString(),
        polled.type === 'payment.reversed'
          ? new Date(resource.origination_time).toISOString()
          : webhook.occurredAt.toISOString(),
      );
    });
  });

  it('an empty window gives polling.completed alone', () => {
    const document = fixtureJson('result-polling') as { data: { attributes: Record<string, unknown> } };
    const empty = decodeK2Payload({
      data: { ...document.data, attributes: { ...document.data.attributes, transactions: [] } },
    });
    assert.equal(empty.length, 1);
    assert.deepEqual(empty[0]?.type === 'polling.completed' ? empty[0].transactionIds : undefined, []);
  });
});

describe('other K2 results', () => {
  it('an unknown resource type -> provider.event under its own name', () => {
    assert.deepEqual(plain(decodeFixture('result-unknown-type')[0], 'result-unknown-type'), {
      type: 'provider.event',
      id: 'k2:loyalty_redemption:3b4c5d6e-7f8a-4b9c-8d0e-1f2a3b4c5d6e:completed',
      provider: 'k2',
      providerEvent: 'loyalty_redemption',
      occurredAt: '2026-03-31T06:00:00.000Z',
      providerReference: '3b4c5d6e-7f8a-4b9c-8d0e-1f2a3b4c5d6e',
      metadata: { reference: 'LOY-1' },
      merchantReference: 'LOY-1',
    });
  });

  it('a known type with a bad field is refused with the path of that field', () => {
    const document = fixtureJson('result-send-money-processed') as {
      data: { attributes: Record<string, unknown> };
    };
    const broken = {
      data: { ...document.data, attributes: { ...document.data.attributes, transfer_batches: 'none' } },
    };
    assert.throws(
      () => decodeK2Payload(broken),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.some((issue) => issue.path === 'data.attributes.transfer_batches'),
    );
  });
});
