/**
 * Legacy K2 HTTP POST notifications (k2-legacy-post.md): form-encoded fields with realistic data, Basic
 * credentials, Nairobi date and time formats, overrides, and the receiver's answer handed back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateLegacyFields, type Sandbox, sendLegacyNotification, startSandbox } from '@tender/sandbox';
import { type Receiver, startReceiver } from './support/receiver.ts';

let sandbox: Sandbox;
let receiver: Receiver;

before(async () => {
  sandbox = await startSandbox();
  receiver = await startReceiver((delivered) => {
    const expected = `Basic ${Buffer.from('k2user:k2pass').toString('base64')}`;
    if (delivered.headers.authorization !== expected) return { status: 401, body: '' };
    return { status: 200, body: '{"status":"01","description":"Accepted"}' };
  });
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

const FIELD_NAMES = [
  'k2_account_id',
  'k2_transaction_id',
  'mm_system_id',
  'mp_transaction_id',
  'biller_number',
  'transaction_date',
  'transaction_time',
  'transaction_type',
  'ac_no',
  'sender',
  'first_name',
  'middle_name',
  'last_name',
  'amount',
  'currency',
];

describe('sandbox.sendLegacy', () => {
  it('POSTs every legacy field form-encoded with Basic credentials and returns the answer', async () => {
    const result = await sandbox.sendLegacy({
      to: `${receiver.url}/legacy`,
      username: 'k2user',
      password: 'k2pass',
    });
    assert.deepEqual(result, {
      url: `${receiver.url}/legacy`,
      status: 200,
      body: '{"status":"01","description":"Accepted"}',
      attempts: 1,
    });
    const delivered = receiver.received.findLast((candidate) => candidate.path === '/legacy');
    assert.equal(delivered?.headers['content-type'], 'application/x-www-form-urlencoded');
    const fields = Object.fromEntries(new URLSearchParams(delivered?.body));
    assert.deepEqual(Object.keys(fields), FIELD_NAMES);
    assert.equal(fields.mm_system_id, 'M-PESA');
    assert.equal(fields.transaction_type, 'Paybill');
    assert.equal(fields.currency, 'KES');
    assert.match(fields.transaction_date ?? '', /^\d{1,2}\/\d{1,2}\/\d{2}$/);
    assert.match(fields.transaction_time ?? '', /^(1[0-2]|[1-9]):[0-5]\d (AM|PM)$/);
    assert.match(fields.sender ?? '', /^07\d{8}$/);
    assert.match(fields.amount ?? '', /^\d+$/);
    assert.match(fields.mp_transaction_id ?? '', /^[A-Z][A-Z0-9]{9}$/);

    const record = sandbox.deliveries().findLast((delivery) => delivery.kind === 'legacy');
    assert.equal(record?.headers.authorization, 'Basic [redacted]');
  });

  it('replaces fields with the ones given and sends no credentials when none are given', async () => {
    const result = await sandbox.sendLegacy({
      to: `${receiver.url}/no-auth`,
      fields: { ac_no: 'A123333', amount: '1500', transaction_date: '26/4/11', transaction_time: '1:03 PM' },
    });
    assert.equal(result.status, 401);
    const delivered = receiver.received.findLast((candidate) => candidate.path === '/no-auth');
    assert.equal(delivered?.headers.authorization, undefined);
    const fields = new URLSearchParams(delivered?.body);
    assert.equal(fields.get('ac_no'), 'A123333');
    assert.equal(fields.get('amount'), '1500');
    assert.equal(fields.get('transaction_date'), '26/4/11');
    assert.equal(fields.get('transaction_time'), '1:03 PM');
  });
});

describe('legacy fields and the standalone sender', () => {
  it('writes the date D/M/YY and the time h:mm AM/PM in Nairobi time', () => {
    const noonInNairobi = generateLegacyFields(new Date('2011-04-26T09:05:00Z'));
    assert.equal(noonInNairobi.transaction_date, '26/4/11');
    assert.equal(noonInNairobi.transaction_time, '12:05 PM');
    const afterMidnight = generateLegacyFields(new Date('2026-01-04T21:07:00Z'));
    assert.equal(afterMidnight.transaction_date, '5/1/26');
    assert.equal(afterMidnight.transaction_time, '12:07 AM');
    assert.equal(generateLegacyFields(new Date('2026-10-10T10:03:00Z')).transaction_time, '1:03 PM');
  });

  it('sends one notification without a sandbox', async () => {
    const result = await sendLegacyNotification({
      to: `${receiver.url}/solo`,
      username: 'k2user',
      password: 'k2pass',
    });
    assert.equal(result.status, 200);
    assert.equal(receiver.received.findLast((candidate) => candidate.path === '/solo')?.method, 'POST');
  });
});
