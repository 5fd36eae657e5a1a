/**
 * Webhook triggers (reference §4): every topic reaches a receiver signed over the exact bytes, in the K2
 * envelope with the right event type and links, or in the flat Daraja form; subscriptions route events by
 * event type; the standalone sendWebhook does the same without a sandbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { K2_WEBHOOK_TOPICS, type Sandbox, sendWebhook, startSandbox } from '@tender/sandbox';
import { api, fetchToken } from './support/client.ts';
import { expectedSignature, type Receiver, startReceiver } from './support/receiver.ts';

const API_KEY = 'webhook_key_41c';
let sandbox: Sandbox;
let receiver: Receiver;

before(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY, callbackDelayMs: 20, retryBackoffMs: 5 });
  receiver = await startReceiver((delivered) => ({
    status: delivered.path === '/refuse' ? 401 : 200,
    body: JSON.stringify({ seen: delivered.path }),
  }));
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

interface Envelope {
  topic: string;
  id: string;
  created_at: string;
  event: { type: string; resource: Record<string, unknown> };
  _links: { self: string; resource: string };
}

const EVENT_TYPES: Record<string, [string, string]> = {
  buygoods_transaction_received: ['Buygoods Transaction', 'financial_transaction'],
  buygoods_transaction_reversed: ['Buygoods Transaction', 'financial_transaction'],
  b2b_transaction_received: ['External Till to Till Transaction', 'financial_transaction'],
  b2b_transaction_reversed: ['External Till To Till Reversal Transaction', 'financial_transaction'],
  settlement_transfer_completed: ['Settlement Transfer', 'transfer_batch'],
  customer_created: ['Customer Created', 'mobile_money_user'],
  card_transaction_received: ['Card Transaction', 'financial_transaction'],
  card_transaction_voided: ['Card Transaction', 'financial_transaction'],
  card_transaction_reversed: ['Card Transaction', 'financial_transaction'],
  m2m_transaction_received: ['Merchant to Merchant Transaction', 'payment_batches'],
};

function lastDelivery(path: string) {
  const delivered = receiver.received.findLast((candidate) => candidate.path === path);
  assert.ok(delivered, `a delivery reached ${path}`);
  assert.equal(delivered.headers['x-kopokopo-signature'], expectedSignature(API_KEY, delivered.body));
  assert.equal(delivered.headers['content-type'], 'application/json');
  return delivered;
}

describe('sandbox.trigger to a URL', () => {
  for (const topic of K2_WEBHOOK_TOPICS) {
    it(`sends ${topic} in the K2 envelope, signed, and returns the receiver's answer`, async () => {
      const path = `/hooks/${topic}`;
      const results = await sandbox.trigger(topic, { to: `${receiver.url}${path}` });
      assert.deepEqual(results, [
        { url: `${receiver.url}${path}`, status: 200, body: JSON.stringify({ seen: path }), attempts: 1 },
      ]);
      const delivered = lastDelivery(path);
      const payload = JSON.parse(delivered.body) as Envelope;
      assert.equal(delivered.body, JSON.stringify(payload), 'compact JSON');
      assert.deepEqual(Object.keys(payload), ['topic', 'id', 'created_at', 'event', '_links']);
      assert.equal(payload.topic, topic);
      assert.match(payload.id, /^[0-9a-f-]{36}$/);
      assert.match(payload.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
      const [eventType, collection] = EVENT_TYPES[topic] ?? [];
      assert.equal(payload.event.type, eventType);
      assert.equal(payload._links.self, `${sandbox.url}/webhook_events/${payload.id}`);
      assert.match(payload._links.resource, new RegExp(`^${sandbox.url}/${collection}/[0-9a-f-]{36}$`));
      const { resource } = payload.event;
      if (topic === 'customer_created') {
        assert.match(String(resource.phone_number), /^\+2547\d{8}$/);
        assert.equal(typeof resource.first_name, 'string');
      } else {
        assert.match(String(resource.amount), /^\d+\.\d{1,2}$/);
        assert.equal(resource.currency, 'KES');
        assert.equal(payload._links.resource.endsWith(String(resource.id)), true);
      }
    });
  }

  it('fills buy-goods resources with Kenyan payers, +2547 phones, M-PESA references and string amounts', async () => {
    await sandbox.trigger('buygoods_transaction_received', { to: `${receiver.url}/buygoods` });
    const { resource } = (JSON.parse(lastDelivery('/buygoods').body) as Envelope).event;
    assert.equal(resource.status, 'Received');
    assert.equal(resource.system, 'Lipa Na M-PESA');
    assert.match(String(resource.reference), /^[A-Z][A-Z0-9]{9}$/);
    assert.match(String(resource.sender_phone_number), /^\+2547\d{8}$/);
    assert.match(String(resource.hashed_sender_phone), /^[0-9a-f]{64}$/);
    assert.match(String(resource.amount), /^\d+\.0$/);
    assert.match(String(resource.origination_time), /\+03:00$/);
    assert.equal(typeof resource.sender_first_name, 'string');
  });

  it('applies overrides to the resource and reuses a given event id', async () => {
    await sandbox.trigger('b2b_transaction_received', {
      to: `${receiver.url}/b2b`,
      eventId: '11111111-2222-4333-8444-555555555555',
      overrides: { amount: '1250.0', id: 'fixed-resource-id' },
    });
    const payload = JSON.parse(lastDelivery('/b2b').body) as Envelope;
    assert.equal(payload.id, '11111111-2222-4333-8444-555555555555');
    assert.equal(payload.event.resource.amount, '1250.0');
    assert.equal(payload.event.resource.status, 'Complete');
    assert.equal(payload._links.resource, `${sandbox.url}/financial_transaction/fixed-resource-id`);
  });

  for (const topic of ['buygoods_transaction_received', 'b2b_transaction_received'] as const) {
    it(`sends ${topic} in the flat Daraja form`, async () => {
      const path = `/daraja/${topic}`;
      await sandbox.trigger(topic, { to: `${receiver.url}${path}`, daraja: true });
      const body = JSON.parse(lastDelivery(path).body) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body), [
        'TransactionType',
        'TransID',
        'TransTime',
        'TransAmount',
        'BusinessShortCode',
        'BillRefNumber',
        'InvoiceNumber',
        'OrgAccountBalance',
        'ThirdPartyTransID',
        'MSISDN',
        'FirstName',
        'MiddleName',
        'LastName',
      ]);
      assert.equal('topic' in body, false);
      assert.match(String(body.TransTime), /^\d{14}$/);
      assert.match(String(body.TransID), /^[A-Z][A-Z0-9]{9}$/);
      assert.match(String(body.TransAmount), /^\d+\.0$/);
      if (topic === 'buygoods_transaction_received') assert.match(String(body.MSISDN), /^\+2547\d{8}$/);
    });
  }

  it('refuses the Daraja form for other topics and unknown topics', async () => {
    await assert.rejects(sandbox.trigger('customer_created', { to: receiver.url, daraja: true }), RangeError);
    await assert.rejects(
      sandbox.trigger('payment_received' as 'customer_created', { to: receiver.url }),
      /Unknown webhook topic "payment_received"/,
    );
  });

  it("returns a receiver's refusal as it answered, after the retries", async () => {
    const [result] = await sandbox.trigger('customer_created', { to: `${receiver.url}/refuse` });
    assert.equal(result?.status, 401);
    assert.equal(result?.attempts, 4);
  });
});

describe('sandbox.trigger to subscriptions', () => {
  it('sends to every subscription of the topic, in the format each asked for', async () => {
    const token = await fetchToken(sandbox);
    const subscribe = (url: string, daraja: boolean) =>
      api(token, 'POST', `${sandbox.url}/api/v2/webhook_subscriptions`, {
        event_type: 'buygoods_transaction_received',
        url,
        scope: 'till',
        scope_reference: '556677',
        enable_daraja_payload: daraja,
      });
    await subscribe(`${receiver.url}/sub/envelope`, false);
    await subscribe(`${receiver.url}/sub/daraja`, true);
    await api(token, 'POST', `${sandbox.url}/api/v2/webhook_subscriptions`, {
      event_type: 'customer_created',
      url: `${receiver.url}/sub/customers`,
      scope: 'company',
    });

    const results = await sandbox.trigger('buygoods_transaction_received');
    assert.deepEqual(results.map((result) => [result.url, result.status]).sort(), [
      [`${receiver.url}/sub/daraja`, 200],
      [`${receiver.url}/sub/envelope`, 200],
    ]);
    const envelope = JSON.parse(lastDelivery('/sub/envelope').body) as Envelope;
    const daraja = JSON.parse(lastDelivery('/sub/daraja').body) as Record<string, unknown>;
    assert.equal(envelope.topic, 'buygoods_transaction_received');
    assert.equal(daraja.TransID, envelope.event.resource.reference, 'one transaction in two formats');
    assert.equal(
      receiver.received.some((delivered) => delivered.path === '/sub/customers'),
      false,
    );
    const webhookLog = sandbox.deliveries().filter((delivery) => delivery.kind === 'webhook');
    assert.ok(webhookLog.some((delivery) => delivery.url.endsWith('/sub/daraja')));
  });

  it('returns no results when nothing subscribes to the topic', async () => {
    assert.deepEqual(await sandbox.trigger('m2m_transaction_received'), []);
  });
});

describe('sendWebhook without a sandbox', () => {
  it("signs with the given key and links to K2's sandbox host", async () => {
    const result = await sendWebhook({
      topic: 'settlement_transfer_completed',
      to: `${receiver.url}/standalone`,
      apiKey: 'demo_api_key_123',
    });
    assert.equal(result.status, 200);
    const delivered = receiver.received.findLast((candidate) => candidate.path === '/standalone');
    assert.equal(
      delivered?.headers['x-kopokopo-signature'],
      expectedSignature('demo_api_key_123', delivered?.body ?? ''),
    );
    const payload = JSON.parse(delivered?.body ?? '{}') as Envelope;
    assert.match(payload._links.self, /^https:\/\/sandbox\.kopokopo\.com\/webhook_events\//);
    assert.equal(payload.event.resource.status, 'Transferred');
  });
});
