import * as v from 'valibot';
import { MetadataSchema, NonBlankSchema, RequestAmountSchema } from './common.ts';
import { OperationSchema } from './operation.ts';

/**
 * A file the payer hands over as proof of payment, such as a screenshot of their wallet's receipt: its
 * bytes, its file name and its media type.
 *
 * @example
 * ```ts
 * const proof: Attachment = { name: 'receipt.png', type: 'image/png', data: new Uint8Array(png) };
 * ```
 */
export const AttachmentSchema = v.object({
  name: NonBlankSchema,
  type: v.pipe(
    v.string(),
    v.regex(/^[\w.+-]{1,64}\/[\w.+-]{1,64}$/, 'must be a media type such as image/png'),
  ),
  data: v.instance(Uint8Array, 'must be a Uint8Array of the file bytes'),
});

/** @example const proof: Attachment = { name: 'receipt.jpg', type: 'image/jpeg', data: bytes }; */
export type Attachment = v.InferOutput<typeof AttachmentSchema>;

/**
 * The second step of a `collect` whose next action is `pay_to`: the payer paid by hand in their wallet and
 * reports the reference the wallet gave them (Paykassma KBZPay Manual: the transaction id, plus a
 * screenshot). `operation` is the operation `collect` returned; the answer is the same operation, moved on.
 *
 * @example
 * ```ts
 * const request: ConfirmRequest = {
 *   operation: deposit,
 *   payerReference: '01003246080588218368',
 *   proof: { name: 'receipt.png', type: 'image/png', data: screenshot },
 * };
 * ```
 */
export const ConfirmRequestSchema = v.object({
  operation: OperationSchema,
  /** The payment's reference in the payer's wallet, as the payer typed it. */
  payerReference: NonBlankSchema,
  /** What the payer says they paid, when it differs from the operation's amount. */
  amount: v.optional(RequestAmountSchema),
  /** Proof of payment, for providers that ask for one. */
  proof: v.optional(AttachmentSchema),
  metadata: v.optional(MetadataSchema),
});

/** @example const request: ConfirmRequest = { operation, payerReference: '01003246080588218368' }; */
export type ConfirmRequest = v.InferOutput<typeof ConfirmRequestSchema>;
