import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Money, type TenderEvent, ValidationError } from '@tender/core';
import fc from 'fast-check';
import { decodeK2Payload } from '../../packages/k2/src/webhooks/decode.ts';
import { fixtureJson } from './webhook-fixtures.ts';

/** Where a family carries an amount, and which Money of its events that amount becomes. */
interface Family {
  readonly fixture: string;
  readonly path: readonly (string | number)[];
  readonly moneyOf: (events: TenderEvent[]) => Money | undefined;
  /** Makes the amount the only one counted (a second leg would add to it, and might pass the safe range). */
  readonly prepare?: (document: Record<string, unknown>) => void;
}

const amountOf = (index: number) => (events: TenderEvent[]) =>
  (events[index] as { amount?: Money } | undefined)?.amount;
const firstLegOf = (events: TenderEvent[]) =>
  (events[0] as { legs?: readonly { amount?: Money }[] } | undefined)?.legs?.[0]?.amount;

/** Every K2 payload family that carries an amount a sender may write as a JSON number. */
const FAMILIES: Readonly<Record<string, Family>> = {
  'webhook (buy goods)': {
    fixture: 'webhook-buygoods-received',
    path: ['event', 'resource', 'amount'],
    moneyOf: amountOf(0),
  },
  'webhook (settlement transfer)': {
    fixture: 'webhook-settlement-transfer-completed',
    path: ['event', 'resource', 'amount'],
    moneyOf: amountOf(0),
  },
  'Daraja-format webhook': { fixture: 'daraja-buygoods', path: ['TransAmount'], moneyOf: amountOf(0) },
  'STK push result': {
    fixture: 'result-stk-success',
    path: ['data', 'attributes', 'event', 'resource', 'amount'],
    moneyOf: amountOf(0),
  },
  'polling result': {
    fixture: 'result-polling',
    path: ['data', 'attributes', 'transactions', 0, 'resource', 'amount'],
    moneyOf: amountOf(1),
  },
  'payment link result': {
    fixture: 'result-payment-link-paid',
    path: ['data', 'attributes', 'amount'],
    moneyOf: amountOf(0),
  },
  'reversal result': {
    fixture: 'result-reversal-processed',
    path: ['data', 'attributes', 'reversal_bulk_payment', 'amount'],
    moneyOf: amountOf(0),
  },
  'send money result': {
    fixture: 'result-send-money-processed',
    path: ['data', 'attributes', 'transfer_batches', 0, 'disbursements', 0, 'amount'],
    moneyOf: firstLegOf,
    prepare: (document) => {
      const attributes = (document.data as { attributes: { transfer_batches: unknown[] } }).attributes;
      attributes.transfer_batches.splice(1);
    },
  },
  'v1 settlement transfer result': {
    fixture: 'result-settlement-transfer-v1',
    path: ['data', 'attributes', 'amount', 'value'],
    moneyOf: amountOf(0),
  },
};

const SENTINEL = '"__AMOUNT__"';

/** The family's fixture as JSON text with `numberText` written, unquoted, where its amount was. */
function bodyWith(family: Family, numberText: string): string {
  const document = fixtureJson(family.fixture);
  family.prepare?.(document);
  let parent = document as Record<string | number, unknown>;
  for (const step of family.path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  parent[family.path.at(-1) as string | number] = '__AMOUNT__';
  const text = JSON.stringify(document);
  assert.ok(text.includes(SENTINEL));
  return text.replace(SENTINEL, numberText);
}

/**
 * What the decimal `text` is in KES minor units by exact integer arithmetic, or `undefined` when no Money
 * holds it (more than two significant decimals, or past the safe integer range).
 */
function exactMinor(text: string): number | undefined {
  const [whole = '', fraction = ''] = text.split('.');
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 2) return undefined;
  const minor = BigInt(whole) * 100n + BigInt(significant.padEnd(2, '0'));
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : undefined;
}

/** The family's delivery decoded from bytes, as the router hands them over. */
function decode(family: Family, numberText: string): Money | ValidationError {
  try {
    const money = family.moneyOf(decodeK2Payload(new TextEncoder().encode(bodyWith(family, numberText))));
    assert.ok(money, 'the amount became Money');
    return money;
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
}

/** JSON number text without exponent: a whole part without leading zeros, and up to 22 decimals. */
const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((list) => list.join(''));
const decimalText = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.constant('0'),
        fc.tuple(fc.constantFrom(...'123456789'), digits(0, 19)).map(([a, b]) => a + b),
      ),
      fc.option(digits(1, 22), { nil: undefined }),
    )
    .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`)),
  fc.constantFrom(
    '90071992547409.91',
    '90071992547409.9',
    '100.0000000000000001',
    '100.00000000000000000',
    '70368744177664.01',
    '9007199254740991',
    '9007199254740993',
    '0.10',
  ),
);

describe('numeric amounts in every K2 payload family: read exactly or refused, never rounded', () => {
  for (const [name, family] of Object.entries(FAMILIES)) {
    it(`${name}: a JSON-number amount is its exact decimal value in minor units, or a ValidationError`, () => {
      fc.assert(
        fc.property(decimalText, (text) => {
          const expected = exactMinor(text);
          const decoded = decode(family, text);
          if (expected === undefined) assert.ok(decoded instanceof ValidationError, `${text} was accepted`);
          else assert.deepEqual(decoded, { currency: 'KES', minor: expected }, text);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('the two amounts of the report: 90071992547409.91 and 100.0000000000000001', () => {
    const stk = FAMILIES['STK push result'] as Family;
    assert.deepEqual(decode(stk, '90071992547409.91'), { currency: 'KES', minor: 9007199254740991 });
    const refused = decode(stk, '100.0000000000000001');
    assert.ok(refused instanceof ValidationError);
    assert.match(refused.message, /"100\.0000000000000001" has more decimals than KES allows/);
    assert.equal(refused.status ?? 400, 400);
  });

  it('exponent numbers: exact ones are read, others refused (1e400 is no Infinity, 1e-400 no zero)', () => {
    const webhook = FAMILIES['webhook (buy goods)'] as Family;
    assert.deepEqual(decode(webhook, '1.5e3'), { currency: 'KES', minor: 150000 });
    for (const text of ['1e400', '1e-400', '1.0000000000000000001e2']) {
      assert.ok(decode(webhook, text) instanceof ValidationError, text);
    }
  });
});
