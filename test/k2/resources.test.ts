import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOrThrow, ValidationError } from '@tender/core';
import { k2AmountToMoney } from '../../packages/k2/src/resources/amount.ts';
import { K2ResourceSchema, parseK2Resource } from '../../packages/k2/src/resources/document.ts';
import { k2ErrorText } from '../../packages/k2/src/resources/fields.ts';
import { K2SendMoneyDocumentSchema } from '../../packages/k2/src/resources/send-money.ts';

const doc = (type: string, attributes: Record<string, unknown>, id = 'r-1') => ({
  data: { id, type, attributes },
});

function validationPaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    return error.issues.map((issue) => issue.path);
  }
  assert.fail('expected a ValidationError');
}

describe('k2AmountToMoney', () => {
  it('reads decimal text and numbers exactly, in minor units', () => {
    assert.deepEqual(k2AmountToMoney('100.0'), { currency: 'KES', minor: 10000 });
    assert.deepEqual(k2AmountToMoney('313'), { currency: 'KES', minor: 31300 });
    assert.deepEqual(k2AmountToMoney(2300), { currency: 'KES', minor: 230000 });
    assert.deepEqual(k2AmountToMoney(115.5, 'KES'), { currency: 'KES', minor: 11550 });
    assert.deepEqual(k2AmountToMoney('0.1'), { currency: 'KES', minor: 10 });
    assert.deepEqual(k2AmountToMoney('30000.0', null), { currency: 'KES', minor: 3000000 });
  });

  it('gives nothing for absent amounts and refuses malformed ones', () => {
    assert.equal(k2AmountToMoney(null), undefined);
    assert.equal(k2AmountToMoney(undefined), undefined);
    assert.equal(k2AmountToMoney(''), undefined);
    for (const bad of ['-5', '1e3', '12.345', 'abc', '1,000']) {
      assert.throws(() => k2AmountToMoney(bad), ValidationError, bad);
    }
    assert.throws(() => k2AmountToMoney('10', 'XYZ'), ValidationError);
  });
});

describe('parseK2Resource', () => {
  it('reads an STK push in each of its states', () => {
    const pending = parseK2Resource(
      doc('incoming_payment', {
        status: 'Pending',
        event: { type: 'Incoming Payment Request', resource: null, errors: null },
      }),
    );
    assert.equal(pending.type, 'incoming_payment');
    assert.equal(pending.status, 'Pending');
    const paid = parseK2Resource(
      doc('incoming_payment', {
        status: 'Success',
        event: { resource: { reference: 'QWE123RTY9', amount: 115.0, sender_phone_number: '+254700111222' } },
        metadata: { order_id: 'A-7' },
        extra_field_k2_added_later: { nested: true },
      }),
    );
    assert.equal(
      paid.type === 'incoming_payment' ? paid.attributes.event?.resource?.reference : '',
      'QWE123RTY9',
    );
    assert.deepEqual(paid.metadata, { order_id: 'A-7' });
    assert.equal((paid.attributes as Record<string, unknown>).extra_field_k2_added_later !== undefined, true);
  });

  it('keeps the exact type, accepts "reversals" as a reversal, and unknown status words', () => {
    const reversal = parseK2Resource(doc('reversals', { status: 'Scheduled', reversal_bulk_payment: null }));
    assert.equal(reversal.type, 'reversal');
    assert.equal(reversal.k2Type, 'reversals');
    const odd = parseK2Resource(doc('send_money', { status: 'Partially Processed', destinations: null }));
    assert.equal(odd.status, 'Partially Processed');
  });

  it('passes unknown types through as "other" with their attributes whole', () => {
    const other = parseK2Resource(doc('loyalty_points', { status: 'Granted', points: 12 }));
    assert.equal(other.type, 'other');
    assert.equal(other.k2Type, 'loyalty_points');
    assert.equal(other.status, 'Granted');
    assert.deepEqual(other.attributes, { status: 'Granted', points: 12 });
  });

  it('reads payment-link documents with either state key and a numeric phone', () => {
    const status = parseK2Resource(
      doc('payment_link', {
        status: 'Processed',
        amount: '2300',
        payment_link: { payment_link_status: 'Active' },
      }),
    );
    const paid = parseK2Resource(
      doc('payment_link', {
        amount: 2300,
        payment_link: { status: 'Paid', sender_phone_number: 254700111222 },
      }),
    );
    assert.equal(
      status.type === 'payment_link' ? status.attributes.payment_link?.payment_link_status : '',
      'Active',
    );
    assert.equal(
      paid.type === 'payment_link' ? paid.attributes.payment_link?.sender_phone_number : 0,
      254700111222,
    );
  });

  it('reads every documented family', () => {
    const families: [string, Record<string, unknown>][] = [
      [
        'send_money',
        {
          status: 'Scheduled',
          source_identifier: null,
          destinations: null,
          transfer_batches: null,
          errors: null,
        },
      ],
      ['payment', { status: 'Processed', amount: { currency: 'KES', value: 2000 }, transfer_batches: [] }],
      ['settlement_transfer', { status: 'Processed', amount: { currency: 'KES', value: null } }],
      ['polling', { status: 'Success', scope: 'Company', scope_reference: null, transactions: [] }],
      [
        'webhook_subscription',
        { event_type: 'customer_created', webhook_uri: 'https://s.example/h', scope: 'company' },
      ],
      ['merchant_bank_account', { status: 'Approved', account_reference: 'acc-1', settlement_method: 'RTS' }],
      ['merchant_wallet', { status: 'Approved', account_reference: 'acc-2', phone_number: '+254700111222' }],
      [
        'pay_recipient',
        { status: 'Approved', recipient_type: 'Mobile Wallet', recipient_reference: 'rec-1' },
      ],
      [
        'transaction_sms_notification',
        { status: 'Success', message: 'Thanks', webhook_event_reference: 'w-1' },
      ],
    ];
    for (const [type, attributes] of families) {
      const resource = parseK2Resource(doc(type, attributes));
      assert.equal(resource.type, type);
      assert.equal(resource.id, 'r-1');
    }
  });

  it('names every bad field by its path', () => {
    assert.deepEqual(
      validationPaths(() =>
        parseK2Resource(doc('incoming_payment', { status: 7, event: { resource: { amount: '-1' } } })),
      ),
      ['data.attributes.status', 'data.attributes.event.resource.amount'],
    );
    assert.deepEqual(
      validationPaths(() =>
        parseK2Resource(doc('send_money', { transfer_batches: [{ disbursements: [{ amount: 'ten' }] }] })),
      ),
      ['data.attributes.transfer_batches.0.disbursements.0.amount'],
    );
    assert.deepEqual(
      validationPaths(() => parseK2Resource({ data: { id: '', type: 'polling', attributes: {} } })),
      ['data.id'],
    );
    assert.deepEqual(
      validationPaths(() => parseK2Resource({ data: { id: 'x', type: 'polling' } })),
      ['data.attributes'],
    );
    for (const garbage of [null, 'text', 42, [], {}, { data: null }]) {
      assert.throws(() => parseK2Resource(garbage), ValidationError);
    }
  });

  it('exposes the schemas for direct use', () => {
    const parsed = parseOrThrow(K2ResourceSchema, doc('send_money', { status: 'Processed' }), 'bad');
    assert.equal(parsed.data.type, 'send_money');
    assert.deepEqual(
      validationPaths(() => parseOrThrow(K2SendMoneyDocumentSchema, doc('reversal', {}), 'bad')),
      ['data.type'],
    );
  });
});

describe('k2ErrorText', () => {
  it('reads a sentence, a list or an object', () => {
    assert.equal(
      k2ErrorText('The balance is insufficient for the transaction'),
      'The balance is insufficient for the transaction',
    );
    assert.equal(k2ErrorText(['Invalid phone', { message: 'Try again' }]), 'Invalid phone; Try again');
    assert.equal(
      k2ErrorText({ error_message: 'Source identifier is invalid' }),
      'Source identifier is invalid',
    );
    assert.equal(k2ErrorText(null), undefined);
    assert.equal(k2ErrorText(''), undefined);
    assert.equal(k2ErrorText([]), undefined);
  });
});
