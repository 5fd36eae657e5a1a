import { ValidationError } from '../errors/index.ts';
import { formatMoneyWithCode, toWireString } from './format.ts';
import type { Money } from './money.ts';

/**
 * Decision: exactness is decided by a round trip, not by a fixed upper limit. A binary float carries about
 * 15.9 significant decimal digits, so an amount with 16 (KES from 70,368,744,177,664.01, three-decimal
 * currencies from 8,796,093,022,208.001, four-decimal ones from 549,755,813,888.0003) may land on a float
 * whose shortest text is a neighbouring amount (`90071992547409.91` prints as `90071992547409.9`). Below
 * those thresholds every amount is exact; above them some are and some are not, so the only rule that
 * neither alters an amount nor refuses a good one is to print the number and compare it with the decimal
 * text. Zero-decimal amounts are always exact: `Money` keeps minor units within `Number.MAX_SAFE_INTEGER`,
 * and every such integer is a float. Amounts that fail can still travel exactly as text
 * ({@link toWireString}).
 */
function wireText(amount: Money): string {
  return toWireString(amount, { trimZeros: true });
}

/**
 * Whether {@link toWireNumber} can send this amount: the JSON number JavaScript writes for it is, digit for
 * digit, the amount's decimal text, so any JSON reader (float or decimal) reads back exactly this amount.
 *
 * @example
 * ```ts
 * isExactWireNumber(money(150050, 'KES')); // true: sent as 1500.5
 * isExactWireNumber(money(9007199254740991, 'KES')); // false: 90071992547409.91 would print as 90071992547409.9
 * ```
 */
export function isExactWireNumber(amount: Money): boolean {
  const text = wireText(amount);
  return String(Number(text)) === text;
}

/**
 * A JSON number for wire formats that want one (K2's `amount.value`), exact on the wire: the number is read
 * from the decimal text, and `JSON.stringify` prints the shortest text that reads back as the same number,
 * which is checked to be that decimal text again (`150050` minor KES becomes `1500.5`, sent as `1500.5`).
 * An amount no JSON number writes exactly (see {@link isExactWireNumber}) is refused with a
 * {@link ValidationError} naming `options.path` (default `amount`), never rounded.
 *
 * @example
 * ```ts
 * JSON.stringify({ value: toWireNumber(money(150050, 'KES')) }); // '{"value":1500.5}'
 * toWireNumber(money(9007199254740991, 'KES'), { path: 'amount.value' }); // throws ValidationError
 * ```
 */
export function toWireNumber(amount: Money, options: { readonly path?: string } = {}): number {
  const text = wireText(amount);
  const value = Number(text);
  if (String(value) !== text) {
    throw new ValidationError('Invalid amount', [
      {
        path: options.path ?? 'amount',
        message: `${formatMoneyWithCode(amount)} cannot be sent exactly as a JSON number (it would read back as ${String(value)}); the amount is too large`,
      },
    ]);
  }
  return value;
}
