import { MAX_JSON_DEPTH } from '@tender/core';
import * as v from 'valibot';

/**
 * A status word as K2 writes it. K2 publishes no complete list (reference §5.8), so the words seen so far are
 * a type-level hint for the editor and any other text is accepted.
 *
 * @example
 * ```ts
 * const IncomingPaymentStatusSchema = k2Status<'Pending' | 'Success' | 'Failed'>();
 * ```
 */
export function k2Status<TKnown extends string>() {
  return v.nullish(
    v.custom<TKnown | (string & Record<never, never>)>(
      (value) => typeof value === 'string',
      'must be a status word (text)',
    ),
  );
}

/**
 * Optional text that K2 may also send as `null`.
 *
 * @example
 * ```ts
 * v.parse(K2TextSchema, null); // null
 * ```
 */
export const K2TextSchema = v.nullish(v.string());

/**
 * A phone number kept exactly as K2 sent it: text (`"+254711000111"`, `"254711000111"`) or, in payment-link
 * callbacks, a JSON number (`254711000111`, reference §5.6).
 *
 * @example
 * ```ts
 * v.parse(K2PhoneSchema, 254711000111); // 254711000111
 * ```
 */
export const K2PhoneSchema = v.nullish(v.union([v.string(), v.number()]));

/**
 * K2's error report on a result: `null`, a sentence (`"The balance is insufficient for the transaction"`), a
 * list of sentences, or an object with a message. The shapes beyond the sentence are not documented, so all
 * are accepted and read by {@link k2ErrorText}.
 *
 * @example
 * ```ts
 * v.parse(K2ErrorsSchema, 'Request cancelled by user');
 * ```
 */
export const K2ErrorsSchema = v.nullish(
  v.union([v.string(), v.array(v.unknown()), v.record(v.string(), v.unknown())]),
);

/**
 * The merchant's metadata as K2 echoes it (a flat object of at most 5 pairs when it was sent).
 *
 * @example
 * ```ts
 * v.parse(K2EchoedMetadataSchema, { order_id: 'ORD-20931' });
 * ```
 */
export const K2EchoedMetadataSchema = v.nullish(v.record(v.string(), v.unknown()));

/**
 * `attributes._links` of a resource: where the result was (or will be) POSTed and the resource's own URL.
 *
 * @example
 * ```ts
 * v.parse(K2ResourceLinksSchema, { callback_url: 'https://shop.example/k2', self: 'https://sandbox.kopokopo.com/api/v2/x/1' });
 * ```
 */
export const K2ResourceLinksSchema = v.nullish(
  v.looseObject({ callback_url: K2TextSchema, self: K2TextSchema }),
);

/**
 * The words of a K2 error report, joined with `"; "`: a sentence as is, a list item by item (strings, or
 * objects' `message`/`error_message`), an object by its message. `undefined` when there is nothing to say.
 *
 * @example
 * ```ts
 * k2ErrorText(['Invalid phone', { message: 'Insufficient funds' }]); // 'Invalid phone; Insufficient funds'
 * ```
 */
export function k2ErrorText(errors: unknown): string | undefined {
  return errorText(errors, 0);
}

/**
 * {@link k2ErrorText} at `depth`. Error bodies also come from answers no depth check has seen, so the walk
 * stops at `MAX_JSON_DEPTH`: what K2 nests deeper is no message, and no input can exhaust the stack.
 */
function errorText(errors: unknown, depth: number): string | undefined {
  if (typeof errors === 'string') return errors.trim() === '' ? undefined : errors;
  if (depth >= MAX_JSON_DEPTH) return undefined;
  if (Array.isArray(errors)) {
    const words = errors
      .map((item) => errorText(item, depth + 1))
      .filter((word): word is string => word !== undefined);
    return words.length > 0 ? words.join('; ') : undefined;
  }
  if (typeof errors === 'object' && errors !== null) {
    const fields = errors as Record<string, unknown>;
    return errorText(fields.message ?? fields.error_message ?? fields.description, depth + 1);
  }
  return undefined;
}
