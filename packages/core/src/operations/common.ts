import * as v from 'valibot';
import { MoneySchema } from '../money/index.ts';

/**
 * An absolute `http:` or `https:` URL, such as a callback URL.
 *
 * @example
 * ```ts
 * v.parse(HttpUrlSchema, 'https://shop.example/k2/results');
 * ```
 */
export const HttpUrlSchema = v.pipe(
  v.string(),
  v.url('must be an absolute URL'),
  v.check((value) => /^https?:\/\//i.test(value), 'must use http or https'),
  // Credentials in a callback URL would be handed to the provider and stored there.
  v.check((value) => {
    const { username, password } = new URL(value);
    return username === '' && password === '';
  }, 'must not carry a user name or password'),
);

/**
 * Free-form key/value data attached to an operation and echoed back by providers that support it.
 *
 * @example
 * ```ts
 * const metadata: Metadata = { orderId: 'ORD-1', attempt: 2 };
 * ```
 */
export const MetadataSchema = v.record(
  v.string(),
  // Infinity and NaN would silently become null in JSON.
  v.union([v.string(), v.pipe(v.number(), v.finite('must be a finite number')), v.boolean(), v.null()]),
);

/** @example const metadata: Metadata = { orderId: 'ORD-1' }; */
export type Metadata = v.InferOutput<typeof MetadataSchema>;

/**
 * A text field that must not be blank.
 *
 * @example
 * ```ts
 * v.parse(NonBlankSchema, 'INV-7');
 * ```
 */
/**
 * The amount of a request: Money of more than zero (a payment, payout or link for nothing is a mistake).
 *
 * @example
 * ```ts
 * v.parse(RequestAmountSchema, money(0, 'KES')); // throws: must be more than zero
 * ```
 */
export const RequestAmountSchema = v.pipe(
  MoneySchema,
  v.check((amount) => amount.minor > 0, 'must be more than zero'),
);

/**
 * A required text field: a string, trimmed, refused when empty after trimming ("must not be blank").
 *
 * @example
 * ```ts
 * v.parse(NonBlankSchema, '  ORD-20931 '); // 'ORD-20931'
 * ```
 */
export const NonBlankSchema = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be blank'));

/**
 * A person or organisation on either side of a payment. Every field is optional because providers reveal
 * different parts; `phone` is kept as the provider sent it.
 *
 * @example
 * ```ts
 * const payer: Party = { firstName: 'Amina', lastName: 'Otieno', phone: '+254711000111' };
 * ```
 */
export const PartySchema = v.object({
  firstName: v.optional(v.string()),
  middleName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  /** Display name when the provider gives one string. */
  name: v.optional(v.string()),
  phone: v.optional(v.string()),
  /** A provider's hash of the phone number, when it hides the number itself. */
  phoneHash: v.optional(v.string()),
  email: v.optional(v.string()),
  /** The party's account number, till, paybill or card mask, as the provider names it. */
  account: v.optional(v.string()),
  /** The provider's own id for the party. */
  id: v.optional(v.string()),
});

/** @example const party: Party = { name: 'Kilima Traders', account: '556677' }; */
export type Party = v.InferOutput<typeof PartySchema>;
