import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseWireOrThrow, ValidationError } from '@tender/core';
import {
  K2CustomerCreatedWebhookSchema,
  K2DarajaPayloadSchema,
  K2OtherWebhookSchema,
  K2SettlementTransferWebhookSchema,
  K2TransactionWebhookSchema,
} from '@tender/k2';
import fc from 'fast-check';
import * as v from 'valibot';
import { ACCEPTED, acceptorOf, REJECTED, UNDECIDED } from '../../packages/core/src/validation/acceptor.ts';

type AnySchema = v.GenericSchema;

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
};

/**
 * The promise the acceptor makes: ACCEPTED means valibot accepts and returns an equal value, REJECTED means
 * valibot refuses; UNDECIDED promises nothing.
 */
function assertAgreesWithValibot(schema: AnySchema, input: unknown): number {
  const verdict = acceptorOf(schema)(input);
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

describe('acceptor: the fast path of parseWireOrThrow', () => {
  it('accepts every K2 webhook fixture, so the fast path is really taken, and agrees on every fixture', () => {
    for (const { name, payload } of fixtures) {
      const verdicts = Object.values(WIRE_SCHEMAS).map((schema) => {
        const verdict = assertAgreesWithValibot(schema, payload);
        if (v.safeParse(schema, payload).success) assert.equal(verdict, ACCEPTED, `${name} was not accepted`);
        return verdict;
      });
      if (name.startsWith('webhook-') || name.startsWith('daraja-'))
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

  it('leaves undecided what valibot would change: defaults, transforms, stripped and dropped keys', () => {
    const cases: [AnySchema, unknown][] = [
      [v.nullish(v.string(), 'default'), null],
      [v.optional(v.number(), 1), undefined],
      [v.object({ a: v.optional(v.string(), 'x') }), {}],
      [v.object({ a: v.string() }), { a: 'x', extra: 1 }],
      [v.strictObject({ a: v.string() }), { a: 'x', extra: 1 }],
      [v.looseObject({ a: v.string() }), JSON.parse('{"a":"x","__proto__":{"polluted":true}}')],
      [v.pipe(v.string(), v.trim()), ' padded '],
      [v.union([v.pipe(v.string(), v.toUpperCase()), v.string()]), 'lower'],
      [v.fallback(v.string(), 'x'), 1],
      [v.record(v.string(), v.string()), { a: 'x' }],
      [v.looseObject({ a: v.string() }), ['array']],
      [v.exactOptional(v.string()), 'x'],
      [v.pipe(v.string(), v.regex(/\d/g)), '1'],
      [v.looseObject({}), Object.create(null)],
      [v.looseObject({}), new Date(0)],
      // Valibot copies a key it finds on the prototype into its output as an own key.
      [v.object({ constructor: v.optional(v.unknown()) }), {}],
      [v.looseObject({ toString: v.any() }), JSON.parse('{}')],
      // Valibot's output array is dense, holds only the items and is a plain Array.
      // A hole on purpose: `new Array(2)` has no items at all, only a length.
      [v.array(v.optional(v.string())), Object.assign(new Array<string>(2), { 1: 'a' })],
      [v.array(v.string()), Object.assign(['a'], { extra: 1 })],
      [v.array(v.string()), new (class Items extends Array<string> {})()],
    ];
    for (const [schema, input] of cases) {
      assert.equal(assertAgreesWithValibot(schema, input), UNDECIDED, JSON.stringify(input));
    }
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
    assert.equal(acceptorOf(counted)({ a: 'x' }), UNDECIDED);
    assert.equal(calls, 0);
    assert.deepStrictEqual(parseWireOrThrow(counted, { a: 'x' }, 'Invalid'), { a: 'x' });
    assert.equal(calls, 1);
  });

  it('decides what valibot decides the same way for every value schema and wrapper', () => {
    const schemas: AnySchema[] = [
      v.string(),
      v.number(),
      v.boolean(),
      v.null(),
      v.undefined(),
      v.literal('x'),
      v.literal(Number.NaN as never),
      v.picklist(['a', 'b']),
      v.custom<string>((value) => typeof value === 'string' && value.startsWith('K')),
      v.pipe(v.string(), v.regex(/^\d+$/)),
      v.pipe(v.number(), v.finite(), v.minValue(0)),
      v.pipe(v.pipe(v.string(), v.nonEmpty()), v.maxLength(3)),
      v.nullable(v.string()),
      v.nullish(v.union([v.string(), v.number()])),
      v.array(v.nullish(v.string())),
      v.looseObject({ a: v.string(), b: v.nullish(v.number()), c: v.nullable(v.string()) }),
      v.object({ a: v.optional(v.string()) }),
      v.strictObject({ a: v.string() }),
      v.union([
        v.looseObject({ kind: v.literal('a') }),
        v.looseObject({ kind: v.literal('b'), n: v.number() }),
      ]),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...schemas), fc.oneof(anyValue, fc.anything()), (schema, input) => {
        assertAgreesWithValibot(schema, input);
      }),
      { numRuns: 5000 },
    );
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
    assert.equal(acceptorOf(schema)(payload), ACCEPTED);
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), mutation, ({ payload: document }, change) => {
        assertAgreesWithValibot(schema, mutated(document, change));
      }),
      { numRuns: 500 },
    );
  });

  it('parseWireOrThrow returns a valid wire payload itself, a changed one as valibot does, and names bad fields', () => {
    const payload = fixtures.find(({ name }) => name === 'webhook-buygoods-received.json')?.payload;
    assert.equal(parseWireOrThrow(K2TransactionWebhookSchema, payload, 'Invalid'), payload);
    assert.equal(parseWireOrThrow(v.pipe(v.string(), v.trim()), ' x ', 'Invalid'), 'x');
    const broken = mutated(payload, { at: 0, change: 'replace', key: '', value: undefined });
    assert.throws(
      () => parseWireOrThrow(K2TransactionWebhookSchema, broken, 'Invalid K2 webhook'),
      ValidationError,
    );
    const badAmount = structuredClone(payload);
    badAmount.event.resource.amount = '-5';
    assert.throws(
      () => parseWireOrThrow(K2TransactionWebhookSchema, badAmount, 'Invalid K2 webhook'),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.some((issue) => issue.path === 'event.resource.amount'),
    );
  });
});
