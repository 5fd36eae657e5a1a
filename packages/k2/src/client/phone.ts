import * as v from 'valibot';
import { expected } from './validation.ts';

/**
 * How K2 wants a Kenyan mobile number on the wire, which differs per endpoint:
 *
 * - `international` (`+254712345678`): STK push subscribers, external recipients and merchant wallets.
 *   The v2 guides and SDK examples use it there, and the strictest validator (PHP) demands `^\+254\d{9}$`.
 * - `plain` (`254712345678`): send-money `mobile_wallet` destinations. The Ruby SDK enforces `^254\d{9}$`
 *   "to match Core" and the guides' examples have no `+`.
 *
 * @example
 * ```ts
 * const style: KenyanPhoneStyle = 'plain';
 * ```
 */
export type KenyanPhoneStyle = 'international' | 'plain';

/**
 * The nine national digits after the country code: Safaricom, Airtel and Telkom mobile numbers start with 7
 * or, for the newer series, with 1 (the Python SDK "allow new phone number series" change).
 */
const NATIONAL_DIGITS = /^(?:\+?254|0)([17]\d{8})$/;

/** What every accepted form is told apart from: spaces and hyphens are only typing aids. */
const SEPARATORS = /[\s-]/g;

/**
 * The message for a number that is not a Kenyan mobile number; it lists the accepted forms.
 *
 * @example
 * ```ts
 * console.log(KENYAN_PHONE_MESSAGE);
 * ```
 */
export const KENYAN_PHONE_MESSAGE =
  'must be a Kenyan mobile number: 07XXXXXXXX, 01XXXXXXXX, 2547XXXXXXXX, 2541XXXXXXXX or +254 followed by 9 digits';

/**
 * Normalises a Kenyan mobile number written as `07…`/`01…`, `2547…`/`2541…` or `+254…` (spaces and
 * hyphens allowed) to the form K2 expects, or returns `undefined` when it is not one.
 *
 * @example
 * ```ts
 * normalizeKenyanPhone('0712 345 678', 'international'); // '+254712345678'
 * normalizeKenyanPhone('+254712345678', 'plain'); // '254712345678'
 * normalizeKenyanPhone('12345', 'plain'); // undefined
 * ```
 */
export function normalizeKenyanPhone(input: string, style: KenyanPhoneStyle): string | undefined {
  const national = NATIONAL_DIGITS.exec(input.replace(SEPARATORS, ''))?.[1];
  if (national === undefined) return undefined;
  return style === 'international' ? `+254${national}` : `254${national}`;
}

/**
 * A valibot schema that accepts any Kenyan mobile number form and outputs the `style` K2 wants. The number
 * is read once: the same step refuses it (with {@link KENYAN_PHONE_MESSAGE}) or outputs its normal form.
 *
 * @example
 * ```ts
 * v.parse(kenyanPhoneSchema('international'), '0712345678'); // '+254712345678'
 * ```
 */
export function kenyanPhoneSchema(style: KenyanPhoneStyle) {
  return v.pipe(
    v.string(expected('a phone number string')),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const normalised = normalizeKenyanPhone(dataset.value, style);
      if (normalised !== undefined) return normalised;
      addIssue({ message: KENYAN_PHONE_MESSAGE });
      return NEVER;
    }),
  );
}
