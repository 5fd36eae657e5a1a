import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMoney,
  CURRENCY_EXPONENTS,
  compareMoney,
  currencyExponent,
  formatMoney,
  formatMoneyWithCode,
  isExactWireNumber,
  isZeroMoney,
  type Money,
  money,
  moneyEquals,
  parseMoney,
  parseMoneyFromWire,
  subtractMoney,
  sumMoney,
  toWireNumber,
  toWireString,
  ValidationError,
} from '@tender/core';

function rejectsNaming(action: () => unknown, value: string) {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    assert.ok(error.message.includes(value), `${error.message} should name ${value}`);
    return true;
  });
}

describe('currency table', () => {
  it('knows the exponents of the currencies our providers use and the odd ones', () => {
    assert.equal(currencyExponent('KES'), 2);
    assert.equal(currencyExponent('KZT'), 2);
    assert.equal(currencyExponent('MMK'), 2);
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('UGX'), 0);
    assert.equal(currencyExponent('KWD'), 3);
    assert.equal(currencyExponent('CLF'), 4);
    assert.ok(Object.keys(CURRENCY_EXPONENTS).length >= 150);
  });

  it('rejects unknown codes by name', () => {
    rejectsNaming(() => currencyExponent('XYZ'), 'XYZ');
    rejectsNaming(() => parseMoney('1', 'kes'), 'kes');
    rejectsNaming(() => money(1, 'XAU'), 'XAU');
  });
});

describe('parseMoney', () => {
  const accepted: [string, string, number][] = [
    ['1500', 'KES', 150000],
    ['1500.5', 'KES', 150050],
    ['100.0', 'KES', 10000],
    ['0.05', 'KES', 5],
    ['007', 'KES', 700],
    ['100.000', 'KES', 10000],
    ['1500', 'JPY', 1500],
    ['1.5', 'KWD', 1500],
    ['0', 'KES', 0],
    ['90071992547409.91', 'KES', 9007199254740991],
  ];
  for (const [text, currency, minor] of accepted) {
    it(`reads "${text}" ${currency} as ${minor} minor units`, () => {
      assert.deepEqual(parseMoney(text, currency), { currency, minor });
    });
  }

  const rejected: [string, string][] = [
    ['-1', 'negative'],
    ['+1', 'plain decimal'],
    ['', 'empty'],
    ['abc', 'plain decimal'],
    ['1e5', 'exponent'],
    ['1E5', 'exponent'],
    ['0x10', 'plain decimal'],
    ['1.', 'plain decimal'],
    ['.5', 'plain decimal'],
    ['1,000', 'plain decimal'],
    [' 1', 'plain decimal'],
    ['Infinity', 'plain decimal'],
    ['NaN', 'plain decimal'],
    ['1.234', 'more decimals than KES'],
    ['90071992547409.92', 'too large'],
    ['123456789012345678', 'too large'],
  ];
  for (const [text, reason] of rejected) {
    it(`rejects "${text}" (${reason}) naming the value`, () => {
      assert.throws(
        () => parseMoney(text, 'KES'),
        (error: unknown) =>
          error instanceof ValidationError &&
          error.message.includes(`"${text}"`) &&
          error.message.includes(reason),
      );
    });
  }

  it('rejects decimals a zero-decimal currency does not have', () => {
    rejectsNaming(() => parseMoney('1.5', 'JPY'), '1.5');
  });
});

describe('wire amounts', () => {
  it('reads K2 strings and JSON numbers exactly', () => {
    assert.deepEqual(parseMoneyFromWire('100.0', 'KES'), { currency: 'KES', minor: 10000 });
    assert.deepEqual(parseMoneyFromWire('313', 'KES'), { currency: 'KES', minor: 31300 });
    assert.deepEqual(parseMoneyFromWire(313, 'KES'), { currency: 'KES', minor: 31300 });
    assert.deepEqual(parseMoneyFromWire(0.1, 'KES'), { currency: 'KES', minor: 10 });
    assert.deepEqual(parseMoneyFromWire(1500.55, 'KES'), { currency: 'KES', minor: 150055 });
  });

  it('rejects negative, non-finite and exponent-form numbers', () => {
    rejectsNaming(() => parseMoneyFromWire(-5, 'KES'), '-5');
    rejectsNaming(() => parseMoneyFromWire(Number.NaN, 'KES'), 'NaN');
    rejectsNaming(() => parseMoneyFromWire(1e21, 'KES'), '1e+21');
  });

  it('writes numbers and strings that read back to the same amount', () => {
    assert.equal(toWireNumber(money(150050, 'KES')), 1500.5);
    assert.equal(JSON.stringify({ value: toWireNumber(money(25000, 'KES')) }), '{"value":250}');
    assert.equal(toWireString(money(150050, 'KES')), '1500.50');
    assert.equal(toWireString(money(150000, 'KES'), { trimZeros: true }), '1500');
  });
});

describe('wire numbers are exact or refused', () => {
  /** Asserts the JSON text of the wire number is the amount's decimal text itself. */
  function sentAs(amount: Money, json: string) {
    assert.equal(isExactWireNumber(amount), true);
    assert.equal(JSON.stringify(toWireNumber(amount)), json);
    assert.deepEqual(parseMoneyFromWire(toWireNumber(amount), amount.currency), amount);
  }

  function refused(amount: Money, path = 'amount') {
    assert.equal(isExactWireNumber(amount), false);
    assert.throws(
      () => toWireNumber(amount, { path }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.deepEqual(
          error.issues.map((issue) => issue.path),
          [path],
        );
        assert.match(error.message, /cannot be sent exactly as a JSON number/);
        assert.ok(error.message.includes(formatMoneyWithCode(amount)), error.message);
        return true;
      },
    );
  }

  it('sends every KES amount up to 70368744177664.00 and refuses the first inexact one after it', () => {
    sentAs(money(7036874417766400, 'KES'), '70368744177664');
    sentAs(money(7036874417766399, 'KES'), '70368744177663.99');
    refused(money(7036874417766401, 'KES'));
  });

  it('refuses KES 90071992547409.91 (it would go out as ...409.9) but sends the exact ...409.90', () => {
    refused(money(Number.MAX_SAFE_INTEGER, 'KES'), 'amount.value');
    sentAs(money(Number.MAX_SAFE_INTEGER - 1, 'KES'), '90071992547409.9');
  });

  it('finds the boundary of three- and four-decimal currencies, and none for zero-decimal ones', () => {
    sentAs(money(8796093022208000, 'KWD'), '8796093022208');
    refused(money(8796093022208001, 'KWD'));
    sentAs(money(5497558138880002, 'CLF'), '549755813888.0002');
    refused(money(5497558138880003, 'CLF'));
    sentAs(money(Number.MAX_SAFE_INTEGER, 'JPY'), '9007199254740991');
  });
});

describe('formatting and arithmetic', () => {
  it('formats with exactly the currency decimals', () => {
    assert.equal(formatMoney(money(150050, 'KES')), '1500.50');
    assert.equal(formatMoney(money(5, 'KES')), '0.05');
    assert.equal(formatMoney(money(1500, 'JPY')), '1500');
    assert.equal(formatMoney(money(1500, 'KWD')), '1.500');
    assert.equal(formatMoneyWithCode(money(150050, 'KES')), 'KES 1500.50');
  });

  it('adds, subtracts, compares and sums without floats', () => {
    const a = money(10, 'KES');
    const b = money(20, 'KES');
    assert.deepEqual(addMoney(a, b), money(30, 'KES'));
    assert.deepEqual(subtractMoney(b, a), money(10, 'KES'));
    assert.equal(compareMoney(a, b), -1);
    assert.equal(compareMoney(b, a), 1);
    assert.equal(compareMoney(a, a), 0);
    assert.ok(moneyEquals(parseMoney('0.10', 'KES'), a));
    assert.ok(isZeroMoney(sumMoney([], 'KES')));
    assert.deepEqual(sumMoney([a, b, a], 'KES'), money(40, 'KES'));
  });

  it('refuses mixed currencies, negative results, overflow and bad minor units', () => {
    rejectsNaming(() => addMoney(money(1, 'KES'), money(1, 'KZT')), 'KZT');
    rejectsNaming(() => subtractMoney(money(1, 'KES'), money(2, 'KES')), '-1');
    rejectsNaming(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'KES'), money(1, 'KES')), '9007199254740992');
    rejectsNaming(() => money(1.5, 'KES'), '1.5');
    rejectsNaming(() => money(-3, 'KES'), '-3');
  });
});
