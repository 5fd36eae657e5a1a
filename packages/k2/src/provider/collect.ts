import type { CollectRequest, Operation } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import { callbackUrlFor, invalidField } from './invalid.ts';
import { metadataWithReference, optional, pendingOperation, presentText } from './pending.ts';
import { inNeutralTerms } from './translate-issues.ts';

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
  const created = await inNeutralTerms(
    'collect',
    [
      ['subscriber.phoneNumber', 'payer.phone'],
      ['subscriber.firstName', 'payer.firstName'],
      ['subscriber.middleName', 'payer.middleName'],
      ['subscriber.lastName', 'payer.lastName'],
      ['subscriber.email', 'payer.email'],
    ],
    () =>
      client.incomingPayments.create({
        tillNumber: settings.tillNumber,
        subscriber: {
          ...optional('firstName', presentText(payer.firstName)),
          ...optional('middleName', presentText(payer.middleName)),
          ...optional('lastName', presentText(payer.lastName)),
          phoneNumber,
          ...optional('email', payer.email),
        },
        amount: request.amount,
        ...optional('metadata', metadata),
        callbackUrl,
      }),
  );
  return pendingOperation({
    kind: 'collect',
    created,
    merchantReference: request.reference,
    amount: request.amount,
    nextAction: { type: 'approve_on_device' },
  });
}
