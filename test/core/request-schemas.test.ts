/**
 * The neutral request schemas every adapter relies on, and the small contracts around them: what they
 * refuse (amounts of nothing, credentials in URLs, scriptable redirect URLs, backwards poll windows,
 * non-finite metadata) so that an adapter which trusts them sends nothing wrong.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CollectRequestSchema,
  CreateLinkRequestSchema,
  currencyExponent,
  money,
  NetworkError,
  NextActionSchema,
  NotifyRequestSchema,
  PayoutRequestSchema,
  parseMoney,
  RateLimitError,
  ReverseRequestSchema,
  TimeoutError,
  ValidationError,
} from '@tender/core';
import * as v from 'valibot';

const payer = { phone: '+254711000111' };
const destination = { type: 'till', tillNumber: '776655' } as const;

/** The messages of a refused parse, as `path: message`. */
function refusals(schema: v.GenericSchema, input: unknown): string[] {
  const result = v.safeParse(schema, input);
  assert.equal(result.success, false, `accepted ${JSON.stringify(input)}`);
  return (result.issues ?? []).map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`);
}

describe('neutral request schemas', () => {
  it('refuse an amount of nothing in every money request', () => {
    const zero = money(0, 'KES');
    for (const [schema, input] of [
      [CollectRequestSchema, { amount: zero, payer }],
      [PayoutRequestSchema, { amount: zero, destination }],
      [CreateLinkRequestSchema, { amount: zero }],
      [ReverseRequestSchema, { transactionReference: 'TAB3CD4EF5', amount: zero }],
    ] as const) {
      assert.deepEqual(refusals(schema, input), ['amount: must be more than zero']);
    }
    assert.equal(v.safeParse(CollectRequestSchema, { amount: money(1, 'KES'), payer }).success, true);
  });

  it('refuse a callback URL carrying a user name or password', () => {
    const amount = money(100, 'KES');
    const callbackUrl = 'https://user:s3cret@shop.example/cb';
    assert.deepEqual(refusals(CollectRequestSchema, { amount, payer, callbackUrl }), [
      'callbackUrl: must not carry a user name or password',
    ]);
  });

  it('refuse metadata values JSON cannot carry (Infinity and NaN would become null)', () => {
    const amount = money(100, 'KES');
    for (const value of [Number.POSITIVE_INFINITY, Number.NaN]) {
      assert.equal(
        v.safeParse(CollectRequestSchema, { amount, payer, metadata: { n: value } }).success,
        false,
      );
    }
    assert.equal(v.safeParse(CollectRequestSchema, { amount, payer, metadata: { n: 1.5 } }).success, true);
  });

  it('refuse a poll window that ends before it starts', () => {
    const from = new Date('2026-01-06T00:00:00Z');
    const to = new Date('2026-01-05T00:00:00Z');
    assert.deepEqual(refusals(NotifyRequestSchema, { mode: 'poll', from, to }), [
      ': the poll window ends before it starts: from must not be after to',
    ]);
    assert.equal(v.safeParse(NotifyRequestSchema, { mode: 'poll', from: to, to: from }).success, true);
  });

  it('accept only http(s) pages as redirect next actions', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>1</script>']) {
      assert.equal(v.safeParse(NextActionSchema, { type: 'redirect', url }).success, false, url);
    }
    const page = { type: 'redirect', url: 'https://sandbox.kopokopo.com/links/abc' };
    assert.equal(v.safeParse(NextActionSchema, page).success, true);
  });
});

describe('money and error contracts', () => {
  it('knows only real currency codes, not names every object inherits', () => {
    for (const code of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      assert.throws(() => currencyExponent(code), ValidationError, code);
    }
    assert.equal(currencyExponent('KES'), 2);
  });

  it('parseMoney says a number is not text, rather than calling it empty', () => {
    assert.throws(
      () => parseMoney(12 as unknown as string, 'KES'),
      (error: unknown) =>
        error instanceof ValidationError && /must be a string of digits .* not a number/.test(error.message),
    );
  });

  it('retryable: undefined keeps the default of errors that are retryable by nature', () => {
    for (const error of [
      new NetworkError('x', { retryable: undefined }),
      new TimeoutError('x', { retryable: undefined }),
      new RateLimitError('x', { retryable: undefined }),
    ]) {
      assert.equal(error.retryable, true, error.name);
    }
    assert.equal(new NetworkError('x', { retryable: false }).retryable, false);
  });
});
