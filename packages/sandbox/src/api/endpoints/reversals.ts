/**
 * `POST /api/v2/reversals` (reference §3.7): the document is `Received` with no reversal payment, then
 * `Processed` with `reversal_bulk_payment` (§5.3), or `Failed` with the reason in `errors` by the outcome
 * rules. The amount reversed is the original transaction's when this sandbox saw it arrive, an invented
 * one otherwise. `data.type` is `reversal`, the spelling K2's result parsers require (§5.3 [UNCLEAR]).
 */
import * as v from 'valibot';
import { formatK2Amount } from '../../data/amount.ts';
import { generateAmountCents, generateReceipt } from '../../data/generate.ts';
import { nairobiTimestamp } from '../../data/nairobi-time.ts';
import { reversalOutcome } from '../../outcomes.ts';
import { CallbackLinksSchema, MetadataSchema, NonBlankStringSchema } from '../common-schemas.ts';
import { defineEndpoint, type OpenContext, type ResultDocument, resultDocument } from '../endpoint.ts';

/** The reversal body. */
const ReversalRequestSchema = v.object({
  transaction_reference: NonBlankStringSchema,
  reason: NonBlankStringSchema,
  metadata: MetadataSchema,
  _links: CallbackLinksSchema,
});

/** The checked reversal body. */
type ReversalRequest = v.InferOutput<typeof ReversalRequestSchema>;

function openReversal(input: ReversalRequest, context: OpenContext) {
  const callbackUrl = input._links.callback_url;
  const createdAt = nairobiTimestamp(context.now(), true);
  const reference = input.transaction_reference;
  const document = (status: string, payment: unknown, errors: string | null): ResultDocument =>
    resultDocument(
      context,
      'reversal',
      {
        status,
        created_at: createdAt,
        transaction_reference: reference,
        reason: input.reason,
        reversal_bulk_payment: payment,
        errors,
        metadata: input.metadata ?? null,
      },
      callbackUrl,
    );
  let current = document('Received', null, null);

  return {
    callbackUrl,
    current: () => current,
    settle() {
      const outcome = reversalOutcome(reference, context.ledger.isReversed(reference));
      if (outcome.kind === 'never') return undefined;
      if (outcome.kind === 'failure') {
        current = document('Failed', null, outcome.reason);
        return current;
      }
      context.ledger.markReversed(reference);
      const payment = {
        amount: formatK2Amount(context.ledger.find(reference)?.cents ?? generateAmountCents()),
        status: 'Transferred',
        origination_time: nairobiTimestamp(context.now(), true),
        transaction_reference: generateReceipt(),
      };
      current = document('Processed', payment, null);
      return current;
    },
  };
}

/**
 * The reversals endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(reversals); // true
 * ```
 */
export const reversals = defineEndpoint({
  collection: 'reversals',
  schema: ReversalRequestSchema,
  open: openReversal,
});
