import * as v from 'valibot';
import { quoteValue, ValidationError } from '../errors/index.ts';
import { CurrencyCodeSchema, isCurrencyCode } from './currencies.ts';

/**
 * An exact amount: a non-negative safe integer of minor units (cents) and an ISO 4217 code. No binary
 * floating point is involved anywhere; direction (in or out) is said by the operation or event, not a sign.
 *
 * @example
 * ```ts
 * v.parse(MoneySchema, { currency: 'KES', minor: 150050 }); // KES 1500.50
 * ```
 */
export const MoneySchema = v.object({
  /** The ISO 4217 code, such as `'KES'`; its exponent comes from `CURRENCY_EXPONENTS`. */
  currency: CurrencyCodeSchema,
  /** The amount in the currency's minor unit (cents for KES, whole kyat for MMK): a safe, non-negative integer. */
  minor: v.pipe(
    v.number(),
    v.safeInteger((issue) => `${String(issue.input)} is not a whole number of minor units in the safe range`),
    v.minValue(0, (issue) => `${String(issue.input)} is negative`),
  ),
});

/** @example const price: Money = { currency: 'KES', minor: 25000 }; */
export type Money = v.InferOutput<typeof MoneySchema>;

function invalid(summary: string, path: string, message: string): ValidationError {
  return new ValidationError(summary, [{ path, message }]);
}

/**
 * Builds a {@link Money} from minor units, checking them.
 *
 * @example
 * ```ts
 * money(25000, 'KES'); // { currency: 'KES', minor: 25000 }, i.e. KES 250.00
 * ```
 */
export function money(minor: number, currency: string): Money {
  if (!isCurrencyCode(currency))
    throw invalid(
      'Invalid money',
      'currency',
      `${quoteValue(String(currency))} is not an ISO 4217 currency tender knows`,
    );
  if (!Number.isSafeInteger(minor))
    throw invalid(
      'Invalid money',
      'minor',
      `${minor} is not a whole number of minor units in the safe range`,
    );
  if (minor < 0) throw invalid('Invalid money', 'minor', `${minor} is negative`);
  return { currency, minor };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency)
    throw invalid('Currency mismatch', 'currency', `${a.currency} and ${b.currency} cannot be combined`);
}

/**
 * Adds two amounts of the same currency; throws a {@link ValidationError} on mixed currencies or overflow.
 *
 * @example
 * ```ts
 * addMoney(money(100, 'KES'), money(250, 'KES')); // money(350, 'KES')
 * ```
 */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

/**
 * Subtracts `b` from `a`; throws a {@link ValidationError} when the result would be negative.
 *
 * @example
 * ```ts
 * subtractMoney(money(350, 'KES'), money(100, 'KES')); // money(250, 'KES')
 * ```
 */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor - b.minor, a.currency);
}

/**
 * Orders two amounts of the same currency: -1, 0 or 1.
 *
 * @example
 * ```ts
 * compareMoney(money(1, 'KES'), money(2, 'KES')); // -1
 * ```
 */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/**
 * Whether two amounts are the same currency and value.
 *
 * @example
 * ```ts
 * moneyEquals(money(100, 'KES'), parseMoney('1', 'KES')); // true
 * ```
 */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.minor === b.minor;
}

/**
 * Whether an amount is zero.
 *
 * @example
 * ```ts
 * isZeroMoney(money(0, 'KES')); // true
 * ```
 */
export function isZeroMoney(amount: Money): boolean {
  return amount.minor === 0;
}

/**
 * Adds up a list of amounts of one currency; an empty list is zero.
 *
 * @example
 * ```ts
 * sumMoney([money(100, 'KES'), money(5, 'KES')], 'KES'); // money(105, 'KES')
 * ```
 */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((total, amount) => addMoney(total, amount), money(0, currency));
}
