import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type PlainJson, parseJsonText, parseWireOrThrow, toPlainJson, ValidationError } from '@tender/core';
import {
  K2CustomerCreatedWebhookSchema,
  K2DarajaPayloadSchema,
  K2OtherWebhookSchema,
  K2ResourceSchema,
  K2SettlementTransferWebhookSchema,
  K2TransactionWebhookSchema,
} from '@tender/k2';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  ACCEPTED,
  acceptorOf,
  REJECTED,
  UNDECIDED,
  type Verdict,
} from '../../packages/core/src/validation/acceptor.ts';

type AnySchema = v.GenericSchema;

/**
 * Any value dressed as PlainJson, so the acceptor's promise can be tested on what parseJsonText never makes
 * (undefined, NaN, class instances, holes). Only tests cast like this: production code gets PlainJson from
 * parseJsonText or toPlainJson.
 */
const dressed = (value: unknown): PlainJson => ({ value }) as PlainJson;

const fixturesDirectory = new URL('../fixtures/k2/', import.meta.url);
const fixtures = readdirSync(fixturesDirectory)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, payload: JSON.parse(readFileSync(new URL(name, fixturesDirectory), 'utf8')) }));

const WIRE_SCHEMAS: Readonly<Record<string, AnySchema>> = {
  transaction: K2TransactionWebhookSchema,
  settlement: K2SettlementTransferWebhookSchema,
  customer: K2CustomerCreatedWebhookSchema,
  other: K2OtherWebhookSchema,
  daraja: K2DarajaPayloadSchema,
  result: K2ResourceSchema,
};

/**
 * The promise the acceptor makes: ACCEPTED means valibot accepts and returns an equal value, REJECTED means
 * valibot refuses; UNDECIDED promises nothing.
 */
function assertAgreesWithValibot(schema: AnySchema, input: unknown): number {
  const verdict = acceptorOf(schema)(dressed(input));
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (verdict === ACCEPTED) {
    assert.equal(result.success, true, 'accepted, but valibot refuses');
    assert.deepStrictEqual(result.output, input);
  }
  if (verdict === REJECTED) assert.equal(result.success, false, 'rejected, but valibot accepts');
  return verdict;
}

/** Every path to a value inside a JSON document, the document itself included. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [[...prefix]];
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      paths.push(...pathsOf(item, [...prefix, Array.isArray(value) ? Number(key) : key]));
    }
  }
  return paths;
}

interface Mutation {
  readonly at: number;
  readonly change: 'replace' | 'remove' | 'add';
  readonly key: string;
  readonly value: unknown;
}

/** A copy of `document` with one value replaced, one key removed or one key added somewhere inside it. */
function mutated(document: unknown, mutation: Mutation): unknown {
  const copy: unknown = structuredClone(document);
  const paths = pathsOf(copy);
  const path = paths[mutation.at % paths.length] ?? [];
  if (path.length === 0) return mutation.change === 'replace' ? mutation.value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (mutation.change === 'replace') parent[last] = mutation.value;
  else if (mutation.change === 'remove') delete parent[last];
  else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      (target as Record<string, unknown>)[mutation.key] = mutation.value;
    }
  }
  return copy;
}

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -1, '', ' ', '450.0', '1e3', 254711000111),
);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  change: fc.constantFrom('replace', 'remove', 'add'),
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'topic')),
  value: anyValue,
});

/** One schema the acceptor models and the verdicts it must give on some inputs. */
interface Row {
  readonly schema: AnySchema;
  readonly decided: readonly (readonly [input: unknown, verdict: Verdict])[];
}

const STK_RESULT = v.looseObject({ type: v.literal('incoming_payment'), status: v.string() });
const PAYOUT_RESULT = v.looseObject({ type: v.literal('send_money'), amount: v.number() });

/**
 * The acceptor's type tests, in one table: every value schema, wrapper and structure it models, with the
 * verdicts fixed for some inputs. UNDECIDED rows are what valibot would change (defaults, transforms,
 * stripped and dropped keys, copies), which the fast path must leave to valibot. Every row's schema is
 * also fuzzed against valibot.
 */
const TABLE: readonly Row[] = [
  {
    schema: v.string(),
    decided: [
      ['x', ACCEPTED],
      [1, REJECTED],
    ],
  },
  {
    schema: v.number(),
    decided: [
      [1.5, ACCEPTED],
      [Number.NaN, REJECTED],
      ['1', REJECTED],
    ],
  },
  {
    schema: v.boolean(),
    decided: [
      [false, ACCEPTED],
      [0, REJECTED],
    ],
  },
  {
    schema: v.null(),
    decided: [
      [null, ACCEPTED],
      [undefined, REJECTED],
    ],
  },
  {
    schema: v.undefined(),
    decided: [
      [undefined, ACCEPTED],
      [null, REJECTED],
    ],
  },
  {
    schema: v.literal('x'),
    decided: [
      ['x', ACCEPTED],
      ['y', REJECTED],
    ],
  },
  { schema: v.literal(Number.NaN as never), decided: [[Number.NaN, ACCEPTED]] },
  {
    schema: v.picklist(['a', 'b']),
    decided: [
      ['b', ACCEPTED],
      ['c', REJECTED],
    ],
  },
  {
    schema: v.custom<string>((value) => typeof value === 'string' && value.startsWith('K')),
    decided: [
      ['K1', ACCEPTED],
      ['X', REJECTED],
    ],
  },
  {
    schema: v.pipe(v.string(), v.regex(/^\d+$/)),
    decided: [
      ['12', ACCEPTED],
      ['1a', REJECTED],
    ],
  },
  { schema: v.pipe(v.string(), v.regex(/\d/g)), decided: [['1', UNDECIDED]] },
  {
    schema: v.pipe(v.number(), v.finite(), v.minValue(0)),
    decided: [
      [0, ACCEPTED],
      [-1, REJECTED],
    ],
  },
  { schema: v.pipe(v.pipe(v.string(), v.nonEmpty()), v.maxLength(3)), decided: [['abcd', REJECTED]] },
  { schema: v.pipe(v.string(), v.trim()), decided: [[' padded ', UNDECIDED]] },
  {
    schema: v.nullable(v.string()),
    decided: [
      [null, ACCEPTED],
      [undefined, REJECTED],
    ],
  },
  {
    schema: v.nullish(v.union([v.string(), v.number()])),
    decided: [
      [undefined, ACCEPTED],
      [true, REJECTED],
    ],
  },
  { schema: v.nullish(v.string(), 'default'), decided: [[null, UNDECIDED]] },
  { schema: v.optional(v.number(), 1), decided: [[undefined, UNDECIDED]] },
  { schema: v.exactOptional(v.string()), decided: [['x', UNDECIDED]] },
  { schema: v.fallback(v.string(), 'x'), decided: [[1, UNDECIDED]] },
  {
    schema: v.record(v.string(), v.string()),
    decided: [
      [{ a: 'x' }, ACCEPTED],
      [{ a: 1 }, REJECTED],
      [['x'], UNDECIDED],
      [JSON.parse('{"constructor":"x"}'), UNDECIDED],
      [Object.create({ inherited: 'x' }), UNDECIDED],
    ],
  },
  { schema: v.record(v.pipe(v.string(), v.regex(/^[a-z]+$/)), v.unknown()), decided: [[{ A: 1 }, REJECTED]] },
  { schema: v.record(v.pipe(v.string(), v.trim()), v.number()), decided: [[{ ' a': 1 }, UNDECIDED]] },
  {
    schema: v.union([v.pipe(v.string(), v.toUpperCase()), v.string()]),
    decided: [['lower', UNDECIDED]],
  },
  {
    schema: v.union([
      v.looseObject({ kind: v.literal('a') }),
      v.looseObject({ kind: v.literal('b'), n: v.number() }),
    ]),
    decided: [
      [{ kind: 'b', n: 1 }, ACCEPTED],
      [{ kind: 'b' }, REJECTED],
    ],
  },
  {
    schema: v.array(v.nullish(v.string())),
    decided: [
      [['a', null], ACCEPTED],
      [[1], REJECTED],
    ],
  },
  // Valibot's output array is dense, holds only the items and is a plain Array.
  // A hole on purpose: `new Array(2)` has no items at all, only a length.
  {
    schema: v.array(v.optional(v.string())),
    decided: [[Object.assign(new Array<string>(2), { 1: 'a' }), UNDECIDED]],
  },
  { schema: v.array(v.string()), decided: [[Object.assign(['a'], { extra: 1 }), UNDECIDED]] },
  { schema: v.array(v.string()), decided: [[new (class Items extends Array<string> {})(), UNDECIDED]] },
  {
    schema: v.looseObject({ a: v.string(), b: v.nullish(v.number()), c: v.nullable(v.string()) }),
    decided: [
      [{ a: 'x', c: null, extra: 1 }, ACCEPTED],
      [{ a: 'x' }, REJECTED],
      [['array'], UNDECIDED],
    ],
  },
  {
    schema: v.looseObject({ a: v.string() }),
    decided: [[JSON.parse('{"a":"x","__proto__":{"polluted":true}}'), UNDECIDED]],
  },
  {
    schema: v.looseObject({}),
    decided: [
      [Object.create(null), UNDECIDED],
      [new Date(0), UNDECIDED],
    ],
  },
  {
    schema: v.object({ a: v.optional(v.string()) }),
    decided: [
      [{}, ACCEPTED],
      [{ a: 'x', extra: 1 }, UNDECIDED],
    ],
  },
  { schema: v.object({ a: v.optional(v.string(), 'x') }), decided: [[{}, UNDECIDED]] },
  {
    schema: v.strictObject({ a: v.string() }),
    decided: [
      [{ a: 'x' }, ACCEPTED],
      [{ a: 'x', extra: 1 }, UNDECIDED],
    ],
  },
  // Valibot copies a key it finds on the prototype into its output as an own key.
  { schema: v.object({ constructor: v.optional(v.unknown()) }), decided: [[{}, UNDECIDED]] },
  { schema: v.looseObject({ toString: v.any() }), decided: [[JSON.parse('{}'), UNDECIDED]] },
  // v.variant: the K2 result callbacks' schema is one.
  {
    schema: v.variant('type', [STK_RESULT, PAYOUT_RESULT]),
    decided: [
      [{ type: 'incoming_payment', status: 'Success' }, ACCEPTED],
      [{ type: 'send_money', amount: 1 }, ACCEPTED],
      [{ type: 'send_money', amount: '1' }, REJECTED],
      [{ type: 'other' }, REJECTED],
      [{}, REJECTED],
      ['incoming_payment', REJECTED],
      [null, REJECTED],
    ],
  },
  {
    // Two options match `type`: valibot keeps the first typed result, so the second one cannot decide.
    schema: v.variant('type', [
      v.object({ type: v.literal('a'), n: v.pipe(v.number(), v.minValue(1)) }),
      v.object({ type: v.literal('a'), n: v.number() }),
    ]),
    decided: [
      [{ type: 'a', n: 2 }, ACCEPTED],
      [{ type: 'a', n: 0 }, UNDECIDED],
      [{ type: 'a', n: 'x' }, REJECTED],
    ],
  },
  {
    // Nested variants add their key; an optional discriminator may be missing.
    schema: v.variant('kind', [
      v.variant('type', [
        v.looseObject({ kind: v.literal('k2'), type: v.literal('stk') }),
        v.looseObject({
          kind: v.literal('k2'),
          type: v.optional(v.literal('payout')),
          legs: v.array(v.string()),
        }),
      ]),
      v.looseObject({ kind: v.literal('legacy'), code: v.string() }),
    ]),
    decided: [
      [{ kind: 'k2', type: 'stk' }, ACCEPTED],
      [{ kind: 'k2', legs: ['a'] }, ACCEPTED],
      [{ kind: 'legacy', code: '01' }, ACCEPTED],
      [{ kind: 'k2', type: 'other' }, REJECTED],
      [{ kind: 'legacy' }, REJECTED],
    ],
  },
  {
    schema: v.variant('type', [v.object({ type: v.pipe(v.string(), v.trim()) })]),
    decided: [[{ type: ' a' }, UNDECIDED]],
  },
];

describe('acceptor: the fast path of parseWireOrThrow', () => {
  it('accepts every K2 webhook fixture, so the fast path is really taken, and agrees on every fixture', () => {
    for (const { name, payload } of fixtures) {
      const verdicts = Object.values(WIRE_SCHEMAS).map((schema) => {
        const verdict = assertAgreesWithValibot(schema, payload);
        if (v.safeParse(schema, payload).success) assert.equal(verdict, ACCEPTED, `${name} was not accepted`);
        return verdict;
      });
      // Result callbacks too: their schema is a v.variant on `data.type`.
      assert.ok(verdicts.includes(ACCEPTED), name);
    }
  });

  it('agrees with valibot on mutated K2 payloads (a value replaced, a key removed or added)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.constantFrom(...Object.keys(WIRE_SCHEMAS)),
        mutation,
        ({ payload }, schemaName, change) => {
          assertAgreesWithValibot(WIRE_SCHEMAS[schemaName] as AnySchema, mutated(payload, change));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('decides every row of the table as written, and agrees with valibot on any value for every row', () => {
    for (const { schema, decided } of TABLE) {
      for (const [input, expected] of decided) {
        assert.equal(assertAgreesWithValibot(schema, input), expected, String(JSON.stringify(input)));
      }
    }
    fc.assert(
      fc.property(fc.constantFrom(...TABLE), fc.oneof(anyValue, fc.anything()), ({ schema }, input) => {
        assertAgreesWithValibot(schema, input);
      }),
      { numRuns: 8000 },
    );
  });

  it('never runs a caller transform itself, so its effects happen once, in valibot', () => {
    let calls = 0;
    const counted = v.looseObject({
      a: v.pipe(
        v.string(),
        v.transform((text) => {
          calls += 1;
          return text;
        }),
      ),
    });
    assert.equal(acceptorOf(counted)(parseJsonText('{"a":"x"}')), UNDECIDED);
    assert.equal(calls, 0);
    assert.deepStrictEqual(parseWireOrThrow(counted, parseJsonText('{"a":"x"}'), 'Invalid'), { a: 'x' });
    assert.equal(calls, 1);
  });

  it('decides the same where code cannot be generated (new Function throws, as on Cloudflare Workers)', () => {
    const original = globalThis.Function;
    let refused = 0;
    globalThis.Function = function forbidden() {
      refused += 1;
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let schema: AnySchema;
    try {
      // A schema object of its own, so it is compiled now, under the forbidding runtime.
      schema = v.looseObject({ ...K2TransactionWebhookSchema.entries });
      acceptorOf(schema);
    } finally {
      globalThis.Function = original;
    }
    assert.equal(refused, 1, 'the envelope was compiled while code generation was refused');
    for (const { payload } of fixtures) assertAgreesWithValibot(schema, payload);
    const inherited = v.looseObject({ constructor: v.optional(v.unknown()), toString: v.any() });
    globalThis.Function = function forbidden() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    try {
      assert.equal(assertAgreesWithValibot(inherited, {}), UNDECIDED);
    } finally {
      globalThis.Function = original;
    }
    const payload = fixtures.find(({ name }) => name === 'webhook-buygoods-received.json')?.payload;
    assert.equal(acceptorOf(schema)(dressed(payload)), ACCEPTED);
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), mutation, ({ payload: document }, change) => {
        assertAgreesWithValibot(schema, mutated(document, change));
      }),
      { numRuns: 500 },
    );
  });

  it('parseWireOrThrow returns a valid wire payload itself, a changed one as valibot does, and names bad fields', () => {
    const text = readFileSync(new URL('webhook-buygoods-received.json', fixturesDirectory), 'utf8');
    const json = parseJsonText(text);
    assert.equal(parseWireOrThrow(K2TransactionWebhookSchema, json, 'Invalid'), json.value);
    assert.equal(parseWireOrThrow(v.pipe(v.string(), v.trim()), parseJsonText('" x "'), 'Invalid'), 'x');
    const broken = parseJsonText(text.replace('"topic":"buygoods_transaction_received"', '"topic":5'));
    assert.throws(
      () => parseWireOrThrow(K2TransactionWebhookSchema, broken, 'Invalid K2 webhook'),
      ValidationError,
    );
    const badAmount = parseJsonText(text.replace(/"amount": ?"[^"]*"/, '"amount":"-5"'));
    assert.throws(
      () => parseWireOrThrow(K2TransactionWebhookSchema, badAmount, 'Invalid K2 webhook'),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.some((issue) => issue.path === 'event.resource.amount'),
    );
  });

  it("takes only PlainJson: a caller's own object is a type error, and a TypeError when forced", () => {
    const schema = v.looseObject({ topic: v.string() });
    const own = { topic: 'buygoods_transaction_received' };
    // @ts-expect-error the fast path's precondition is the type: only parseJsonText or toPlainJson make one.
    assert.throws(() => parseWireOrThrow(schema, own, 'Invalid'), TypeError);
    assert.throws(() => parseWireOrThrow(schema, { value: own } as PlainJson, 'Invalid'), TypeError);
    assert.deepEqual(parseWireOrThrow(schema, toPlainJson(own), 'Invalid'), own);
  });
});
