/**
 * The Paykassma KBZPay Manual simulator: one HTTP server on 127.0.0.1 that plays both hosts, the API
 * (`/api/v1/...`, `/v2/withdrawal/create`) and the plugin (`/plugin/`, the payment window page), credits
 * activations after a delay and posts signed postbacks, re-sending each until it is answered 200
 * `{"status":"ok"}` (the manual's rule, reference §6).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import * as v from 'valibot';
import type { DeliveryAttempt, DeliveryResult } from '../delivery/deliver.ts';
import { postOnce } from '../delivery/post-once.ts';
import { readBody, sendJson } from '../http/io.ts';
import { createWorkTracker } from '../work-tracker.ts';
import { handlePaykassmaApi } from './api.ts';
import { handlePaymentWindow } from './page.ts';
import { buildPostback, type PostbackFacts } from './postback.ts';
import { createPaykassmaState, type SimulatedActivation, type SimulatedWithdrawal } from './state.ts';

const Integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const Text = v.pipe(v.string('must be a non-empty string'), v.minLength(1, 'must be a non-empty string'));

/**
 * The options of {@link startPaykassmaSandbox}; every one has a default.
 *
 * @example
 * ```ts
 * v.parse(PaykassmaSandboxOptionsSchema, { activationDelayMs: 20 }).port; // 0
 * ```
 */
export const PaykassmaSandboxOptionsSchema = v.object({
  /** Port to listen on; 0 picks a free one. */
  port: v.optional(Integer(0, 65_535), 0),
  host: v.optional(Text, '127.0.0.1'),
  /** The `secret` of `/api/v1` calls; random when absent. */
  pluginapiSecret: v.optional(Text),
  /** Echoed as `access_key` in postbacks; random when absent. */
  postbackAccessKey: v.optional(Text),
  /** Signs postbacks; random when absent. */
  postbackPrivateKey: v.optional(Text),
  /** Checks withdrawal signatures. @default postbackPrivateKey */
  withdrawalPrivateKey: v.optional(Text),
  /** Where postbacks go (set in the merchant's account at Paykassma); none are sent without one. */
  postbackUrl: v.optional(v.pipe(v.string(), v.url('must be an absolute URL'))),
  /** How long an accepted activation waits before it is credited and its postback goes out. */
  activationDelayMs: v.optional(Integer(0), 1000),
  /** How long an accepted withdrawal waits before its outcome is posted. */
  withdrawalDelayMs: v.optional(Integer(0), 1000),
  /** Tries per postback, the first included. */
  deliveryAttempts: v.optional(Integer(1, 50), 6),
  /** Wait before the first re-send; doubles before each later one. */
  retryBackoffMs: v.optional(Integer(0), 200),
  /** How long the merchant has to answer one try. */
  deliveryTimeoutMs: v.optional(Integer(1), 5000),
  /** Receives one line per request and per postback try; never a secret. */
  log: v.optional(
    v.custom<(line: string) => void>((value) => typeof value === 'function', 'must be a function'),
  ),
});

/** @example const options: PaykassmaSandboxOptions = { activationDelayMs: 20, postbackUrl }; */
export type PaykassmaSandboxOptions = v.InferInput<typeof PaykassmaSandboxOptionsSchema>;

/**
 * One postback the simulator sent, with every try's answer (`result` once it ended).
 *
 * @example
 * ```ts
 * sandbox.postbacks()[0]?.attempts.map((attempt) => attempt.status); // [500, 200]
 * ```
 */
export interface PaykassmaPostbackRecord {
  readonly url: string;
  readonly body: string;
  readonly attempts: DeliveryAttempt[];
  result?: DeliveryResult;
}

/**
 * A running Paykassma simulator.
 *
 * @example
 * ```ts
 * const paykassma = await startPaykassmaSandbox({ postbackUrl, activationDelayMs: 20 });
 * const client = createPaykassmaClient({ apiUrl: paykassma.apiUrl, pluginUrl: paykassma.pluginUrl, ...paykassma.credentials });
 * ```
 */
export interface PaykassmaSandbox {
  /** The server's origin. */
  readonly url: string;
  /** Use it as the client's `apiUrl`. */
  readonly apiUrl: string;
  /** Use it as the client's `pluginUrl`: the payment window is `${pluginUrl}/?label=...`. */
  readonly pluginUrl: string;
  readonly credentials: {
    readonly pluginapiSecret: string;
    readonly postbackAccessKey: string;
    readonly postbackPrivateKey: string;
    readonly withdrawalPrivateKey: string;
  };
  /** Changes where postbacks go from now on. */
  setPostbackUrl(url: string): void;
  /** The merchant's balance in kyat (credits minus accepted withdrawals; failed ones are returned). */
  balanceKyat(): number;
  /** Every request received, oldest first (the `secret` query value reads `[redacted]`). */
  requests(): {
    readonly method: string;
    readonly path: string;
    readonly contentType: string;
    status?: number;
  }[];
  /** Every postback sent so far. */
  postbacks(): PaykassmaPostbackRecord[];
  /** Resolves once every credit, outcome and postback started so far has finished. */
  idle(): Promise<void>;
  /** Stops the server, its pending postback re-sends and delayed credits. */
  close(): Promise<void>;
}

/** A postback is delivered only by 200 with `{"status":"ok"}`; anything else is sent again. */
function acknowledged(status: number | null, body: string): boolean {
  if (status !== 200) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && (parsed as { status?: unknown }).status === 'ok';
  } catch {
    return false;
  }
}

/**
 * POSTs a postback until it is acknowledged or the tries are spent, then resolves with the last answer.
 *
 * @example
 * ```ts
 * const result = await deliverPostback(url, body, { attempts: 1, backoffMs: 0, timeoutMs: 5000 });
 * ```
 */
export async function deliverPostback(
  url: string,
  body: string,
  policy: { readonly attempts: number; readonly backoffMs: number; readonly timeoutMs: number },
  onAttempt: (attempt: DeliveryAttempt) => void = () => {},
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  let last: DeliveryAttempt = { at: new Date(), status: null, body: '', error: 'not attempted' };
  let tries = 0;
  while (tries < policy.attempts && !signal?.aborted) {
    if (tries > 0) {
      try {
        await sleep(policy.backoffMs * 2 ** (tries - 1), undefined, signal ? { signal } : {});
      } catch {
        break;
      }
    }
    tries += 1;
    const at = new Date();
    try {
      const answer = await postOnce(
        url,
        body,
        { 'content-type': 'application/json' },
        policy.timeoutMs,
        signal,
      );
      last = { at, status: answer.status, body: answer.body };
    } catch (error) {
      last = { at, status: null, body: '', error: error instanceof Error ? error.message : String(error) };
    }
    onAttempt(last);
    if (acknowledged(last.status, last.body)) break;
  }
  return {
    url,
    status: last.status,
    body: last.body,
    attempts: tries,
    ...(last.error === undefined ? {} : { error: last.error }),
  };
}

function randomKey(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/**
 * Starts the Paykassma simulator. See the sandbox README for its endpoints and test inputs.
 *
 * @example
 * ```ts
 * const paykassma = await startPaykassmaSandbox({ postbackUrl: 'http://127.0.0.1:3000/webhooks/paykassma' });
 * console.log(paykassma.apiUrl, paykassma.credentials.postbackAccessKey);
 * await paykassma.close();
 * ```
 */
export async function startPaykassmaSandbox(
  options: PaykassmaSandboxOptions = {},
): Promise<PaykassmaSandbox> {
  const parsed = v.safeParse(PaykassmaSandboxOptionsSchema, options);
  if (!parsed.success) {
    const problems = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? 'options'}: ${issue.message}`);
    throw new TypeError(`Invalid Paykassma sandbox options: ${problems.join('; ')}`);
  }
  const settings = parsed.output;
  const postbackPrivateKey = settings.postbackPrivateKey ?? randomKey('pk_private');
  const credentials = {
    pluginapiSecret: settings.pluginapiSecret ?? randomKey('pk_secret'),
    postbackAccessKey: settings.postbackAccessKey ?? randomKey('pk_access'),
    postbackPrivateKey,
    withdrawalPrivateKey: settings.withdrawalPrivateKey ?? postbackPrivateKey,
  };
  const keys = { accessKey: credentials.postbackAccessKey, privateKey: credentials.postbackPrivateKey };
  const log = settings.log ?? (() => {});
  const state = createPaykassmaState();
  const work = createWorkTracker();
  const stop = new AbortController();
  const requestLog: { method: string; path: string; contentType: string; status?: number }[] = [];
  const postbackLog: PaykassmaPostbackRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let postbackUrl = settings.postbackUrl;
  const policy = {
    attempts: settings.deliveryAttempts,
    backoffMs: settings.retryBackoffMs,
    timeoutMs: settings.deliveryTimeoutMs,
  };

  async function post(facts: PostbackFacts): Promise<void> {
    if (postbackUrl === undefined) {
      log(`postback ${facts.direction} not sent: no postback URL configured`);
      return;
    }
    const record: PaykassmaPostbackRecord = {
      url: postbackUrl,
      body: buildPostback(facts, keys),
      attempts: [],
    };
    postbackLog.push(record);
    record.result = await deliverPostback(
      record.url,
      record.body,
      policy,
      (attempt) => {
        record.attempts.push(attempt);
        log(`postback ${facts.direction} -> ${record.url} ${attempt.status ?? attempt.error ?? 'no answer'}`);
      },
      stop.signal,
    );
  }

  function later(delayMs: number, task: () => Promise<void>): void {
    work.begin();
    const timer = setTimeout(() => {
      timers.delete(timer);
      task().finally(() => work.end());
    }, delayMs);
    timers.add(timer);
  }

  const onActivated = (activation: SimulatedActivation) =>
    later(settings.activationDelayMs, async () => {
      state.balanceKyat += activation.creditedKyat;
      await post({
        direction: 'ingoing',
        label: activation.label,
        amountKyat: activation.creditedKyat,
        transactionId: activation.transactionId,
        customTransactionId: activation.customTransactionId,
        stockpilingId: activation.stockpilingId,
        at: new Date(),
      });
    });

  const onWithdrawal = (withdrawal: SimulatedWithdrawal) =>
    later(settings.withdrawalDelayMs, async () => {
      if (withdrawal.outcome === 5) state.balanceKyat += withdrawal.amountKyat;
      await post({
        direction: 'outgoing',
        label: withdrawal.label,
        amountKyat: withdrawal.amountKyat,
        withdrawalId: withdrawal.withdrawalId,
        status: withdrawal.outcome,
        accountNumber: withdrawal.accountNumber,
        comment: withdrawal.comment,
        at: new Date(),
      });
    });

  let origin = '';
  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', origin);
    const shown = new URLSearchParams(url.searchParams);
    if (shown.has('secret')) shown.set('secret', '[redacted]');
    const contentType = incoming.headers['content-type'] ?? '';
    const record: { method: string; path: string; contentType: string; status?: number } = {
      method: incoming.method ?? 'GET',
      path: `${url.pathname}${shown.size > 0 ? `?${shown.toString()}` : ''}`,
      contentType,
    };
    requestLog.push(record);
    try {
      const body = await readBody(incoming);
      if (body === undefined) {
        sendJson(response, 413, { status: 'fail', message: 'The request body is too large' });
      } else {
        const request = {
          method: record.method,
          path: url.pathname,
          query: url.searchParams,
          contentType,
          body,
        };
        const handled =
          (await handlePaymentWindow(request, response, { state, onActivated })) ||
          (await handlePaykassmaApi(request, response, {
            state,
            pluginapiSecret: credentials.pluginapiSecret,
            withdrawalPrivateKey: credentials.withdrawalPrivateKey,
            onActivated,
            onWithdrawal,
          }));
        if (!handled) sendJson(response, 404, { status: 'fail', message: 'Not found' });
      }
    } catch {
      if (!response.headersSent) sendJson(response, 500, { status: 'fail', message: 'Server error' });
    }
    record.status = response.statusCode;
    log(`${record.method} ${url.pathname} ${response.statusCode}`);
  }

  const server = createServer((incoming, response) => {
    void handle(incoming, response);
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  return {
    url: origin,
    apiUrl: origin,
    pluginUrl: `${origin}/plugin`,
    credentials,
    setPostbackUrl(url) {
      postbackUrl = url;
    },
    balanceKyat: () => state.balanceKyat,
    requests: () => requestLog.map((entry) => ({ ...entry })),
    postbacks: () => [...postbackLog],
    idle: () => work.idle(),
    async close() {
      stop.abort();
      for (const timer of timers) {
        clearTimeout(timer);
        work.end();
      }
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
