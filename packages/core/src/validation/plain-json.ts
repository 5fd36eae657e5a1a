import { ValidationError } from '../errors/validation-error.ts';
import { isExactJsonNumber, MAX_JSON_DEPTH, scanJsonText } from './json-text.ts';

/** Only this module makes a {@link PlainJson}: the brand cannot be written outside it without a cast. */
declare const plainJsonBrand: unique symbol;

/**
 * A value tender has just parsed from JSON text itself (see {@link parseJsonText}), which nobody else holds:
 * plain objects with enumerable string keys, arrays, strings, numbers a double holds exactly, booleans and
 * `null`, nested at most 64 levels deep. `value` is the parsed document. Only values of this type may take
 * the validation fast path (`parseWireOrThrow`), which returns them as they are instead of valibot's copy:
 * the type is that precondition, so a caller's own object cannot be passed by mistake.
 *
 * @example
 * ```ts
 * const json: PlainJson = parseJsonText('{"amount":"450.0"}');
 * json.value; // { amount: '450.0' }
 * ```
 */
export interface PlainJson {
  readonly value: unknown;
  readonly [plainJsonBrand]: true;
}

type Context = { readonly provider?: string; readonly operation?: string };

/**
 * The one maker of PlainJson values, not exported: an instance of it is what this module made, so a value
 * merely cast to the type is found out at run time by `instanceof`, which costs less than a set look-up.
 */
class Parsed {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}

function made(value: unknown): PlainJson {
  return new Parsed(value) as unknown as PlainJson;
}

/**
 * Whether `json` was made by {@link parseJsonText} or {@link toPlainJson}, not cast from another value.
 *
 * @example
 * ```ts
 * isPlainJson(parseJsonText('{}')); // true
 * isPlainJson({ value: {} } as PlainJson); // false
 * ```
 */
export function isPlainJson(json: PlainJson): boolean {
  return json instanceof Parsed;
}

/**
 * Numbers a double cannot hold exactly keep their source text (Node 22+ hands it to a reviver), so that no
 * amount is ever rounded by `JSON.parse`: an amount is then read from that text by string rules, or refused.
 */
function keepInexactNumber(_key: string, value: unknown, context?: { readonly source?: string }): unknown {
  if (typeof value !== 'number') return value;
  const source = context?.source;
  return source === undefined || isExactJsonNumber(source, value) ? value : source;
}

/**
 * Parses JSON text into {@link PlainJson}, or throws core's `ValidationError` (a 4xx for a webhook) when the
 * text is not JSON or nests deeper than 64 levels.
 *
 * Decision: no number is rounded. `JSON.parse` reads `90071992547409.91` as 90071992547409.9 and
 * `100.0000000000000001` as 100; every number a double does not hold exactly (more than 15 significant
 * digits that do not survive the round trip, or out of range) is kept as its source text, a string, so an
 * amount is converted exactly by `parseMoney`'s string rules or refused by them, and a field that must be a
 * number refuses it. Numbers a double holds exactly stay numbers. One linear scan of the text finds the
 * nesting depth and whether any number needs that care; only then is the slower reviver used.
 *
 * @example
 * ```ts
 * parseJsonText('{"amount":90071992547409.91}').value; // { amount: '90071992547409.91' }
 * parseJsonText('{"amount":450.5}').value; // { amount: 450.5 }
 * ```
 */
export function parseJsonText(text: string, context: Context = {}): PlainJson {
  const shape = scanJsonText(text);
  if (shape.depth > MAX_JSON_DEPTH) {
    throw new ValidationError(
      'Invalid JSON',
      [{ path: '', message: `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels` }],
      context,
    );
  }
  let value: unknown;
  try {
    value = shape.inexactNumbers ? JSON.parse(text, keepInexactNumber) : JSON.parse(text);
  } catch {
    // The SyntaxError quotes the text; the body may be long, so it is not repeated.
    throw new ValidationError('Invalid JSON', [{ path: '', message: 'is not JSON' }], context);
  }
  return made(value);
}

/**
 * A caller's JSON-like value as {@link PlainJson}: a copy written as JSON and read back by
 * {@link parseJsonText}, so that accessors, symbols, class instances and shared references are gone and the
 * fast path may return it. Throws core's `ValidationError` when the value cannot be written as JSON (a
 * cycle, a `BigInt`) or nests too deeply.
 *
 * @example
 * ```ts
 * toPlainJson({ topic: 'buygoods_transaction_received' }).value; // a copy of the object
 * ```
 */
export function toPlainJson(value: unknown, context: Context = {}): PlainJson {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    throw new ValidationError(
      'Invalid JSON',
      [{ path: '', message: 'cannot be written as JSON (a cycle, a BigInt or nesting too deep)' }],
      context,
    );
  }
  return text === undefined ? made(undefined) : parseJsonText(text, context);
}
