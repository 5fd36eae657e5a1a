import { type Money, parseMoneyFromWire } from '@tender/core';

/**
 * Reads an amount as K2 writes it (`"100.0"`, `"313"`, `250`, `115.0`) into exact Money; `null` and absent
 * amounts (a blind transfer, a failed STK push) are `undefined`.
 *
 * @example
 * ```ts
 * k2AmountToMoney('450.0'); // { currency: 'KES', minor: 45000 }
 * ```
 */
export function k2AmountToMoney(value: unknown, currency: unknown = 'KES'): Money | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return parseMoneyFromWire(value, typeof currency === 'string' && currency ? currency : 'KES');
}
