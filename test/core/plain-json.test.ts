/**
 * parseJsonText: the one JSON reader of tender's wire paths. No number is rounded (a number a double does
 * not hold exactly keeps its source text), nesting is bounded, and only what it made takes the fast path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlainJson, MAX_JSON_DEPTH, parseJsonText, toPlainJson, ValidationError } from '@tender/core';
import fc from 'fast-check';

/** Whether two decimal texts name the same number, by exact integer arithmetic (no float). */
function sameDecimal(a: string, b: string): boolean {
  const scaled = (text: string): [bigint, number] => {
    const [mantissa = '', exponent = '0'] = text.toLowerCase().split('e');
    const [whole = '', fraction = ''] = mantissa.split('.');
    return [BigInt(whole + fraction), Number(exponent) - fraction.length];
  };
  const [x, xs] = scaled(a);
  const [y, ys] = scaled(b);
  // Both brought to the smaller power of ten, so each is an integer count of that unit.
  const unit = Math.min(xs, ys);
  const scale = (value: bigint, power: number) => value * 10n ** BigInt(power - unit);
  return scale(x, xs) === scale(y, ys);
}

const numberText = fc
  .tuple(
    fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,24}$/)),
    fc.option(fc.stringMatching(/^[0-9]{1,24}$/), { nil: undefined }),
    fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
  )
  .map(([whole, fraction, exponent]) => {
    const mantissa = fraction === undefined ? whole : `${whole}.${fraction}`;
    return exponent === undefined ? mantissa : `${mantissa}e${exponent}`;
  });

describe('parseJsonText', () => {
  it('keeps every number either as a number naming the same decimal, or as its exact source text', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        const { value } = parseJsonText(`{"amount":${text}}`) as { value: { amount: unknown } };
        if (typeof value.amount === 'string') {
          assert.equal(value.amount, text);
          assert.equal(sameDecimal(String(Number(text)), text), false, `${text} was exact`);
        } else {
          assert.equal(typeof value.amount, 'number');
          assert.ok(sameDecimal(String(value.amount), text), `${text} became ${String(value.amount)}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('the reported numbers, and numbers inside strings are left alone', () => {
    const { value } = parseJsonText(
      '{"a":90071992547409.91,"b":100.0000000000000001,"c":450.5,"d":"90071992547409.91","e":1e400}',
    );
    assert.deepEqual(value, {
      a: '90071992547409.91',
      b: '100.0000000000000001',
      c: 450.5,
      d: '90071992547409.91',
      e: '1e400',
    });
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels and text that is not JSON, with a ValidationError`, () => {
    assert.doesNotThrow(() => parseJsonText(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`));
    const deep = `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`;
    assert.throws(() => parseJsonText(deep), ValidationError);
    // Brackets inside strings are no nesting.
    assert.doesNotThrow(() => parseJsonText(JSON.stringify({ text: '['.repeat(1000), quote: '\\"[' })));
    assert.throws(
      () => parseJsonText('{"a":'),
      (error: unknown) => error instanceof ValidationError && error.message === 'Invalid JSON: is not JSON',
    );
  });

  it('only its own results and toPlainJson copies are PlainJson', () => {
    assert.equal(isPlainJson(parseJsonText('{}')), true);
    const own = { a: 1 };
    const copy = toPlainJson(own);
    assert.equal(isPlainJson(copy), true);
    assert.notEqual(copy.value, own);
    assert.deepEqual(copy.value, own);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => toPlainJson(cyclic), ValidationError);
  });
});
