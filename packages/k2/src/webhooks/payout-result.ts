import type { Money, PayoutLeg } from '@tender/core';
import { k2ErrorText } from '../resources/fields.ts';
import { legsTotal } from './result-legs.ts';
import { resultOutcome } from './result-outcome.ts';
import { compact } from './values.ts';

/**
 * What one leg of a payout did with its money:
 *
 * - `moved`: its status is a word of success (`Transferred`, `Processed`, ... see {@link resultOutcome}), or it
 *   has no status and no error of its own, so the request's status speaks for it (destination legs echoed
 *   before any transfer batch exists, older shapes);
 * - `failed`: its status is a word of failure, or it has no status but reports errors;
 * - `waiting`: any other word (`Pending`, `Scheduled`, one no source shows): not counted as paid out.
 *
 * @example
 * ```ts
 * legOutcome({ type: 'till', status: 'Failed', failureReason: 'Invalid till number' }); // 'failed'
 * legOutcome({ type: 'till' }); // 'moved'
 * ```
 */
export function legOutcome(leg: PayoutLeg): 'moved' | 'failed' | 'waiting' {
  if (leg.status === undefined) return leg.failureReason === undefined ? 'moved' : 'failed';
  const outcome = resultOutcome(leg.status);
  if (outcome === 'succeeded') return 'moved';
  return outcome === 'failed' ? 'failed' : 'waiting';
}

/** The event fields a payout result decides, before the parts every result shares. */
export type PayoutResult =
  | { type: 'payout.succeeded'; amount?: Money; partial?: true }
  | { type: 'payout.failed'; amount?: Money; failureReason?: string }
  | { type: 'provider.event' };

/** The legs' distinct failure reasons joined by `; `, in leg order. */
function legReasons(legs: readonly PayoutLeg[]): string | undefined {
  const reasons = [...new Set(legs.flatMap((leg) => (leg.failureReason ? [leg.failureReason] : [])))];
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * The type, amount and reason of a payout result (send money, v1 payment) from the request's status, its
 * legs and its request-level `errors`. K2 reports each disbursement's own `status` and `errors` (reference
 * §5.2), so a `Processed` request is not taken to mean that every leg moved:
 *
 * - request pending -> `provider.event`; request failed -> `payout.failed` for the whole amount;
 * - request succeeded, every leg failed -> `payout.failed`, the reason built from the legs' reasons (else
 *   the request's errors);
 * - some legs moved -> `payout.succeeded` whose `amount` counts the moved legs only, `partial: true` when
 *   others failed or are still waiting (see {@link legOutcome});
 * - no leg moved and some still waiting -> `provider.event`: never announced as a success.
 *
 * `requested` (the v1 top-level amount) is used when the whole payout is concerned: every leg moved, or it
 * failed as a whole.
 *
 * @example
 * ```ts
 * payoutResult('Processed', [{ type: 'till', amount: money(80000, 'KES'), status: 'Failed' }], null);
 * // { type: 'payout.failed', amount: { currency: 'KES', minor: 80000 }, failureReason: 'every disbursement failed' }
 * ```
 */
export function payoutResult(
  status: string | null | undefined,
  legs: readonly PayoutLeg[],
  errors: unknown,
  requested?: Money,
): PayoutResult {
  const outcome = resultOutcome(status);
  if (outcome === 'pending') return { type: 'provider.event' };
  const whole = requested ?? legsTotal(legs);
  if (outcome === 'failed') {
    return { type: 'payout.failed', ...compact({ amount: whole, failureReason: k2ErrorText(errors) }) };
  }
  const outcomes = legs.map(legOutcome);
  if (legs.length > 0 && outcomes.every((leg) => leg === 'failed')) {
    const failureReason = legReasons(legs) ?? k2ErrorText(errors) ?? 'every disbursement failed';
    return { type: 'payout.failed', failureReason, ...compact({ amount: whole }) };
  }
  const moved = legs.filter((_, index) => outcomes[index] === 'moved');
  if (moved.length === legs.length) return { type: 'payout.succeeded', ...compact({ amount: whole }) };
  if (moved.length === 0) return { type: 'provider.event' };
  return { type: 'payout.succeeded', partial: true, ...compact({ amount: legsTotal(moved) }) };
}
