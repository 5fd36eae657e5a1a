/**
 * The K2 Provider's `createLink` and `cancelLink`: every neutral field goes out under K2's name
 * (`reference` → `payment_reference`, `description` → `note`, `metadata`), the operations carry the
 * Location URL as `reference`, the link id as `id`, the amount and the merchant reference; a cancelled
 * link's operation says `cancelled` and `status()` can read it whether the link was named by Location URL
 * or by id; a missing callback URL is refused in neutral terms before anything is sent.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { parseMoney, perform } from '@tender/core';
import nock from 'nock';
import { createK2Provider, type K2Provider } from '../../packages/k2/src/index.ts';
import { assertApiHeaders, BASE, recorder, TOKEN, testClient, tokenEndpoint } from './client-harness.ts';
import { assertRefusedUnsent, expectPost, RESULTS, testProvider } from './provider-harness.ts';

const ID = '0f1e2d3c-4b5a-4697-8877-665544332211';
const PATH = `/api/v2/payment_links/${ID}`;
const LOCATION = `${BASE}${PATH}`;
const kes = (text: string) => parseMoney(text, 'KES');

let k2: K2Provider;

before(() => nock.disableNetConnect());
beforeEach(() => {
  k2 = testProvider();
});
afterEach(() => nock.cleanAll());

/** Expects one `POST /api/v2/payment_links`, answered with the Location of {@link ID}. */
const expectCreate = () => expectPost('/api/v2/payment_links', ID);

/** Expects `times` cancellations of {@link ID}, answered with K2's message. */
function expectCancel(times = 1, message = 'Payment link cancelled.') {
  tokenEndpoint();
  const { seen, reply } = recorder([200, { message }]);
  nock(BASE).post(`${PATH}/cancel`).times(times).reply(reply);
  return seen;
}

describe('k2.createLink: a payment link', () => {
  it('sends reference, description and metadata under their K2 names and returns the pending operation', async () => {
    const seen = expectCreate();

    const operation = await k2.createLink({
      amount: kes('2300'),
      reference: 'INV-00912',
      description: 'Balance for January delivery',
      metadata: { customer: 'C-8812' },
    });

    assertApiHeaders(seen[0]);
    assert.deepEqual(seen[0]?.json, {
      till_number: 'K776655',
      currency: 'KES',
      amount: 2300,
      payment_reference: 'INV-00912',
      note: 'Balance for January delivery',
      metadata: { customer: 'C-8812' },
      _links: { callback_url: RESULTS },
    });
    assert.deepEqual(operation, {
      provider: 'k2',
      kind: 'link',
      id: ID,
      reference: LOCATION,
      status: 'pending',
      merchantReference: 'INV-00912',
      amount: kes('2300'),
      raw: { location: LOCATION, id: ID },
    });
  });

  it('sends only the required fields for a bare request, with the request callback URL over the default', async () => {
    const seen = expectCreate();

    const operation = await perform(k2, 'link', {
      amount: kes('100.05'),
      description: '  ',
      callbackUrl: 'https://shop.example/k2/links',
    });

    assert.deepEqual(seen[0]?.json, {
      till_number: 'K776655',
      currency: 'KES',
      amount: 100.05,
      _links: { callback_url: 'https://shop.example/k2/links' },
    });
    assert.deepEqual(operation, {
      provider: 'k2',
      kind: 'link',
      id: ID,
      reference: LOCATION,
      status: 'pending',
      amount: kes('100.05'),
      raw: { location: LOCATION, id: ID },
    });
  });

  it('refuses a missing callback URL with the neutral error, as collect does', async () => {
    const noDefault = createK2Provider({ client: testClient(), tillNumber: 'K776655' });
    const error = await assertRefusedUnsent(
      () => noDefault.createLink({ amount: kes('1') }),
      ['callbackUrl'],
      'createLink',
    );
    assert.equal(
      error.message,
      "Invalid createLink request for k2: callbackUrl: is required by K2: give it in the request or as the provider's callbackUrl",
    );
  });

  it('names the neutral fields K2 cannot take, and sends nothing', async () => {
    await assertRefusedUnsent(
      () => k2.createLink({ amount: parseMoney('10', 'USD') }),
      ['amount'],
      'createLink',
    );
    await assertRefusedUnsent(
      () => k2.createLink({ amount: kes('10'), metadata: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } }),
      ['metadata'],
      'createLink',
    );
  });
});

describe('k2.cancelLink', () => {
  it('cancels by the Location URL createLink returned and reports the link cancelled', async () => {
    const seen = expectCancel();

    const operation = await k2.cancelLink({ reference: LOCATION });

    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.url, `${LOCATION}/cancel`);
    assertApiHeaders(seen[0]);
    assert.equal(seen[0]?.text, '{}');
    assert.deepEqual(operation, {
      provider: 'k2',
      kind: 'link',
      id: ID,
      reference: LOCATION,
      status: 'cancelled',
      raw: { location: LOCATION, id: ID, message: 'Payment link cancelled.' },
    });
  });

  it('cancels by bare id, whatever K2 words its answer, with the same operation', async () => {
    const seen = expectCancel(1, 'Payment link cancelled successfully');

    const operation = await k2.cancelLink({ reference: ID });

    assert.equal(seen[0]?.url, `${LOCATION}/cancel`);
    assert.deepEqual(operation, {
      provider: 'k2',
      kind: 'link',
      id: ID,
      reference: LOCATION,
      status: 'cancelled',
      raw: { location: LOCATION, id: ID, message: 'Payment link cancelled successfully' },
    });
  });

  for (const [name, reference] of [
    ['the Location URL', LOCATION],
    ['the bare id', ID],
  ] as const) {
    it(`status() reads the operation cancelLink returned for ${name}`, async () => {
      expectCancel();
      const document = nock(BASE)
        .matchHeader('authorization', `Bearer ${TOKEN}`)
        .get(PATH)
        .reply(200, {
          data: {
            id: ID,
            type: 'payment_link',
            attributes: {
              status: 'Processed',
              payment_reference: 'INV-00912',
              currency: 'KES',
              amount: 2300,
              payment_link: {
                payment_link_status: 'Cancelled',
                link: 'https://sandbox.kopokopo.com/links/7a6b',
              },
              metadata: { customer: 'C-8812' },
            },
          },
        });

      const cancelled = await k2.cancelLink({ reference });
      const latest = await k2.status(cancelled);

      assert.ok(document.isDone());
      assert.equal(latest.status, 'cancelled');
      assert.equal(latest.providerStatus, 'Cancelled');
      assert.equal(latest.id, ID);
      assert.equal(latest.reference, LOCATION);
      assert.deepEqual(latest.amount, kes('2300'));
    });
  }

  it('refuses a Location on another host, naming the neutral field, and sends nothing', async () => {
    await assertRefusedUnsent(
      () => k2.cancelLink({ reference: 'https://evil.example/api/v2/payment_links/0f1e' }),
      ['reference'],
      'cancelLink',
    );
  });
});
