import { type Money, parseMoneyFromWire, ValidationError } from '@tender/core';
import * as v from 'valibot';

/** Plain decimal text as K2 writes amounts (`"450.0"`, `"313"`); empty text stands for "no amount". */
const DECIMAL_TEXT = /^(?:\d+(?:\.\d+)?)?$/;

/**
 * An amount as K2 sends it: decimal text in webhooks and batches (`"100.0"`, `"313"`), a JSON number in
 * echoed destinations, payment links and some STK results (`2300`, `115.0`), `null` where there is none (a
 * blind transfer). Signs, exponents and separators are refused here so the error names the field.
 *
 * @example
 * ```ts
 * v.parse(K2AmountSchema, '450.0'); // '450.0'
 * ```
 */
export const K2AmountSchema = v.nullish(
  v.union(
    [
      v.pipe(v.string(), v.regex(DECIMAL_TEXT, 'must be decimal text such as "450.0"')),
      v.pipe(v.number(), v.finite(), v.minValue(0, 'must not be negative')),
    ],
    'must be an amount (decimal text or a number)',
  ),
);

/** @example const amount: K2Amount = '450.0'; */
export type K2Amount = NonNullable<v.InferOutput<typeof K2AmountSchema>>;

/**
 * Reads an amount as K2 writes it into exact Money (integer minor units, never a float on the way). Absent
 * amounts (`null`, `undefined`, `""`: a blind transfer, a failed STK push) are `undefined`; a missing or
 * empty currency means `KES`, the only currency K2 supports. Malformed text throws core's `ValidationError`.
 *
 * @example
 * ```ts
 * k2AmountToMoney('450.0'); // { currency: 'KES', minor: 45000 }
 * k2AmountToMoney(313, 'KES'); // { currency: 'KES', minor: 31300 }
 * k2AmountToMoney(null); // undefined
 * ```
 */
export function k2AmountToMoney(
  value: string | number | null | undefined,
  currency: string | null | undefined = 'KES',
): Money | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ValidationError(
      'Invalid K2 amount',
      [{ path: 'amount', message: 'must be text or a number' }],
      {
        provider: 'k2',
      },
    );
  }
  return parseMoneyFromWire(value, currency ? currency : 'KES');
}
