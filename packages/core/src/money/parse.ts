import { quoteValue, ValidationError } from '../errors/index.ts';
import { currencyExponent } from './currencies.ts';
import { type Money, money } from './money.ts';

/** Digits, optionally a dot and more digits; nothing else (no sign, exponent, separators or spaces). */
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** The refusal of `value`, quoting at most a short prefix of it (see `quoteValue`). */
function rejected(value: string, message: string): ValidationError {
  return new ValidationError('Invalid amount', [
    { path: 'amount', message: `${quoteValue(value)} ${message}` },
  ]);
}

/** `text` without its trailing zeros, by one backward scan (`/0+$/` retries from every zero: quadratic). */
function withoutTrailingZeros(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === ZERO) end -= 1;
  return text.slice(0, end);
}

/** `digits` without leading zeros, keeping one digit at least. */
function withoutLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === ZERO) start += 1;
  return digits.slice(start);
}

const ZERO = 48;
const NINE = 57;
const DOT = 46;

/**
 * The minor units of a plain amount (`"450.0"`, `"1500"`, `"0.05"`) read digit by digit, or `undefined` for
 * anything else, which {@link parseMoney} then reads by its full rules (and explains when it refuses). This
 * runs for every amount in every webhook; it builds no strings and runs no regular expression. It stays
 * exact: the parts are integers, and a product or sum past 2^53 is never a safe integer, so it is refused.
 */
function plainMinorUnits(text: string, exponent: number): number | undefined {
  const length = text.length;
  let index = 0;
  let whole = 0;
  for (; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < ZERO || code > NINE) break;
    whole = whole * 10 + (code - ZERO);
  }
  if (index === 0 || index > 15) return undefined;
  let fraction = 0;
  let fractionDigits = 0;
  if (index < length) {
    if (text.charCodeAt(index) !== DOT) return undefined;
    index += 1;
    const firstDecimal = index;
    for (; index < length; index += 1) {
      const code = text.charCodeAt(index);
      if (code < ZERO || code > NINE) return undefined;
      if (fractionDigits < exponent) {
        fraction = fraction * 10 + (code - ZERO);
        fractionDigits += 1;
      } else if (code !== ZERO) return undefined;
    }
    if (index === firstDecimal) return undefined;
  }
  const minor = whole * 10 ** exponent + fraction * 10 ** (exponent - fractionDigits);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/**
 * Parses decimal text into exact {@link Money} by string rules only: the digits become minor units without
 * ever passing through a binary float.
 *
 * Accepted: `"1500"`, `"1500.5"`, `"100.0"`, `"0.05"`, leading zeros. Extra decimals are accepted only when
 * they are zeros (`"100.000"` for KES), because providers write amounts like `"100.0"` whatever the
 * currency. Rejected with a {@link ValidationError} that names the value: empty text, whitespace, signs
 * (`"-1"`, `"+1"`), exponent notation, `"1."` and `".5"`, separators, non-zero digits beyond the
 * currency's exponent, unknown currencies and amounts beyond the safe integer range in minor units.
 *
 * @example
 * ```ts
 * parseMoney('1500.5', 'KES'); // { currency: 'KES', minor: 150050 }
 * parseMoney('1.234', 'KES'); // throws ValidationError: "1.234" has more decimals than KES allows (2)
 * ```
 */
export function parseMoney(text: string, currency: string): Money {
  const exponent = currencyExponent(currency);
  const minor = typeof text === 'string' ? plainMinorUnits(text, exponent) : undefined;
  if (minor !== undefined) return money(minor, currency);
  if (typeof text !== 'string') {
    throw new ValidationError('Invalid amount', [
      { path: 'amount', message: `must be a string of digits such as "1500.50", not a ${typeof text}` },
    ]);
  }
  if (text === '') throw rejected(text, 'is empty: an amount needs digits');
  const match = DECIMAL.exec(text);
  if (!match) {
    const hint = text.startsWith('-')
      ? 'is negative'
      : /e/i.test(text)
        ? 'uses exponent notation'
        : 'is not a plain decimal number';
    throw rejected(text, hint);
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const significant = withoutTrailingZeros(fraction);
  if (significant.length > exponent) {
    throw rejected(text, `has more decimals than ${currency} allows (${exponent})`);
  }
  const digits = withoutLeadingZeros(whole + significant.padEnd(exponent, '0'));
  if (digits.length > 16 || !Number.isSafeInteger(Number(digits))) {
    throw rejected(text, 'is too large to be counted exactly in minor units');
  }
  return money(Number(digits), currency);
}

/**
 * Parses an amount as a provider's wire format gives it: decimal text, or a JSON number. A number is turned
 * into its shortest round-trip text (`String(100.5)` is `"100.5"`), which is exactly the text the provider's
 * JSON carried, then read by the string rules of {@link parseMoney}; numbers that print in exponent form,
 * negatives and non-finite values are rejected.
 *
 * @example
 * ```ts
 * parseMoneyFromWire('100.0', 'KES'); // { currency: 'KES', minor: 10000 }
 * parseMoneyFromWire(313, 'KES'); // { currency: 'KES', minor: 31300 }
 * ```
 */
export function parseMoneyFromWire(value: string | number, currency: string): Money {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw rejected(String(value), 'is not a finite number');
    return parseMoney(String(value), currency);
  }
  return parseMoney(value, currency);
}
