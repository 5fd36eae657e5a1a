import type { CollectRequest, Operation } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import type { K2IncomingPaymentRequest } from '../client/incoming-payments.ts';
import { callbackUrlFor, invalidField } from './invalid.ts';
import { metadataWithReference, pendingOperation, presentText } from './pending.ts';
import { inNeutralTerms, sendFields } from './sent-fields.ts';

/**
 * `collect` on K2: an STK push to the payer's phone for the provider's till. The payer approves on the
 * device, so the pending operation says `approve_on_device`. K2 has no merchant reference or description
 * for STK push: the reference travels in `metadata.reference` (echoed in the result); the description is
 * not sent.
 *
 * @example
 * ```ts
 * const operation = await collectWithK2(client, settings, { amount, payer: { phone: '0711000111' } });
 * ```
 */
export async function collectWithK2(
  client: K2Client,
  settings: { readonly tillNumber: string; readonly callbackUrl?: string | undefined },
  request: CollectRequest,
): Promise<Operation> {
  const callbackUrl = callbackUrlFor(request.callbackUrl, settings.callbackUrl, 'collect');
  const metadata = metadataWithReference(request.metadata, request.reference);
  const { payer } = request;
  if (payer.phone === undefined)
    throw invalidField('collect', 'payer.phone', 'is required by K2 for an STK push');
  const phoneNumber = payer.phone;
  const sent = sendFields<K2IncomingPaymentRequest>([
    ['tillNumber', undefined, settings.tillNumber],
    ['subscriber.firstName', 'payer.firstName', presentText(payer.firstName)],
    ['subscriber.middleName', 'payer.middleName', presentText(payer.middleName)],
    ['subscriber.lastName', 'payer.lastName', presentText(payer.lastName)],
    ['subscriber.phoneNumber', 'payer.phone', phoneNumber],
    ['subscriber.email', 'payer.email', payer.email],
    ['amount', 'amount', request.amount],
    ['metadata', 'metadata', metadata],
    ['callbackUrl', 'callbackUrl', callbackUrl],
  ]);
  const created = await inNeutralTerms('collect', sent, () => client.incomingPayments.create(sent.input));
  return pendingOperation({
    kind: 'collect',
    created,
    merchantReference: request.reference,
    amount: request.amount,
    nextAction: { type: 'approve_on_device' },
  });
}
