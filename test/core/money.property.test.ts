import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMoney,
  CURRENCY_EXPONENTS,
  formatMoney,
  isExactWireNumber,
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

  it('a wire number anywhere in the safe range is either the exact decimal text or a ValidationError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.maxSafeNat(), (currency, minor) => {
        const amount = money(minor, currency);
        const text = formatMoney(amount)
          .replace(/(\.\d*?)0+$/, '$1')
          .replace(/\.$/, '');
        if (isExactWireNumber(amount)) assert.equal(JSON.stringify(toWireNumber(amount)), text);
        else assert.throws(() => toWireNumber(amount), ValidationError);
      }),
      { numRuns: 5000 },
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

  it('reads decimal text exactly as the BigInt reading of its digits, in every exponent, or refuses it', () => {
    /** The rules of parseMoney written with BigInt: the reference the fast digit loop must match. */
    const reference = (text: string, exponent: number): number | undefined => {
      const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
      if (!match) return undefined;
      const significant = (match[2] ?? '').replace(/0+$/, '');
      if (significant.length > exponent) return undefined;
      const minor =
        BigInt(match[1] ?? '0') * 10n ** BigInt(exponent) + BigInt(significant.padEnd(exponent, '0') || '0');
      return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : undefined;
    };
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
    const text = fc.oneof(
      fc.tuple(digits(18), fc.constantFrom('', '.'), digits(6)).map((parts) => parts.join('')),
      fc.string({ unit: fc.constantFrom(...'0123456789.'), maxLength: 22 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...currencies), text, (currency, amount) => {
        const expected = reference(amount, CURRENCY_EXPONENTS[currency] ?? 2);
        if (expected === undefined)
          assert.throws(() => parseMoney(amount, currency), ValidationError, amount);
        else assert.equal(parseMoney(amount, currency).minor, expected, amount);
      }),
      { numRuns: 20_000 },
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
