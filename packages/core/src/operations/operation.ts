import * as v from 'valibot';
import { MoneySchema } from '../money/index.ts';
import { HttpUrlSchema } from './common.ts';
import { OperationKindSchema, OperationStatusSchema } from './status.ts';

/**
 * What the payer or merchant must do next for an operation to proceed, when anything.
 * `approve_on_device`: the payer confirms a prompt on their phone (K2 STK push);
 * `redirect`: open a URL (a payment page or link); `pay_to`: the payer pays the given wallet by hand and
 * reports their transaction id (Paykassma); `open_widget`: hand these parameters to the browser widget (KTWidget).
 *
 * @example
 * ```ts
 * const next: NextAction = { type: 'redirect', url: 'https://sandbox.kopokopo.com/links/7a6b' };
 * ```
 */
export const NextActionSchema = v.variant('type', [
  v.object({ type: v.literal('approve_on_device') }),
  // An http(s) page only: a `javascript:` or `data:` URL shown to a payer would run in their browser.
  v.object({ type: v.literal('redirect'), url: HttpUrlSchema }),
  v.object({ type: v.literal('pay_to'), details: v.record(v.string(), v.string()) }),
  v.object({ type: v.literal('open_widget'), parameters: v.record(v.string(), v.unknown()) }),
]);

/** @example const next: NextAction = { type: 'approve_on_device' }; */
export type NextAction = v.InferOutput<typeof NextActionSchema>;

/**
 * The result of any verb: every verb is asynchronous first, so this usually says `pending`. The final
 * state arrives as an event, or from `provider.status(operation)`.
 *
 * `id` is the provider's id for the resource; `reference` is the handle to look it up again (for K2 the
 * `Location` URL); `merchantReference` is the caller's own reference when one was given.
 *
 * @example
 * ```ts
 * const operation = await k2.collect(request);
 * console.log(operation.status); // 'pending'
 * const later = await k2.status(operation);
 * ```
 */
export const OperationSchema = v.object({
  provider: v.string(),
  kind: OperationKindSchema,
  id: v.string(),
  reference: v.string(),
  status: OperationStatusSchema,
  /** The provider's own status text, kept because the vocabulary is deliberately small. */
  providerStatus: v.optional(v.string()),
  merchantReference: v.optional(v.string()),
  amount: v.optional(MoneySchema),
  nextAction: v.optional(NextActionSchema),
  /** Why a failed operation failed, in the provider's words. */
  failureReason: v.optional(v.string()),
  /** The provider's answer as received. */
  raw: v.unknown(),
});

/** @example const pending: Operation = { provider: 'k2', kind: 'collect', id, reference, status: 'pending', raw: undefined }; */
export type Operation = v.InferOutput<typeof OperationSchema>;
