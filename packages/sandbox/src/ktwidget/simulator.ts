/**
 * The KTPay simulator: two HTTP servers on 127.0.0.1, so the widget has an origin of its own as in
 * production. The fintech server takes sealed transactions; the widget server shows the card form and,
 * once a transaction reaches its final status, posts the callback on KTPay's re-send schedule.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sodium from 'libsodium-wrappers';
import * as v from 'valibot';
import { createDeliveryLog, type DeliveryRecord } from '../delivery/delivery-log.ts';
import { postOnce } from '../delivery/post-once.ts';
import { readBody } from '../http/io.ts';
import { createWorkTracker } from '../work-tracker.ts';
import { callbackBody, isAcknowledged, KTPAY_RESEND_SCHEDULE_MS } from './callback-body.ts';
import { createPayment } from './fintech.ts';
import type { SimulatedOrder } from './order-rules.ts';
import { cardFormPage, notFoundPage, type PageTransaction, resultPage } from './pages.ts';
import { type CardOutcome, outcomeForCard } from './test-cards.ts';

const Integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/**
 * Options of {@link startKtpaySimulator}; every one has a default.
 *
 * @example
 * ```ts
 * v.parse(KtpaySimulatorOptionsSchema, { timeScale: 0.001 }).merchantId; // 42
 * ```
 */
export const KtpaySimulatorOptionsSchema = v.object({
  host: v.optional(v.pipe(v.string(), v.nonEmpty()), '127.0.0.1'),
  /** Port of the fintech API; 0 picks a free one. */
  fintechPort: v.optional(Integer(0, 65_535), 0),
  /** Port of the widget pages; 0 picks a free one. */
  widgetPort: v.optional(Integer(0, 65_535), 0),
  /** `app_id` expected in `Auth-Identifier`; random when absent. */
  appId: v.optional(v.pipe(v.string(), v.nonEmpty())),
  /** The merchant id put in callbacks. */
  merchantId: v.optional(Integer(1), 42),
  /** Multiplies KTPay's re-send delays (15 s … 60 min): 0.001 turns them into 15 ms … 3.6 s. */
  timeScale: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1000)), 1),
  /** How long one callback delivery may take. */
  deliveryTimeoutMs: v.optional(Integer(1, 600_000), 10_000),
  /** HTTP status of error envelopes: by the code's first digits (401, 422, 500), or always 200. */
  errorStatus: v.optional(v.union([v.literal('by-code'), v.literal(200)]), 'by-code'),
  /** One line per request and delivery. */
  log: v.optional(v.custom<(line: string) => void>((value) => typeof value === 'function')),
});

/** @example const options: KtpaySimulatorOptions = { timeScale: 0.001 }; */
export type KtpaySimulatorOptions = v.InferInput<typeof KtpaySimulatorOptionsSchema>;

/**
 * A transaction the simulator created.
 *
 * @example
 * ```ts
 * simulator.transactions()[0]?.status; // 'pending'
 * ```
 */
export interface SimulatedTransaction {
  readonly hash: string;
  readonly order: SimulatedOrder;
  readonly createdAt: Date;
  status: 'pending' | 'completed' | 'error' | 'denied';
}

/**
 * A running KTPay simulator.
 *
 * @example
 * ```ts
 * const ktpay = await startKtpaySimulator({ timeScale: 0.001 });
 * const client = createKtwidgetClient({ appId: ktpay.appId, appKey: ktpay.appKey, merchantId: ktpay.merchantId, hosts: ktpay.hosts });
 * ```
 */
export interface KtpaySimulator {
  /** Where the fintech API listens, e.g. `http://127.0.0.1:40123`. */
  readonly fintechUrl: string;
  /** Where the widget pages are served (another origin). */
  readonly widgetUrl: string;
  /** `{ fintech, widget }`, ready for a KTWidget client's `hosts`. */
  readonly hosts: { readonly fintech: string; readonly widget: string };
  readonly appId: string;
  /** The public key of the pair the simulator holds, as KTPay hands it out (standard base64, padded). */
  readonly appKey: string;
  readonly merchantId: number;
  /** Pays a transaction with a card number, as the form does (no browser needed); starts the callback. */
  pay(transactionHash: string, card: string): CardOutcome;
  /** Every transaction created so far, oldest first, with its current status. */
  transactions(): SimulatedTransaction[];
  /** Every callback delivery started so far, with every attempt. */
  deliveries(): DeliveryRecord[];
  /** Resolves once every callback delivery (with its re-sends) has finished. */
  idle(): Promise<void>;
  /** Stops both servers and every pending callback re-send. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shown}:${address.port}`);
    });
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

/**
 * Starts the KTPay simulator. See the sandbox README for the test cards and the `SIM-ERROR-<code>` order ids
 * that choose outcomes.
 *
 * @example
 * ```ts
 * const ktpay = await startKtpaySimulator({ timeScale: 0.001 });
 * // … create a transaction with @tender/ktwidget against ktpay.hosts …
 * ktpay.pay(transaction.transactionHash, KTPAY_TEST_CARDS.completed);
 * await ktpay.idle();
 * await ktpay.close();
 * ```
 */
export async function startKtpaySimulator(options: KtpaySimulatorOptions = {}): Promise<KtpaySimulator> {
  const settings = v.parse(KtpaySimulatorOptionsSchema, options);
  const log = settings.log ?? (() => {});
  await sodium.ready;
  const keys = sodium.crypto_box_keypair();
  const appKey = sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL);
  const appId = settings.appId ?? randomBytes(16).toString('hex');
  const transactions = new Map<string, SimulatedTransaction>();
  const orderIds = new Set<string>();
  const deliveryLog = createDeliveryLog();
  const work = createWorkTracker();
  const stop = new AbortController();
  const timers = new Set<NodeJS.Timeout>();

  function wait(milliseconds: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (stop.signal.aborted) return resolve(false);
      const stopped = () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        stop.signal.removeEventListener('abort', stopped);
        resolve(true);
      }, milliseconds);
      timers.add(timer);
      stop.signal.addEventListener('abort', stopped, { once: true });
    });
  }

  async function deliverCallback(transaction: SimulatedTransaction, outcome: CardOutcome): Promise<void> {
    const url = transaction.order.callback_post_url;
    if (url === undefined) return;
    const body = JSON.stringify(
      callbackBody({
        merchantId: settings.merchantId,
        orderId: transaction.order.order_id,
        description: transaction.order.description ?? null,
        amount: transaction.order.amount,
        hash: transaction.hash,
        createdAt: transaction.createdAt,
        outcome,
        at: new Date(),
      }),
    );
    const headers = { 'content-type': 'application/json' };
    const { origin, pathname } = new URL(url);
    const shownUrl = `${origin}${pathname}`;
    const open = deliveryLog.open({
      kind: 'callback',
      label: `ktwidget ${outcome.status}`,
      url,
      body,
      headers,
    });
    const delays = [0, ...KTPAY_RESEND_SCHEDULE_MS.map((delay) => delay * settings.timeScale)];
    let attempts = 0;
    let last: { status: number | null; body: string; error?: string } = {
      status: null,
      body: '',
      error: 'not sent',
    };
    for (const delay of delays) {
      if (delay > 0 && !(await wait(delay))) break;
      if (stop.signal.aborted) break;
      attempts += 1;
      const at = new Date();
      try {
        const answer = await postOnce(url, body, headers, settings.deliveryTimeoutMs, stop.signal);
        last = { status: answer.status, body: answer.body };
      } catch (error) {
        last = { status: null, body: '', error: error instanceof Error ? error.message : String(error) };
      }
      open.addAttempt({ at, ...last });
      // The query holds the order's callback token: the log shows where, not with what.
      log(`ktwidget callback ${outcome.status} -> ${shownUrl} ${last.status ?? last.error}`);
      if (isAcknowledged(last.status, last.body)) break;
    }
    open.finish({
      url,
      status: last.status,
      body: last.body,
      attempts,
      ...(last.error ? { error: last.error } : {}),
    });
  }

  function pay(hash: string, card: string): CardOutcome {
    const transaction = transactions.get(hash);
    if (transaction === undefined) throw new Error(`no KTPay transaction ${hash}`);
    if (transaction.status !== 'pending')
      throw new Error(`transaction ${hash} is already ${transaction.status}`);
    const outcome = outcomeForCard(card);
    if (outcome === undefined) throw new Error('not a card number (12 to 19 digits passing the Luhn check)');
    transaction.status = outcome.status;
    work.begin();
    void deliverCallback(transaction, outcome).finally(() => work.end());
    return outcome;
  }

  const fintech = createServer((request, response) => {
    void handleFintech(request, response);
  });
  async function handleFintech(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    const raw = await readBody(request);
    if (request.method !== 'POST' || path !== '/api/v1/merchant-widget/payment') {
      send(
        response,
        404,
        'application/json',
        JSON.stringify({ success: false, data: [], error: { code: 404, messages: { error: 'Not found' } } }),
      );
      return;
    }
    const header = request.headers['auth-identifier'];
    const answer = createPayment(
      { authIdentifier: typeof header === 'string' ? header : undefined, body: raw?.toString('utf8') ?? '' },
      {
        appId,
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        errorStatus: settings.errorStatus,
        isOrderIdTaken: (orderId) => orderIds.has(orderId),
        create: (order) => {
          const hash = randomBytes(20).toString('hex');
          orderIds.add(order.order_id);
          transactions.set(hash, { hash, order, createdAt: new Date(), status: 'pending' });
          return hash;
        },
      },
    );
    log(`ktwidget POST ${path} ${answer.status}`);
    send(response, answer.status, 'application/json', JSON.stringify(answer.body));
  }

  const shown = (transaction: SimulatedTransaction): PageTransaction => ({
    hash: transaction.hash,
    amount: transaction.order.amount,
    description: transaction.order.description,
    showCloseButton: transaction.order.show_close_button,
  });

  const widget = createServer((request, response) => {
    void handleWidget(request, response);
  });
  async function handleWidget(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://widget.invalid');
    const raw = await readBody(request);
    if (request.method === 'GET' && url.pathname === '/payment-card') {
      const transaction = transactions.get(url.searchParams.get('hash') ?? '');
      if (transaction === undefined || transaction.status !== 'pending') {
        send(response, 404, 'text/html; charset=utf-8', notFoundPage());
        return;
      }
      send(response, 200, 'text/html; charset=utf-8', cardFormPage(shown(transaction)));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/payment-card/pay') {
      const form = new URLSearchParams(raw?.toString('utf8') ?? '');
      const transaction = transactions.get(form.get('hash') ?? '');
      if (transaction === undefined || transaction.status !== 'pending') {
        send(response, 404, 'text/html; charset=utf-8', notFoundPage());
        return;
      }
      if (outcomeForCard(form.get('card') ?? '') === undefined) {
        send(
          response,
          200,
          'text/html; charset=utf-8',
          cardFormPage(shown(transaction), 'Check the card number and try again.'),
        );
        return;
      }
      const outcome = pay(transaction.hash, form.get('card') ?? '');
      const paid = outcome.status === 'completed';
      const { order } = transaction;
      const continueUrl =
        (paid ? order.callback_success_url : order.callback_failed_url) ?? order.callback_back_url;
      const forceUrl =
        (paid ? order.callback_force_success_url : order.callback_force_failed_url) ??
        order.callback_force_back_url;
      send(
        response,
        200,
        'text/html; charset=utf-8',
        resultPage(shown(transaction), paid, continueUrl, forceUrl),
      );
      return;
    }
    send(response, 404, 'text/html; charset=utf-8', notFoundPage());
  }

  const fintechUrl = await listen(fintech, settings.fintechPort, settings.host);
  const widgetUrl = await listen(widget, settings.widgetPort, settings.host).catch(async (error: unknown) => {
    await new Promise((resolve) => fintech.close(resolve));
    throw error;
  });
  const closeServer = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    fintechUrl,
    widgetUrl,
    hosts: { fintech: fintechUrl, widget: widgetUrl },
    appId,
    appKey,
    merchantId: settings.merchantId,
    pay,
    transactions: () => [...transactions.values()],
    deliveries: () => deliveryLog.list(),
    idle: () => work.idle(),
    async close() {
      stop.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([closeServer(fintech), closeServer(widget)]);
    },
  };
}
