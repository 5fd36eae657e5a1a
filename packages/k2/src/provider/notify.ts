import type { NotifyRequest, Operation } from '@tender/core';
import type { K2Client } from '../client/client.ts';
import type { K2PollingRequest } from '../client/polling.ts';
import {
  isK2SubscriptionEventType,
  K2_SUBSCRIPTION_EVENT_TYPES,
  type K2SubscriptionEventType,
  type K2WebhookSubscriptionRequest,
} from '../client/webhook-subscriptions.ts';
import { callbackUrlFor, invalidField } from './invalid.ts';
import { pendingOperation } from './pending.ts';
import { inNeutralTerms, type SentField, sendFields } from './sent-fields.ts';

/**
 * `notify` on K2: `subscribe` creates a webhook subscription for `topic` (a K2 event type such as
 * `buygoods_transaction_received`; `alternativePayload` asks for the Daraja format); `poll` asks K2 to
 * replay the transactions between `from` and `to` to `callbackUrl` (the request's, else the provider's).
 * Refused input (a missing callback URL, an unknown topic) sends nothing.
 *
 * Without a `scope`, a request with a `scopeReference` is scoped to that till and one without to the
 * whole company (which needs no reference and covers every till).
 *
 * @example
 * ```ts
 * await notifyWithK2(client, settings, { mode: 'subscribe', topic: 'customer_created', url: 'https://shop.example/k2/webhooks' });
 * ```
 */
export async function notifyWithK2(
  client: K2Client,
  settings: { readonly callbackUrl?: string | undefined },
  request: NotifyRequest,
): Promise<Operation> {
  const scope = request.scope ?? (request.scopeReference === undefined ? 'company' : 'till');
  const scoped: SentField[] = [
    ['scope', 'scope', scope],
    ['scopeReference', 'scopeReference', request.scopeReference],
  ];
  if (request.mode === 'subscribe') {
    const sent = sendFields<K2WebhookSubscriptionRequest>([
      ['eventType', 'topic', eventType(request.topic)],
      ['url', 'url', request.url],
      ...scoped,
      ['enableDarajaPayload', 'alternativePayload', request.alternativePayload],
    ]);
    const created = await inNeutralTerms('notify', sent, () => client.webhooks.subscribe(sent.input));
    return pendingOperation({ kind: 'notify', created });
  }
  const sent = sendFields<K2PollingRequest>([
    ['fromTime', 'from', request.from],
    ['toTime', 'to', request.to],
    ['callbackUrl', 'callbackUrl', callbackUrlFor(request.callbackUrl, settings.callbackUrl, 'notify')],
    ...scoped,
  ]);
  const created = await inNeutralTerms('notify', sent, () => client.polling.create(sent.input));
  return pendingOperation({ kind: 'notify', created });
}

function eventType(topic: string): K2SubscriptionEventType {
  if (isK2SubscriptionEventType(topic)) return topic;
  throw invalidField('notify', 'topic', `must be one of ${K2_SUBSCRIPTION_EVENT_TYPES.join(', ')}`);
}
