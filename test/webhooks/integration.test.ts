/**
 * The real sources through one router in one process: K2 Connect v2 webhooks at /webhooks/k2 and legacy K2
 * POST notifications at /webhooks/k2-legacy, served by the Node adapter on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PaymentDeclinedError, type TenderEvent } from '@tender/core';
import { createK2WebhookSource, signK2Body } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { createRouter, toNodeHandler, type WebhookError, type WebhookRouter } from '@tender/webhooks';
import { close, listen, send } from './support/http.ts';

const API_KEY = 'k2-PLANTED-api-key-51d0';
const LEGACY = { username: 'k2-legacy', password: 'legacy-PLANTED-password-93c2' };

let router: WebhookRouter;
let server: Server;
let base = '';
const seen: TenderEvent[] = [];
const errors: WebhookError[] = [];
/** What the payment handler does next, keyed by account number or K2 reference. */
const behaviour = new Map<string, 'decline-account' | 'decline-invalid' | 'fail-once'>();

before(async () => {
  router = createRouter({
    sources: [
      { name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: API_KEY }) },
      {
        name: 'k2-legacy',
        path: '/webhooks/k2-legacy',
        source: createK2LegacySource({ credentials: LEGACY }),
      },
    ],
  })
    .on('payment.succeeded', (event) => {
      const key = event.accountNumber ?? event.providerReference ?? '';
      const planned = behaviour.get(key);
      if (planned === 'fail-once') {
        behaviour.delete(key);
        throw new Error('ledger unavailable');
      }
      if (planned === 'decline-account') throw new PaymentDeclinedError('account_not_found');
      if (planned === 'decline-invalid') throw new PaymentDeclinedError('invalid_payment');
    })
    .onAny((event) => {
      seen.push(event);
    })
    .onError((error) => {
      errors.push(error);
    });
  server = createServer(toNodeHandler(router));
  base = await listen(server);
});
after(async () => {
  await close(server);
  await router.close();
});
beforeEach(() => {
  seen.length = 0;
  errors.length = 0;
});

function buygoods(eventId: string, reference: string): string {
  return JSON.stringify({
    topic: 'buygoods_transaction_received',
    id: eventId,
    created_at: '2026-01-05T14:02:11+03:00',
    event: {
      type: 'Buygoods Transaction',
      resource: {
        id: `res-${eventId}`,
        amount: '450.0',
        status: 'Received',
        system: 'Lipa Na M-PESA',
        currency: 'KES',
        reference,
        till_number: '556677',
        sender_phone_number: '+254711000111',
        origination_time: '2026-01-05T14:02:09+03:00',
        sender_first_name: 'Amina',
        sender_middle_name: null,
        sender_last_name: 'Otieno',
      },
    },
    _links: {
      self: `https://sandbox.kopokopo.com/webhook_events/${eventId}`,
      resource: `https://sandbox.kopokopo.com/financial_transaction/res-${eventId}`,
    },
  });
}

function postK2(body: string, signature = signK2Body(API_KEY, body), contentType = 'application/json') {
  return send(`${base}/webhooks/k2`, {
    headers: { 'content-type': contentType, 'x-kopokopo-signature': signature },
    chunks: [body],
  });
}

function legacyFields(transactionId: string, account: string): Record<string, string> {
  return {
    k2_account_id: '12',
    k2_transaction_id: transactionId,
    mm_system_id: 'M-PESA',
    mp_transaction_id: `MP${transactionId}`,
    biller_number: '888555',
    transaction_date: '26/4/11',
    transaction_time: '1:03 PM',
    transaction_type: 'Paybill',
    ac_no: account,
    sender: '0723456789',
    first_name: 'John',
    last_name: 'Doe',
    amount: '1500',
    currency: 'KES',
  };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function postLegacy(
  fields: Record<string, string>,
  options: { authorization?: string; inQuery?: boolean } = {},
) {
  const form = new URLSearchParams(fields).toString();
  const authorization = options.authorization ?? basic(LEGACY.username, LEGACY.password);
  if (options.inQuery) {
    return send(`${base}/webhooks/k2-legacy?${form}`, { headers: { authorization, 'content-length': 0 } });
  }
  return send(`${base}/webhooks/k2-legacy`, {
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    chunks: [form],
  });
}

describe('K2 Connect v2 and legacy K2 through one router', () => {
  it('K2: a signed webhook is answered "received" after the handlers ran, once however often it comes', async () => {
    const body = buygoods('7d1c2b3a-4e5f-4061-8a7b-000000000001', 'TAB3CD4EF1');
    const first = await postK2(body);
    assert.deepEqual([first.status, JSON.parse(first.body)], [200, { status: 'received' }]);
    assert.equal(seen.length, 1);
    const [event] = seen;
    assert.equal(event?.type, 'payment.succeeded');
    assert.deepEqual(event?.type === 'payment.succeeded' ? event.amount : undefined, {
      currency: 'KES',
      minor: 45000,
    });
    const again = await postK2(body);
    assert.deepEqual([again.status, JSON.parse(again.body)], [200, { status: 'received' }]);
    assert.equal(seen.length, 1, 'the redelivery did not run the handlers');
  });

  it('K2: a failing handler gets 500 so K2 delivers again, and the redelivery runs the handlers', async () => {
    behaviour.set('TAB3CD4EF2', 'fail-once');
    const body = buygoods('7d1c2b3a-4e5f-4061-8a7b-000000000002', 'TAB3CD4EF2');
    const first = await postK2(body);
    assert.equal(first.status, 500);
    assert.equal(errors[0]?.stage, 'handler');
    const again = await postK2(body);
    assert.equal(again.status, 200);
    assert.equal(seen.length, 2, 'onAny ran on both attempts');
  });

  it('K2: a decline is acknowledged (K2 has no refusal answer)', async () => {
    behaviour.set('TAB3CD4EF3', 'decline-account');
    const reply = await postK2(buygoods('7d1c2b3a-4e5f-4061-8a7b-000000000003', 'TAB3CD4EF3'));
    assert.deepEqual([reply.status, JSON.parse(reply.body)], [200, { status: 'received' }]);
  });

  it('K2: a wrong signature is 401, a form body 415, malformed JSON 400; no key in any answer', async () => {
    const body = buygoods('7d1c2b3a-4e5f-4061-8a7b-000000000004', 'TAB3CD4EF4');
    const forged = await postK2(body, signK2Body('some-other-key', body));
    assert.equal(forged.status, 401);
    const form = await postK2(body, undefined, 'application/x-www-form-urlencoded');
    assert.equal(form.status, 415);
    const broken = await postK2('{"topic":');
    assert.equal(broken.status, 400);
    for (const reply of [forged, form, broken]) assert.ok(!reply.body.includes(API_KEY));
    assert.equal(seen.length, 0);
  });

  it('legacy: accepted is 01, the duplicate is 01 again without running the handlers', async () => {
    const first = await postLegacy(legacyFields('5001', 'A-1'));
    assert.deepEqual(
      [first.status, JSON.parse(first.body)],
      [200, { status: '01', description: 'Accepted' }],
    );
    const again = await postLegacy(legacyFields('5001', 'A-1'));
    assert.deepEqual(JSON.parse(again.body), { status: '01', description: 'Accepted' });
    assert.deepEqual(
      seen.map((event) => event.id),
      ['k2-legacy:5001'],
    );
  });

  it('legacy: a declined payment is 02 or 03, and a redelivery gets the same answer', async () => {
    behaviour.set('NO-SUCH-ACCOUNT', 'decline-account');
    behaviour.set('BAD-PAYMENT', 'decline-invalid');
    const missing = await postLegacy(legacyFields('5002', 'NO-SUCH-ACCOUNT'));
    assert.deepEqual(JSON.parse(missing.body), { status: '02', description: 'Account not Found' });
    const invalid = await postLegacy(legacyFields('5003', 'BAD-PAYMENT'));
    assert.deepEqual(JSON.parse(invalid.body), { status: '03', description: 'Invalid Payment' });
    behaviour.delete('NO-SUCH-ACCOUNT');
    const redelivered = await postLegacy(legacyFields('5002', 'NO-SUCH-ACCOUNT'));
    assert.deepEqual(JSON.parse(redelivered.body), { status: '02', description: 'Account not Found' });
    assert.equal(seen.filter((event) => event.id === 'k2-legacy:5002').length, 1);
  });

  it('legacy: fields in the query string with no body and no content type', async () => {
    const reply = await postLegacy(legacyFields('5004', 'A-4'), { inQuery: true });
    assert.deepEqual(JSON.parse(reply.body), { status: '01', description: 'Accepted' });
    assert.equal(seen[0]?.id, 'k2-legacy:5004');
  });

  it('legacy: a failing handler is 500, wrong credentials 401, a malformed notification 400 naming the field', async () => {
    behaviour.set('FLAKY', 'fail-once');
    assert.equal((await postLegacy(legacyFields('5005', 'FLAKY'))).status, 500);
    assert.equal(JSON.parse((await postLegacy(legacyFields('5005', 'FLAKY'))).body).status, '01');
    const wrong = await postLegacy(legacyFields('5006', 'A-6'), {
      authorization: basic(LEGACY.username, 'nope'),
    });
    assert.equal(wrong.status, 401);
    assert.ok(!wrong.body.includes(LEGACY.password));
    const { amount: _amount, ...withoutAmount } = legacyFields('5007', 'A-7');
    const malformed = await postLegacy(withoutAmount);
    assert.equal(malformed.status, 400);
    assert.match(JSON.parse(malformed.body).error, /amount/);
  });

  it('a K2 body sent to the legacy path is refused (415), not misread', async () => {
    const body = buygoods('7d1c2b3a-4e5f-4061-8a7b-000000000005', 'TAB3CD4EF5');
    const reply = await send(`${base}/webhooks/k2-legacy`, {
      headers: {
        'content-type': 'application/json',
        authorization: basic(LEGACY.username, LEGACY.password),
      },
      chunks: [body],
    });
    assert.equal(reply.status, 415);
    assert.equal(seen.length, 0);
  });
});
