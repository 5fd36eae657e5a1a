import { type PlainJson, parseWireOrThrow, toPlainJson } from '@tender/core';
import * as v from 'valibot';
import { K2EchoedMetadataSchema, K2TextSchema } from './fields.ts';
import { K2IncomingPaymentDocumentSchema } from './incoming-payment.ts';
import { K2PayRecipientDocumentSchema } from './pay-recipient.ts';
import { K2PaymentLinkDocumentSchema } from './payment-link.ts';
import { K2PollingDocumentSchema } from './polling.ts';
import { K2ReversalDocumentSchema } from './reversal.ts';
import { K2SendMoneyDocumentSchema } from './send-money.ts';
import { K2SmsNotificationDocumentSchema } from './sms-notification.ts';
import { K2MerchantBankAccountDocumentSchema, K2MerchantWalletDocumentSchema } from './transfer-account.ts';
import { K2SettlementTransferDocumentSchema, K2V1PaymentDocumentSchema } from './v1-transfer.ts';
import { K2WebhookSubscriptionDocumentSchema } from './webhook-subscription.ts';

/** Each known `data.type` and the schema of its document. `reversals` is read as `reversal`. */
const FAMILIES = {
  incoming_payment: K2IncomingPaymentDocumentSchema,
  send_money: K2SendMoneyDocumentSchema,
  reversal: K2ReversalDocumentSchema,
  payment: K2V1PaymentDocumentSchema,
  settlement_transfer: K2SettlementTransferDocumentSchema,
  polling: K2PollingDocumentSchema,
  payment_link: K2PaymentLinkDocumentSchema,
  webhook_subscription: K2WebhookSubscriptionDocumentSchema,
  merchant_bank_account: K2MerchantBankAccountDocumentSchema,
  merchant_wallet: K2MerchantWalletDocumentSchema,
  pay_recipient: K2PayRecipientDocumentSchema,
  transaction_sms_notification: K2SmsNotificationDocumentSchema,
} as const;

type Families = typeof FAMILIES;

/**
 * Every `data.type` K2 is known to send, with a schema of its own.
 *
 * @example
 * ```ts
 * K2_RESOURCE_TYPES.includes('send_money'); // true
 * ```
 */
export const K2_RESOURCE_TYPES: readonly (keyof Families)[] = Object.freeze(
  Object.keys(FAMILIES) as (keyof Families)[],
);

const KNOWN_TYPES: ReadonlySet<string> = new Set([...K2_RESOURCE_TYPES, 'reversals']);

/** A resource of a type K2 added after this package was written: read with only the common fields. */
const K2OtherResourceDataSchema = v.looseObject({
  id: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  type: v.pipe(
    v.string(),
    v.nonEmpty('must not be empty'),
    v.check((type) => !KNOWN_TYPES.has(type), 'is a known type'),
  ),
  attributes: v.looseObject({ status: K2TextSchema, metadata: K2EchoedMetadataSchema }),
});

/**
 * Any K2 resource document, `{ data: { id, type, attributes } }`, checked by the schema of its `data.type`.
 * Types this package does not know pass with only `id`, `type` and an `attributes` object required, so a
 * resource K2 adds later is still read rather than refused.
 *
 * @example
 * ```ts
 * const document = v.parse(K2ResourceSchema, await response.json());
 * if (document.data.type === 'send_money') console.log(document.data.attributes.transfer_batches);
 * ```
 */
export const K2ResourceSchema = v.looseObject({
  data: v.variant('type', [
    FAMILIES.incoming_payment.entries.data,
    FAMILIES.send_money.entries.data,
    FAMILIES.reversal.entries.data,
    FAMILIES.payment.entries.data,
    FAMILIES.settlement_transfer.entries.data,
    FAMILIES.polling.entries.data,
    FAMILIES.payment_link.entries.data,
    FAMILIES.webhook_subscription.entries.data,
    FAMILIES.merchant_bank_account.entries.data,
    FAMILIES.merchant_wallet.entries.data,
    FAMILIES.pay_recipient.entries.data,
    FAMILIES.transaction_sms_notification.entries.data,
    K2OtherResourceDataSchema,
  ]),
});

/** @example const type = (document: K2ResourceDocument) => document.data.type; */
export type K2ResourceDocument = v.InferOutput<typeof K2ResourceSchema>;

/**
 * The fields every parsed resource has, with the attributes of its type.
 *
 * @example
 * ```ts
 * const describe = (resource: K2ResourceOf<'other', Record<string, unknown>>) => resource.k2Type;
 * ```
 */
export interface K2ResourceOf<TType extends string, TAttributes> {
  readonly id: string;
  /**
   * The family: `data.type` for the types this package knows (`reversals` is given as `reversal`), `'other'`
   * for any other, so that comparing `type` with a known name narrows `attributes` to that shape.
   */
  readonly type: TType;
  /** `data.type` exactly as K2 sent it. */
  readonly k2Type: string;
  /** `attributes.status` as K2 words it (`Pending`, `Success`, `Processed`, ...), when there is one. */
  readonly status: string | undefined;
  readonly attributes: TAttributes;
  /** The merchant's metadata K2 echoed back, when it did. */
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  /** The document as received. */
  readonly raw: unknown;
}

type KnownResource = {
  [TType in keyof Families]: K2ResourceOf<TType, v.InferOutput<Families[TType]>['data']['attributes']>;
}[keyof Families];

/**
 * A resource whose `data.type` this package does not know (K2 adds resources over time): `type` is
 * `'other'`, `k2Type` says what K2 called it, and the attributes are kept whole.
 *
 * @example
 * ```ts
 * const name = (resource: K2OtherResource) => resource.k2Type;
 * ```
 */
export type K2OtherResource = K2ResourceOf<'other', Readonly<Record<string, unknown>>>;

/**
 * A K2 resource read from `GET <Location>` or a result callback: discriminated on `type`, with the typed
 * attributes of that type (see {@link K2_RESOURCE_TYPES}), or a {@link K2OtherResource}.
 *
 * @example
 * ```ts
 * const resource = parseK2Resource(document);
 * if (resource.type === 'incoming_payment' && resource.status === 'Success') {
 *   ship(resource.attributes.event?.resource?.reference);
 * }
 * ```
 */
export type K2Resource = KnownResource | K2OtherResource;

/**
 * Reads a K2 resource document into a {@link K2Resource}, or throws core's `ValidationError` listing every
 * offending field by its path (such as `data.attributes.event.resource.amount`). Unknown extra fields and
 * unknown status words are kept; an unknown `data.type` is read with only the common fields checked.
 *
 * @example
 * ```ts
 * parseK2Resource({ data: { id: '1', type: 'incoming_payment', attributes: { status: 'Pending' } } }).status;
 * // 'Pending'
 * ```
 */
export function parseK2Resource(document: unknown): K2Resource {
  return parseK2ResourceJson(toPlainJson(document, { provider: 'k2' }));
}

/**
 * {@link parseK2Resource} of JSON this package parsed itself (a result callback's body), which may take
 * the validation fast path; `raw` is `json.value`.
 *
 * @example
 * ```ts
 * parseK2ResourceJson(parseJsonText(body)).type; // 'incoming_payment'
 * ```
 */
export function parseK2ResourceJson(json: PlainJson): K2Resource {
  const document = json.value;
  const { data } = parseWireOrThrow(K2ResourceSchema, json, 'Invalid K2 resource document', {
    provider: 'k2',
  });
  const common: {
    status?: string | null | undefined;
    metadata?: Record<string, unknown> | null | undefined;
  } = data.attributes;
  // The variant checked `attributes` against the schema of `data.type`; TypeScript cannot follow that link
  // through the renaming of `reversals` and of unknown types, so the cast restates what the check established.
  return {
    id: data.id,
    type: data.type === 'reversals' ? 'reversal' : KNOWN_TYPES.has(data.type) ? data.type : 'other',
    k2Type: data.type,
    status: common.status ?? undefined,
    attributes: data.attributes,
    metadata: common.metadata ?? undefined,
    raw: document,
  } as K2Resource;
}
