/**
 * The deepest nesting of arrays and objects `parseJsonText` lets through. Provider payloads nest a
 * handful of levels; code that walks parsed JSON (valibot, canonical forms, `JSON.stringify`) may then
 * recurse without running out of stack, whatever a sender wrote.
 *
 * @example
 * ```ts
 * parseJsonText('['.repeat(MAX_JSON_DEPTH + 1)); // throws ValidationError: nests ... deeper than 64 levels
 * ```
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The most characters a JSON number may have and still be read exactly by `JSON.parse`: a decimal with at
 * most 15 significant digits (and no exponent) always comes back from a double as the same decimal.
 */
const EXACT_NUMBER_LENGTH = 15;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/** What one pass over JSON text found. */
export interface JsonTextShape {
  /** The deepest nesting seen, counted only up to one past {@link MAX_JSON_DEPTH}. */
  readonly depth: number;
  /** Whether some number may not come back from `JSON.parse` as the decimal it was written as. */
  readonly inexactNumbers: boolean;
}

/** A JSON number as the grammar writes it; no two parts can match the same character, so it is linear. */
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The index just past the string whose opening quote is at `start` (or the text's length). */
function endOfString(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1) {
    // A quote preceded by an odd run of backslashes is escaped. Each run is counted once: linear.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/**
 * One linear pass over JSON text, outside its strings: how deep it nests and whether any number is long
 * enough (more than 15 characters) or written with an exponent, so that a double may not hold it exactly.
 * It stops early once the nesting is too deep. Malformed text is not judged here: `JSON.parse` does that.
 * Strings and numbers are skipped by native searches (`indexOf`, a sticky regular expression).
 */
export function scanJsonText(text: string): JsonTextShape {
  let depth = 0;
  let deepest = 0;
  let inexactNumbers = false;
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) index = endOfString(text, index);
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return { depth: deepest, inexactNumbers };
      index += 1;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth -= 1;
      index += 1;
    } else if (code === MINUS || (code >= ZERO && code <= NINE)) {
      NUMBER.lastIndex = index;
      const found = NUMBER.exec(text)?.[0] ?? '-';
      if (found.length > EXACT_NUMBER_LENGTH || /[eE]/.test(found)) inexactNumbers = true;
      index += found.length;
    } else index += 1;
  }
  return { depth: deepest, inexactNumbers };
}

/**
 * A JSON number's text (or a number's shortest text, `1e+21`) as one canonical string: sign, significant
 * digits and the power of ten of the last one, so that texts naming the same decimal compare equal.
 */
function decimalParts(text: string): string {
  const negative = text.charCodeAt(0) === MINUS;
  const unsigned = negative ? text.slice(1) : text;
  let exponentAt = unsigned.indexOf('e');
  if (exponentAt === -1) exponentAt = unsigned.indexOf('E');
  const mantissa = exponentAt === -1 ? unsigned : unsigned.slice(0, exponentAt);
  let scale = exponentAt === -1 ? 0 : Number(unsigned.slice(exponentAt + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  if (dot !== -1) scale -= mantissa.length - dot - 1;
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === ZERO) start += 1;
  let end = digits.length;
  while (end > start && digits.charCodeAt(end - 1) === ZERO) end -= 1;
  if (start === end) return '0';
  return `${negative ? '-' : ''}${digits.slice(start, end)}e${scale + (digits.length - end)}`;
}

/**
 * Whether the number `JSON.parse` read from `source` is exactly the decimal `source` wrote: its shortest
 * text (`String(value)`) and `source` name the same decimal (`100.0` and `100` do; `100.0000000000000001`
 * and `100` do not, nor `1e400` and `Infinity`). Linear in the length of `source`.
 */
export function isExactJsonNumber(source: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return decimalParts(source) === decimalParts(String(value));
}
