import { parseOrThrow } from '@tender/core';
import * as v from 'valibot';

/**
 * The document every K2 resource is read as, from `GET <Location>` and from result callbacks alike:
 * `{ data: { id, type, attributes } }`. Attributes are kept whole (unknown fields allowed): K2 publishes no
 * complete schema and adds fields over time.
 *
 * @example
 * ```ts
 * v.parse(K2ResourceDocumentSchema, await response.json());
 * ```
 */
export const K2ResourceDocumentSchema = v.looseObject({
  data: v.looseObject({
    id: v.pipe(v.string(), v.nonEmpty()),
    type: v.pipe(v.string(), v.nonEmpty()),
    attributes: v.looseObject({
      status: v.optional(v.nullable(v.string())),
      metadata: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
    }),
  }),
});

/**
 * A K2 resource: its id, its type (`incoming_payment`, `send_money`, `reversal`, `payment_link`, `polling`,
 * `webhook_subscription`, v1 `payment` and `settlement_transfer`, or any other K2 sends), its status as K2
 * words it, and its attributes.
 *
 * @example
 * ```ts
 * const resource: K2Resource = parseK2Resource(document);
 * if (resource.type === 'incoming_payment' && resource.status === 'Success') ship();
 * ```
 */
export interface K2Resource {
  readonly id: string;
  readonly type: string;
  readonly status: string | undefined;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  readonly raw: unknown;
}

/**
 * Reads a K2 resource document, or throws a `ValidationError` naming what is missing.
 *
 * @example
 * ```ts
 * parseK2Resource({ data: { id: '1', type: 'incoming_payment', attributes: { status: 'Pending' } } }).status; // 'Pending'
 * ```
 */
export function parseK2Resource(document: unknown): K2Resource {
  const { data } = parseOrThrow(K2ResourceDocumentSchema, document, 'Invalid K2 resource document', {
    provider: 'k2',
  });
  const type = data.type === 'reversals' ? 'reversal' : data.type;
  return {
    id: data.id,
    type,
    status: data.attributes.status ?? undefined,
    attributes: data.attributes,
    metadata: data.attributes.metadata ?? undefined,
    raw: document,
  };
}
