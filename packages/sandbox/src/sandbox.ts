/**
 * The simulator itself: an HTTP server on 127.0.0.1 that answers K2 Connect v2's OAuth and `/api/v2`
 * endpoints, settles every resource after a delay, and signs and delivers result callbacks and webhooks.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api/api-routes.ts';
import type { SimulatedResource } from './api/endpoint.ts';
import { type SandboxCredentials, sandboxCredentials } from './credentials.ts';
import { type DeliveryResult, deliver, type RetryPolicy } from './delivery/deliver.ts';
import { createDeliveryLog, type DeliveryKind, type DeliveryRecord } from './delivery/delivery-log.ts';
import { readBody, sendApiError } from './http/io.ts';
import { type ReceivedRequest, receivedRequest } from './http/request-log.ts';
import { createLedger } from './ledger.ts';
import { type LegacySendOptions, prepareLegacy } from './legacy/send-legacy.ts';
import { handleOAuth } from './oauth/oauth-routes.ts';
import { createTokenStore } from './oauth/token-store.ts';
import { resolveSandboxOptions, type SandboxOptions } from './options.ts';
import { createSubscriptionStore, type WebhookSubscription } from './subscriptions.ts';
import { buildWebhook } from './webhooks/payloads.ts';
import { generateTopicResource } from './webhooks/resources.ts';
import { assertTopic, signedJsonHeaders } from './webhooks/send-webhook.ts';
import type { K2WebhookTopic } from './webhooks/topics.ts';
import { createWorkTracker } from './work-tracker.ts';

/**
 * How to trigger a webhook: to one URL, or (without `to`) to every subscription whose `event_type` matches.
 *
 * @example
 * ```ts
 * await sandbox.trigger('buygoods_transaction_received', { to, overrides: { amount: '1250.0' } });
 * ```
 */
export interface TriggerOptions {
  readonly to?: string | undefined;
  /**
   * The flat Daraja body (buy-goods and b2b received only). Without `to`, each subscription's own
   * `enable_daraja_payload` decides unless this is given.
   */
  readonly daraja?: boolean | undefined;
  /** Fields merged over the generated resource (envelope) or over the flat body (Daraja). */
  readonly overrides?: Readonly<Record<string, unknown>> | undefined;
  /** The envelope `id`; fresh by default. Reuse one to rehearse a duplicate delivery. */
  readonly eventId?: string | undefined;
}

/**
 * A running sandbox.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ callbackDelayMs: 20 });
 * await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ ... }) });
 * await sandbox.close();
 * ```
 */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:40123`; use it where K2's base URL goes. */
  readonly url: string;
  readonly credentials: SandboxCredentials;
  /** Sends one webhook of `topic` with invented data, signed with the API key; one result per receiver. */
  trigger(topic: K2WebhookTopic, options?: TriggerOptions): Promise<DeliveryResult[]>;
  /** Sends one legacy K2 HTTP POST notification and returns the receiver's answer. */
  sendLegacy(options: LegacySendOptions): Promise<DeliveryResult>;
  /** Every request received so far, oldest first. */
  requests(): ReceivedRequest[];
  /** Every delivery started so far (callbacks, webhooks, legacy), with every answer. */
  deliveries(): DeliveryRecord[];
  /** The stored webhook subscriptions. */
  subscriptions(): WebhookSubscription[];
  /** Resolves once every resource created so far has settled and every delivery has finished. */
  idle(): Promise<void>;
  /**
   * Settles every resource still waiting for its delay right now, then resolves like `idle()`. With a long
   * `callbackDelayMs`, a test can look at pending documents without racing the timer.
   */
  settleAll(): Promise<void>;
  /** Stops listening, cancels pending settlements and retries. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts a K2 Connect v2 simulator. See the package README for the endpoints and the test inputs that
 * choose outcomes.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ port: 0, callbackDelayMs: 20 });
 * console.log(sandbox.url, sandbox.credentials.clientId);
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = resolveSandboxOptions(options);
  const now = () => new Date(settings.now());
  const log = settings.log ?? (() => {});
  const tokens = createTokenStore(settings.tokenTtlSeconds, settings.now);
  const ledger = createLedger();
  const subscriptions = createSubscriptionStore();
  const resources = new Map<string, SimulatedResource>();
  const requestLog: ReceivedRequest[] = [];
  const deliveryLog = createDeliveryLog();
  const work = createWorkTracker();
  /** Resources waiting for their delay: each timer and what it runs when it fires. */
  const waiting = new Map<NodeJS.Timeout, () => void>();
  const stop = new AbortController();
  const retryPolicy: RetryPolicy = {
    attempts: settings.deliveryAttempts,
    backoffMs: settings.retryBackoffMs,
    timeoutMs: settings.deliveryTimeoutMs,
  };
  let origin = '';

  async function send(
    kind: DeliveryKind,
    label: string,
    url: string,
    body: string,
    headers: Record<string, string>,
    policy: RetryPolicy,
  ): Promise<DeliveryResult> {
    work.begin();
    const open = deliveryLog.open({ kind, label, url, body, headers });
    try {
      const result = await deliver({
        url,
        body,
        headers,
        policy,
        signal: stop.signal,
        onAttempt: (attempt) => {
          open.addAttempt(attempt);
          log(`${kind} ${label} -> ${url} ${attempt.status ?? attempt.error ?? 'no answer'}`);
        },
      });
      open.finish(result);
      return result;
    } finally {
      work.end();
    }
  }

  /** Settles a resource and sends its callback; runs once, from its timer or from settleAll(). */
  function settle(resource: SimulatedResource): void {
    const document = resource.settle();
    if (document && resource.callbackUrl !== undefined) {
      const body = JSON.stringify(document);
      const headers = signedJsonHeaders(settings.apiKey, body);
      void send('callback', document.data.type, resource.callbackUrl, body, headers, retryPolicy);
    }
  }

  function schedule(resource: SimulatedResource): void {
    work.begin();
    const fire = () => {
      waiting.delete(timer);
      try {
        settle(resource);
      } finally {
        work.end();
      }
    };
    const timer = setTimeout(fire, settings.callbackDelayMs);
    waiting.set(timer, fire);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const body = raw?.toString('utf8') ?? '';
    const record = receivedRequest(request, body, now());
    requestLog.push(record);
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', origin).pathname;
    try {
      if (raw === undefined) {
        sendApiError(response, 413, 'The request body is too large');
      } else {
        const contentType = request.headers['content-type'] ?? '';
        const authorization = request.headers.authorization;
        const handled =
          handleOAuth({ method, path, contentType, authorization, body }, response, {
            clientId: settings.clientId,
            clientSecret: settings.clientSecret,
            tokens,
            now: settings.now,
          }) ||
          handleApi({ method, path, authorization, body }, response, {
            origin,
            now,
            ledger,
            subscriptions,
            tokens,
            resources,
            newId: randomUUID,
            schedule,
          });
        if (!handled) sendApiError(response, 404, 'Not Found');
      }
    } catch {
      if (!response.headersSent) sendApiError(response, 500, 'Internal Server Error');
    }
    record.status = response.statusCode;
    log(`${method} ${path} ${response.statusCode}`);
  }

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const address = await listen(server, settings.port, settings.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  async function trigger(
    topic: K2WebhookTopic,
    triggerOptions: TriggerOptions = {},
  ): Promise<DeliveryResult[]> {
    const checked = assertTopic(topic, triggerOptions.daraja === true);
    const targets =
      triggerOptions.to === undefined
        ? subscriptions.forTopic(checked).map((subscription) => ({
            url: subscription.url,
            daraja: triggerOptions.daraja ?? subscription.darajaPayload,
          }))
        : [{ url: triggerOptions.to, daraja: triggerOptions.daraja ?? false }];
    const at = now();
    const generated = generateTopicResource(checked, at);
    const render = (daraja: boolean) =>
      buildWebhook(checked, {
        origin,
        at,
        daraja,
        generated,
        eventId: triggerOptions.eventId,
        overrides: triggerOptions.overrides,
      });
    const envelope = render(false);
    if (envelope.ledgerEntry) ledger.record(envelope.ledgerEntry);
    return Promise.all(
      targets.map((target) => {
        const body = JSON.stringify((target.daraja ? render(true) : envelope).payload);
        return send(
          'webhook',
          checked,
          target.url,
          body,
          signedJsonHeaders(settings.apiKey, body),
          retryPolicy,
        );
      }),
    );
  }

  return {
    url: origin,
    credentials: sandboxCredentials(settings.clientId, settings.clientSecret, settings.apiKey),
    trigger,
    sendLegacy(legacyOptions) {
      const prepared = prepareLegacy({ ...legacyOptions, at: legacyOptions.at ?? now() });
      return send('legacy', 'legacy', legacyOptions.to, prepared.body, prepared.headers, {
        attempts: 1,
        backoffMs: 0,
        timeoutMs: legacyOptions.timeoutMs ?? settings.deliveryTimeoutMs,
      });
    },
    requests: () => [...requestLog],
    deliveries: () => deliveryLog.list(),
    subscriptions: () => subscriptions.list(),
    idle: () => work.idle(),
    settleAll() {
      for (const [timer, fire] of [...waiting]) {
        clearTimeout(timer);
        fire();
      }
      return work.idle();
    },
    async close() {
      stop.abort();
      for (const timer of waiting.keys()) {
        clearTimeout(timer);
        work.end();
      }
      waiting.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
