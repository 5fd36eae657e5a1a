import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import fc from 'fast-check';
import { decodeK2Payload } from '../../packages/k2/src/webhooks/decode.ts';
import { parseDarajaTime, parseK2Time } from '../../packages/k2/src/webhooks/time.ts';
import { decodeFixture, fixtureJson, KES, plain } from './webhook-fixtures.ts';

const WANJIRU = {
  firstName: 'Wanjiru',
  lastName: 'Kamau',
  phone: '+254722333444',
};

function issuePaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.provider, 'k2');
    return error.issues.map((issue) => issue.path);
  }
  assert.fail('expected a ValidationError');
}

describe('K2 payment webhooks', () => {
  it('buygoods_transaction_received -> payment.succeeded (till), keyed on the M-PESA reference', () => {
    const events = decodeFixture('webhook-buygoods-received');
    assert.equal(events.length, 1);
    assert.deepEqual(plain(events[0], 'webhook-buygoods-received'), {
      type: 'payment.succeeded',
      id: 'k2:transaction:SJK4PQ7RT2:received',
      provider: 'k2',
      providerEvent: 'buygoods_transaction_received',
      occurredAt: '2026-03-14T05:45:12.000Z',
      providerReference: 'SJK4PQ7RT2',
      channel: 'till',
      payer: {
        ...WANJIRU,
        phoneHash: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
      },
      amount: KES(127500),
      payee: { account: '881100' },
    });
  });

  it('buygoods_transaction_reversed -> payment.reversed, a different key from the receipt, at the webhook time', () => {
    assert.deepEqual(plain(decodeFixture('webhook-buygoods-reversed')[0], 'webhook-buygoods-reversed'), {
      type: 'payment.reversed',
      id: 'k2:transaction:SJK4PQ7RT2:reversed',
      provider: 'k2',
      providerEvent: 'buygoods_transaction_reversed',
      // No reversal_time: the envelope's created_at, not the original payment's origination_time.
      occurredAt: '2026-03-15T07:00:03.000Z',
      providerReference: 'SJK4PQ7RT2',
      channel: 'till',
      payer: WANJIRU,
      amount: KES(127500),
      payee: { account: '881100' },
    });
  });

  it('b2b received ("313", status Complete) and reversed -> channel b2b, payer is the sending till', () => {
    assert.deepEqual(plain(decodeFixture('webhook-b2b-received')[0], 'webhook-b2b-received'), {
      type: 'payment.succeeded',
      id: 'k2:transaction:SKL2MN3OP4:received',
      provider: 'k2',
      providerEvent: 'b2b_transaction_received',
      occurredAt: '2026-03-16T10:20:00.000Z',
      providerReference: 'SKL2MN3OP4',
      channel: 'b2b',
      payer: { account: '440022' },
      amount: KES(31300),
      payee: { account: '881100' },
    });
    const reversed = plain(decodeFixture('webhook-b2b-reversed')[0], 'webhook-b2b-reversed');
    assert.equal(reversed.type, 'payment.reversed');
    assert.equal(reversed.id, 'k2:transaction:SKL2MN3OP4:reversed');
    assert.equal(reversed.channel, 'b2b');
    assert.equal(reversed.occurredAt, '2026-03-17T06:00:01.000Z');
  });

  it('m2m_transaction_received (no reference) -> keyed on K2 transaction id, payer is the merchant', () => {
    assert.deepEqual(plain(decodeFixture('webhook-m2m-received')[0], 'webhook-m2m-received'), {
      type: 'payment.succeeded',
      id: 'k2:transaction:9d8c7b6a-5f4e-4d3c-8b2a-190817263544:received',
      provider: 'k2',
      providerEvent: 'm2m_transaction_received',
      occurredAt: '2026-03-18T13:05:30.250Z',
      providerReference: '9d8c7b6a-5f4e-4d3c-8b2a-190817263544',
      channel: 'm2m',
      payer: { name: 'Baraka Hardware Ltd' },
      amount: KES(6000050),
    });
  });

  it('card received, voided and reversed -> payment.succeeded / voided / reversed with the masked card', () => {
    const expected: [string, string, string, string][] = [
      ['webhook-card-received', 'payment.succeeded', 'received', '2026-03-19T16:30:00.000Z'],
      // Voided and reversed: the envelope's created_at (the resource's origination_time is the payment's).
      ['webhook-card-voided', 'payment.voided', 'voided', '2026-03-19T16:41:01.000Z'],
      ['webhook-card-reversed', 'payment.reversed', 'reversed', '2026-03-21T04:00:01.000Z'],
    ];
    for (const [fixture, type, state, occurredAt] of expected) {
      const topic = `card_transaction_${state}`;
      assert.deepEqual(plain(decodeFixture(fixture)[0], fixture), {
        type,
        id: `k2:transaction:CRD00042731:${state}`,
        provider: 'k2',
        providerEvent: topic,
        occurredAt,
        providerReference: 'CRD00042731',
        channel: 'card',
        payer: { account: '522222******7781' },
        amount: KES(499999),
        payee: { account: '881100' },
      });
    }
  });

  it('reads amounts written as "100.0", "313", "0.5" or JSON numbers exactly', () => {
    const base = fixtureJson('webhook-buygoods-received');
    const event = base.event as { resource: Record<string, unknown> };
    for (const [amount, minor] of [
      ['100.0', 10000],
      ['313', 31300],
      ['0.5', 50],
      [450, 45000],
      [115.5, 11550],
      ['1000000.00', 100000000],
    ] as const) {
      const [decoded] = decodeK2Payload({
        ...base,
        event: { ...event, resource: { ...event.resource, amount } },
      });
      assert.deepEqual(
        decoded?.type === 'payment.succeeded' ? decoded.amount : undefined,
        KES(minor),
        String(amount),
      );
    }
  });

  it('falls back to the envelope time, and to Nairobi time for a time without offset', () => {
    const base = fixtureJson('webhook-b2b-received');
    const event = base.event as { resource: Record<string, unknown> };
    const untimed = decodeK2Payload({
      ...base,
      event: { ...event, resource: { ...event.resource, origination_time: null } },
    });
    assert.equal(untimed[0]?.occurredAt.toISOString(), '2026-03-16T10:20:02.000Z');
    const local = decodeK2Payload({
      ...base,
      event: { ...event, resource: { ...event.resource, origination_time: '2026-03-16T13:20:00' } },
    });
    assert.equal(local[0]?.occurredAt.toISOString(), '2026-03-16T10:20:00.000Z');
  });

  it('a payment with neither reference nor id is still delivered, keyed on the webhook', () => {
    const base = fixtureJson('webhook-m2m-received');
    const event = base.event as { resource: Record<string, unknown> };
    const [decoded] = decodeK2Payload({
      ...base,
      event: { ...event, resource: { ...event.resource, id: null } },
    });
    assert.deepEqual(
      [decoded?.type, decoded?.id, decoded?.providerEvent],
      ['provider.event', 'k2:webhook:c0ffee00-1111-4a2b-8c3d-000000000005', 'm2m_transaction_received'],
    );
  });

  it('names the offending fields of a malformed payment webhook', () => {
    const base = fixtureJson('webhook-buygoods-received');
    const event = base.event as { resource: Record<string, unknown> };
    assert.deepEqual(
      issuePaths(() =>
        decodeK2Payload({
          ...base,
          event: { ...event, resource: { ...event.resource, amount: '-4', reference: 7 } },
        }),
      ),
      ['event.resource.reference', 'event.resource.amount'],
    );
    assert.deepEqual(
      issuePaths(() => decodeK2Payload({ ...base, id: '' })),
      ['id'],
    );
    assert.deepEqual(
      issuePaths(() => decodeK2Payload({ ...base, event: null })),
      ['event'],
    );
    assert.deepEqual(
      issuePaths(() => decodeK2Payload({ ...base, topic: 5 })),
      ['topic'],
    );
  });
});

describe('K2 other webhooks', () => {
  it('settlement_transfer_completed (bank) -> transfer.completed with the destination and each disbursement', () => {
    assert.deepEqual(
      plain(
        decodeFixture('webhook-settlement-transfer-completed')[0],
        'webhook-settlement-transfer-completed',
      ),
      {
        type: 'transfer.completed',
        id: 'k2:webhook:c0ffee00-1111-4a2b-8c3d-000000000009',
        provider: 'k2',
        providerEvent: 'settlement_transfer_completed',
        occurredAt: '2026-03-22T14:00:09.500Z',
        legs: [
          {
            type: 'Bank Account',
            amount: KES(5000000),
            status: 'Transferred',
            providerReference: 'BNK7781',
            recipient: {
              id: '6f5e4d3c-2b1a-4098-8765-43210fedcba9',
              name: 'Duka Bora Enterprises',
              account: '1100223344',
            },
          },
          {
            type: 'Bank Account',
            amount: KES(3800000),
            status: 'Transferred',
            recipient: {
              id: '6f5e4d3c-2b1a-4098-8765-43210fedcba9',
              name: 'Duka Bora Enterprises',
              account: '1100223344',
            },
          },
        ],
        amount: KES(8800000),
        destination: {
          id: '6f5e4d3c-2b1a-4098-8765-43210fedcba9',
          name: 'Duka Bora Enterprises',
          account: '1100223344',
        },
        providerReference: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
      },
    );
  });

  it('settlement_transfer_completed (mobile wallet) -> the wallet owner as destination', () => {
    const event = decodeFixture('webhook-settlement-transfer-wallet')[0];
    assert.equal(event?.type, 'transfer.completed');
    if (event?.type !== 'transfer.completed') return;
    assert.deepEqual(event.destination, {
      id: '7e6d5c4b-3a29-4180-8f7e-6d5c4b3a2918',
      firstName: 'Otieno',
      lastName: 'Ouma',
      phone: '+254733445566',
    });
    assert.deepEqual(event.amount, KES(150000));
    assert.deepEqual(
      event.legs.map((leg) => [leg.type, leg.providerReference]),
      [['Mobile Wallet', 'SMW9XY8ZA7']],
    );
  });

  it('customer_created -> customer.created, the id taken from _links.resource', () => {
    assert.deepEqual(plain(decodeFixture('webhook-customer-created')[0], 'webhook-customer-created'), {
      type: 'customer.created',
      id: 'k2:webhook:c0ffee00-1111-4a2b-8c3d-000000000011',
      provider: 'k2',
      providerEvent: 'customer_created',
      occurredAt: '2026-03-14T05:45:16.000Z',
      customer: {
        firstName: 'Wanjiru',
        middleName: 'N',
        lastName: 'Kamau',
        phone: '+254722333444',
        id: '8a7b6c5d-4e3f-4210-9fed-cba987654321',
      },
    });
  });

  it('an unknown topic -> provider.event keyed on the webhook id, never dropped', () => {
    assert.deepEqual(plain(decodeFixture('webhook-unknown-topic')[0], 'webhook-unknown-topic'), {
      type: 'provider.event',
      id: 'k2:webhook:c0ffee00-1111-4a2b-8c3d-000000000012',
      provider: 'k2',
      providerEvent: 'loyalty_points_awarded',
      occurredAt: '2026-03-24T08:11:11.000Z',
    });
    const bare = decodeK2Payload({ topic: 'something_new', id: 'evt-9' });
    assert.deepEqual([bare[0]?.type, bare[0]?.id], ['provider.event', 'k2:webhook:evt-9']);
  });
});

describe('K2 Daraja-format webhooks', () => {
  it('buy goods (Node SDK shape: "Pay Bill", ThirdPartyTransID, phone) -> the same key as the envelope webhook', () => {
    assert.deepEqual(plain(decodeFixture('daraja-buygoods')[0], 'daraja-buygoods'), {
      type: 'payment.succeeded',
      id: 'k2:transaction:SJK4PQ7RT2:received',
      provider: 'k2',
      providerEvent: 'buygoods_transaction_received',
      occurredAt: '2026-03-14T05:45:12.000Z',
      providerReference: 'SJK4PQ7RT2',
      channel: 'till',
      payer: WANJIRU,
      amount: KES(127500),
      payee: { account: '881100' },
    });
    assert.equal(decodeFixture('daraja-buygoods')[0]?.id, decodeFixture('webhook-buygoods-received')[0]?.id);
  });

  it('buy goods (Ruby SDK shape: "Buygoods", ThirdPartyTransId, masked MSISDN) -> the mask as a phone hash', () => {
    const event = plain(decodeFixture('daraja-buygoods-masked')[0], 'daraja-buygoods-masked');
    assert.equal(event.id, 'k2:transaction:SNP5QR6ST7:received');
    assert.equal(event.occurredAt, '2026-03-25T20:15:05.000Z');
    assert.deepEqual(event.payer, { firstName: 'Juma', phoneHash: 'NzE5OTg4Nzc2NjU1NDQzMw==' });
    assert.deepEqual(event.amount, KES(8000));
  });

  it('b2b ("Organization To Organization Transfer") -> channel b2b, MSISDN as the paying account', () => {
    assert.deepEqual(plain(decodeFixture('daraja-b2b')[0], 'daraja-b2b'), {
      type: 'payment.succeeded',
      id: 'k2:transaction:SKL2MN3OP4:received',
      provider: 'k2',
      providerEvent: 'b2b_transaction_received',
      occurredAt: '2026-03-16T10:20:00.000Z',
      providerReference: 'SKL2MN3OP4',
      channel: 'b2b',
      payer: { firstName: 'Baraka', lastName: 'Traders', account: '440022' },
      amount: KES(31300),
      payee: { account: '881100' },
      accountNumber: 'INV-3301',
    });
    assert.equal(decodeFixture('daraja-b2b')[0]?.id, decodeFixture('webhook-b2b-received')[0]?.id);
  });

  it('names the offending fields of a malformed Daraja body', () => {
    assert.deepEqual(
      issuePaths(() => decodeK2Payload({ TransactionType: 'Buygoods', TransID: '', TransAmount: 'ten' })),
      ['TransID', 'TransAmount'],
    );
  });
});

describe('K2 times', () => {
  it('reads ECMAScript-format times exactly as Date does, out-of-range fields included', () => {
    const field = (digits: number, max: number) =>
      fc.integer({ min: 0, max }).map((value) => String(value).padStart(digits, '0'));
    const time = fc
      .tuple(
        field(4, 9999),
        field(2, 14),
        field(2, 33),
        field(2, 25),
        field(2, 61),
        field(2, 61),
        fc.constantFrom('', '.5', '.05', '.123', '.000'),
        fc.oneof(
          fc.constant('Z'),
          fc
            .tuple(fc.constantFrom('+', '-'), field(2, 25), field(2, 61))
            .map((zone) => `${zone[0]}${zone[1]}:${zone[2]}`),
        ),
      )
      .map(([y, mo, d, h, mi, s, fraction, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${zone}`);
    fc.assert(
      fc.property(time, (text) => {
        const expected = new Date(text).getTime();
        assert.equal(parseK2Time(text)?.getTime(), Number.isNaN(expected) ? undefined : expected, text);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads ISO times with any offset form, and Daraja times as Nairobi time', () => {
    assert.equal(parseK2Time('2026-01-07T17:58:40.210+03:00')?.toISOString(), '2026-01-07T14:58:40.210Z');
    assert.equal(parseK2Time('2026-01-07T17:58:40+0300')?.toISOString(), '2026-01-07T14:58:40.000Z');
    assert.equal(parseK2Time('2026-01-07T14:58:40Z')?.toISOString(), '2026-01-07T14:58:40.000Z');
    assert.equal(parseK2Time('2026-01-07 17:58:40')?.toISOString(), '2026-01-07T14:58:40.000Z');
    assert.equal(parseDarajaTime('20260105140209')?.toISOString(), '2026-01-05T11:02:09.000Z');
    for (const bad of [null, undefined, '', 'yesterday', '2026-01-07', '05/01/2026 14:02']) {
      assert.equal(parseK2Time(bad), undefined, String(bad));
    }
    assert.equal(parseDarajaTime('2026010514'), undefined);
  });
});

describe('decodeK2Payload', () => {
  it('takes parsed JSON, JSON text or bytes alike', () => {
    const json = fixtureJson('webhook-customer-created');
    const text = JSON.stringify(json);
    assert.deepEqual(decodeK2Payload(text), decodeK2Payload(json));
    assert.deepEqual(decodeK2Payload(new TextEncoder().encode(text)), decodeK2Payload(json));
  });

  it('refuses what is not JSON, not UTF-8, or none of webhook, Daraja body and result', () => {
    for (const body of [
      '{"topic":',
      '',
      new Uint8Array([0x7b, 0xff, 0x7d]),
      '[1,2]',
      'null',
      '42',
      '{"hello":"world"}',
      { data: null },
    ]) {
      assert.throws(() => decodeK2Payload(body), ValidationError, String(body));
    }
  });
});
