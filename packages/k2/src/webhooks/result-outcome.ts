/**
 * How a result ended, from K2's status word. K2 documents only the words of success and waiting (`Success`,
 * `Processed`, `Transferred`; `Pending`, `Scheduled`, `Received`) and none for failure beyond the STK push's
 * `Failed` (reference §5.8), so failure is recognised by the usual words and anything unrecognised counts as
 * still pending: announced as a `provider.event`, never as a success.
 *
 * @example
 * ```ts
 * resultOutcome('Processed'); // 'succeeded'
 * resultOutcome('Scheduled'); // 'pending'
 * ```
 */
export function resultOutcome(status: string | null | undefined): 'succeeded' | 'failed' | 'pending' {
  const word = (status ?? '').trim().toLowerCase();
  if (SUCCEEDED.has(word)) return 'succeeded';
  if (FAILED.has(word)) return 'failed';
  return 'pending';
}

const SUCCEEDED: ReadonlySet<string> = new Set([
  'success',
  'processed',
  'transferred',
  'complete',
  'completed',
]);
const FAILED: ReadonlySet<string> = new Set([
  'failed',
  'failure',
  'cancelled',
  'canceled',
  'declined',
  'rejected',
  'error',
]);
