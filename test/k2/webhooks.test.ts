import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { type TenderEvent, ValidationError, type WebhookRequest } from '@tender/core';
import { createK2WebhookSource, decodeK2Payload, signK2Body, verifyK2Signature } from '@tender/k2';

const fixtures = join(import.meta.dirname, '../fixtures/k2');
const bytes = (name: string) => readFileSync(join(fixtures, `${name}.json`));
const decode = (name: string) => decodeK2Payload(JSON.parse(bytes(name).toString('utf8')));
const KES = (minor: number) => ({ currency: 'KES', minor });

function only(events: TenderEvent[]): TenderEvent {
  assert.equal(events.length, 1);
  return events[0] as TenderEvent;
}

describe('K2 signature', () => {
  const body = '{"topic":"customer_created","id":"0b1e7c2a-5d4f-4e1b-9a61-3c2f8e9d1a00"}';
  const pretty = JSON.stringify(JSON.parse(body), null, 2);

  it('matches the reference vectors, compact and pretty-printed', () => {
    assert.equal(
      signK2Body('demo_api_key_123', body),
      'c9f4f8906aabb5cb87c15ff0faa6f72b994a14ba50c53bbb561c582dc9735cb0',
    );
    assert.equal(
      signK2Body('demo_api_key_123', pretty),
      'cbbf69ff6708efb3b9201b2d096cd6985548a8e1c699ca4c8a241ac0578ff5b7',
    );
    const raw = new TextEncoder().encode(body);
    assert.deepEqual(
      verifyK2Signature(raw, 'c9f4f8906aabb5cb87c15ff0faa6f72b994a14ba50c53bbb561c582dc9735cb0', [
        'demo_api_key_123',
      ]),
      { ok: true },
    );
    assert.deepEqual(
      verifyK2Signature(raw, 'C9F4F8906AABB5CB87C15FF0FAA6F72B994A14BA50C53BBB561C582DC9735CB0', [
        'demo_api_key_123',
      ]),
      { ok: true },
    );
  });

  it('fails when any single byte of the body changes', () => {
    const raw = bytes('buygoods-received');
    const signature = signK2Body('key', raw);
    for (let index = 0; index < raw.length; index++) {
      const tampered = Buffer.from(raw);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      assert.equal(verifyK2Signature(tampered, signature, ['key']).ok, false, `byte ${index}`);
    }
    assert.equal(verifyK2Signature(raw, signature, ['key']).ok, true);
  });

  it('refuses missing, malformed and wrong signatures without throwing or revealing the expected one', () => {
    const raw = bytes('customer-created');
    const expected = signK2Body('key', raw);
    for (const header of [
      undefined,
      '',
      'abc',
      expected.slice(0, 63),
      `${expected}00`,
      'z'.repeat(64),
      signK2Body('other', raw),
      `sha256=${expected}`,
    ]) {
      const verdict = verifyK2Signature(raw, header, ['key']);
      assert.equal(verdict.ok, false, String(header));
      assert.ok(!JSON.stringify(verdict).includes(expected));
    }
    assert.equal(verifyK2Signature(raw, expected, []).ok, false);
  });

  it('accepts any of several keys during a rotation', () => {
    const raw = bytes('customer-created');
    assert.equal(verifyK2Signature(raw, signK2Body('new-key', raw), ['old-key', 'new-key']).ok, true);
    assert.equal(verifyK2Signature(raw, signK2Body('old-key', raw), ['old-key', 'new-key']).ok, true);
  });
});

describe('K2 webhook payloads', () => {
  it('buygoods_transaction_received -> payment.succeeded', () => {
    const event = only(decode('buygoods-received'));
    assert.equal(event.type, 'payment.succeeded');
    if (event.type !== 'payment.succeeded') return;
    assert.equal(event.id, '7d1c2b3a-4e5f-4061-8a7b-9c0d1e2f3a4b');
    assert.equal(event.providerEvent, 'buygoods_transaction_received');
    assert.deepEqual(event.amount, KES(45000));
    assert.equal(event.channel, 'till');
    assert.equal(event.providerReference, 'TAB3CD4EF5');
    assert.equal(event.occurredAt.toISOString(), '2026-01-05T11:02:09.000Z');
    assert.deepEqual(event.payee, { account: '556677' });
    assert.deepEqual(event.payer, {
      firstName: 'Amina',
      lastName: 'Otieno',
      phone: '+254711000111',
      phoneHash: '5f2a9c0e7b1d4e3f8a6c2b9d0e1f3a4c5b6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f',
    });
    assert.equal((event.raw as { topic: string }).topic, 'buygoods_transaction_received');
  });

  const payments: [string, string, string, number][] = [
    ['buygoods-reversed', 'payment.reversed', 'till', 45000],
    ['b2b-received', 'payment.succeeded', 'b2b', 1250000],
    ['b2b-reversed', 'payment.reversed', 'b2b', 1250000],
    ['m2m-received', 'payment.succeeded', 'm2m', 31300],
    ['card-received', 'payment.succeeded', 'card', 99950],
    ['card-voided', 'payment.voided', 'card', 99950],
    ['card-reversed', 'payment.reversed', 'card', 99950],
  ];
  for (const [fixture, type, channel, minor] of payments) {
    it(`${fixture} -> ${type} (${channel})`, () => {
      const event = only(decode(fixture));
      assert.equal(event.type, type);
      assert.ok('channel' in event);
      assert.equal(event.channel, channel);
      assert.deepEqual(event.amount, KES(minor));
    });
  }

  it('keeps the sending till, merchant and card mask as the payer', () => {
    const b2b = only(decode('b2b-received'));
    assert.equal(b2b.type === 'payment.succeeded' ? b2b.payer?.account : '', '998877');
    const m2m = only(decode('m2m-received'));
    assert.equal(m2m.type === 'payment.succeeded' ? m2m.payer?.name : '', 'Mama Mboga Supplies');
    const card = only(decode('card-received'));
    assert.equal(card.type === 'payment.succeeded' ? card.payer?.account : '', '411111******1111');
  });

  it('customer_created -> customer.created', () => {
    const event = only(decode('customer-created'));
    assert.deepEqual(event.type === 'customer.created' ? event.customer : undefined, {
      firstName: 'Amina',
      middleName: 'W',
      lastName: 'Otieno',
      phone: '+254711000111',
    });
  });

  it('settlement_transfer_completed -> transfer.completed', () => {
    const event = only(decode('settlement-transfer-completed'));
    assert.equal(event.type, 'transfer.completed');
    if (event.type !== 'transfer.completed') return;
    assert.deepEqual(event.amount, KES(3000000));
    assert.deepEqual(event.destination, {
      name: 'Kilima Traders Ltd',
      account: '0123456789',
      id: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912',
    });
    assert.deepEqual(event.legs, [{ type: 'Bank Account', amount: KES(3000000), status: 'Transferred' }]);
  });

  it('an unknown topic is delivered as provider.event, not dropped', () => {
    const event = only(decode('unknown-topic'));
    assert.equal(event.type, 'provider.event');
    assert.equal(event.providerEvent, 'loyalty_points_awarded');
    assert.equal(event.id, '5c6d7e8f-9a0b-4bc2-3d4e-5f6071829304');
  });

  it('Daraja payloads, with either spelling of the third-party id', () => {
    const buygoods = only(decode('daraja-buygoods'));
    assert.equal(buygoods.id, 'k2:daraja:TAB3CD4EF5');
    assert.equal(buygoods.type === 'payment.succeeded' ? buygoods.channel : '', 'till');
    assert.deepEqual(buygoods.type === 'payment.succeeded' ? buygoods.amount : undefined, KES(45000));
    assert.equal(buygoods.occurredAt.toISOString(), '2026-01-05T11:02:09.000Z');
    const b2b = only(decode('daraja-b2b'));
    assert.equal(b2b.type === 'payment.succeeded' ? b2b.channel : '', 'b2b');
    assert.equal(b2b.type === 'payment.succeeded' ? b2b.payer?.id : '', 'TP-77');
    assert.equal(b2b.type === 'payment.succeeded' ? b2b.accountNumber : '', 'INV-88');
  });
});

describe('K2 result callbacks', () => {
  it('STK push success -> payment.succeeded with a numeric amount and the merchant reference', () => {
    const event = only(decode('result-stk-success'));
    assert.equal(event.type, 'payment.succeeded');
    if (event.type !== 'payment.succeeded') return;
    assert.equal(event.id, 'k2:incoming_payment:2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b:Success');
    assert.equal(event.channel, 'stk_push');
    assert.deepEqual(event.amount, KES(11500));
    assert.equal(event.merchantReference, 'ORD-20931');
    assert.equal(event.providerReference, 'TAB3CD4EF5');
  });

  it('STK push failure -> payment.failed with the reason', () => {
    const event = only(decode('result-stk-failed'));
    assert.equal(event.type, 'payment.failed');
    assert.equal(
      event.type === 'payment.failed' ? event.failureReason : '',
      'The balance is insufficient for the transaction',
    );
    assert.equal(event.merchantReference, 'ORD-20932');
  });

  it('send money -> payout.succeeded with its legs and their total', () => {
    const event = only(decode('result-send-money'));
    assert.equal(event.type, 'payout.succeeded');
    if (event.type !== 'payout.succeeded') return;
    assert.deepEqual(event.amount, KES(150000));
    assert.deepEqual(event.legs, [
      {
        type: 'mobile_wallet',
        amount: KES(150000),
        status: 'Transferred',
        providerReference: 'TCC1LM2NP3',
        recipient: { phone: '254722000222' },
      },
    ]);
  });

  it('reversal (type "reversals" too) -> reversal.succeeded', () => {
    const event = only(decode('result-reversal'));
    assert.equal(event.type, 'reversal.succeeded');
    if (event.type !== 'reversal.succeeded') return;
    assert.equal(event.reversedReference, 'TQB7XK2M9P');
    assert.deepEqual(event.amount, KES(25000));
  });

  it('payment link -> link.updated with a numeric phone', () => {
    const event = only(decode('result-payment-link'));
    assert.equal(event.type, 'link.updated');
    if (event.type !== 'link.updated') return;
    assert.equal(event.linkStatus, 'paid');
    assert.deepEqual(event.amount, KES(230000));
    assert.deepEqual(event.payer, { phone: '254711000111' });
    assert.equal(event.url, 'https://sandbox.kopokopo.com/links/7a6b5c4d');
  });

  it('polling -> polling.completed plus each transaction', () => {
    const events = decode('result-polling');
    assert.deepEqual(
      events.map((event) => event.type),
      ['polling.completed', 'payment.succeeded'],
    );
    const [completed, payment] = events;
    assert.deepEqual(completed?.type === 'polling.completed' ? completed.transactionIds : [], [payment?.id]);
    assert.deepEqual(payment?.type === 'payment.succeeded' ? payment.amount : undefined, KES(45000));
  });

  it('v1 settlement transfer and v1 payment results', () => {
    const transfer = only(decode('result-settlement-transfer-v1'));
    assert.equal(transfer.type, 'transfer.completed');
    const payment = only(decode('result-payment-v1'));
    assert.equal(payment.type, 'payout.succeeded');
    assert.deepEqual(payment.type === 'payout.succeeded' ? payment.amount : undefined, KES(200000));
    assert.equal(payment.merchantReference, 'PO-1');
  });

  it('pending and unknown results are passed through', () => {
    const pending = only(
      decodeK2Payload({ data: { id: '1', type: 'incoming_payment', attributes: { status: 'Pending' } } }),
    );
    assert.equal(pending.type, 'provider.event');
    const other = only(
      decodeK2Payload({ data: { id: '2', type: 'sms_notification', attributes: { status: 'Success' } } }),
    );
    assert.equal(other.type, 'provider.event');
  });

  it('refuses a body that is neither a webhook nor a result', () => {
    assert.throws(() => decodeK2Payload({ hello: 'world' }), ValidationError);
    assert.throws(() => decodeK2Payload({ topic: 'x' }), ValidationError);
    assert.throws(() => decodeK2Payload({ data: { id: 1 } }), ValidationError);
  });
});

describe('K2 webhook source', () => {
  const apiKey = 'PLANTED_api_key_9911';
  const source = createK2WebhookSource({ apiKeys: [apiKey] });
  const request = (body: Uint8Array, signature: string | undefined): WebhookRequest => ({
    method: 'POST',
    path: '/webhooks/k2',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', 'x-kopokopo-signature': signature },
    rawBody: body,
  });

  it('verifies and decodes a signed delivery', async () => {
    const body = bytes('buygoods-received');
    const delivery = request(body, signK2Body(apiKey, body));
    assert.deepEqual(await source.verify(delivery), { ok: true });
    assert.equal((await source.decode(delivery))[0]?.type, 'payment.succeeded');
    assert.equal((await source.verify(request(body, signK2Body('wrong', body)))).ok, false);
  });

  it('refuses a body that is not JSON with a ValidationError', async () => {
    const body = new TextEncoder().encode('not json');
    assert.throws(() => source.decode(request(body, signK2Body(apiKey, body))), ValidationError);
  });

  it('answers K2: 200 when handled or declined, 500 to be delivered again, the refusal status otherwise', () => {
    assert.equal(source.answer({ kind: 'accepted', duplicate: false }).status, 200);
    assert.equal(source.answer({ kind: 'declined', reason: 'invalid_payment', message: 'no' }).status, 200);
    assert.equal(source.answer({ kind: 'failed' }).status, 500);
    assert.equal(source.answer({ kind: 'rejected', status: 401, message: 'bad signature' }).status, 401);
    assert.equal(source.answer({ kind: 'rejected', status: 400, message: 'bad' }).body, '{"error":"bad"}');
  });

  it('needs a key and never shows it', () => {
    assert.throws(() => createK2WebhookSource({ apiKeys: [] }), ValidationError);
    assert.ok(!inspect(source, { depth: 10, showHidden: true }).includes(apiKey));
    assert.ok(!JSON.stringify(source).includes(apiKey));
  });
});
