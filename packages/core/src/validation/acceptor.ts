import * as v from 'valibot';
import type { PlainJson } from './plain-json.ts';

/**
 * What an acceptor knows about an input:
 * - `ACCEPTED`: valibot accepts it and its output holds the same values as the input, so the input can be
 *   returned as the output;
 * - `REJECTED`: valibot refuses it;
 * - `UNDECIDED`: anything else (the schema changes the value, or the acceptor does not model it): run valibot.
 */
export const ACCEPTED = 0;
/** @see ACCEPTED */
export const REJECTED = 1;
/** @see ACCEPTED */
export const UNDECIDED = 2;

/**
 * One of {@link ACCEPTED}, {@link REJECTED} or {@link UNDECIDED}.
 *
 * @example
 * ```ts
 * const verdict: Verdict = acceptorOf(schema)(input);
 * ```
 */
export type Verdict = typeof ACCEPTED | typeof REJECTED | typeof UNDECIDED;

/**
 * A compiled check of a schema. It takes only {@link PlainJson}, what `parseJsonText` made: its verdict
 * `ACCEPTED` promises that the value is its own valibot output, which holds for plain JSON data and not for
 * a caller's objects (accessors, symbol keys, class instances, shared references).
 *
 * @example
 * ```ts
 * const accept: Acceptor = acceptorOf(v.string());
 * accept(parseJsonText('"x"')); // ACCEPTED
 * ```
 */
export type Acceptor = (input: PlainJson) => Verdict;

/** The check of one schema inside a document, run on values the document's {@link Acceptor} reached. */
type Check = (input: unknown) => Verdict;

type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;
type AnyAction =
  | v.BaseValidation<unknown, unknown, v.BaseIssue<unknown>>
  | v.BaseTransformation<unknown, unknown, v.BaseIssue<unknown>>
  | v.BaseMetadata<unknown>;

/** What this module reads of a valibot schema beyond `BaseSchema`: the published properties of each kind. */
interface SchemaParts {
  readonly pipe?: readonly (AnySchema | AnyAction)[];
  readonly wrapped?: AnySchema;
  readonly entries?: Readonly<Record<string, AnySchema>>;
  readonly options?: readonly AnySchema[];
  /** A variant's discriminator key, or a record's key schema. */
  readonly key?: string | AnySchema;
  readonly value?: AnySchema;
  readonly item?: AnySchema;
  readonly default?: unknown;
  readonly fallback?: unknown;
}

type Parts = AnySchema & SchemaParts;

/** The configuration `parseOrThrow` runs valibot with; leaf checks run with the same one. */
const CONFIG: v.Config<v.BaseIssue<unknown>> = { abortPipeEarly: true };

/** Schemas whose output is the input itself when valid, so valibot's own check decides exactly. */
const VALUE_TYPES: ReadonlySet<string> = new Set([
  'any',
  'bigint',
  'blob',
  'boolean',
  'custom',
  'date',
  'enum',
  'file',
  'function',
  'instance',
  'literal',
  'nan',
  'never',
  'null',
  'number',
  'picklist',
  'promise',
  'string',
  'symbol',
  'undefined',
  'unknown',
  'void',
]);

/** Object keys valibot never copies to an output, so an input holding one is not its own output. */
const UNCOPIED_KEYS = ['__proto__', 'prototype', 'constructor'] as const;

/** Entry wrappers whose key may be missing from an object (valibot adds no issue then). */
const MAY_BE_MISSING: ReadonlySet<string> = new Set(['exact_optional', 'optional', 'nullish']);

const undecided: Check = () => UNDECIDED;

const compiled = new WeakMap<object, Check>();
const acceptors = new WeakMap<object, Acceptor>();

/**
 * The acceptor of `schema`, compiled once and cached. Valibot builds a new output for every object it checks
 * and wraps every value in a dataset; for the payloads and requests tender checks on hot paths (webhooks,
 * client calls) that was most of the cost of validation. An acceptor walks the same schema without building
 * anything: primitive-valued schemas are checked by valibot's own `~run`, and the structure (objects, arrays,
 * optional wrappers, unions, variants, pipes) is walked here with valibot's rules. When it answers
 * `ACCEPTED`, valibot would accept the input and produce an output equal to it; otherwise the caller runs
 * valibot. That promise is for plain JSON data, hence the {@link PlainJson} input: symbol keys,
 * non-enumerable properties and keys added to `Object.prototype` after compiling are not looked for.
 *
 * @example
 * ```ts
 * const json = parseJsonText(text);
 * if (acceptorOf(schema)(json) === ACCEPTED) return json.value as v.InferOutput<typeof schema>;
 * ```
 */
export function acceptorOf(schema: AnySchema): Acceptor {
  let acceptor = acceptors.get(schema);
  if (acceptor === undefined) {
    const check = checkOf(schema);
    acceptor = (input) => check(input.value);
    acceptors.set(schema, acceptor);
  }
  return acceptor;
}

/** The check of `schema`, compiled once and cached. */
function checkOf(schema: AnySchema): Check {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema as Parts);
    compiled.set(schema, check);
  }
  return check;
}

function compile(schema: Parts): Check {
  if (schema.async || schema.fallback !== undefined) return undecided;
  if (schema.pipe !== undefined) return compilePipe(schema.pipe);
  switch (schema.type) {
    case 'loose_object':
    case 'object':
    case 'strict_object':
      return compileObject(schema.type, schema.entries ?? {});
    case 'array':
      return schema.item === undefined ? undecided : compileArray(checkOf(schema.item));
    case 'union':
      return compileUnion((schema.options ?? []).map(checkOf));
    case 'variant':
      return compileVariant(schema);
    case 'record':
      return compileRecord(schema);
    case 'optional':
    case 'undefinedable':
      return compileWrapper(schema, (value) => value === undefined);
    case 'nullable':
      return compileWrapper(schema, (value) => value === null);
    case 'nullish':
      return compileWrapper(schema, (value) => value === null || value === undefined);
    default:
      return VALUE_TYPES.has(schema.type) ? compileValue(schema) : undecided;
  }
}

/**
 * The type tests of the plain value schemas, by the function that made the schema: each as a function and
 * as the same test written as code over `value`, which the generated entries check runs without a call
 * (see {@link entriesCheck}). One table, so the two forms cannot drift apart.
 */
const TYPE_TESTS = new Map<unknown, { readonly test: (value: unknown) => boolean; readonly code: string }>([
  [v.string, { test: (value) => typeof value === 'string', code: 'typeof value === "string"' }],
  [
    v.number,
    {
      test: (value) => typeof value === 'number' && !Number.isNaN(value),
      code: '(typeof value === "number" && value === value)',
    },
  ],
  [v.boolean, { test: (value) => typeof value === 'boolean', code: 'typeof value === "boolean"' }],
  [v.null, { test: (value) => value === null, code: 'value === null' }],
  [v.undefined, { test: (value) => value === undefined, code: 'value === undefined' }],
  [v.unknown, { test: () => true, code: 'true' }],
  [v.any, { test: () => true, code: 'true' }],
]);

/**
 * The test valibot's `~run` applies for the commonest value schemas (a type, a literal, a picklist, a custom
 * check), written out so the hot path builds no dataset; `undefined` for the others.
 */
function directTest(schema: Parts & { literal?: unknown; check?: (value: unknown) => boolean }) {
  const typeTest = TYPE_TESTS.get(schema.reference);
  if (typeTest !== undefined) return typeTest.test;
  if (schema.reference === v.literal) {
    const literal = schema.literal;
    return (value: unknown) => value === literal || (Number.isNaN(value) && Number.isNaN(literal));
  }
  if (schema.reference === v.picklist && schema.options !== undefined) {
    const options: readonly unknown[] = schema.options;
    return (value: unknown) => options.includes(value);
  }
  const check = schema.check;
  if (schema.reference === v.custom && typeof check === 'function') return (value: unknown) => check(value);
  return undefined;
}

/** Valibot's own check; accepted only if it kept the very value (a default or transform would change it). */
function compileValue(schema: Parts): Check {
  const test = directTest(schema);
  if (test !== undefined) return (input) => (test(input) ? ACCEPTED : REJECTED);
  return (input) => {
    const dataset = schema['~run']({ value: input }, CONFIG);
    if (dataset.issues !== undefined) return REJECTED;
    return dataset.typed && Object.is(dataset.value, input) ? ACCEPTED : UNDECIDED;
  };
}

/** `optional`, `nullish` and friends: an empty value is accepted as is unless a default replaces it. */
function compileWrapper(schema: Parts, isEmpty: (value: unknown) => boolean): Check {
  if (schema.wrapped === undefined) return undecided;
  const wrapped = checkOf(schema.wrapped);
  const emptyVerdict = schema.default === undefined ? ACCEPTED : UNDECIDED;
  return (input) => (isEmpty(input) ? emptyVerdict : wrapped(input));
}

/** A union takes its first valid option, so an undecided option before a valid one leaves it undecided. */
function compileUnion(options: readonly Check[]): Check {
  return (input) => {
    for (const option of options) {
      const verdict = option(input);
      if (verdict !== REJECTED) return verdict;
    }
    return REJECTED;
  };
}

interface Discriminator {
  readonly key: string;
  readonly check: Check;
  /** Whether the option lets the key be missing (valibot then counts it as matching). */
  readonly mayBeMissing: boolean;
}

interface VariantOption {
  readonly discriminators: readonly Discriminator[];
  readonly check: Check;
}

/**
 * The options of a variant in valibot's order, a nested variant's options in its place with its key added
 * to the keys they are told apart by; `undefined` when an option is no object with every key (valibot itself
 * would fail on it).
 */
function variantOptions(schema: Parts, keys: ReadonlySet<string>): VariantOption[] | undefined {
  const found: VariantOption[] = [];
  for (const option of (schema.options ?? []) as Parts[]) {
    if (option.type === 'variant' && typeof option.key === 'string') {
      const nested = variantOptions(option, new Set(keys).add(option.key));
      if (nested === undefined) return undefined;
      found.push(...nested);
      continue;
    }
    const entries = option.entries;
    if (entries === undefined) return undefined;
    const discriminators: Discriminator[] = [];
    for (const key of keys) {
      const discriminator = entries[key] as Parts | undefined;
      if (discriminator === undefined) return undefined;
      discriminators.push({
        key,
        check: checkOf(discriminator),
        mayBeMissing: MAY_BE_MISSING.has(discriminator.type),
      });
    }
    found.push({ discriminators, check: checkOf(option) });
  }
  return found;
}

/** Whether `input`'s discriminators pick `option`, as valibot tells (undecided when a check cannot say). */
function picks(option: VariantOption, input: object): Verdict {
  for (const { key, check, mayBeMissing } of option.discriminators) {
    if (key in input) {
      const verdict = check((input as Record<string, unknown>)[key]);
      if (verdict !== ACCEPTED) return verdict;
    } else if (!mayBeMissing) return REJECTED;
  }
  return ACCEPTED;
}

/**
 * `v.variant`: valibot runs, in order, each option whose discriminator keys match and returns the first
 * one without issues. When an earlier matching option had issues, valibot may return that one's issues
 * instead (it keeps the first typed result): a later accepted option then leaves the variant undecided.
 */
function compileVariant(schema: Parts): Check {
  if (typeof schema.key !== 'string') return undecided;
  const options = variantOptions(schema, new Set([schema.key]));
  if (options === undefined) return undecided;
  return (input) => {
    if (typeof input !== 'object' || input === null) return REJECTED;
    let refused = false;
    for (const option of options) {
      const picked = picks(option, input);
      if (picked === UNDECIDED) return UNDECIDED;
      if (picked === REJECTED) continue;
      const verdict = option.check(input);
      if (verdict === ACCEPTED) return refused ? UNDECIDED : ACCEPTED;
      if (verdict === UNDECIDED) return UNDECIDED;
      refused = true;
    }
    return REJECTED;
  };
}

/**
 * `v.record`: valibot checks each own enumerable key and its value and copies them into a new plain object,
 * leaving out `__proto__`, `prototype` and `constructor`: an input holding one of those, or that is no plain
 * object, is not its own output, so it stays undecided (its entries are still checked).
 */
function compileRecord(schema: Parts): Check {
  if (typeof schema.key !== 'object' || schema.value === undefined) return undecided;
  const checkKey = checkOf(schema.key);
  const checkValue = checkOf(schema.value);
  return (input) => {
    if (typeof input !== 'object' || input === null) return REJECTED;
    let verdict: Verdict = Object.getPrototypeOf(input) === Object.prototype ? ACCEPTED : UNDECIDED;
    const record = input as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      if ((UNCOPIED_KEYS as readonly string[]).includes(key)) {
        verdict = UNDECIDED;
        continue;
      }
      const keyVerdict = checkKey(key);
      const valueVerdict = keyVerdict === REJECTED ? REJECTED : checkValue(record[key]);
      if (valueVerdict === REJECTED) return REJECTED;
      if (keyVerdict === UNDECIDED || valueVerdict === UNDECIDED) verdict = UNDECIDED;
    }
    return verdict;
  };
}

/**
 * Arrays. Valibot's output is a new dense array of the items: an input with holes, properties besides its
 * items or another prototype is not its own output, so it stays undecided (its items are still checked).
 */
function compileArray(item: Check): Check {
  return (input) => {
    if (!Array.isArray(input)) return REJECTED;
    const plain =
      Object.getPrototypeOf(input) === Array.prototype && Object.keys(input).length === input.length;
    let verdict: Verdict = plain ? ACCEPTED : UNDECIDED;
    for (let index = 0; index < input.length; index += 1) {
      const element: unknown = input[index];
      if (element === undefined && !(index in input)) verdict = UNDECIDED;
      const itemVerdict = item(element);
      if (itemVerdict === REJECTED) return REJECTED;
      if (itemVerdict === UNDECIDED) verdict = UNDECIDED;
    }
    return verdict;
  };
}

interface EntryCheck {
  readonly key: string;
  readonly accept: Check;
  /** What a missing key means: accepted (an optional entry), refused (a required one) or undecided (a default or fallback fills it). */
  readonly whenMissing: Verdict;
  /** The entry's test as code, when it is simple enough to be written into the generated check. */
  readonly inline: string | undefined;
}

function entryCheck(key: string, schema: Parts): EntryCheck {
  const optional = MAY_BE_MISSING.has(schema.type);
  let whenMissing: Verdict = REJECTED;
  if ((optional && schema.default !== undefined) || schema.fallback !== undefined) whenMissing = UNDECIDED;
  else if (optional) whenMissing = ACCEPTED;
  return { key, accept: checkOf(schema), whenMissing, inline: inlineTest(schema) };
}

/** Empty values each wrapper lets through as they are (when it has no default). */
const INLINE_EMPTY_TESTS: Readonly<Record<string, string>> = {
  optional: 'value === undefined',
  undefinedable: 'value === undefined',
  nullable: 'value === null',
  nullish: '(value === null || value === undefined)',
};

/**
 * The test of a plain value schema written as code over `value` (a type, or one of those wrapped in
 * `optional`, `nullable` or `nullish` without a default), for the generated entries check to run without a
 * call; `undefined` for every other schema, which keeps its acceptor. The code holds no text of the schema.
 */
function inlineTest(schema: Parts): string | undefined {
  if (schema.pipe !== undefined || schema.fallback !== undefined || schema.async) return undefined;
  const typeTest = TYPE_TESTS.get(schema.reference);
  if (typeTest !== undefined) return typeTest.code;
  const emptyTest = INLINE_EMPTY_TESTS[schema.type];
  if (emptyTest === undefined || schema.default !== undefined || schema.wrapped === undefined)
    return undefined;
  const wrapped = inlineTest(schema.wrapped as Parts);
  return wrapped === undefined ? undefined : `(${emptyTest} || ${wrapped})`;
}

/**
 * Whether a plain object can hold `key` without owning it: the names `Object.prototype` holds
 * (`constructor`, `toString`, `__proto__`…). Valibot reads an inherited value and copies it into its output
 * as an own key, so such an input is not its own output: for these keys only, the check asks who owns it.
 */
function mayBeInherited(key: string): boolean {
  return key in Object.prototype;
}

/** Checks the declared entries of an object: `record` is the input, `accepts` the entries' acceptors. */
type EntriesCheck = (record: Record<string, unknown>, accepts: readonly Check[]) => Verdict;

/**
 * Builds the entries check of an object schema as straight-line code, one statement per entry with the key
 * written in. A loop over the keys makes every read a generic keyed lookup, which V8 cannot specialise for
 * the payload's shape and which took most of the time; written-out keys are read like `record.id`. The code
 * is made only from the schema's keys, each written as a JSON string literal, from numbers and from the
 * fixed type tests of {@link inlineTest}. Runtimes that forbid generating code (Cloudflare Workers, pages
 * with a strict Content-Security-Policy) throw on `new Function`; they get the same check as a loop.
 */
function entriesCheck(checks: readonly EntryCheck[]): EntriesCheck {
  const statements = checks.map(({ key, whenMissing, inline }, index) => {
    const name = JSON.stringify(key);
    const present =
      inline === undefined ? `accepts[${index}](value)` : `(${inline} ? ${ACCEPTED} : ${REJECTED})`;
    const found = mayBeInherited(key)
      ? `hasOwn(record, ${name}) ? ${present} : ${name} in record ? ${UNDECIDED} : ${whenMissing}`
      : `value !== undefined || ${name} in record ? ${present} : ${whenMissing}`;
    return [
      `value = record[${name}];`,
      `entry = ${found};`,
      `if (entry === ${REJECTED}) return ${REJECTED};`,
      `if (entry === ${UNDECIDED}) verdict = ${UNDECIDED};`,
    ].join(' ');
  });
  const body = [`let verdict = ${ACCEPTED}, value, entry;`, ...statements, 'return verdict;'].join('\n');
  try {
    const make = new Function('hasOwn', `return function entries(record, accepts) {\n${body}\n};`);
    return make(Object.hasOwn) as EntriesCheck;
  } catch {
    return (record) => entriesLoop(checks, record);
  }
}

/** The entries check as a loop, where code cannot be generated. */
function entriesLoop(checks: readonly EntryCheck[], record: Record<string, unknown>): Verdict {
  let verdict: Verdict = ACCEPTED;
  for (const { key, accept, whenMissing } of checks) {
    const value = record[key];
    let entry: Verdict;
    if (Object.hasOwn(record, key)) entry = accept(value);
    else entry = key in record ? UNDECIDED : whenMissing;
    if (entry === REJECTED) return REJECTED;
    if (entry === UNDECIDED) verdict = UNDECIDED;
  }
  return verdict;
}

/**
 * Plain objects, with valibot's reading of keys (`key in input`, so inherited ones count; one lookup suffices
 * for a key holding a value). The output of `object` drops undeclared keys and that of `loose_object` drops
 * `__proto__`, `prototype` and `constructor`: an input holding such keys is not its own output, so it stays
 * undecided (and so do undeclared keys for `strict_object`, whose idea of "declared" includes inherited
 * names).
 */
function compileObject(type: string, entries: Readonly<Record<string, AnySchema>>): Check {
  const checks = Object.entries(entries).map(([key, schema]) => entryCheck(key, schema as Parts));
  const accepts = checks.map((check) => check.accept);
  const checkEntries = entriesCheck(checks);
  const declared = new Set(Object.keys(entries));
  return (input) => {
    if (typeof input !== 'object' || input === null) return REJECTED;
    // Valibot's output is a plain object: an array, a class instance or a null-prototype object is not one.
    if (Object.getPrototypeOf(input) !== Object.prototype) return UNDECIDED;
    const record = input as Record<string, unknown>;
    const verdict = checkEntries(record, accepts);
    if (verdict === REJECTED) return REJECTED;
    if (type === 'loose_object') {
      for (const key of UNCOPIED_KEYS) if (Object.hasOwn(record, key)) return UNDECIDED;
    } else {
      for (const key in record) {
        if (Object.hasOwn(record, key) && !declared.has(key)) return UNDECIDED;
      }
    }
    return verdict;
  };
}

/**
 * A pipe: its schema, then each later item on the same value with valibot's own `~run`. A validation's issue
 * is a refusal. Once a step changes the value (or cannot say), later steps would see valibot's changed value,
 * not the input, so the pipe stops there undecided.
 */
function compilePipe(pipe: readonly (AnySchema | AnyAction)[]): Check {
  const [first, ...rest] = pipe;
  if (first === undefined || first.kind !== 'schema') return undecided;
  const base = checkOf(first as AnySchema);
  const steps = rest
    .filter((item) => item.kind !== 'metadata')
    .map((item): Check => (item.kind === 'schema' ? checkOf(item as AnySchema) : actionStep(item)));
  return (input) => {
    const verdict = base(input);
    if (verdict !== ACCEPTED) return verdict;
    for (const step of steps) {
      const stepVerdict = step(input);
      if (stepVerdict !== ACCEPTED) return stepVerdict;
    }
    return ACCEPTED;
  };
}

/** Transformations that run a caller's function; the built-in ones (`trim`, `toUpperCase`…) are pure. */
const CALLER_TRANSFORMS: ReadonlySet<string> = new Set(['transform', 'raw_transform']);

/** A validation or transformation run on a value valibot has already typed. */
function actionStep(action: AnyAction): Check {
  const requirement = (action as { requirement?: unknown }).requirement;
  if (action.reference === v.regex && requirement instanceof RegExp) {
    // A global or sticky regex moves its `lastIndex` on every test, so testing it here would change what
    // valibot then sees: those are left to valibot. The others get the test valibot applies, without a dataset.
    if (requirement.global || requirement.sticky) return undecided;
    return (input) => (requirement.test(input as string) ? ACCEPTED : REJECTED);
  }
  // A caller's own transform may have effects (count, log, look up): valibot runs it, and only valibot.
  if (CALLER_TRANSFORMS.has(action.type)) return undecided;
  const run = (action as v.BaseValidation<unknown, unknown, v.BaseIssue<unknown>>)['~run'].bind(action);
  return (input) => {
    const dataset = run({ typed: true, value: input }, CONFIG);
    if (dataset.issues !== undefined) return REJECTED;
    return Object.is(dataset.value, input) ? ACCEPTED : UNDECIDED;
  };
}
