/**
 * The wire formats the simulator writes: K2 amounts ("1250.0") from integer cents parsed by string rules,
 * and Nairobi timestamps (+03:00, Daraja TransTime, legacy date and time).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatK2Amount, parseWireAmount } from '../../packages/sandbox/src/data/amount.ts';
import {
  darajaTransTime,
  legacyTransactionDate,
  legacyTransactionTime,
  nairobiTimestamp,
} from '../../packages/sandbox/src/data/nairobi-time.ts';

describe('K2 amounts', () => {
  it('parses numbers and decimal strings into cents without floats', () => {
    assert.equal(parseWireAmount(250), 25_000);
    assert.equal(parseWireAmount('1500.5'), 150_050);
    assert.equal(parseWireAmount('0.1'), 10);
    assert.equal(parseWireAmount(1500.55), 150_055);
    assert.equal(parseWireAmount(' 20000 '), 2_000_000);
  });

  it('refuses negatives, exponents, too many decimals, blanks and non-numbers', () => {
    for (const value of ['-5', '1e3', 1e21, '1.234', '', 'abc', Number.NaN, null, true, '1,000']) {
      assert.equal(parseWireAmount(value), undefined, `refuses ${String(value)}`);
    }
  });

  it('formats cents the way K2 writes amounts', () => {
    assert.equal(formatK2Amount(125_000), '1250.0');
    assert.equal(formatK2Amount(150_050), '1500.5');
    assert.equal(formatK2Amount(9_995), '99.95');
    assert.equal(formatK2Amount(5), '0.05');
  });
});

describe('Nairobi time', () => {
  const instant = new Date('2026-01-05T21:02:09.5Z');

  it('writes ISO-8601 with +03:00, crossing midnight correctly', () => {
    assert.equal(nairobiTimestamp(instant), '2026-01-06T00:02:09+03:00');
    assert.equal(nairobiTimestamp(instant, true), '2026-01-06T00:02:09.500+03:00');
  });

  it('writes the Daraja TransTime and the legacy date and time', () => {
    assert.equal(darajaTransTime(instant), '20260106000209');
    assert.equal(legacyTransactionDate(instant), '6/1/26');
    assert.equal(legacyTransactionTime(instant), '12:02 AM');
    assert.equal(legacyTransactionTime(new Date('2011-04-26T10:03:00Z')), '1:03 PM');
  });
});
