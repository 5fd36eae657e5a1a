/**
 * The webhook subscriptions created through `POST /api/v2/webhook_subscriptions`; `trigger` sends events to
 * the ones whose `event_type` matches.
 */

/**
 * One stored subscription.
 *
 * @example
 * ```ts
 * sandbox.subscriptions()[0]?.url; // 'http://127.0.0.1:8080/k2/webhooks'
 * ```
 */
export interface WebhookSubscription {
  readonly id: string;
  readonly eventType: string;
  readonly url: string;
  readonly scope: string;
  readonly scopeReference: string | null;
  /** Whether events go out in the flat Daraja format (reference §4.5). */
  readonly darajaPayload: boolean;
  readonly createdAt: Date;
}

/**
 * The sandbox's subscriptions, in creation order.
 *
 * @example
 * ```ts
 * const store = createSubscriptionStore();
 * store.forTopic('customer_created'); // []
 * ```
 */
export interface SubscriptionStore {
  add(subscription: WebhookSubscription): void;
  list(): WebhookSubscription[];
  forTopic(topic: string): WebhookSubscription[];
}

/**
 * Creates an empty subscription store.
 *
 * @example
 * ```ts
 * const store = createSubscriptionStore();
 * store.list().length; // 0
 * ```
 */
export function createSubscriptionStore(): SubscriptionStore {
  const subscriptions: WebhookSubscription[] = [];
  return {
    add(subscription) {
      subscriptions.push(subscription);
    },
    list() {
      return [...subscriptions];
    },
    forTopic(topic) {
      return subscriptions.filter((subscription) => subscription.eventType === topic);
    },
  };
}
