import type { K2TransactionResource } from '../resources/transaction.ts';
import type { TransactionState } from './event-ids.ts';
import { parseK2Time } from './time.ts';

/*
 * When a transaction event happened. A reversed or voided resource is the original payment's resource: its
 * `origination_time` is when the payment was made, not when it was undone (the buy-goods fixtures of the
 * received and the reversed webhook carry the same one). So:
 *
 * - received: `origination_time`, else the fallback;
 * - reversed: `reversal_time` (read by the Python SDK only, reference §4.4), else the webhook's `created_at`
 *   (when K2 announced the reversal: no earlier than it, and close to it), else `origination_time` (a
 *   lower bound, better than the time of reading), else the fallback;
 * - voided: the same without `reversal_time`, which no source names for a void (no card sample exists).
 *
 * A polled transaction has no envelope of its own: the polling result's time says when the list was made,
 * not when the reversal happened, so it is skipped and `origination_time` follows `reversal_time`.
 */

/** Plain digits: Unix seconds written as text. */
const DIGITS = /^\d+$/;

/** A time K2 wrote as ISO-8601 text or as Unix seconds (a number or digits), or `undefined`. */
function instantOf(value: string | number | null | undefined): Date | undefined {
  if (typeof value === 'number') {
    const date = new Date(value * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (typeof value === 'string' && DIGITS.test(value.trim())) return instantOf(Number(value.trim()));
  return parseK2Time(value);
}

/**
 * Where the time of a transaction event may come from besides the resource: `envelopeTime` is the
 * webhook's `created_at` (absent for polled transactions), `fallbackTime` the time used when nothing else
 * says (read only when needed).
 *
 * @example
 * ```ts
 * const sources: TransactionTimeSources = { envelopeTime: () => parseK2Time(webhook.created_at), fallbackTime: () => new Date() };
 * ```
 */
export interface TransactionTimeSources {
  readonly envelopeTime?: () => Date | undefined;
  readonly fallbackTime: () => Date;
}

/**
 * The time a transaction event happened, by its state (see the comment at the top of this file).
 *
 * @example
 * ```ts
 * transactionTime({ origination_time: '2026-03-14T08:45:12+03:00', reversal_time: '2026-03-15T10:00:00+03:00' }, 'reversed', { fallbackTime: () => new Date() }).toISOString();
 * // '2026-03-15T07:00:00.000Z'
 * ```
 */
export function transactionTime(
  resource: K2TransactionResource,
  state: TransactionState,
  sources: TransactionTimeSources,
): Date {
  if (state === 'received') return parseK2Time(resource.origination_time) ?? sources.fallbackTime();
  return (
    (state === 'reversed' ? instantOf(resource.reversal_time) : undefined) ??
    sources.envelopeTime?.() ??
    parseK2Time(resource.origination_time) ??
    sources.fallbackTime()
  );
}
