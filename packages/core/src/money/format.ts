import { currencyExponent } from './currencies.ts';
import type { Money } from './money.ts';

/**
 * Decimal text with exactly the currency's number of decimals, built from the integer digits.
 *
 * @example
 * ```ts
 * formatMoney(money(150050, 'KES')); // '1500.50'
 * formatMoney(money(1500, 'JPY')); // '1500'
 * formatMoney(money(1500, 'KWD')); // '1.500'
 * ```
 */
export function formatMoney(amount: Money): string {
  const exponent = currencyExponent(amount.currency);
  const digits = String(amount.minor);
  if (exponent === 0) return digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * The amount with its code, for people.
 *
 * @example
 * ```ts
 * formatMoneyWithCode(money(150050, 'KES')); // 'KES 1500.50'
 * ```
 */
export function formatMoneyWithCode(amount: Money): string {
  return `${amount.currency} ${formatMoney(amount)}`;
}

/**
 * Decimal text for a wire format; with `trimZeros`, trailing fraction zeros are dropped (`"1500.5"`, `"250"`).
 *
 * @example
 * ```ts
 * toWireString(money(25000, 'KES'), { trimZeros: true }); // '250'
 * ```
 */
export function toWireString(amount: Money, options: { readonly trimZeros?: boolean } = {}): string {
  const text = formatMoney(amount);
  return options.trimZeros && text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
