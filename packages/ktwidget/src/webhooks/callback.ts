import * as v from 'valibot';

/**
 * KTPay's statuses (§9.4). Only `completed`, `error` and `denied` are final, and only they are posted.
 *
 * @example
 * ```ts
 * const status: KtwidgetStatus = 'completed';
 * ```
 */
export type KtwidgetStatus = 'pending' | 'authorized' | 'success' | 'error' | 'denied' | 'completed';

/**
 * KTPay's statuses, for checks.
 *
 * @example
 * ```ts
 * KTWIDGET_STATUSES.includes('denied'); // true
 * ```
 */
export const KTWIDGET_STATUSES: readonly KtwidgetStatus[] = Object.freeze([
  'pending',
  'authorized',
  'success',
  'error',
  'denied',
  'completed',
]);

const Text = v.string('must be a string');
const Identifier = v.union(
  [v.pipe(v.string(), v.nonEmpty()), v.pipe(v.number(), v.integer(), v.minValue(0))],
  'must be a non-empty string or a whole number',
);

/**
 * The body KTPay posts to `callback_post_url` (§9.2, §9.3). `order_id` is a string in every sample; a whole
 * number is accepted too and read as its text. `amount` is a JSON number (or decimal text) in KZT.
 * `status.status` is kept as text: a value outside §9.4 becomes a `provider.event`, never a refusal.
 *
 * @example
 * ```ts
 * const callback = v.parse(KtwidgetCallbackSchema, JSON.parse(body));
 * ```
 */
export const KtwidgetCallbackSchema = v.object({
  merchant_id: Identifier,
  order_id: Identifier,
  description: v.nullish(Text),
  amount: v.union(
    [v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.nonEmpty())],
    'must be a number or decimal text',
  ),
  // The form KTPay's creation answer has (checked there too): an id, not free text, since it keys the event.
  transaction_hash: v.pipe(
    Text,
    v.maxLength(128, 'is too long'),
    v.regex(/^[A-Za-z0-9_-]+$/, 'is not a KTPay transaction hash'),
  ),
  created_at: v.nullish(Text),
  updated_at: v.nullish(Text),
  status: v.object({
    status: v.pipe(Text, v.nonEmpty('must not be empty'), v.maxLength(64, 'is too long')),
    created_at: v.nullish(Text),
    updated_at: v.nullish(Text),
    error: v.nullish(
      v.object({
        error_type: v.nullish(Text),
        error_message: v.nullish(Text),
      }),
    ),
  }),
});

/** @example const hash = (callback: KtwidgetCallback) => callback.transaction_hash; */
export type KtwidgetCallback = v.InferOutput<typeof KtwidgetCallbackSchema>;
