/**
 * Reversals (§3.7, §5.3), polling (§3.6, §5.5) and payment links with cancel (§3.8, §5.6) through the
 * sandbox: pending and final documents, callbacks, the outcome rules and validation.
 * A long delay and settleAll() make the pending state observable without racing the timer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAILURE_REASONS, type Sandbox, startSandbox } from '@tender/sandbox';
import { api, attributes, fetchToken } from './support/client.ts';
import { expectedSignature, type Receiver, startReceiver } from './support/receiver.ts';

let sandbox: Sandbox;
let receiver: Receiver;
let token: string;

before(async () => {
  sandbox = await startSandbox({ callbackDelayMs: 60_000, apiKey: 'links_key' });
  receiver = await startReceiver();
  token = await fetchToken(sandbox);
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

async function create(collection: string, body: Record<string, unknown>): Promise<string> {
  const answer = await api(token, 'POST', `${sandbox.url}/api/v2/${collection}`, {
    ...body,
    _links: { callback_url: `${receiver.url}/results/${collection}` },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  return answer.location ?? '';
}

async function show(location: string): Promise<Record<string, unknown>> {
  return attributes((await api(token, 'GET', location)).json);
}

function callbackFor(location: string): Record<string, unknown> | undefined {
  const delivered = receiver.received.find((candidate) => candidate.body.includes(location));
  if (!delivered) return undefined;
  assert.equal(delivered.headers['x-kopokopo-signature'], expectedSignature('links_key', delivered.body));
  return JSON.parse(delivered.body) as Record<string, unknown>;
}

describe('POST /api/v2/reversals', () => {
  it('moves from Received to Processed, reversing the amount of a payment the sandbox saw', async () => {
    await sandbox.trigger('buygoods_transaction_received', {
      to: `${receiver.url}/hooks`,
      overrides: { reference: 'TQB7XK2M9P', amount: '450.0' },
    });
    const location = await create('reversals', {
      transaction_reference: 'TQB7XK2M9P',
      reason: 'Customer paid twice',
      metadata: { ticket: 'SUP-4410' },
    });
    const received = await show(location);
    assert.equal(received.status, 'Received');
    assert.equal(received.reversal_bulk_payment, null);
    assert.equal(received.errors, null);
    assert.equal(received.transaction_reference, 'TQB7XK2M9P');
    assert.equal(received.reason, 'Customer paid twice');

    await sandbox.settleAll();
    const processed = await show(location);
    assert.equal(processed.status, 'Processed');
    const payment = processed.reversal_bulk_payment as Record<string, unknown>;
    assert.equal(payment.amount, '450.0');
    assert.equal(payment.status, 'Transferred');
    assert.match(String(payment.transaction_reference), /^[A-Z][A-Z0-9]{9}$/);
    const callback = callbackFor(location) as { data: { type: string } };
    assert.equal(callback.data.type, 'reversal');
    assert.deepEqual(attributes(callback), processed);
  });

  it('fails the documented references and a second reversal of the same payment', async () => {
    const declined = await create('reversals', { transaction_reference: 'FAIL123456', reason: 'x' });
    const tooOld = await create('reversals', { transaction_reference: 'OLD1234567', reason: 'x' });
    const never = await create('reversals', { transaction_reference: 'PEND123456', reason: 'x' });
    const first = await create('reversals', { transaction_reference: 'TXY1234567', reason: 'x' });
    await sandbox.settleAll();
    const again = await create('reversals', { transaction_reference: 'TXY1234567', reason: 'x' });
    await sandbox.settleAll();

    assert.deepEqual(
      [await show(declined), await show(tooOld), await show(again)].map((state) => [
        state.status,
        state.errors,
      ]),
      [
        ['Failed', FAILURE_REASONS.reversalDeclined],
        ['Failed', FAILURE_REASONS.reversalTooOld],
        ['Failed', FAILURE_REASONS.reversalRepeated],
      ],
    );
    assert.equal((await show(first)).status, 'Processed');
    assert.equal((await show(never)).status, 'Received');
    assert.equal(callbackFor(never), undefined);
  });

  it('requires the reference, the reason and the callback', async () => {
    const answer = await api(token, 'POST', `${sandbox.url}/api/v2/reversals`, { metadata: {} });
    assert.deepEqual(answer.json, {
      error_code: 400,
      error_message:
        "Transaction reference can't be blank; Reason can't be blank; Callback url can't be blank",
    });
  });
});

describe('POST /api/v2/polling', () => {
  it('replays the transactions of the window the sandbox saw, for the till asked for', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    await sandbox.trigger('buygoods_transaction_received', {
      to: `${receiver.url}/hooks`,
      overrides: { reference: 'TPL0000001', till_number: '334455' },
    });
    await sandbox.trigger('buygoods_transaction_received', {
      to: `${receiver.url}/hooks`,
      overrides: { reference: 'TPL0000002', till_number: '112233' },
    });
    const to = new Date(Date.now() + 60_000).toISOString();
    const location = await create('polling', {
      scope: 'till',
      scope_reference: 'K334455',
      from_time: from,
      to_time: to,
    });
    const pending = await show(location);
    assert.equal(pending.status, 'Pending');
    assert.equal(pending.scope, 'Till');
    await sandbox.settleAll();
    const done = await show(location);
    assert.equal(done.status, 'Success');
    const transactions = done.transactions as { type: string; resource: Record<string, unknown> }[];
    assert.deepEqual(
      transactions.map((transaction) => [transaction.type, transaction.resource.reference]),
      [['Buygoods Transaction', 'TPL0000001']],
    );
    assert.match(String(done.from_time), /\+03:00$/);
    assert.equal((callbackFor(location) as { data: { type: string } }).data.type, 'polling');
  });

  it('validates the scope reference and the window', async () => {
    const answer = await api(token, 'POST', `${sandbox.url}/api/v2/polling`, {
      scope: 'till',
      from_time: '2026-01-05T23:59:59+03:00',
      to_time: 'yesterday',
      _links: { callback_url: `${receiver.url}/p` },
    });
    assert.deepEqual(answer.json, {
      error_code: 400,
      error_message:
        "To time is not a valid ISO-8601 time with an offset; Scope reference can't be blank when scope is till",
    });
  });
});

describe('POST /api/v2/payment_links', () => {
  it('is Active at once, then paid by a customer: Processed and a callback with the link status', async () => {
    const location = await create('payment_links', {
      till_number: '556677',
      currency: 'KES',
      amount: 2300,
      payment_reference: 'INV-00912',
      note: 'Balance for January delivery',
      metadata: { customer: 'C-8812' },
    });
    const active = await show(location);
    assert.equal(active.status, 'Pending');
    assert.equal(active.amount, 2300);
    assert.equal(active.till_name, 'Kilima Traders');
    const link = active.payment_link as Record<string, unknown>;
    assert.equal(link.payment_link_status, 'Active');
    assert.match(String(link.link), new RegExp(`^${sandbox.url}/links/[0-9a-f-]{36}$`));

    await sandbox.settleAll();
    const paid = await show(location);
    assert.equal(paid.status, 'Processed');
    const paidLink = paid.payment_link as Record<string, unknown>;
    assert.equal(paidLink.payment_link_status, 'Paid');
    assert.equal(typeof paidLink.sender_phone_number, 'number');
    assert.match(String(paidLink.transaction_reference), /^[A-Z][A-Z0-9]{9}$/);

    const callback = attributes(callbackFor(location));
    const callbackLink = callback.payment_link as Record<string, unknown>;
    assert.equal(callbackLink.status, 'Paid');
    assert.equal('payment_link_status' in callbackLink, false);
    assert.equal(callbackLink.transaction_reference, paidLink.transaction_reference);
  });

  it('cancels an unpaid link once, and refuses to cancel it again or to cancel a paid link', async () => {
    const unpaid = await create('payment_links', {
      till_number: '556677',
      currency: 'KES',
      amount: '500.05',
    });
    const cancel = await api(token, 'POST', `${unpaid}/cancel`);
    assert.equal(cancel.status, 200);
    assert.deepEqual(cancel.json, { message: 'Payment link cancelled.' });
    const again = await api(token, 'POST', `${unpaid}/cancel`);
    assert.deepEqual(again.json, {
      error_code: 400,
      error_message: 'Payment link has already been cancelled',
    });

    const paid = await create('payment_links', { till_number: '556677', currency: 'KES', amount: 100 });
    await sandbox.settleAll();
    const late = await api(token, 'POST', `${paid}/cancel`);
    assert.equal(late.status, 400);
    assert.deepEqual(late.json, { error_code: 400, error_message: 'Payment link has already been paid' });

    const cancelled = await show(unpaid);
    assert.equal((cancelled.payment_link as Record<string, unknown>).payment_link_status, 'Cancelled');
    assert.equal(callbackFor(unpaid), undefined);
  });

  it('keeps a never-paid link Active after the delay', async () => {
    const location = await create('payment_links', { till_number: '556677', currency: 'KES', amount: 10.05 });
    await sandbox.settleAll();
    const state = await show(location);
    assert.equal(state.status, 'Processed');
    assert.equal((state.payment_link as Record<string, unknown>).payment_link_status, 'Active');
    assert.equal(callbackFor(location), undefined);
  });

  it('answers cancel on an unknown link with 404 and validates the link body', async () => {
    const unknown = await api(token, 'POST', `${sandbox.url}/api/v2/payment_links/nope/cancel`);
    assert.deepEqual(unknown.json, { error_code: 404, error_message: 'Not Found' });
    const invalid = await api(token, 'POST', `${sandbox.url}/api/v2/payment_links`, {
      currency: 'KES',
      amount: { value: 5 },
      callback_url: `${receiver.url}/old-style`,
    });
    assert.deepEqual(invalid.json, {
      error_code: 400,
      error_message: "Till number can't be blank; Amount is invalid; Callback url can't be blank",
    });
  });
});
