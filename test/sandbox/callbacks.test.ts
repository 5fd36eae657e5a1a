/**
 * Result-callback delivery: signed with the API key over the exact bytes sent, retried with backoff while
 * the receiver answers non-2xx or not at all, and recorded with every answer in the delivery log.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { type Sandbox, startSandbox } from '@tender/sandbox';
import { api, fetchToken } from './support/client.ts';
import { expectedSignature, type Receiver, startReceiver } from './support/receiver.ts';

const API_KEY = 'callback_api_key_9d2';
let sandbox: Sandbox;
let token: string;
let receiver: Receiver | undefined;

before(async () => {
  sandbox = await startSandbox({
    callbackDelayMs: 10,
    apiKey: API_KEY,
    deliveryAttempts: 3,
    retryBackoffMs: 5,
  });
  token = await fetchToken(sandbox);
});
after(() => sandbox.close());
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function reversal(callbackUrl: string) {
  return {
    transaction_reference: 'TQB7XK2M9P',
    reason: 'Customer paid twice',
    _links: { callback_url: callbackUrl },
  };
}

describe('result callbacks', () => {
  it('retries a receiver answering 500 until it answers 200, with the same signed bytes each time', async () => {
    receiver = await startReceiver((_, count) =>
      count < 3 ? { status: 500, body: 'boom' } : { status: 200 },
    );
    const created = await api(
      token,
      'POST',
      `${sandbox.url}/api/v2/reversals`,
      reversal(`${receiver.url}/cb`),
    );
    assert.equal(created.status, 201);
    await sandbox.idle();

    assert.equal(receiver.received.length, 3);
    const [first] = receiver.received;
    for (const delivered of receiver.received) {
      assert.equal(delivered.body, first?.body);
      assert.equal(delivered.headers['x-kopokopo-signature'], expectedSignature(API_KEY, delivered.body));
    }
    const record = sandbox.deliveries().find((delivery) => delivery.url === `${receiver?.url}/cb`);
    assert.equal(record?.kind, 'callback');
    assert.equal(record?.label, 'reversal');
    assert.deepEqual(
      record?.attempts.map((attempt) => [attempt.status, attempt.body]),
      [
        [500, 'boom'],
        [500, 'boom'],
        [200, ''],
      ],
    );
    assert.deepEqual(record?.result, { url: `${receiver.url}/cb`, status: 200, body: '', attempts: 3 });
    assert.equal(record?.body, first?.body);
    assert.equal(record?.headers['x-kopokopo-signature'], expectedSignature(API_KEY, first?.body ?? ''));
  });

  it('gives up after the configured number of attempts and records the last answer', async () => {
    receiver = await startReceiver(() => ({ status: 503, body: '{"retry":"later"}' }));
    await api(token, 'POST', `${sandbox.url}/api/v2/reversals`, reversal(`${receiver.url}/down`));
    await sandbox.idle();
    assert.equal(receiver.received.length, 3);
    const record = sandbox.deliveries().find((delivery) => delivery.url === `${receiver?.url}/down`);
    assert.equal(record?.result?.status, 503);
    assert.equal(record?.result?.body, '{"retry":"later"}');
    assert.equal(record?.result?.attempts, 3);
  });

  it('records a receiver that cannot be reached as attempts without a status', async () => {
    receiver = await startReceiver();
    const unreachable = `${receiver.url}/gone`;
    await receiver.close();
    receiver = undefined;
    await api(token, 'POST', `${sandbox.url}/api/v2/reversals`, reversal(unreachable));
    await sandbox.idle();
    const record = sandbox.deliveries().find((delivery) => delivery.url === unreachable);
    assert.equal(record?.attempts.length, 3);
    assert.equal(record?.result?.status, null);
    assert.match(record?.result?.error ?? '', /ECONNREFUSED/);
  });
});
