import { money } from '@tender/core';
import { createK2Client, createK2WebhookSource } from '@tender/k2';
import { createRouter, type DedupStore } from '@tender/webhooks';
import { type SignedDelivery, signedBuygoodsDelivery, WEBHOOK_PATH } from './k2-deliveries.ts';
import { STK_PUSH } from './stk-request.ts';

/**
 * Where tender's K2 client sends its calls and with which credentials.
 *
 * @example
 * ```ts
 * const target: TenderClientTarget = { baseUrl: 'http://127.0.0.1:40123', clientId: 'id', clientSecret: 'secret' };
 * ```
 */
export interface TenderClientTarget {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * tender's STK push through `client.incomingPayments.create()`: the request is validated (till, Kenyan
 * phone, KES amount, metadata, callback URL), turned into the wire body and posted by the core HTTP client
 * with the bearer token from its token manager. One call is made before this returns, so the token is
 * fetched and cached (it lives an hour) before any timed call.
 *
 * @example
 * ```ts
 * const stkPush = await createTenderStkPush(target);
 * const location = await stkPush();
 * ```
 */
export async function createTenderStkPush(target: TenderClientTarget): Promise<() => Promise<string>> {
  const client = createK2Client({
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    baseUrl: target.baseUrl,
  });
  const request = {
    tillNumber: STK_PUSH.tillNumber,
    subscriber: {
      firstName: STK_PUSH.firstName,
      lastName: STK_PUSH.lastName,
      phoneNumber: STK_PUSH.phone,
      email: STK_PUSH.email,
    },
    amount: money(STK_PUSH.amount * 100, STK_PUSH.currency),
    metadata: STK_PUSH.metadata,
    callbackUrl: STK_PUSH.callbackUrl,
  };
  const stkPush = async () => (await client.incomingPayments.create(request)).location;
  await stkPush();
  return stkPush;
}

/**
 * Options for {@link createTenderWebhookReceiver}: the de-duplication store to use (the router's default,
 * a fresh in-memory store, when absent).
 *
 * @example
 * ```ts
 * const options: TenderReceiverOptions = { store: createMemoryStore({ now: () => simulatedNow }) };
 * ```
 */
export interface TenderReceiverOptions {
  readonly store?: DedupStore;
}

/**
 * tender's webhook pipeline as an application sets it up: one router with the K2 source at
 * {@link WEBHOOK_PATH}, the in-memory store and one no-op `payment.succeeded` handler. The returned
 * function hands one delivery to `router.receive()`, building the framework-free request the way the Node
 * adapter does (method, path, empty query, the lower-case headers object, the raw bytes), and checks the
 * answer is a 200 and that the handler ran (a delivery taken for a duplicate would fail the run). One
 * delivery is received before this returns, to prove the setup.
 *
 * @example
 * ```ts
 * const receive = await createTenderWebhookReceiver(BENCH_API_KEY);
 * await receive(signedBuygoodsDelivery());
 * ```
 */
export async function createTenderWebhookReceiver(
  apiKey: string,
  options: TenderReceiverOptions = {},
): Promise<(delivery: SignedDelivery) => Promise<void>> {
  const router = createRouter({
    sources: [{ name: 'k2', path: WEBHOOK_PATH, source: createK2WebhookSource({ apiKeys: apiKey }) }],
    ...(options.store === undefined ? {} : { store: options.store }),
  });
  let handled = 0;
  router.on('payment.succeeded', () => {
    handled += 1;
  });
  let received = 0;
  // Deliveries are awaited one at a time, so after each one the handler must have run exactly once more.
  const receive = async (delivery: SignedDelivery) => {
    received += 1;
    const answer = await router.receive({
      method: 'POST',
      path: WEBHOOK_PATH,
      query: new URLSearchParams(),
      headers: delivery.headers,
      rawBody: delivery.rawBody,
    });
    if (answer.status !== 200) throw new Error(`tender answered ${answer.status}: ${answer.body}`);
    // Every bench delivery is a new event: one taken for a duplicate would skip most of the pipeline.
    if (handled !== received)
      throw new Error('tender did not run the handler: a delivery was taken for a duplicate');
  };
  await receive(signedBuygoodsDelivery());
  return receive;
}
