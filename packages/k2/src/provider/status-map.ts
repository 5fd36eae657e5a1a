import type { OperationStatus } from '@tender/core';

/**
 * K2's status strings in the core vocabulary. K2 publishes no complete list (reference §5.8: every status
 * is an open set), so unlisted strings become `unknown`, never a guess; the caller still sees K2's own text
 * in `providerStatus`. Compared without regard to letter case (`Active`/`active` both occur).
 *
 * - `Pending` (STK push before the payer acts), `Scheduled` (send money, reversals right after creation),
 *   `Received` (a reversal K2 has taken but not processed) → `pending`.
 * - `Success` (STK push, polling), `Processed` (send money, reversals, payment links), `Transferred`
 *   (disbursements, settlements), `Complete` (b2b) → `succeeded`.
 * - `Failed` → `failed`; `Cancelled` → `cancelled`; `Reversed` → `reversed`; `Expired` → `expired`.
 * - Payment link states: `Active` (waiting for the payer) → `pending` and `Paid` → `succeeded`; they are
 *   the link's own state, which says more about a link than the request's `Processed` (see
 *   `k2OperationStatus` in status.ts).
 *
 * @example
 * ```ts
 * mapK2Status('Processed'); // 'succeeded'
 * mapK2Status('Approved'); // 'unknown'
 * ```
 */
export function mapK2Status(status: string | null | undefined): OperationStatus {
  switch (status?.trim().toLowerCase()) {
    case 'pending':
    case 'scheduled':
    case 'received':
    case 'active':
      return 'pending';
    case 'success':
    case 'processed':
    case 'transferred':
    case 'complete':
    case 'paid':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'cancelled':
    case 'canceled':
      return 'cancelled';
    case 'reversed':
      return 'reversed';
    case 'expired':
      return 'expired';
    default:
      return 'unknown';
  }
}
