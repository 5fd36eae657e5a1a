import { createHash } from 'node:crypto';

/**
 * A value of a withdrawal body as PHP casts it to a string for the signature (reference §9.3): `true` is
 * `"1"`, `false` and `null` are `""`, numbers are their decimal text, strings are kept as sent.
 *
 * @example
 * ```ts
 * const values: SignedValue[] = ['09712345678', 45000, true, null];
 * ```
 */
export type SignedValue = string | number | boolean | null;

/**
 * The sign string of a withdrawal body: its values ordered by key (byte order, like PHP's `ksort`), cast
 * as PHP casts them, joined by `:`. `signature` itself is left out.
 *
 * @example
 * ```ts
 * withdrawalSignString({ amount: 45000, is_test: true, account_number: '09712345678' }); // '09712345678:45000:1'
 * ```
 */
export function withdrawalSignString(body: Readonly<Record<string, SignedValue>>): string {
  const keys = Object.keys(body)
    .filter((key) => key !== 'signature')
    .sort((a, b) => Buffer.from(a).compare(Buffer.from(b)) as -1 | 0 | 1);
  return keys
    .map((key) => {
      const value = body[key];
      if (value === true) return '1';
      if (value === false || value === null || value === undefined) return '';
      return String(value);
    })
    .join(':');
}

/**
 * The withdrawal signature (reference §9.3, confirmed on real traffic): `sha1(private key + md5(sign
 * string))`, both lower-case hex.
 *
 * @example
 * ```ts
 * signWithdrawal({ withdrawal_id: 'wd-1', amount: 45000, is_test: true }, privateKey); // 40 hex characters
 * ```
 */
export function signWithdrawal(body: Readonly<Record<string, SignedValue>>, privateKey: string): string {
  const md5 = createHash('md5').update(withdrawalSignString(body), 'utf8').digest('hex');
  return createHash('sha1')
    .update(privateKey + md5, 'utf8')
    .digest('hex');
}
