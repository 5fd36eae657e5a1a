/**
 * Mistakes a new user makes in the first hour fail loudly: a misspelt field of a neutral request is refused
 * with the field's name and the one it was probably meant to be (instead of vanishing while the payment
 * goes out), and a setting left unset says it is missing (instead of "must be a string").
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  CancelLinkRequestSchema,
  CollectRequestSchema,
  CreateLinkRequestSchema,
  NotifyRequestSchema,
  PayoutRequestSchema,
  parseMoney,
  parseOrThrow,
  ReverseRequestSchema,
  TokenManager,
  ValidationError,
} from '@tender/core';
import { createK2Client, createK2Provider } from '@tender/k2';
import { createK2LegacySource } from '@tender/k2-legacy';
import { createRouter, createSqliteStore } from '@tender/webhooks';
import nock from 'nock';
import * as v from 'valibot';

const amount = parseMoney('250', 'KES');
const window = { from: new Date(0), to: new Date(1000) };

/** Each neutral request, valid, with a misspelt key added and the key it was meant to be. */
const MISSPELT: readonly [
  name: string,
  schema: v.GenericSchema,
  input: object,
  typo: string,
  meant: string,
][] = [
  [
    'collect',
    CollectRequestSchema,
    { amount, payer: { phone: '+254711000111' } },
    'callbackURL',
    'callbackUrl',
  ],
  ['collect payer', CollectRequestSchema, { amount, payer: { phone: '0711000111', frstName: 'A' } }, '', ''],
  [
    'payout',
    PayoutRequestSchema,
    { amount, destination: { type: 'till', tillNumber: '776655' } },
    'refrence',
    'reference',
  ],
  [
    'payout destination',
    PayoutRequestSchema,
    { amount, destination: { type: 'paybill', paybillNumber: '1', accountNumber: '2', acountNumber: '2' } },
    '',
    '',
  ],
  ['reverse', ReverseRequestSchema, { transactionReference: 'SJK4PQ7RT2' }, 'Reason', 'reason'],
  ['createLink', CreateLinkRequestSchema, { amount }, 'descripton', 'description'],
  ['cancelLink', CancelLinkRequestSchema, { reference: 'L-1' }, 'referenc', 'reference'],
  [
    'notify subscribe',
    NotifyRequestSchema,
    { mode: 'subscribe', topic: 'buygoods_transaction_received', url: 'https://shop.example/k2' },
    'scopeReferance',
    'scopeReference',
  ],
  ['notify poll', NotifyRequestSchema, { mode: 'poll', ...window }, 'callback_url', 'callbackUrl'],
];

function refusal(schema: v.GenericSchema, input: object): ValidationError {
  try {
    parseOrThrow(schema, input, 'Invalid request');
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    return error;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

describe('neutral requests refuse unknown keys, naming the nearest known one', () => {
  for (const [name, schema, valid, typo, meant] of MISSPELT) {
    it(`${name}: ${typo || 'a nested misspelt key'} is refused`, () => {
      assert.doesNotThrow(() => parseOrThrow(schema, stripNested(valid), 'Invalid request'));
      if (typo === '') {
        const error = refusal(schema, valid);
        assert.match(
          error.message,
          /is not a field of this request; did you mean "(firstName|accountNumber)"\?/,
        );
        return;
      }
      const error = refusal(schema, { ...valid, [typo]: 'x' });
      assert.deepEqual(error.issues, [
        { path: typo, message: `"${typo}" is not a field of this request; did you mean "${meant}"?` },
      ]);
    });
  }

  it('a key near no known one lists the known keys, and a long key is cut', () => {
    const error = refusal(CancelLinkRequestSchema, { reference: 'L-1', idempotencyKey: 'k-1' });
    assert.equal(
      error.issues[0]?.message,
      '"idempotencyKey" is not a field of this request (known: reference)',
    );
    const long = refusal(CancelLinkRequestSchema, { reference: 'L-1', ['x'.repeat(10_000)]: 1 });
    assert.ok((long.issues[0]?.message.length ?? 0) < 200);
  });
});

/** `input` without the nested misspelt keys of the table, to check the rest of it is valid. */
function stripNested(input: object): object {
  const copy = structuredClone(input) as Record<string, Record<string, unknown>>;
  delete copy.payer?.frstName;
  delete copy.destination?.acountNumber;
  return copy;
}

describe('a K2 provider sends nothing for a misspelt request', () => {
  afterEach(() => nock.cleanAll());

  it('collect with callbackURL is refused before any request is made', async () => {
    nock.disableNetConnect();
    const trap = nock('https://sandbox.kopokopo.com').post(/.*/).reply(500);
    const k2 = createK2Provider({
      clientId: 'id',
      clientSecret: 'secret',
      environment: 'sandbox',
      tillNumber: 'K776655',
      callbackUrl: 'https://shop.example/k2',
    });
    await assert.rejects(
      k2.collect({
        amount,
        payer: { phone: '+254711000111' },
        callbackURL: 'https://shop.example/other',
      } as never),
      (error: unknown) =>
        error instanceof ValidationError && /did you mean "callbackUrl"/.test(error.message),
    );
    assert.equal(trap.isDone(), false, 'nothing was sent');
    nock.enableNetConnect();
  });
});

describe('a refused value is quoted cut, whatever its length', () => {
  it("valibot's default messages quote at most 32 characters of what was received", () => {
    const long = 'x'.repeat(100_000);
    const error = refusal(v.object({ mode: v.picklist(['poll', 'subscribe']) }), { mode: long });
    assert.equal(
      error.issues[0]?.message,
      `Invalid type: Expected ("poll" | "subscribe") but received "${'x'.repeat(32)}…"`,
    );
  });
});

describe('a setting left unset says "is missing"', () => {
  const unset = process.env.TENDER_TEST_SURELY_UNSET;

  it('K2 client: clientId from an unset environment variable, or left out', () => {
    for (const config of [
      { clientId: unset, clientSecret: 'secret', environment: 'sandbox' },
      { clientSecret: 'secret', environment: 'sandbox' },
    ]) {
      assert.throws(
        () => createK2Client(config as never),
        (error: unknown) =>
          error instanceof ValidationError &&
          error.issues.some((issue) => issue.path === 'clientId' && issue.message === 'is missing'),
      );
    }
    assert.throws(
      () => createK2Client({ clientId: 5, clientSecret: 'secret', environment: 'sandbox' } as never),
      /clientId: must be a string/,
    );
  });

  it('K2 provider: tillNumber unset', () => {
    assert.throws(
      () =>
        createK2Provider({
          clientId: 'id',
          clientSecret: 'secret',
          environment: 'sandbox',
          tillNumber: unset,
        } as never),
      /tillNumber: is missing/,
    );
  });

  it('webhook router and SQLite store options: sources left out, filename unset', () => {
    assert.throws(() => createRouter({} as never), /sources: is missing/);
    assert.throws(() => createSqliteStore({ filename: unset } as never), /filename: is missing/);
  });

  it('core token manager: fetchToken left out', () => {
    assert.throws(() => new TokenManager({} as never), /fetchToken: is missing/);
  });

  it('legacy K2 source: a Basic credential unset, empty or not text', () => {
    assert.throws(
      () => createK2LegacySource({ credentials: { username: unset, password: 'p' } } as never),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.length === 1 &&
        error.issues[0]?.path === 'credentials.username' &&
        error.issues[0]?.message === 'is missing',
    );
    assert.throws(
      () => createK2LegacySource({ credentials: { username: 'u', password: '' } }),
      /credentials\.password: must not be empty/,
    );
    assert.throws(
      () => createK2LegacySource({ credentials: { username: 7, password: 'p' } } as never),
      /credentials\.username: must be a string/,
    );
  });
});
