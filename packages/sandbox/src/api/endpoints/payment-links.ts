/**
 * `POST /api/v2/payment_links` and `POST /api/v2/payment_links/<id>/cancel` (reference §3.8). A new link is
 * usable at once: its document shows `status` `Pending` with the link `Active`. After the delay an invented
 * customer pays it (unless the outcome rules keep it unpaid): the document turns `Processed` with the link
 * `Paid`, and the callback is sent. The status document and the callback name the link state differently
 * (`payment_link_status` vs `status`, §5.6 [UNCLEAR]); the simulator reproduces both as documented.
 */
import * as v from 'valibot';
import { centsToWireNumber } from '../../data/amount.ts';
import { generateId, generatePhone, generateReceipt, SANDBOX_MERCHANT } from '../../data/generate.ts';
import { nairobiTimestamp } from '../../data/nairobi-time.ts';
import { paymentLinkOutcome } from '../../outcomes.ts';
import {
  AmountCentsSchema,
  CallbackLinksSchema,
  KesCurrencySchema,
  MetadataSchema,
  NonBlankStringSchema,
  OptionalTextSchema,
} from '../common-schemas.ts';
import {
  type ActionAnswer,
  defineEndpoint,
  type OpenContext,
  type ResultDocument,
  resultDocument,
} from '../endpoint.ts';

/** The link body: amount and currency are flat here, unlike STK pushes (§3.8). */
const PaymentLinkRequestSchema = v.object({
  till_number: NonBlankStringSchema,
  currency: KesCurrencySchema,
  amount: AmountCentsSchema,
  payment_reference: OptionalTextSchema,
  note: OptionalTextSchema,
  metadata: MetadataSchema,
  _links: CallbackLinksSchema,
});

/** The checked link body, amount in cents. */
type PaymentLinkRequest = v.InferOutput<typeof PaymentLinkRequestSchema>;

/** Links live a week in K2's samples (§3.8). */
const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

type LinkState = 'Active' | 'Paid' | 'Cancelled';

/** The payer's details once the link is paid. */
interface Payment {
  readonly transaction_reference: string;
  /** A JSON number in K2's sample (§5.6). */
  readonly sender_phone_number: number;
  readonly origination_time: string;
}

function openPaymentLink(input: PaymentLinkRequest, context: OpenContext) {
  const callbackUrl = input._links.callback_url;
  const createdAt = context.now();
  const expiresAt = nairobiTimestamp(new Date(createdAt.getTime() + LINK_LIFETIME_MS), true);
  const link = `${context.origin}/links/${generateId()}`;
  let status = 'Pending';
  let state: LinkState = 'Active';
  let payment: Payment | undefined;

  const document = (linkPart: Record<string, unknown>): ResultDocument =>
    resultDocument(
      context,
      'payment_link',
      {
        status,
        created_at: nairobiTimestamp(createdAt, true),
        till_name: SANDBOX_MERCHANT.name,
        till_number: input.till_number,
        payment_reference: input.payment_reference ?? null,
        currency: input.currency,
        amount: centsToWireNumber(input.amount),
        note: input.note ?? null,
        payment_link: linkPart,
        errors: null,
        metadata: input.metadata ?? null,
      },
      callbackUrl,
    );
  const statusDocument = () =>
    document({
      payment_link_status: state,
      expires_at: expiresAt,
      initiator_name: 'Sandbox Admin',
      link,
      ...payment,
    });
  const callbackDocument = () => document({ status: state, expires_at: expiresAt, link, ...payment });

  return {
    callbackUrl,
    current: statusDocument,
    settle() {
      status = 'Processed';
      if (state === 'Cancelled' || paymentLinkOutcome(input.amount).kind === 'never') return undefined;
      state = 'Paid';
      payment = {
        transaction_reference: generateReceipt(),
        sender_phone_number: Number(generatePhone().slice(1)),
        origination_time: nairobiTimestamp(context.now(), true),
      };
      return callbackDocument();
    },
    cancel(): ActionAnswer {
      if (state !== 'Active') {
        const done = state === 'Paid' ? 'paid' : 'cancelled';
        return {
          status: 400,
          body: { error_code: 400, error_message: `Payment link has already been ${done}` },
        };
      }
      state = 'Cancelled';
      return { status: 200, body: { message: 'Payment link cancelled.' } };
    },
  };
}

/**
 * The payment-links endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(paymentLinks); // true
 * ```
 */
export const paymentLinks = defineEndpoint({
  collection: 'payment_links',
  schema: PaymentLinkRequestSchema,
  open: openPaymentLink,
});
