/**
 * `POST /api/v2/send_money` (reference §3.5): payments to external destinations, to the merchant's own
 * accounts, or a sweep when there are no destinations. The document shows `Scheduled` with everything but
 * the currency `null` (as k2-connect-node's fixture does), then `Processed` with one transfer batch per
 * destination (§5.2). A destination the outcome rules fail gets a `Failed` batch and disbursement with the
 * reason in `errors`; when every destination fails the whole request is `Failed`. K2 publishes no failure
 * strings for send money (§5.8), so these are the simulator's.
 */
import * as v from 'valibot';
import { centsToWireNumber, formatK2Amount } from '../../data/amount.ts';
import { generateAmountCents, generateId, generateReceipt } from '../../data/generate.ts';
import { nairobiTimestamp } from '../../data/nairobi-time.ts';
import {
  destinationOutcome,
  FAILURE_REASONS,
  SANDBOX_TEST_INPUTS,
  type SimulatedOutcome,
} from '../../outcomes.ts';
import {
  AmountCentsSchema,
  BooleanSchema,
  CallbackLinksSchema,
  KesCurrencySchema,
  MetadataSchema,
  NonBlankStringSchema,
  OptionalTextSchema,
  SendMoneyPhoneSchema,
} from '../common-schemas.ts';
import { defineEndpoint, type OpenContext, type ResultDocument, resultDocument } from '../endpoint.ts';

const DESTINATION_TYPES = [
  'mobile_wallet',
  'bank_account',
  'till',
  'paybill',
  'merchant_wallet',
  'merchant_bank_account',
] as const;

/** Fields every external destination shares: `description` is required there (§3.5). */
const external = {
  amount: AmountCentsSchema,
  description: NonBlankStringSchema,
  nickname: OptionalTextSchema,
  favourite: v.optional(BooleanSchema),
};

/** Own-account destinations need only a reference; k2-connect-node may add the optional extras. */
const own = {
  reference: NonBlankStringSchema,
  amount: AmountCentsSchema,
  description: OptionalTextSchema,
  nickname: OptionalTextSchema,
  favourite: v.optional(BooleanSchema),
};

/** One send-money destination, by `type`. */
const SendMoneyDestinationSchema = v.variant(
  'type',
  [
    v.object({
      type: v.literal('mobile_wallet'),
      phone_number: SendMoneyPhoneSchema,
      network: NonBlankStringSchema,
      ...external,
    }),
    v.object({
      type: v.literal('bank_account'),
      bank_branch_ref: NonBlankStringSchema,
      account_name: NonBlankStringSchema,
      account_number: NonBlankStringSchema,
      ...external,
    }),
    v.object({
      type: v.literal('till'),
      till_number: NonBlankStringSchema,
      till_name: OptionalTextSchema,
      ...external,
    }),
    v.object({
      type: v.literal('paybill'),
      paybill_number: NonBlankStringSchema,
      paybill_account_number: NonBlankStringSchema,
      paybill_name: OptionalTextSchema,
      ...external,
    }),
    v.object({ type: v.literal('merchant_wallet'), ...own }),
    v.object({ type: v.literal('merchant_bank_account'), ...own }),
  ],
  `must be one of ${DESTINATION_TYPES.join(', ')}`,
);

/** The send-money body; no destinations (absent, `null` or `[]`) means a sweep. */
const SendMoneyRequestSchema = v.object({
  source_identifier: v.optional(v.nullable(v.string())),
  currency: KesCurrencySchema,
  destinations: v.optional(v.nullable(v.array(SendMoneyDestinationSchema, 'must be a list of destinations'))),
  metadata: MetadataSchema,
  _links: CallbackLinksSchema,
});

/** The checked send-money body, amounts in cents. */
type SendMoneyRequest = v.InferOutput<typeof SendMoneyRequestSchema>;
type Destination = v.InferOutput<typeof SendMoneyDestinationSchema>;

function outcomeOf(destination: Destination): SimulatedOutcome {
  return destinationOutcome({
    phoneNumber: destination.type === 'mobile_wallet' ? destination.phone_number : undefined,
    accountNumber: destination.type === 'bank_account' ? destination.account_number : undefined,
    cents: destination.amount,
  });
}

/** The destination as K2 echoes it: same fields, amount as a JSON number. */
function echo(destination: Destination): Record<string, unknown> {
  return { ...destination, amount: centsToWireNumber(destination.amount) };
}

/** Keys a disbursement does not repeat from its destination (it has its own amount, type and reference). */
const NOT_REPEATED = new Set(['type', 'amount', 'description', 'reference']);

function transferBatch(
  destination: Destination,
  outcome: SimulatedOutcome,
  at: Date,
): Record<string, unknown> {
  const fields = Object.fromEntries(Object.entries(destination).filter(([key]) => !NOT_REPEATED.has(key)));
  const amount = formatK2Amount(destination.amount);
  const failed = outcome.kind === 'failure';
  const status = failed ? 'Failed' : 'Transferred';
  return {
    status,
    amount,
    disbursements: [
      {
        amount,
        errors: failed ? outcome.reason : null,
        status,
        ...fields,
        destination_type: destination.type,
        origination_time: nairobiTimestamp(at, true),
        destination_reference: 'reference' in destination ? destination.reference : generateId(),
        transaction_reference: failed ? null : generateReceipt(),
      },
    ],
  };
}

/** A sweep moves the whole available balance to the merchant's preferred account. */
function sweepBatch(at: Date): Record<string, unknown> {
  const amount = formatK2Amount(generateAmountCents());
  return {
    status: 'Transferred',
    amount,
    disbursements: [
      {
        amount,
        errors: null,
        status: 'Transferred',
        destination_type: 'merchant_bank_account',
        origination_time: nairobiTimestamp(at, true),
        destination_reference: generateId(),
        transaction_reference: generateReceipt(),
      },
    ],
  };
}

function openSendMoney(input: SendMoneyRequest, context: OpenContext) {
  const callbackUrl = input._links.callback_url;
  const createdAt = nairobiTimestamp(context.now(), true);
  const destinations = input.destinations ?? [];
  const document = (attributes: Record<string, unknown>): ResultDocument =>
    resultDocument(
      context,
      'send_money',
      { status: attributes.status, created_at: createdAt, ...attributes, metadata: input.metadata ?? null },
      callbackUrl,
    );
  let current = document({
    status: 'Scheduled',
    source_identifier: null,
    destinations: null,
    currency: input.currency,
    transfer_batches: null,
    errors: null,
  });

  return {
    callbackUrl,
    current: () => current,
    settle() {
      const outcomes = destinations.map(outcomeOf);
      if (outcomes.some((outcome) => outcome.kind === 'never')) return undefined;
      const at = context.now();
      const reasons = outcomes.flatMap((outcome) => (outcome.kind === 'failure' ? [outcome.reason] : []));
      const allFailed = destinations.length > 0 && reasons.length === destinations.length;
      current = document({
        status: allFailed ? 'Failed' : 'Processed',
        source_identifier: input.source_identifier ?? null,
        destinations: destinations.map(echo),
        currency: input.currency,
        transfer_batches:
          destinations.length === 0
            ? [sweepBatch(at)]
            : destinations.map((destination, index) =>
                transferBatch(destination, outcomes[index] ?? { kind: 'success' }, at),
              ),
        errors: allFailed ? [...new Set(reasons)].join('; ') : null,
      });
      return current;
    },
  };
}

/**
 * The send-money endpoint. The source identifier `000000` is refused at once with K2's own text
 * (reference §3.5: "Source identifier is invalid").
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(sendMoney); // true
 * ```
 */
export const sendMoney = defineEndpoint({
  collection: 'send_money',
  schema: SendMoneyRequestSchema,
  refuse: (input) =>
    input.source_identifier === SANDBOX_TEST_INPUTS.sendMoney.invalidSourceIdentifier
      ? FAILURE_REASONS.sourceIdentifierInvalid
      : undefined,
  open: openSendMoney,
});
