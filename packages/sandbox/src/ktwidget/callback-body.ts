import type { CardOutcome } from './test-cards.ts';

/**
 * KTPay's re-send schedule after a first delivery that was not answered `{"status":"ok"}` (reference §9.6):
 * 15 s, 60 s, 3 min, 10 min, 30 min, 60 min. Whether the delays count from the previous attempt or from
 * the first is UNKNOWN; the simulator waits each delay after the previous attempt.
 *
 * @example
 * ```ts
 * KTPAY_RESEND_SCHEDULE_MS.length; // 6 re-sends, 7 deliveries at most
 * ```
 */
export const KTPAY_RESEND_SCHEDULE_MS: readonly number[] = Object.freeze([
  15_000, 60_000, 180_000, 600_000, 1_800_000, 3_600_000,
]);

/**
 * A date-time as KTPay writes it: ISO 8601 with Kazakhstan's `+06:00` offset, no fraction.
 *
 * @example
 * ```ts
 * almatyTime(new Date('2024-04-12T03:41:05Z')); // '2024-04-12T09:41:05+06:00'
 * ```
 */
export function almatyTime(at: Date): string {
  return `${new Date(at.getTime() + 6 * 3_600_000).toISOString().slice(0, 19)}+06:00`;
}

/**
 * What the simulator knows of a transaction when it reports it.
 *
 * @example
 * ```ts
 * const facts: CallbackFacts = { merchantId: 42, orderId: 'INV-1', description: null, amount: 1000, hash, createdAt, outcome, at };
 * ```
 */
export interface CallbackFacts {
  readonly merchantId: number;
  readonly orderId: string;
  readonly description: string | null;
  readonly amount: number;
  readonly hash: string;
  readonly createdAt: Date;
  readonly outcome: CardOutcome;
  readonly at: Date;
}

/**
 * The JSON body of a callback, exactly as §9.2 shows it.
 *
 * @example
 * ```ts
 * JSON.stringify(callbackBody(facts));
 * ```
 */
export function callbackBody(facts: CallbackFacts): Record<string, unknown> {
  const { outcome } = facts;
  return {
    merchant_id: facts.merchantId,
    order_id: facts.orderId,
    description: facts.description,
    amount: facts.amount,
    transaction_hash: facts.hash,
    created_at: almatyTime(facts.createdAt),
    updated_at: null,
    status: {
      status: outcome.status,
      created_at: almatyTime(facts.at),
      updated_at: null,
      error:
        outcome.status === 'completed'
          ? null
          : { error_type: outcome.errorType, error_message: outcome.errorMessage },
    },
  };
}

/**
 * Whether a merchant's answer counts as received: HTTP 2xx with a JSON body whose `status` is `"ok"`
 * (§9.6: "any other answer" is re-sent; whether a non-200 2xx counts is UNKNOWN, and the simulator accepts
 * every 2xx).
 *
 * @example
 * ```ts
 * isAcknowledged(200, '{"status":"ok"}'); // true
 * ```
 */
export function isAcknowledged(status: number | null, body: string): boolean {
  if (status === null || status < 200 || status > 299) return false;
  try {
    const parsed = JSON.parse(body) as { status?: unknown } | null;
    return parsed !== null && typeof parsed === 'object' && parsed.status === 'ok';
  } catch {
    return false;
  }
}
