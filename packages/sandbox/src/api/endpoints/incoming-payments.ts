/**
 * `POST /api/v2/incoming_payments`: the M-PESA STK push (reference §3.2). It stays `Pending` until the
 * delay passes, then succeeds or fails by the outcome rules, with the result document of §5.1.
 */
import * as v from 'valibot';
import { formatK2Amount } from '../../data/amount.ts';
import { generateId, generateReceipt, hashPhone } from '../../data/generate.ts';
import { nairobiTimestamp } from '../../data/nairobi-time.ts';
import { stkOutcome } from '../../outcomes.ts';
import {
  AmountCentsSchema,
  CallbackLinksSchema,
  KenyanPhoneSchema,
  KesCurrencySchema,
  MetadataSchema,
  NonBlankStringSchema,
  OptionalTextSchema,
} from '../common-schemas.ts';
import { defineEndpoint, type OpenContext, type ResultDocument, resultDocument } from '../endpoint.ts';

/**
 * The STK push body. `payment_channel` must be present; its spelling varies between the SDKs (reference
 * §3.2 [UNCLEAR]), so any non-blank value is taken. `till_number` must be the Online Payments Account till,
 * which starts with `K` (§7.5): the SDKs do not check it, the documentation says K2 requires it.
 */
const IncomingPaymentRequestSchema = v.object({
  payment_channel: NonBlankStringSchema,
  till_number: v.pipe(
    NonBlankStringSchema,
    v.check((till) => /^K\d+$/i.test(till), 'must be an Online Payments Account till number starting with K'),
  ),
  subscriber: v.object({
    first_name: OptionalTextSchema,
    middle_name: OptionalTextSchema,
    last_name: OptionalTextSchema,
    phone_number: KenyanPhoneSchema,
    email: OptionalTextSchema,
  }),
  amount: v.object({ currency: KesCurrencySchema, value: AmountCentsSchema }),
  metadata: MetadataSchema,
  _links: CallbackLinksSchema,
});

/** The checked STK push body, amount in cents. */
type IncomingPaymentRequest = v.InferOutput<typeof IncomingPaymentRequestSchema>;

/** K2 reports STK payers in international form with `+` (reference §5.1). */
function internationalPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  return `+${digits.startsWith('0') ? `254${digits.slice(1)}` : digits}`;
}

function openIncomingPayment(input: IncomingPaymentRequest, context: OpenContext) {
  const callbackUrl = input._links.callback_url;
  const initiationTime = nairobiTimestamp(context.now(), true);
  const metadata = input.metadata ?? null;
  const document = (status: string, resource: unknown, errors: string | null): ResultDocument =>
    resultDocument(
      context,
      'incoming_payment',
      {
        initiation_time: initiationTime,
        status,
        event: { type: 'Incoming Payment Request', resource, errors },
        metadata,
      },
      callbackUrl,
    );
  let current = document('Pending', null, null);

  return {
    callbackUrl,
    current: () => current,
    settle() {
      const phone = internationalPhone(input.subscriber.phone_number);
      const outcome = stkOutcome(phone, input.amount.value);
      if (outcome.kind === 'never') return undefined;
      if (outcome.kind === 'failure') {
        current = document('Failed', null, outcome.reason);
        return current;
      }
      const at = context.now();
      const resource = {
        id: generateId(),
        reference: generateReceipt(),
        origination_time: nairobiTimestamp(at),
        sender_phone_number: phone,
        hashed_sender_phone: hashPhone(phone),
        amount: formatK2Amount(input.amount.value),
        currency: 'KES',
        till_number: input.till_number,
        system: 'Lipa Na M-PESA',
        status: 'Received',
        sender_first_name: input.subscriber.first_name ?? null,
        sender_middle_name: input.subscriber.middle_name ?? null,
        sender_last_name: input.subscriber.last_name ?? null,
      };
      context.ledger.record({
        type: 'Buygoods Transaction',
        reference: resource.reference,
        cents: input.amount.value,
        tillNumber: input.till_number,
        receivedAt: at,
        resource,
      });
      current = document('Success', resource, null);
      return current;
    },
  };
}

/**
 * The incoming-payments endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(incomingPayments); // true
 * ```
 */
export const incomingPayments = defineEndpoint({
  collection: 'incoming_payments',
  schema: IncomingPaymentRequestSchema,
  open: openIncomingPayment,
});
