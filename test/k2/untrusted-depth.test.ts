/**
 * No K2 input can exhaust the stack: the walks over untrusted JSON (error texts, polled items, parsed
 * documents handed in by a caller) are bounded in depth and refuse or ignore what nests deeper.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_JSON_DEPTH, ValidationError } from '@tender/core';
import { decodeK2Payload, decodeK2Result, k2ErrorText } from '@tender/k2';
import { fixtureJson } from './webhook-fixtures.ts';

/** `inner` wrapped in `levels` arrays, built without recursion. */
function nested(levels: number, inner: unknown): unknown {
  let value = inner;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

describe('untrusted depth in K2 inputs', () => {
  it('k2ErrorText reads errors up to MAX_JSON_DEPTH and ignores deeper ones without overflowing', () => {
    assert.equal(k2ErrorText(nested(MAX_JSON_DEPTH - 1, 'Insufficient funds')), 'Insufficient funds');
    assert.equal(k2ErrorText(nested(200_000, 'Insufficient funds')), undefined);
  });

  it('a polling result handed in as an object, nesting 5,000 arrays in an item, is a ValidationError', () => {
    const polling = fixtureJson('result-polling') as {
      data: { attributes: { transactions: unknown[] } };
    };
    polling.data.attributes.transactions.push({ type: 'Mystery', resource: nested(5_000, 1) });
    assert.throws(() => decodeK2Result(polling), ValidationError);
    assert.throws(() => decodeK2Payload(polling), ValidationError);
  });

  it('a document nesting deeper than JSON.stringify can write is a ValidationError, not a RangeError', () => {
    assert.throws(
      () => decodeK2Payload({ topic: 'x', id: 'y', event: nested(1_000_000, 1) }),
      ValidationError,
    );
  });
});
