import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import type { WebhookRequest, WebhookSource } from '@tender/core';
import { createRouter, type WebhookError, type WebhookLogEntry } from '@tender/webhooks';
import { bodyOf, createFakeSource, FAKE_SECRET, fakeDelivery, sign } from './support/fake-source.ts';

function setup(source: WebhookSource = createFakeSource(), maxBodyBytes?: number) {
  const errors: WebhookError[] = [];
  const logs: WebhookLogEntry[] = [];
  const router = createRouter({
    sources: [{ name: 'fake', path: '/webhooks/fake', source }],
    logger: (entry) => logs.push(entry),
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
  }).onError((error) => {
    errors.push(error);
  });
  return { router, errors, logs };
}

function assertNoSecret(text: string) {
  assert.ok(!text.includes(FAKE_SECRET), `secret leaked in: ${text}`);
}

describe('receive: the pipeline in order', () => {
  it('verifies, decodes, hands every event to its handlers and answers in the source dialect', async () => {
    const { router, logs } = setup();
    const seen: string[] = [];
    router.on('payment.succeeded', (event, context) => {
      seen.push(`${event.id} ${event.amount?.minor} ${event.accountNumber} via ${context.source}`);
    });
    router.on('provider.event', (event) => {
      seen.push(`${event.id} ${event.providerEvent}`);
    });
    const answer = await router.receive(
      fakeDelivery([
        { id: 'p1', type: 'payment', amount: '250', account: 'ACC-7' },
        { id: 'x1', type: 'something-new' },
      ]),
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(bodyOf(answer), { received: true, duplicate: false });
    assert.deepEqual(seen, ['fake:p1 25000 ACC-7 via fake', 'fake:x1 something-new']);
    assert.deepEqual(logs, [
      {
        level: 'info',
        message: 'accepted',
        path: '/webhooks/fake',
        source: 'fake',
        status: 200,
        outcome: 'accepted',
        eventIds: ['fake:p1', 'fake:x1'],
      },
    ]);
  });

  it('routes by path, ignoring trailing slashes, and answers 404 in plain text for unknown paths', async () => {
    const { router, logs } = setup();
    const trailing = await router.receive(
      fakeDelivery([{ id: 't1', type: 'payment' }], { path: '/webhooks/fake/' }),
    );
    assert.equal(trailing.status, 200);
    const unknown = await router.receive(
      fakeDelivery([{ id: 't2', type: 'payment' }], { path: '/webhooks/other' }),
    );
    assert.deepEqual(unknown, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'no webhook source at this path',
    });
    assert.equal(logs.at(-1)?.level, 'warn');
    assert.equal(logs.at(-1)?.source, undefined);
  });

  it('answers 405 with Allow: POST for other methods, in the source dialect', async () => {
    const { router } = setup();
    const answer = await router.receive(fakeDelivery([{ id: 'm1', type: 'payment' }], { method: 'GET' }));
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.allow, 'POST');
    assert.deepEqual(bodyOf(answer), { error: 'method GET is not allowed; use POST' });
  });

  it('answers 415 for a content type the source does not take, and for a body without one', async () => {
    const { router } = setup();
    const wrong = await router.receive(
      fakeDelivery([{ id: 'c1', type: 'payment' }], {
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      }),
    );
    assert.equal(wrong.status, 415);
    assert.deepEqual(bodyOf(wrong), {
      error: 'unsupported Content-Type "text/plain"; send application/json',
    });
    const missing = await router.receive(
      fakeDelivery([{ id: 'c2', type: 'payment' }], { headers: { 'content-type': undefined } }),
    );
    assert.equal(missing.status, 415);
    assert.deepEqual(bodyOf(missing), { error: 'missing Content-Type; send application/json' });
    const parameters = await router.receive(
      fakeDelivery([{ id: 'c3', type: 'payment' }], {
        headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
      }),
    );
    assert.equal(parameters.status, 200, 'media types compare case-insensitively and ignore parameters');
  });

  it('accepts a missing content type when the body is empty (fields in the query string)', async () => {
    const { router } = setup();
    let handled = '';
    router.on('payment.succeeded', (event) => {
      handled = event.id;
    });
    const request: WebhookRequest = {
      method: 'POST',
      path: '/webhooks/fake',
      query: new URLSearchParams({ id: 'q1', type: 'payment' }),
      headers: { 'x-fake-signature': sign('') },
      rawBody: new Uint8Array(0),
    };
    const answer = await router.receive(request);
    assert.equal(answer.status, 200);
    assert.equal(handled, 'fake:q1');
  });

  it('answers 413 for a body over maxBodyBytes without running anything', async () => {
    const { router } = setup(createFakeSource(), 64);
    let ran = false;
    router.onAny(() => {
      ran = true;
    });
    const answer = await router.receive(
      fakeDelivery([{ id: 'big', type: 'payment', account: 'x'.repeat(80) }]),
    );
    assert.equal(answer.status, 413);
    assert.deepEqual(bodyOf(answer), { error: 'body is larger than 64 bytes' });
    assert.equal(ran, false);
  });

  it('answers 401 with the source reason for a missing or wrong signature, never echoing the secret', async () => {
    const { router } = setup();
    const missing = await router.receive(
      fakeDelivery([{ id: 's1', type: 'payment' }], { headers: { 'x-fake-signature': undefined } }),
    );
    assert.equal(missing.status, 401);
    assert.deepEqual(bodyOf(missing), { error: 'verification failed: missing X-Fake-Signature header' });
    const wrong = await router.receive(
      fakeDelivery([{ id: 's2', type: 'payment' }], { headers: { 'x-fake-signature': sign('other body') } }),
    );
    assert.equal(wrong.status, 401);
    assert.deepEqual(bodyOf(wrong), {
      error: 'verification failed: X-Fake-Signature does not match the body',
    });
    assertNoSecret(missing.body + wrong.body);
  });

  it('verifies the exact bytes: re-serialised JSON with the same meaning fails', async () => {
    const { router } = setup();
    const body = '{ "events": [ { "id": "b1", "type": "payment" } ] }';
    const request = fakeDelivery([], { body });
    const tampered = { ...request, rawBody: new TextEncoder().encode(JSON.stringify(JSON.parse(body))) };
    assert.equal((await router.receive(request)).status, 200);
    assert.equal((await router.receive(tampered)).status, 401);
  });

  it('answers 400 listing every malformed field', async () => {
    const { router, errors } = setup();
    const answer = await router.receive(
      fakeDelivery([], { body: JSON.stringify({ events: [{ id: '', type: 'payment', amount: '1.5' }] }) }),
    );
    assert.equal(answer.status, 400);
    const { error } = bodyOf(answer) as { error: string };
    assert.match(error, /^Invalid fake delivery: /);
    assert.match(error, /events\.0\.id/);
    assert.match(error, /events\.0\.amount: must be whole shillings/);
    const notJson = await router.receive(fakeDelivery([], { body: '{"events":' }));
    assert.deepEqual(bodyOf(notJson), { error: 'Invalid fake delivery: body is not JSON' });
    assert.equal(errors.length, 0, 'bad input is not an error of ours');
  });
});

describe('receive: failures inside sources become 500 "failed", reported, never thrown', () => {
  const boom = () => {
    throw new Error(`boom with ${FAKE_SECRET}`);
  };

  for (const stage of ['verify', 'decode'] as const) {
    it(`a source whose ${stage}() throws`, async () => {
      const { router, errors, logs } = setup({ ...createFakeSource(), [stage]: boom });
      const answer = await router.receive(fakeDelivery([{ id: `${stage}1`, type: 'payment' }]));
      assert.equal(answer.status, 503, 'the fake dialect answers failed with 503');
      assert.deepEqual(bodyOf(answer), { retry: true });
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.stage, stage);
      assert.equal(errors[0]?.status, 500);
      assert.equal(errors[0]?.source, 'fake');
      assert.equal(logs.at(-1)?.level, 'error');
      assert.equal(logs.at(-1)?.outcome, 'failed');
    });
  }

  it('a source whose decode() returns an event without an id', async () => {
    const source = createFakeSource();
    const { router, errors } = setup({
      ...source,
      decode: async (request) => (await source.decode(request)).map((event) => ({ ...event, id: '' })),
    });
    const answer = await router.receive(fakeDelivery([{ id: 'n1', type: 'payment' }]));
    assert.equal(answer.status, 503);
    assert.ok(errors[0]?.cause instanceof TypeError);
    assert.match(errors[0].cause.message, /without an id/);
  });

  it('a source whose answer() throws gets a plain 500', async () => {
    const { router, errors } = setup({ ...createFakeSource(), answer: boom });
    const answer = await router.receive(fakeDelivery([{ id: 'a1', type: 'payment' }]));
    assert.deepEqual(answer, {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'internal error while answering',
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(errors[0]?.stage, 'answer');
  });

  it('a store that throws makes the delivery fail and be reported', async () => {
    const router = createRouter({
      sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
      store: {
        claim: () => Promise.reject(new Error('database is locked')),
        complete: () => Promise.resolve(),
        release: () => Promise.resolve(),
      },
    });
    const errors: WebhookError[] = [];
    router.onError((error) => {
      errors.push(error);
    });
    let ran = false;
    router.onAny(() => {
      ran = true;
    });
    const answer = await router.receive(fakeDelivery([{ id: 'st1', type: 'payment' }]));
    assert.equal(answer.status, 503);
    assert.equal(ran, false);
    assert.equal(errors[0]?.stage, 'store');
    assert.equal(errors[0]?.event?.id, 'fake:st1');
  });

  it('reports errors in a safe form: no payload in toJSON or inspect', async () => {
    const { router, errors } = setup();
    router.on('payment.succeeded', () => {
      throw new Error('ledger unavailable');
    });
    await router.receive(fakeDelivery([{ id: 'e1', type: 'payment', account: 'PAYER-PHONE-0711000111' }]));
    const [error] = errors;
    assert.ok(error);
    assert.deepEqual(error.toJSON(), {
      name: 'WebhookError',
      code: 'webhook',
      message: 'a handler failed for event fake:e1 (payment.succeeded)',
      stage: 'handler',
      status: 500,
      path: '/webhooks/fake',
      source: 'fake',
      eventId: 'fake:e1',
      eventType: 'payment.succeeded',
      cause: 'Error: ledger unavailable',
    });
    assert.ok(!inspect(error).includes('PAYER-PHONE'));
    assert.ok(!JSON.stringify(error).includes('PAYER-PHONE'));
    assert.ok(!Object.keys(error).includes('event'), 'loggers copying own fields skip the payload');
    assert.equal(
      error.event?.type === 'payment.succeeded' && error.event.accountNumber,
      'PAYER-PHONE-0711000111',
    );
  });

  it('a logger that throws does not break deliveries', async () => {
    const router = createRouter({
      sources: [{ name: 'fake', path: '/webhooks/fake', source: createFakeSource() }],
      logger: () => {
        throw new Error('log sink down');
      },
    });
    assert.equal((await router.receive(fakeDelivery([{ id: 'l1', type: 'payment' }]))).status, 200);
  });
});
