/**
 * The K2 provider declares each field it sends once, with the neutral field it comes from: the client
 * request and the translation of the client's error paths back to neutral ones both derive from that one
 * list, so they cannot drift apart.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '@tender/core';
import { inNeutralTerms, sendFields } from '../../packages/k2/src/provider/sent-fields.ts';

describe('sendFields', () => {
  it('builds the nested client request, arrays for numeric keys, leaving undefined values out', () => {
    const { input } = sendFields<unknown>([
      ['destinations.0.type', 'destination.type', 'till'],
      ['destinations.0.amount', 'amount', { currency: 'KES', minor: 500 }],
      ['destinations.0.nickname', 'destination.nickname', undefined],
      ['callbackUrl', 'callbackUrl', 'https://shop.example/k2'],
      ['tillNumber', undefined, 'K776655'],
    ]);
    assert.deepEqual(input, {
      destinations: [{ type: 'till', amount: { currency: 'KES', minor: 500 } }],
      callbackUrl: 'https://shop.example/k2',
      tillNumber: 'K776655',
    });
    assert.ok(Array.isArray((input as { destinations: unknown }).destinations));
  });

  it("names the client's refused fields by the neutral fields they came from, deeper paths included", async () => {
    const sent = sendFields<unknown>([
      ['subscriber.phoneNumber', 'payer.phone', '0811'],
      ['amount', 'amount', { currency: 'USD', minor: 1 }],
      ['tillNumber', undefined, 'K1'],
    ]);
    const refused = new ValidationError('Invalid K2 request', [
      { path: 'subscriber.phoneNumber', message: 'must be a Kenyan phone number' },
      { path: 'amount.currency', message: 'must be KES' },
      { path: 'tillNumber', message: 'must be a till' },
    ]);
    await assert.rejects(
      inNeutralTerms('collect', sent, async () => {
        throw refused;
      }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.operation, 'collect');
        assert.deepEqual(
          error.issues.map(({ path }) => path),
          ['payer.phone', 'amount.currency', 'tillNumber'],
        );
        return true;
      },
    );
  });
});
