import type { Metadata, Money, NextAction, Operation, OperationKind } from '@tender/core';
import type { K2Created } from '../client/created.ts';

/**
 * What a neutral verb knows when K2 has accepted its request.
 *
 * @example
 * ```ts
 * const accepted: Accepted = { kind: 'collect', created, amount, nextAction: { type: 'approve_on_device' } };
 * ```
 */
export interface Accepted {
  readonly kind: OperationKind;
  readonly created: K2Created;
  readonly merchantReference?: string | undefined;
  readonly amount?: Money | undefined;
  readonly nextAction?: NextAction | undefined;
}

/**
 * The pending operation a verb returns once K2 has answered `201 Created`: `reference` is the Location URL
 * (what `status` looks up), `id` its last path segment. K2 settles everything asynchronously, so nothing
 * is final yet.
 *
 * @example
 * ```ts
 * return pendingOperation({ kind: 'payout', created, amount: request.amount });
 * ```
 */
export function pendingOperation(accepted: Accepted): Operation {
  return {
    provider: 'k2',
    kind: accepted.kind,
    id: accepted.created.id,
    reference: accepted.created.location,
    status: 'pending',
    ...(accepted.merchantReference === undefined ? {} : { merchantReference: accepted.merchantReference }),
    ...(accepted.amount === undefined ? {} : { amount: accepted.amount }),
    ...(accepted.nextAction === undefined ? {} : { nextAction: accepted.nextAction }),
    raw: { location: accepted.created.location, id: accepted.created.id },
  };
}

/**
 * The metadata K2 is sent for a neutral request: the caller's metadata plus the merchant `reference` under
 * the key `reference`, because K2 has no merchant reference field for STK push, send money or reversals but
 * echoes `metadata` in every result and callback. A `reference` key the caller already put in `metadata`
 * wins. K2's five-pair limit applies to the total.
 *
 * @example
 * ```ts
 * metadataWithReference({ channel: 'web' }, 'ORD-20931'); // { reference: 'ORD-20931', channel: 'web' }
 * ```
 */
export function metadataWithReference(
  metadata: Metadata | undefined,
  reference: string | undefined,
): Metadata | undefined {
  if (reference === undefined) return metadata;
  return { reference, ...metadata };
}

/**
 * The text of an optional neutral field, or `undefined` when it is missing or blank: the neutral schemas
 * allow empty names, K2 has no use for them.
 *
 * @example
 * ```ts
 * presentText('  '); // undefined
 * ```
 */
export function presentText(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
