import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMoney,
  CURRENCY_EXPONENTS,
  formatMoney,
  money,
  parseMoney,
  parseMoneyFromWire,
  toWireNumber,
  ValidationError,
} from '@tender/core';
import fc from 'fast-check';

/** One currency per exponent in the table, so every exponent is exercised. */
const byExponent = new Map<number, string>();
for (const [code, exponent] of Object.entries(CURRENCY_EXPONENTS))
  if (!byExponent.has(exponent)) byExponent.set(exponent, code);
const currencies = [...byExponent.values()];

describe('Money properties', () => {
  it('covers every exponent of the table', () => {
    assert.deepEqual([...byExponent.keys()].sort(), [0, 2, 3, 4]);
  });

  it('parse(format(m)) is m for every currency exponent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.maxSafeNat(), (currency, minor) => {
        const amount = money(minor, currency);
        assert.deepEqual(parseMoney(formatMoney(amount), currency), amount);
      }),
      { numRuns: 2000 },
    );
  });

  it('reading the wire number back gives the same amount', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.integer({ min: 0, max: 2 ** 40 }), (currency, minor) => {
        const amount = money(minor, currency);
        assert.deepEqual(parseMoneyFromWire(toWireNumber(amount), currency), amount);
      }),
      { numRuns: 2000 },
    );
  });

  it('addition is commutative and associative', () => {
    const small = fc.integer({ min: 0, max: 2 ** 50 });
    fc.assert(
      fc.property(small, small, small, (a, b, c) => {
        const [x, y, z] = [money(a, 'KES'), money(b, 'KES'), money(c, 'KES')];
        assert.deepEqual(addMoney(x, y), addMoney(y, x));
        assert.deepEqual(addMoney(addMoney(x, y), z), addMoney(x, addMoney(y, z)));
      }),
    );
  });

  it('junk text either fails with a ValidationError or round-trips exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.-+eE ,x') }), (text) => {
        try {
          const amount = parseMoney(text, 'KES');
          const [whole = '', fraction = ''] = text.split('.');
          assert.equal(
            BigInt(amount.minor),
            BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2) || '0'),
          );
        } catch (error) {
          assert.ok(error instanceof ValidationError, String(error));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
