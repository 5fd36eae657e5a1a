import type { Operation, ReverseRequest } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import { callbackUrlFor, invalidField } from './invalid.ts';
import { optional, pendingOperation, presentText } from './pending.ts';
import { inNeutralTerms } from './translate-issues.ts';

/**
 * `reverse` on K2: a reversal of a whole incoming transaction (received within 30 days), named by its
 * M-PESA reference. K2 requires a `reason` and has no partial reversals, so an `amount` is refused rather
 * than silently ignored.
 *
 * @example
 * ```ts
 * const operation = await reverseWithK2(client, settings, { transactionReference: 'TQB7XK2M9P', reason: 'Paid twice' });
 * ```
 */
export async function reverseWithK2(
  client: K2Client,
  settings: { readonly callbackUrl?: string | undefined },
  request: ReverseRequest,
): Promise<Operation> {
  if (request.amount !== undefined) {
    throw invalidField('reverse', 'amount', 'must be left out: K2 reverses whole transactions only');
  }
  const reason = presentText(request.reason);
  if (reason === undefined) throw invalidField('reverse', 'reason', 'is required by K2');
  const callbackUrl = callbackUrlFor(request.callbackUrl, settings.callbackUrl, 'reverse');
  const created = await inNeutralTerms('reverse', [], () =>
    client.reversals.create({
      transactionReference: request.transactionReference,
      reason,
      ...optional('metadata', request.metadata),
      callbackUrl,
    }),
  );
  return pendingOperation({ kind: 'reverse', created });
}
