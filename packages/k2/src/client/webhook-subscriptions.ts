import * as v from 'valibot';
import { AnyTillNumberSchema, CallbackUrlSchema, objectMessage, ScopeSchema } from './validation.ts';

/**
 * Every webhook event type a v2 subscription may name. The sources disagree on the list ([UNCLEAR]): the
 * Ruby README has nine (everything here but `m2m_transaction_received`), the Ruby and Python validators
 * eight (no `b2b_transaction_reversed`), the Node SDK validates nothing and still offers
 * `m2m_transaction_received`. tender accepts the union and lets K2 refuse what it does not offer.
 *
 * @example
 * ```ts
 * K2_SUBSCRIPTION_EVENT_TYPES.includes('customer_created'); // true
 * ```
 */
export const K2_SUBSCRIPTION_EVENT_TYPES = [
  'buygoods_transaction_received',
  'buygoods_transaction_reversed',
  'b2b_transaction_received',
  'b2b_transaction_reversed',
  'm2m_transaction_received',
  'settlement_transfer_completed',
  'customer_created',
  'card_transaction_received',
  'card_transaction_voided',
  'card_transaction_reversed',
] as const;

/**
 * @example
 * ```ts
 * const eventType: K2SubscriptionEventType = 'buygoods_transaction_received';
 * ```
 */
export type K2SubscriptionEventType = (typeof K2_SUBSCRIPTION_EVENT_TYPES)[number];

/**
 * Whether `value` is one of {@link K2_SUBSCRIPTION_EVENT_TYPES}.
 *
 * @example
 * ```ts
 * isK2SubscriptionEventType('customer_created'); // true
 * ```
 */
export function isK2SubscriptionEventType(value: unknown): value is K2SubscriptionEventType {
  return (K2_SUBSCRIPTION_EVENT_TYPES as readonly unknown[]).includes(value);
}

/**
 * The only event types that may ask for the Daraja-format payload (Ruby and Python validators, Node JSDoc).
 *
 * @example
 * ```ts
 * K2_DARAJA_EVENT_TYPES.includes('b2b_transaction_received'); // true
 * ```
 */
export const K2_DARAJA_EVENT_TYPES: readonly K2SubscriptionEventType[] = [
  'buygoods_transaction_received',
  'b2b_transaction_received',
];

/**
 * A webhook subscription. `scope` is `till` (then `scopeReference`, the till number, is required) or
 * `company` (then it must be left out; K2 covers every till). Which scope suits which event is documented
 * (till for buygoods, b2b and card events; company for the others) but enforced by no SDK, and the Node
 * tests subscribe buygoods events company-wide, so tender does not enforce it either.
 *
 * @example
 * ```ts
 * const request: K2WebhookSubscriptionRequest = {
 *   eventType: 'buygoods_transaction_received',
 *   url: 'https://shop.example/k2/webhooks',
 *   scope: 'till',
 *   scopeReference: '776655',
 *   enableDarajaPayload: false,
 * };
 * ```
 */
export const K2WebhookSubscriptionRequestSchema = v.pipe(
  v.object(
    {
      eventType: v.picklist(
        K2_SUBSCRIPTION_EVENT_TYPES,
        `must be one of ${K2_SUBSCRIPTION_EVENT_TYPES.join(', ')}`,
      ),
      /** The absolute http(s) URL where K2 posts the subscribed events. */
      url: CallbackUrlSchema,
      /** Whose events to receive: `till` (one till's) or `company` (all of them); any letter case, sent lowercase. */
      scope: ScopeSchema,
      /** The till number for `till` scope (`776655` or `K776655`); required there, left out for `company` scope. */
      scopeReference: v.optional(AnyTillNumberSchema),
      /** Ask for the Daraja-format payload; only for buygoods and b2b received events. @default false */
      enableDarajaPayload: v.optional(v.boolean('must be true or false')),
    },
    objectMessage,
  ),
  v.forward(
    v.partialCheck(
      [['scope'], ['scopeReference']],
      (request) => request.scope !== 'till' || request.scopeReference !== undefined,
      'is required for till scope: give the till number',
    ),
    ['scopeReference'],
  ),
  v.forward(
    v.partialCheck(
      [['scope'], ['scopeReference']],
      (request) => request.scope !== 'company' || request.scopeReference === undefined,
      'must be left out for company scope',
    ),
    ['scopeReference'],
  ),
  v.forward(
    v.partialCheck(
      [['eventType'], ['enableDarajaPayload']],
      (request) => request.enableDarajaPayload !== true || K2_DARAJA_EVENT_TYPES.includes(request.eventType),
      `can only be true for ${K2_DARAJA_EVENT_TYPES.join(' and ')}`,
    ),
    ['enableDarajaPayload'],
  ),
);

/** @example const request: K2WebhookSubscriptionRequest = { eventType: 'customer_created', url, scope: 'company' }; */
export type K2WebhookSubscriptionRequest = v.InferInput<typeof K2WebhookSubscriptionRequestSchema>;

/**
 * The wire body of `POST /api/v2/webhook_subscriptions`. `scope_reference` is left out for company scope
 * (the Node SDK passes through what it gets; PHP's `null` carries no more information).
 * `enable_daraja_payload` is sent when the caller set it on an event that supports it, and left out
 * otherwise: K2's default is `false`, the Node SDK omits it when unset, and a `false` on another event
 * type would only risk a refusal.
 *
 * @example
 * ```ts
 * webhookSubscriptionBody(v.parse(K2WebhookSubscriptionRequestSchema, request));
 * ```
 */
export function webhookSubscriptionBody(
  request: v.InferOutput<typeof K2WebhookSubscriptionRequestSchema>,
): Record<string, unknown> {
  const daraja =
    request.enableDarajaPayload !== undefined && K2_DARAJA_EVENT_TYPES.includes(request.eventType)
      ? { enable_daraja_payload: request.enableDarajaPayload }
      : {};
  return {
    event_type: request.eventType,
    url: request.url,
    scope: request.scope,
    ...(request.scopeReference === undefined ? {} : { scope_reference: request.scopeReference }),
    ...daraja,
  };
}
