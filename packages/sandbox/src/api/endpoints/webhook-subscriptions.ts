/**
 * `POST /api/v2/webhook_subscriptions` (reference §3.1). The subscription is stored at once, so `trigger`
 * reaches it right away; its status document moves from `Pending` to `Active` after the delay. K2 shows no
 * status values anywhere (§3.1 [UNCLEAR]): these two are the simulator's choice. No callback.
 */
import * as v from 'valibot';
import { DARAJA_TOPICS, K2_WEBHOOK_TOPICS } from '../../webhooks/topics.ts';
import { BooleanSchema, HttpUrlSchema, ScopeSchema } from '../common-schemas.ts';
import { defineEndpoint, type OpenContext, resultDocument } from '../endpoint.ts';

/** The subscription body; `scope_reference` is required for till scope, Daraja only for two topics. */
const WebhookSubscriptionRequestSchema = v.pipe(
  v.object({
    event_type: v.picklist(K2_WEBHOOK_TOPICS, `must be one of ${K2_WEBHOOK_TOPICS.join(', ')}`),
    url: HttpUrlSchema,
    scope: ScopeSchema,
    scope_reference: v.optional(v.nullable(v.string())),
    enable_daraja_payload: v.optional(BooleanSchema),
  }),
  v.forward(
    v.partialCheck(
      [['scope'], ['scope_reference']],
      (input) => input.scope !== 'till' || (input.scope_reference ?? '').trim() !== '',
      "can't be blank when scope is till",
    ),
    ['scope_reference'],
  ),
  v.forward(
    v.partialCheck(
      [['event_type'], ['enable_daraja_payload']],
      (input) =>
        input.enable_daraja_payload !== true ||
        (DARAJA_TOPICS as readonly string[]).includes(input.event_type),
      `is only allowed for ${DARAJA_TOPICS.join(' and ')}`,
    ),
    ['enable_daraja_payload'],
  ),
);

/** The checked subscription body. */
type WebhookSubscriptionRequest = v.InferOutput<typeof WebhookSubscriptionRequestSchema>;

function openSubscription(input: WebhookSubscriptionRequest, context: OpenContext) {
  const scopeReference = input.scope_reference ?? null;
  const darajaPayload = input.enable_daraja_payload ?? false;
  context.subscriptions.add({
    id: context.id,
    eventType: input.event_type,
    url: input.url,
    scope: input.scope,
    scopeReference,
    darajaPayload,
    createdAt: context.now(),
  });
  const document = (status: string) =>
    resultDocument(context, 'webhook_subscription', {
      event_type: input.event_type,
      // The status document names the URL `webhook_uri`, not `url` (reference §3.1).
      webhook_uri: input.url,
      status,
      scope: input.scope,
      scope_reference: scopeReference,
      enable_daraja_payload: darajaPayload,
    });
  let current = document('Pending');
  return {
    current: () => current,
    settle() {
      current = document('Active');
      return undefined;
    },
  };
}

/**
 * The webhook-subscriptions endpoint.
 *
 * @example
 * ```ts
 * ENDPOINTS.includes(webhookSubscriptions); // true
 * ```
 */
export const webhookSubscriptions = defineEndpoint({
  collection: 'webhook_subscriptions',
  schema: WebhookSubscriptionRequestSchema,
  open: openSubscription,
});
