import type { CancelLinkRequest, CreateLinkRequest, Operation } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import type { K2PaymentLinkRequest } from '../client/payment-links.ts';
import { callbackUrlFor } from './invalid.ts';
import { pendingOperation, presentText } from './pending.ts';
import { inNeutralTerms, sendFields } from './sent-fields.ts';

/**
 * `createLink` on K2: a payment link for the provider's till. Every neutral field has a K2 field:
 * `reference` → `payment_reference` (K2 echoes it in the link's status and callback, so it is not copied
 * into `metadata` as collect and payout do), `description` → `note` (left out when blank), `metadata` →
 * `metadata` (at most five pairs), `amount` → the flat `currency` and `amount`. The callback URL is the
 * request's or the provider's default; with neither, nothing is sent.
 *
 * The pending operation carries the Location URL as `reference`, the link id as `id`, the amount and the
 * merchant reference. K2's `201` does not include the link's URL; `status(operation)` adds it as a
 * `redirect` next action.
 *
 * @example
 * ```ts
 * const link = await createLinkWithK2(client, settings, {
 *   amount: parseMoney('2300', 'KES'),
 *   reference: 'INV-00912',
 *   description: 'Balance for January',
 * });
 * ```
 */
export async function createLinkWithK2(
  client: K2Client,
  settings: { readonly tillNumber: string; readonly callbackUrl?: string | undefined },
  request: CreateLinkRequest,
): Promise<Operation> {
  const callbackUrl = callbackUrlFor(request.callbackUrl, settings.callbackUrl, 'createLink');
  const sent = sendFields<K2PaymentLinkRequest>([
    ['tillNumber', undefined, settings.tillNumber],
    ['amount', 'amount', request.amount],
    ['paymentReference', 'reference', request.reference],
    ['note', 'description', presentText(request.description)],
    ['metadata', 'metadata', request.metadata],
    ['callbackUrl', 'callbackUrl', callbackUrl],
  ]);
  const created = await inNeutralTerms('createLink', sent, () => client.paymentLinks.create(sent.input));
  return pendingOperation({
    kind: 'link',
    created,
    merchantReference: request.reference,
    amount: request.amount,
  });
}

/**
 * `cancelLink` on K2: `POST <Location>/cancel`. `reference` is the `reference` of the operation
 * `createLink` returned (the Location URL) or the bare link id. K2's `200` means the link is cancelled,
 * so the operation says `cancelled` (the core status for a link that can no longer be paid) rather than
 * `pending`; its `reference` is always the Location URL and its `id` the link id, so `status(operation)`
 * works whichever was given. K2's message is kept in `raw` only: its wording differs between sources.
 *
 * @example
 * ```ts
 * const cancelled = await cancelLinkWithK2(client, { reference: link.reference });
 * cancelled.status; // 'cancelled'
 * ```
 */
export async function cancelLinkWithK2(client: K2Client, request: CancelLinkRequest): Promise<Operation> {
  // The client names the link it refuses `location`, whether it was given a Location URL or an id.
  const sent = sendFields<{ location: string }>([['location', 'reference', request.reference]]);
  const { location, id, message } = await inNeutralTerms('cancelLink', sent, () =>
    client.paymentLinks.cancel(sent.input.location),
  );
  return {
    provider: 'k2',
    kind: 'link',
    id,
    reference: location,
    status: 'cancelled',
    raw: { location, id, message },
  };
}
