/**
 * The deepest nesting of arrays and objects {@link scanJsonText} lets through. Provider payloads nest a
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

function isNumberCharacter(code: number): boolean {
  // Digits, `.`, `e`, `E`, `+`, `-`: everything a JSON number is written with.
  return (
    (code >= ZERO && code <= NINE) ||
    code === 46 ||
    code === 101 ||
    code === 69 ||
    code === 43 ||
    code === MINUS
  );
}

/**
 * One linear pass over JSON text, outside its strings: how deep it nests and whether any number is long
 * enough (more than 15 characters) or written with an exponent, so that a double may not hold it exactly.
 * It stops early once the nesting is too deep. Malformed text is not judged here: `JSON.parse` does that.
 */
export function scanJsonText(text: string): JsonTextShape {
  let depth = 0;
  let deepest = 0;
  let inexactNumbers = false;
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index += 1;
      while (index < length) {
        const inside = text.charCodeAt(index);
        if (inside === BACKSLASH) index += 2;
        else if (inside === QUOTE) break;
        else index += 1;
      }
      index += 1;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return { depth: deepest, inexactNumbers };
      index += 1;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth -= 1;
      index += 1;
    } else if (code === MINUS || (code >= ZERO && code <= NINE)) {
      const start = index;
      let exponent = false;
      while (index < length && isNumberCharacter(text.charCodeAt(index))) {
        const inside = text.charCodeAt(index);
        if (inside === 101 || inside === 69) exponent = true;
        index += 1;
      }
      if (exponent || index - start > EXACT_NUMBER_LENGTH) inexactNumbers = true;
    } else index += 1;
  }
  return { depth: deepest, inexactNumbers };
}

/** A JSON number's text as sign, significant digits and the power of ten of the last digit. */
function decimalParts(text: string): string {
  let index = 0;
  const negative = text.charCodeAt(0) === MINUS;
  if (negative) index = 1;
  let digits = '';
  let scale = 0;
  let inFraction = false;
  for (; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 46) inFraction = true;
    else if (code >= ZERO && code <= NINE) {
      digits += text[index];
      if (inFraction) scale -= 1;
    } else break;
  }
  if (index < text.length) scale += Number(text.slice(index + 1));
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === ZERO) start += 1;
  let end = digits.length;
  while (end > start && digits.charCodeAt(end - 1) === ZERO) {
    end -= 1;
    scale += 1;
  }
  const significant = digits.slice(start, end);
  if (significant === '') return '0';
  return `${negative ? '-' : ''}${significant}e${scale}`;
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
