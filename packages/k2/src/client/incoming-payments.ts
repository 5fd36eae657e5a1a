import { toWireNumber } from '@tender/core';
import * as v from 'valibot';
import { kenyanPhoneSchema } from './phone.ts';
import {
  CallbackUrlSchema,
  expected,
  K2MetadataSchema,
  KesAmountSchema,
  OnlineTillNumberSchema,
  OptionalTextSchema,
  objectMessage,
} from './validation.ts';

/**
 * The `payment_channel` tender sends for an STK push: the spelling of K2's STK guide and the Node and Ruby
 * READMEs.
 *
 * @example
 * ```ts
 * console.log(K2_STK_PAYMENT_CHANNEL); // 'M-PESA STK Push'
 * ```
 */
export const K2_STK_PAYMENT_CHANNEL = 'M-PESA STK Push';

/**
 * The channel spellings the sources use ([UNCLEAR]): `M-PESA STK Push` (guide, Node, Ruby), `M-PESA STK
 * PUSH` (Dart) and `MPESA` (Python README). Compared without case, spaces or punctuation; all of them mean
 * STK push and are sent as {@link K2_STK_PAYMENT_CHANNEL}.
 */
const STK_CHANNEL_SPELLINGS = new Set(['mpesastkpush', 'mpesa']);

const PaymentChannelSchema = v.pipe(
  v.string(expected("'M-PESA STK Push'")),
  v.check(
    (channel) => STK_CHANNEL_SPELLINGS.has(channel.toLowerCase().replace(/[^a-z]/g, '')),
    "must be 'M-PESA STK Push' (the only channel K2 offers for incoming payments)",
  ),
);

/**
 * An STK push: K2 asks the subscriber to approve the payment on their phone.
 *
 * - `tillNumber`: the Online Payments Account till, starting with `K`.
 * - `subscriber.phoneNumber`: any Kenyan mobile form (`07…`, `01…`, `254…`, `+254…`); sent as `+254…`, the
 *   form of the STK guide's examples and the strictest SDK validator.
 * - `amount`: KES, more than zero; sent as a JSON number (guide, Node, Python, PHP) — Dart and the Ruby
 *   README use strings ([UNCLEAR]).
 * - `paymentChannel`: optional, any known spelling; always sent as `M-PESA STK Push`.
 *
 * @example
 * ```ts
 * const request: K2IncomingPaymentRequest = {
 *   tillNumber: 'K776655',
 *   subscriber: { firstName: 'Amina', lastName: 'Otieno', phoneNumber: '0711000111', email: 'amina@example.org' },
 *   amount: parseMoney('250', 'KES'),
 *   metadata: { order_id: 'ORD-20931' },
 *   callbackUrl: 'https://shop.example/k2/results/stk',
 * };
 * ```
 */
export const K2IncomingPaymentRequestSchema = v.object(
  {
    /** How the subscriber pays: only STK push exists; any known spelling is accepted and sent as `M-PESA STK Push`. Optional. */
    paymentChannel: v.optional(PaymentChannelSchema),
    /** The Online Payments Account till the payment goes to, K-prefixed (`K776655`). */
    tillNumber: OnlineTillNumberSchema,
    /** The M-PESA customer asked to approve the payment; only the phone number is required. */
    subscriber: v.object(
      {
        firstName: OptionalTextSchema,
        middleName: OptionalTextSchema,
        lastName: OptionalTextSchema,
        /** The subscriber's Kenyan mobile number in any form (`0711000111`, `254…`, `+254…`); sent as `+254…`. */
        phoneNumber: kenyanPhoneSchema('international'),
        /** The subscriber's email address. Optional. */
        email: v.optional(
          v.pipe(v.string(expected('an email address')), v.trim(), v.email('must be an email address')),
        ),
      },
      expected('an object with at least the phone number'),
    ),
    /** The amount to collect: a Money in KES, more than zero; sent as a JSON number. */
    amount: KesAmountSchema,
    metadata: v.optional(K2MetadataSchema),
    /** The absolute http(s) URL where K2 posts the payment's result. */
    callbackUrl: CallbackUrlSchema,
  },
  objectMessage,
);

/** @example const request: K2IncomingPaymentRequest = { tillNumber: 'K776655', subscriber: { phoneNumber: '0711000111' }, amount, callbackUrl }; */
export type K2IncomingPaymentRequest = v.InferInput<typeof K2IncomingPaymentRequestSchema>;

/**
 * The wire body of `POST /api/v2/incoming_payments`.
 *
 * @example
 * ```ts
 * incomingPaymentBody(v.parse(K2IncomingPaymentRequestSchema, request));
 * ```
 */
export function incomingPaymentBody(
  request: v.InferOutput<typeof K2IncomingPaymentRequestSchema>,
): Record<string, unknown> {
  const { subscriber } = request;
  // Built by assignment, in the documented key order, rather than with conditional spreads: this runs on
  // every STK push, and each spread allocated a throw-away object.
  const wireSubscriber: Record<string, unknown> = {};
  if (subscriber.firstName !== undefined) wireSubscriber.first_name = subscriber.firstName;
  if (subscriber.middleName !== undefined) wireSubscriber.middle_name = subscriber.middleName;
  if (subscriber.lastName !== undefined) wireSubscriber.last_name = subscriber.lastName;
  wireSubscriber.phone_number = subscriber.phoneNumber;
  if (subscriber.email !== undefined) wireSubscriber.email = subscriber.email;
  const body: Record<string, unknown> = {
    payment_channel: K2_STK_PAYMENT_CHANNEL,
    till_number: request.tillNumber,
    subscriber: wireSubscriber,
    amount: { currency: request.amount.currency, value: toWireNumber(request.amount) },
  };
  if (request.metadata !== undefined) body.metadata = request.metadata;
  body._links = { callback_url: request.callbackUrl };
  return body;
}
