import { type HttpClient, toWireNumber, ValidationError } from '@tender/core';
import * as v from 'valibot';
import { resourceIdFromLocation } from './created.ts';
import { checkLocation } from './location.ts';
import {
  AnyTillNumberSchema,
  CallbackUrlSchema,
  K2MetadataSchema,
  KesAmountSchema,
  OptionalTextSchema,
  objectMessage,
} from './validation.ts';

/**
 * A payment link. `tillNumber` is an M-PESA till or an Online Payments Account till (`K…`); `amount` is
 * KES and is sent flat (`currency` + `amount` number), unlike STK push. The callback goes in `_links`
 * (all v2 SDKs since 2026-04-28; before that a top-level `callback_url`).
 *
 * @example
 * ```ts
 * const request: K2PaymentLinkRequest = {
 *   tillNumber: '556677',
 *   amount: parseMoney('2300', 'KES'),
 *   paymentReference: 'INV-00912',
 *   note: 'Balance for January delivery',
 *   callbackUrl: 'https://shop.example/k2/results/payment-link',
 * };
 * ```
 */
export const K2PaymentLinkRequestSchema = v.object(
  {
    /** The till paid through the link: an M-PESA till (`556677`) or an Online Payments Account till (`K776655`). */
    tillNumber: AnyTillNumberSchema,
    /** The amount the link asks for: a Money in KES, more than zero; sent as a JSON number. */
    amount: KesAmountSchema,
    paymentReference: OptionalTextSchema,
    note: OptionalTextSchema,
    metadata: v.optional(K2MetadataSchema),
    /** The absolute http(s) URL where K2 posts the link's payment result. */
    callbackUrl: CallbackUrlSchema,
  },
  objectMessage,
);

/** @example const request: K2PaymentLinkRequest = { tillNumber: '556677', amount, callbackUrl }; */
export type K2PaymentLinkRequest = v.InferInput<typeof K2PaymentLinkRequestSchema>;

/**
 * A cancelled link: K2's answer to the cancellation (`200` with a message such as
 * `"Payment link cancelled."`; the wording differs between sources, so it is informative only) plus the
 * link's Location URL and id, resolved from whichever of the two the caller gave. `location` is what
 * `client.status` reads.
 *
 * @example
 * ```ts
 * const { message, location, id } = await client.paymentLinks.cancel('0f1e2d3c-4b5a-4697-8877-665544332211');
 * ```
 */
export interface K2PaymentLinkCancelled {
  readonly message: string | undefined;
  /** The link's Location URL, `<base>/api/v2/payment_links/<id>` when an id was given. */
  readonly location: string;
  /** The link id: the last path segment of `location`. */
  readonly id: string;
}

const CancelAnswerSchema = v.object({ message: v.optional(v.string()) }, objectMessage);

/**
 * The wire body of `POST /api/v2/payment_links`.
 *
 * @example
 * ```ts
 * paymentLinkBody(v.parse(K2PaymentLinkRequestSchema, request));
 * ```
 */
export function paymentLinkBody(
  request: v.InferOutput<typeof K2PaymentLinkRequestSchema>,
): Record<string, unknown> {
  return {
    till_number: request.tillNumber,
    currency: request.amount.currency,
    amount: toWireNumber(request.amount),
    ...(request.paymentReference === undefined ? {} : { payment_reference: request.paymentReference }),
    ...(request.note === undefined ? {} : { note: request.note }),
    ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
    _links: { callback_url: request.callbackUrl },
  };
}

/**
 * `POST <Location>/cancel` with an empty JSON object (the SDKs send `{}` or nothing). `reference` is the
 * link's Location URL or its id (the Python SDK takes an id; the wire path is the same). Resolves to K2's
 * message with the link's Location URL and id, whichever of the two was given.
 *
 * @example
 * ```ts
 * const cancel = paymentLinkCanceller(transport.api);
 * await cancel(link.location);
 * ```
 */
export function paymentLinkCanceller(
  api: HttpClient,
): (reference: string) => Promise<K2PaymentLinkCancelled> {
  return async (reference) => {
    const operation = 'paymentLinks.cancel';
    const location = paymentLinkLocation(reference, api.baseUrl, operation);
    const id = linkId(location, operation);
    const response = await api.request({
      method: 'POST',
      url: `${location}/cancel`,
      json: {},
      operation,
      movesMoney: false,
    });
    const answer = v.safeParse(CancelAnswerSchema, response.body);
    return { message: answer.success ? answer.output.message : undefined, location, id };
  };
}

/**
 * A bare id (no scheme, no slash) names `/api/v2/payment_links/<id>`; anything else must be a Location URL.
 * Trailing slashes are dropped, so `<location>/cancel` and the returned location are well formed.
 */
function paymentLinkLocation(reference: unknown, baseUrl: string, operation: string): string {
  if (typeof reference === 'string' && /^[\w-]+$/.test(reference.trim())) {
    return `${baseUrl}/api/v2/payment_links/${reference.trim()}`;
  }
  return checkLocation(reference, baseUrl, operation).replace(/\/+$/, '');
}

/** The link id a Location ends with; a URL without a path names no link, and nothing is sent. */
function linkId(location: string, operation: string): string {
  const id = resourceIdFromLocation(location);
  if (id !== undefined) return id;
  throw new ValidationError(
    `Invalid K2 ${operation} request`,
    [{ path: 'location', message: 'must end with the payment link id, as the Location K2 returned does' }],
    { provider: 'k2', operation },
  );
}
