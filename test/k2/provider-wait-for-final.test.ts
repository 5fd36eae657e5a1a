/**
 * k2.waitForFinal: the generic poller from core on top of the K2 provider's status(): it reads the STK
 * push's Location until K2 says Success, and stops at once on an answer a repeat cannot change.
 */
import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'node:test';
import { ProviderError } from '@tender/core';
import nock from 'nock';
import { BASE, TOKEN, tokenEndpoint } from './client-harness.ts';
import { expectPost, testProvider } from './provider-harness.ts';

const ID = '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b';
const PATH = `/api/v2/incoming_payments/${ID}`;

function document(status: string, extra: Record<string, unknown> = {}) {
  return { data: { id: ID, type: 'incoming_payment', attributes: { status, ...extra } } };
}

describe('k2.waitForFinal', () => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it('polls the STK push Location until Success and returns the succeeded operation', async () => {
    const k2 = testProvider();
    expectPost('/api/v2/incoming_payments', ID);
    const operation = await k2.collect({
      amount: { currency: 'KES', minor: 25_000 },
      payer: { phone: '0711000111' },
      reference: 'ORD-1',
    });
    const polls = nock(BASE)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .get(PATH)
      .times(2)
      .reply(200, document('Pending'))
      .get(PATH)
      .reply(200, document('Success'));
    const final = await k2.waitForFinal(operation, { initialDelayMs: 1, maxDelayMs: 2 });
    assert.ok(polls.isDone(), 'three status reads');
    assert.equal(final.status, 'succeeded');
    assert.equal(final.providerStatus, 'Success');
    assert.equal(final.id, ID);
    assert.equal(final.merchantReference, 'ORD-1');
    assert.deepEqual(final.amount, { currency: 'KES', minor: 25_000 });
    assert.deepEqual(final.raw, document('Success'));
  });

  it('stops at once when K2 answers with an error a repeat cannot change (404)', async () => {
    const k2 = testProvider();
    tokenEndpoint();
    const scope = nock(BASE)
      .get(PATH)
      .reply(404, { error_code: 404, error_message: 'Not found' })
      .get(PATH)
      .reply(200, document('Success'));
    const pending = {
      provider: 'k2',
      kind: 'collect',
      id: ID,
      reference: `${BASE}${PATH}`,
      status: 'pending',
      raw: undefined,
    } as const;
    await assert.rejects(k2.waitForFinal(pending, { initialDelayMs: 1 }), (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.status, 404);
      return true;
    });
    assert.equal(scope.pendingMocks().length, 1, 'the second answer was never asked for');
  });
});
