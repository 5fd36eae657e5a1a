import * as v from 'valibot';
import { MetadataSchema } from '../operations/common.ts';

/**
 * Fields every normalized event carries, whatever its type.
 *
 * - `id`: stable across re-deliveries of the same provider event; the de-duplication key.
 * - `providerEvent`: the provider's own name for what happened (K2 topic, result type, legacy form).
 * - `merchantReference` / `providerReference`: the merchant's reference (order id) and the provider's
 *   (M-PESA receipt, K2 resource id), where known.
 * - `raw`: the verified payload, parsed from the exact bytes that were verified.
 *
 * @example
 * ```ts
 * const entries = Object.entries(EventBaseEntries);
 * ```
 */
export const EventBaseEntries = {
  id: v.pipe(v.string(), v.nonEmpty()),
  provider: v.string(),
  providerEvent: v.string(),
  occurredAt: v.date(),
  merchantReference: v.optional(v.string()),
  providerReference: v.optional(v.string()),
  metadata: v.optional(MetadataSchema),
  raw: v.unknown(),
};
