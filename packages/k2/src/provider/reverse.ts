import type { Operation, ReverseRequest } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import type { K2ReversalRequest } from '../client/reversals.ts';
import { callbackUrlFor, invalidField } from './invalid.ts';
import { pendingOperation, presentText } from './pending.ts';
import { inNeutralTerms, sendFields } from './sent-fields.ts';

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
  const sent = sendFields<K2ReversalRequest>([
    ['transactionReference', 'transactionReference', request.transactionReference],
    ['reason', 'reason', reason],
    ['metadata', 'metadata', request.metadata],
    ['callbackUrl', 'callbackUrl', callbackUrl],
  ]);
  const created = await inNeutralTerms('reverse', sent, () => client.reversals.create(sent.input));
  return pendingOperation({ kind: 'reverse', created });
}
