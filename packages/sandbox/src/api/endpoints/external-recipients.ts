/**
 * `POST /api/v2/external_recipients` (reference §3.3). No v2 status document exists in any source
 * ([UNCLEAR]); the simulator answers with the v1 pay-recipient shape under the v2 name: `recipient_type`,
 * `status` (`Pending`, then `Approved`), `recipient_reference` once approved, and the recipient's fields.
 * No callback.
 */
import * as v from 'valibot';
import { generateId } from '../../data/generate.ts';
import {
  KenyanPhoneSchema,
  NonBlankStringSchema,
  OptionalTextSchema,
  SettlementMethodSchema,
} from '../common-schemas.ts';
import { defineEndpoint, type OpenContext, resultDocument } from '../endpoint.ts';

const RECIPIENT_TYPES = ['mobile_wallet', 'bank_account', 'till', 'paybill'] as const;

/**
 * The recipient body: a `type` and the nested `external_recipient`. `settlement_method` is optional for
 * bank accounts because only one SDK sends it (§3.3 [UNCLEAR]).
 */
const ExternalRecipientRequestSchema = v.variant(
  'type',
  [
    v.object({
      type: v.literal('mobile_wallet'),
      external_recipient: v.object({
        first_name: NonBlankStringSchema,
        last_name: NonBlankStringSchema,
        phone_number: KenyanPhoneSchema,
        network: NonBlankStringSchema,
        email: OptionalTextSchema,
        nickname: OptionalTextSchema,
      }),
    }),
    v.object({
      type: v.literal('bank_account'),
      external_recipient: v.object({
        account_name: NonBlankStringSchema,
        account_number: NonBlankStringSchema,
        bank_branch_ref: NonBlankStringSchema,
        settlement_method: v.optional(SettlementMethodSchema),
        nickname: OptionalTextSchema,
      }),
    }),
    v.object({
      type: v.literal('till'),
      external_recipient: v.object({
        till_name: NonBlankStringSchema,
        till_number: NonBlankStringSchema,
        nickname: OptionalTextSchema,
      }),
    }),
    v.object({
      type: v.literal('paybill'),
      external_recipient: v.object({
        paybill_name: NonBlankStringSchema,
        paybill_number: NonBlankStringSchema,
        paybill_account_number: NonBlankStringSchema,
        nickname: OptionalTextSchema,
      }),
    }),
  ],
  `must be one of ${RECIPIENT_TYPES.join(', ')}`,
);

/** The checked recipient body. */
type ExternalRecipientRequest = v.InferOutput<typeof ExternalRecipientRequestSchema>;

function openRecipient(input: ExternalRecipientRequest, context: OpenContext) {
  const document = (status: string, reference: string | null) =>
    resultDocument(context, 'external_recipient', {
      recipient_type: input.type,
      status,
      recipient_reference: reference,
      ...input.external_recipient,
    });
  let current = document('Pending', null);
  return {
    current: () => current,
    settle() {
      current = document('Approved', generateId());
      return undefined;
    },
  };
}

/**
 * The external-recipients endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(externalRecipients); // true
 * ```
 */
export const externalRecipients = defineEndpoint({
  collection: 'external_recipients',
  schema: ExternalRecipientRequestSchema,
  open: openRecipient,
});
