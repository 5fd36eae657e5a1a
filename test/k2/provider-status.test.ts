import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'node:test';
import type { Operation } from '@tender/core';
import nock from 'nock';
import { createK2Provider } from '../../packages/k2/src/index.ts';
import { BASE, TOKEN, testClient, tokenEndpoint } from './client-harness.ts';

function operationAt(path: string, kind: Operation['kind']): Operation {
  return {
    provider: 'k2',
    kind,
    id: path.split('/').at(-1) ?? '',
    reference: `${BASE}${path}`,
    status: 'pending',
    raw: undefined,
  };
}

function serve(path: string, attributes: Record<string, unknown>, type: string) {
  return nock(BASE)
    .matchHeader('authorization', `Bearer ${TOKEN}`)
    .get(path)
    .reply(200, { data: { id: path.split('/').at(-1), type, attributes } });
}

describe('K2 provider status()', () => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  const cases: [string, string, Record<string, unknown>, string, string][] = [
    ['/api/v2/incoming_payments/a1', 'incoming_payment', { status: 'Pending' }, 'pending', 'Pending'],
    ['/api/v2/incoming_payments/a2', 'incoming_payment', { status: 'Success' }, 'succeeded', 'Success'],
    ['/api/v2/send_money/s1', 'send_money', { status: 'Scheduled' }, 'pending', 'Scheduled'],
    ['/api/v2/send_money/s2', 'send_money', { status: 'Processed' }, 'succeeded', 'Processed'],
    ['/api/v2/reversals/r1', 'reversals', { status: 'Received' }, 'pending', 'Received'],
    ['/api/v2/reversals/r2', 'reversal', { status: 'Mystery' }, 'unknown', 'Mystery'],
  ];
  for (const [path, type, attributes, status, providerStatus] of cases) {
    it(`${type} ${providerStatus} -> ${status}`, async () => {
      const k2 = createK2Provider({ client: testClient(), tillNumber: 'K776655' });
      tokenEndpoint();
      const scope = serve(path, attributes, type);
      const result = await k2.status(operationAt(path, 'collect'));
      assert.equal(result.status, status);
      assert.equal(result.providerStatus, providerStatus);
      assert.ok(scope.isDone());
    });
  }

  it('reports why an STK push failed', async () => {
    const k2 = createK2Provider({ client: testClient(), tillNumber: 'K776655' });
    tokenEndpoint();
    serve(
      '/api/v2/incoming_payments/f1',
      { status: 'Failed', event: { resource: null, errors: 'Request cancelled by user' } },
      'incoming_payment',
    );
    const result = await k2.status(operationAt('/api/v2/incoming_payments/f1', 'collect'));
    assert.deepEqual([result.status, result.failureReason], ['failed', 'Request cancelled by user']);
  });

  it('uses a payment link own state and offers its URL', async () => {
    const k2 = createK2Provider({ client: testClient(), tillNumber: 'K776655' });
    tokenEndpoint();
    serve(
      '/api/v2/payment_links/l1',
      {
        status: 'Processed',
        amount: '2300',
        currency: 'KES',
        payment_link: { payment_link_status: 'Active', link: 'https://sandbox.kopokopo.com/links/l1' },
      },
      'payment_link',
    );
    const active = await k2.status(operationAt('/api/v2/payment_links/l1', 'link'));
    assert.equal(active.status, 'pending');
    assert.deepEqual(active.nextAction, { type: 'redirect', url: 'https://sandbox.kopokopo.com/links/l1' });
    assert.deepEqual(active.amount, { currency: 'KES', minor: 230000 });
    serve(
      '/api/v2/payment_links/l1',
      { status: 'Processed', payment_link: { status: 'Cancelled' } },
      'payment_link',
    );
    assert.equal((await k2.status(operationAt('/api/v2/payment_links/l1', 'link'))).status, 'cancelled');
  });

  it('client readers parse the document and refuse a resource of another type', async () => {
    const client = testClient();
    tokenEndpoint();
    serve(
      '/api/v2/incoming_payments/t1',
      { status: 'Success', metadata: { reference: 'ORD-1' } },
      'incoming_payment',
    );
    const resource = await client.incomingPayments.status(`${BASE}/api/v2/incoming_payments/t1`);
    assert.deepEqual(
      [resource.id, resource.type, resource.status, resource.metadata],
      ['t1', 'incoming_payment', 'Success', { reference: 'ORD-1' }],
    );
    serve('/api/v2/send_money/t2', { status: 'Processed' }, 'send_money');
    await assert.rejects(
      () => client.incomingPayments.status(`${BASE}/api/v2/send_money/t2`),
      /send_money resource, not incoming_payment/,
    );
  });
});
