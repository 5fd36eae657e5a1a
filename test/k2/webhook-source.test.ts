import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { ValidationError, type WebhookOutcome, type WebhookRequest } from '@tender/core';
import { signK2Body } from '../../packages/k2/src/webhooks/signature.ts';
import { createK2WebhookSource } from '../../packages/k2/src/webhooks/source.ts';
import { fixtureBytes } from './webhook-fixtures.ts';

const API_KEY = 'k2_api_key_9f8e7d6c5b4a';
const PREVIOUS_KEY = 'k2_api_key_0a1b2c3d4e5f';

function delivery(
  body: Uint8Array | string,
  headers: Record<string, string | undefined> = {},
): WebhookRequest {
  return {
    method: 'POST',
    path: '/webhooks/k2',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...headers },
    rawBody: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  };
}

const signed = (body: Uint8Array | string, key = API_KEY) =>
  delivery(body, { 'x-kopokopo-signature': signK2Body(key, body) });

describe('createK2WebhookSource', () => {
  const source = createK2WebhookSource({ apiKeys: [API_KEY, PREVIOUS_KEY] });

  it('describes itself for the router: provider k2, JSON only', () => {
    assert.equal(source.provider, 'k2');
    assert.deepEqual(source.contentTypes, ['application/json']);
  });

  it('verifies the signature header over the raw bytes, with any configured key', async () => {
    const body = fixtureBytes('webhook-buygoods-received');
    assert.deepEqual(await source.verify(signed(body)), { ok: true });
    assert.deepEqual(await source.verify(signed(body, PREVIOUS_KEY)), { ok: true });
    assert.equal((await source.verify(signed(body, 'somebody-else'))).ok, false);
    assert.equal((await source.verify(delivery(body))).ok, false, 'no header');
    const reformatted = JSON.stringify(JSON.parse(body.toString('utf8')), null, 2);
    const verdict = await source.verify(
      delivery(reformatted, { 'x-kopokopo-signature': signK2Body(API_KEY, body) }),
    );
    assert.equal(verdict.ok, false, 'the same JSON with other bytes is not what was signed');
  });

  it('decodes the verified bytes into events, whitespace and all', async () => {
    const body = fixtureBytes('webhook-customer-created');
    const events = await source.decode(signed(body));
    assert.deepEqual(
      events.map((event) => [event.type, event.id]),
      [['customer.created', 'k2:webhook:c0ffee00-1111-4a2b-8c3d-000000000011']],
    );
    const pretty = JSON.stringify(JSON.parse(body.toString('utf8')), null, 2);
    assert.deepEqual(
      (await source.decode(signed(pretty))).map((event) => event.id),
      ['k2:webhook:c0ffee00-1111-4a2b-8c3d-000000000011'],
    );
    const polling = await source.decode(signed(fixtureBytes('result-polling')));
    assert.equal(polling.length, 5);
  });

  it('refuses malformed JSON, bad UTF-8 and schema breaks with a ValidationError', () => {
    for (const body of ['{"topic":', 'not json', '', '{"hello":"world"}', '{"topic":"customer_created"}']) {
      assert.throws(() => source.decode(signed(body)), ValidationError, body);
    }
    assert.throws(
      () => source.decode(signed(new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]))),
      ValidationError,
    );
  });

  it('answers in K2 terms: 200 when handled, declined or a duplicate; 500 to be delivered again; refusals as given', () => {
    const answers = (
      [
        { kind: 'accepted', duplicate: false },
        { kind: 'accepted', duplicate: true },
        { kind: 'declined', reason: 'account_not_found', message: 'no such account' },
        { kind: 'failed' },
        { kind: 'rejected', status: 401, message: 'X-KopoKopo-Signature does not match the body' },
        { kind: 'rejected', status: 400, message: 'Invalid K2 webhook: id: must not be empty' },
        { kind: 'rejected', status: 415, message: 'expected application/json' },
      ] satisfies WebhookOutcome[]
    ).map((outcome) => source.answer(outcome));
    assert.deepEqual(
      answers.map((answer) => [answer.status, JSON.parse(answer.body)]),
      [
        [200, { status: 'received' }],
        [200, { status: 'received' }],
        [200, { status: 'received' }],
        [500, { error: 'not processed; please deliver again' }],
        [401, { error: 'X-KopoKopo-Signature does not match the body' }],
        [400, { error: 'Invalid K2 webhook: id: must not be empty' }],
        [415, { error: 'expected application/json' }],
      ],
    );
    for (const answer of answers) assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  });

  it('never shows an API key: not in inspect, JSON, answers or verification reasons', async () => {
    const body = fixtureBytes('webhook-customer-created');
    const shown = [
      inspect(source, { depth: 10, showHidden: true }),
      JSON.stringify(source),
      JSON.stringify(await source.verify(signed(body, 'wrong'))),
      JSON.stringify(await source.verify(delivery(body, { 'x-kopokopo-signature': 'garbage' }))),
      source.answer({ kind: 'failed' }).body,
    ].join('\n');
    for (const key of [API_KEY, PREVIOUS_KEY]) assert.ok(!shown.includes(key));
  });

  it('needs at least one non-empty key', () => {
    for (const apiKeys of [[], '', ['', '  ']] as const) {
      assert.throws(
        () => createK2WebhookSource({ apiKeys }),
        (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'apiKeys',
      );
    }
    const single = createK2WebhookSource({ apiKeys: API_KEY });
    const body = fixtureBytes('webhook-customer-created');
    assert.deepEqual(single.verify(signed(body)), { ok: true });
  });
});
