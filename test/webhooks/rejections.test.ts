/**
 * Deliveries refused after they were read reach the application through `router.onRejected`: a wrong API
 * key or password on either side fails every delivery, and without the hook only the provider's retries
 * would show it. Served by the Node adapter on 127.0.0.1 with the real K2 and legacy K2 sources.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { isTenderError, type TenderEvent, ValidationError } from '@tender/core';
import { createK2WebhookSource, signK2Body } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { createRouter, toNodeHandler, type WebhookError, type WebhookRouter } from '@tender/webhooks';
import { close, listen, send } from './support/http.ts';

const API_KEY = 'k2-PLANTED-api-key-0b7e';
const LEGACY = { username: 'k2-legacy', password: 'legacy-PLANTED-password-4d21' };

let router: WebhookRouter;
let server: Server;
let base = '';
const rejections: WebhookError[] = [];
const errors: WebhookError[] = [];
const seen: TenderEvent[] = [];

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
    .onAny((event) => {
      seen.push(event);
    })
    .onError((error) => {
      errors.push(error);
    })
    .onRejected((rejection) => {
      rejections.push(rejection);
    });
  server = createServer(toNodeHandler(router));
  base = await listen(server);
});
after(async () => {
  await close(server);
  await router.close();
});
beforeEach(() => {
  rejections.length = 0;
  errors.length = 0;
  seen.length = 0;
});

function buygoods(eventId: string): string {
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
        reference: 'TRJ0000001',
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

function postK2(body: string, signature: string, contentType = 'application/json') {
  return send(`${base}/webhooks/k2`, {
    headers: { 'content-type': contentType, 'x-kopokopo-signature': signature },
    chunks: [body],
  });
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function postLegacy(fields: Record<string, string>, authorization: string) {
  return send(`${base}/webhooks/k2-legacy`, {
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    chunks: [new URLSearchParams(fields).toString()],
  });
}

const legacyFields = {
  k2_account_id: '12',
  k2_transaction_id: '7001',
  mm_system_id: 'M-PESA',
  mp_transaction_id: 'MP7001',
  biller_number: '888555',
  transaction_date: '26/4/11',
  transaction_time: '1:03 PM',
  transaction_type: 'Paybill',
  ac_no: 'A-1',
  sender: '0723456789',
  first_name: 'John',
  last_name: 'Doe',
  amount: '1500',
  currency: 'KES',
};

/** Everything a logger could print of a rejection. */
function printed(rejection: WebhookError): string {
  return `${JSON.stringify(rejection)} ${inspect(rejection)} ${rejection.message}`;
}

describe('router.onRejected', () => {
  it('hears about a K2 webhook signed with another API key: 401, no handler, nothing for onError', async () => {
    const body = buygoods('7d1c2b3a-4e5f-4061-8a7b-00000000r001');
    const reply = await postK2(body, signK2Body('a-stale-api-key', body));
    assert.equal(reply.status, 401);
    assert.equal(rejections.length, 1);
    const [rejection] = rejections;
    assert.ok(rejection && isTenderError(rejection, 'webhook'));
    assert.deepEqual(
      [rejection.stage, rejection.status, rejection.source, rejection.path, rejection.message],
      [
        'rejected',
        401,
        'k2',
        '/webhooks/k2',
        'verification failed: X-KopoKopo-Signature does not match the body',
      ],
    );
    assert.ok(!printed(rejection).includes(API_KEY));
    assert.deepEqual(seen, []);
    assert.deepEqual(errors, [], 'a refusal is not an error of ours');
  });

  it('hears about a legacy notification with wrong Basic credentials: 401, the password in no field', async () => {
    const reply = await postLegacy(legacyFields, basic(LEGACY.username, 'a-stale-password'));
    assert.equal(reply.status, 401);
    assert.deepEqual(
      rejections.map((rejection) => [rejection.stage, rejection.status, rejection.source, rejection.message]),
      [['rejected', 401, 'k2-legacy', 'verification failed: missing or wrong Basic credentials']],
    );
    const [rejection] = rejections;
    assert.ok(rejection);
    assert.ok(!printed(rejection).includes(LEGACY.password));
    assert.ok(!printed(rejection).includes('a-stale-password'));
    assert.deepEqual(seen, []);
    assert.deepEqual(errors, []);
  });

  it('hears about a genuine delivery the source cannot decode: 400, with the ValidationError as cause', async () => {
    const { amount: _amount, ...withoutAmount } = legacyFields;
    const reply = await postLegacy(withoutAmount, basic(LEGACY.username, LEGACY.password));
    assert.equal(reply.status, 400);
    assert.equal(rejections.length, 1);
    const [rejection] = rejections;
    assert.equal(rejection?.status, 400);
    assert.equal(rejection.stage, 'rejected');
    assert.ok(rejection.cause instanceof ValidationError);
    assert.match(rejection.message, /amount/);
    assert.deepEqual(errors, []);
  });

  it('is not told about genuine deliveries, nor about refusals from the head alone (404, 415)', async () => {
    const body = buygoods('7d1c2b3a-4e5f-4061-8a7b-00000000r002');
    assert.equal((await postK2(body, signK2Body(API_KEY, body))).status, 200);
    assert.equal(seen.length, 1);
    assert.equal((await postK2(body, signK2Body(API_KEY, body), 'text/plain')).status, 415);
    const unknown = await send(`${base}/webhooks/elsewhere`, {
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unknown.status, 404);
    assert.deepEqual(rejections, []);
  });

  it('a rejection handler that throws or rejects changes nothing: the answer is still 401', async () => {
    const failing = createRouter({
      sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: API_KEY }) }],
    })
      .onRejected(() => {
        throw new Error('alerting down');
      })
      .onRejected(() => Promise.reject(new Error('alerting down too')));
    const body = buygoods('7d1c2b3a-4e5f-4061-8a7b-00000000r003');
    const answer = await failing.receive({
      method: 'POST',
      path: '/webhooks/k2',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json', 'x-kopokopo-signature': signK2Body('wrong', body) },
      rawBody: new TextEncoder().encode(body),
    });
    assert.equal(answer.status, 401);
    await failing.close();
  });

  it('refuses a handler that is not a function', () => {
    // @ts-expect-error not a function
    assert.throws(() => router.onRejected('alert'), /handler: must be a function/);
  });
});
