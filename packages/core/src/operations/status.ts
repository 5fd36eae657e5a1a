import * as v from 'valibot';

/**
 * The one status vocabulary every provider's states are mapped into. `unknown` is for states a provider
 * reports that tender cannot classify yet; it is never used for "we did not ask".
 *
 * @example
 * ```ts
 * v.parse(OperationStatusSchema, 'pending');
 * ```
 */
export const OperationStatusSchema = v.picklist([
  'pending',
  'succeeded',
  'failed',
  'cancelled',
  'reversed',
  'expired',
  'unknown',
]);

/**
 * @example
 * ```ts
 * const done = (status: OperationStatus) => status !== 'pending' && status !== 'unknown';
 * ```
 */
export type OperationStatus = v.InferOutput<typeof OperationStatusSchema>;

/**
 * The five verbs of the neutral API.
 *
 * @example
 * ```ts
 * v.parse(OperationKindSchema, 'payout');
 * ```
 */
export const OperationKindSchema = v.picklist(['collect', 'payout', 'reverse', 'link', 'notify']);

/**
 * @example
 * ```ts
 * const kind: OperationKind = 'collect';
 * ```
 */
export type OperationKind = v.InferOutput<typeof OperationKindSchema>;

/**
 * Whether a status is final: it will not change any more.
 *
 * @example
 * ```ts
 * isFinalStatus('succeeded'); // true
 * isFinalStatus('pending'); // false
 * ```
 */
export function isFinalStatus(status: OperationStatus): boolean {
  return status !== 'pending' && status !== 'unknown';
}
