import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TenderEvent } from '@tender/core';
import { decodeK2Payload } from '../../packages/k2/src/webhooks/decode.ts';
import { decodeFixture, fixtureJson } from './webhook-fixtures.ts';

const POLLING_ID = '0e1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b';
const ITEM_ID = new RegExp(`^k2:polling:${POLLING_ID}:item:[0-9a-f]{16}(?::\\d+)?$`);
const KNOWN_IDS = [
  'k2:transaction:SJK4PQ7RT2:received',
  'k2:transaction:SKL2MN3OP4:received',
  'k2:transaction:9d8c7b6a-5f4e-4d3c-8b2a-190817263544:received',
  'k2:transaction:SJK4PQ7RT2:reversed',
];

type Document = { data: { id: string; attributes: { transactions: unknown[] } & Record<string, unknown> } };

/** The polling fixture with `extra` items after its four known ones (or instead of them). */
function pollingWith(extra: unknown[], keepKnown = true): Document {
  const document = structuredClone(fixtureJson('result-polling')) as Document;
  document.data.attributes.transactions = [
    ...(keepKnown ? document.data.attributes.transactions : []),
    ...extra,
  ];
  return document;
}

function transactionIds(events: TenderEvent[]): string[] {
  const [completed] = events;
  assert.equal(completed?.type, 'polling.completed');
  return completed.type === 'polling.completed' ? [...completed.transactionIds] : [];
}

const NO_KEY = {
  type: 'Buygoods Transaction',
  resource: {
    amount: '450.0',
    status: 'Received',
    currency: 'KES',
    origination_time: '2026-03-15T12:00:00+03:00',
  },
};
const SETTLEMENT = {
  type: 'Settlement Transfer',
  resource: { id: 'st-1', amount: '30000.0', status: 'Transferred', currency: 'KES' },
};

describe('K2 polling results: nothing polled is dropped', () => {
  it('an item with neither id nor reference -> provider.event, listed in transactionIds', () => {
    const document = pollingWith([NO_KEY], false);
    const events = decodeK2Payload(document);
    assert.equal(events.length, 2);
    const [, item] = events;
    assert.equal(item?.type, 'provider.event');
    assert.match(item?.id ?? '', ITEM_ID);
    assert.equal(item?.provider, 'k2');
    assert.equal(item?.providerEvent, 'Buygoods Transaction');
    assert.equal(item?.providerReference, undefined);
    assert.equal(item?.occurredAt.toISOString(), '2026-03-15T09:00:00.000Z');
    assert.deepEqual(item?.raw, document);
    assert.deepEqual(transactionIds(events), [item?.id]);
  });

  it('a null or missing resource -> provider.event at the polling result time', () => {
    const document = pollingWith(
      [{ type: 'Buygoods Transaction', resource: null }, { type: 'Buygoods Transaction' }],
      false,
    );
    document.data.attributes.created_at = '2026-03-19T08:00:00+03:00';
    const events = decodeK2Payload(document);
    assert.deepEqual(
      events.map((event) => [event.type, event.providerEvent, event.occurredAt.toISOString()]),
      [
        ['polling.completed', 'polling', '2026-03-19T05:00:00.000Z'],
        ['provider.event', 'Buygoods Transaction', '2026-03-19T05:00:00.000Z'],
        ['provider.event', 'Buygoods Transaction', '2026-03-19T05:00:00.000Z'],
      ],
    );
    const ids = transactionIds(events);
    assert.equal(new Set(ids).size, 2, 'null and missing resources are different items');
    for (const id of ids) assert.match(id, ITEM_ID);
  });

  it('an unknown type -> provider.event named after it, not a payment with channel other', () => {
    const events = decodeK2Payload(pollingWith([SETTLEMENT, { resource: { id: 'x-1' } }], false));
    const [, settlement, untyped] = events;
    assert.equal(settlement?.type, 'provider.event');
    assert.equal(settlement?.providerEvent, 'Settlement Transfer');
    assert.equal(settlement?.providerReference, 'st-1');
    assert.equal('channel' in (settlement ?? {}), false);
    assert.equal('payer' in (settlement ?? {}), false);
    assert.equal(untyped?.type, 'provider.event');
    assert.equal(untyped?.providerEvent, 'polling_transaction');
    assert.equal(untyped?.providerReference, 'x-1');
    assert.deepEqual(
      transactionIds(events),
      events.slice(1).map((event) => event.id),
    );
  });

  it('known items keep their ids and order among passed-through ones', () => {
    const document = pollingWith([SETTLEMENT, NO_KEY]);
    document.data.attributes.transactions.splice(1, 0, { type: 'Buygoods Transaction', resource: null });
    const events = decodeK2Payload(document);
    const ids = transactionIds(events);
    assert.deepEqual(
      ids,
      events.slice(1).map((event) => event.id),
    );
    assert.deepEqual(
      ids.filter((id) => id.startsWith('k2:transaction:')),
      KNOWN_IDS,
    );
    assert.equal(ids.length, 7);
    assert.deepEqual(
      events.slice(1).map((event) => event.type),
      [
        'payment.succeeded',
        'provider.event',
        'payment.succeeded',
        'payment.succeeded',
        'payment.reversed',
        'provider.event',
        'provider.event',
      ],
    );
    // The known ids are still exactly the webhooks' keys.
    assert.equal(decodeFixture('webhook-buygoods-received')[0]?.id, KNOWN_IDS[0]);
  });

  it('a redelivered polling result gives the same ids, even with keys and items in another order', () => {
    const document = pollingWith([SETTLEMENT, NO_KEY, { type: 'Buygoods Transaction', resource: null }]);
    const first = decodeK2Payload(JSON.stringify(document)).map((event) => event.id);
    const again = decodeK2Payload(new TextEncoder().encode(JSON.stringify(document))).map(
      (event) => event.id,
    );
    assert.deepEqual(again, first);

    const reordered = structuredClone(document);
    reordered.data.attributes.transactions.reverse();
    reordered.data.attributes.transactions = reordered.data.attributes.transactions.map((item) =>
      Object.fromEntries(Object.entries(item as Record<string, unknown>).reverse()),
    );
    const settlement = reordered.data.attributes.transactions[2] as { resource: Record<string, unknown> };
    settlement.resource = Object.fromEntries(Object.entries(settlement.resource).reverse());
    const shuffled = decodeK2Payload(reordered).map((event) => event.id);
    assert.equal(shuffled[0], first[0]);
    assert.deepEqual([...shuffled].sort(), [...first].sort());
  });

  it('identical items stay two events; another polling result or another item gets another id', () => {
    const twice = decodeK2Payload(pollingWith([NO_KEY, structuredClone(NO_KEY)], false));
    const [one, two] = transactionIds(twice);
    assert.match(one ?? '', ITEM_ID);
    assert.equal(two, `${one}:2`);
    assert.deepEqual(transactionIds(decodeK2Payload(pollingWith([NO_KEY, structuredClone(NO_KEY)], false))), [
      one,
      two,
    ]);

    const elsewhere = pollingWith([NO_KEY], false);
    elsewhere.data.id = '7a7a7a7a-4c5d-4e6f-8a7b-8c9d0e1f2a3b';
    assert.notEqual(transactionIds(decodeK2Payload(elsewhere))[0], one);

    // A different item at the same position is never taken for the one before it.
    const other = structuredClone(NO_KEY);
    other.resource.amount = '451.0';
    assert.notEqual(transactionIds(decodeK2Payload(pollingWith([other], false)))[0], one);
  });
});
