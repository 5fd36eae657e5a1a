import { currencyExponent, formatMoneyWithCode, type Money, parseMoney, ValidationError } from '@tender/core';

/**
 * The one currency KBZPay Manual moves.
 *
 * @example
 * ```ts
 * parseMoney('25000', KBZPAY_CURRENCY);
 * ```
 */
export const KBZPAY_CURRENCY = 'MMK';

/**
 * The one place Paykassma's wire amounts meet core `Money`, in both directions. Paykassma counts whole kyat
 * (integers in requests, decimal strings or JSON numbers in postbacks), while MMK has two decimals in
 * ISO 4217, so `Money` holds pyas: 25 000 kyat is `{ currency: 'MMK', minor: 2500000 }`.
 */
const PYAS_PER_KYAT = 10 ** currencyExponent(KBZPAY_CURRENCY);

/**
 * The whole kyat of an amount, for a request body. Another currency, or a fraction of a kyat, is a
 * ValidationError naming `path`: Paykassma would have nothing to round it to.
 *
 * @example
 * ```ts
 * toKyat(parseMoney('45000', 'MMK'), 'amount'); // 45000
 * toKyat(parseMoney('45000.5', 'MMK'), 'amount'); // throws ValidationError: amount: ... whole kyat
 * ```
 */
export function toKyat(amount: Money, path: string): number {
  if (amount.currency !== KBZPAY_CURRENCY) {
    throw invalid(path, `must be in MMK, not ${amount.currency}`);
  }
  if (amount.minor % PYAS_PER_KYAT !== 0) {
    throw invalid(
      path,
      `${formatMoneyWithCode(amount)} is not a whole number of kyat; Paykassma counts whole kyat`,
    );
  }
  return amount.minor / PYAS_PER_KYAT;
}

/**
 * Reads a wire amount: decimal text exactly as Paykassma wrote it (a postback's `"25000"`, or the source
 * text of a JSON number such as `25000` or `10.0`, never a float). Anything but plain decimal text, or a
 * currency other than MMK, is a ValidationError naming `path`.
 *
 * @example
 * ```ts
 * fromKyat('25000', 'MMK', 'additional_data.0.amount'); // { currency: 'MMK', minor: 2500000 }
 * ```
 */
export function fromKyat(text: string, currency: string, path: string): Money {
  if (currency !== KBZPAY_CURRENCY) throw invalid(path, `is in ${currency}; KBZPay Manual moves MMK only`);
  try {
    return parseMoney(text, KBZPAY_CURRENCY);
  } catch (error) {
    const reason =
      error instanceof ValidationError ? (error.issues[0]?.message ?? 'is invalid') : 'is invalid';
    throw invalid(path, reason);
  }
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('Invalid Paykassma amount', [{ path, message }], { provider: 'paykassma' });
}
