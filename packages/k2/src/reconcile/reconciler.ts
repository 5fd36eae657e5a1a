/*
 * Missed-callback recovery. K2 tells the merchant about a result once, by callback; when that callback never
 * arrives (the server was down past K2's retries, a proxy dropped it), the operation stays pending forever in
 * the application. The reconciler asks K2 about operations still pending after a delay and, when one is
 * final, hands K2's status document to the application's router as if K2 had called back with it.
 *
 * Why through `router.receive` with a signature, rather than a new router entry for decoded events: a
 * K2 status document is the same document as the result callback (reference §5), so signing it with the
 * API key and receiving it at the K2 source's path runs exactly what a callback runs (verify, decode, claim
 * each event id, handlers, answer) with the same event ids (`k2:<type>:<id>:<status>`, see
 * webhooks/event-ids.ts). Whichever of the recovered document and a late callback comes second is a
 * duplicate and runs no handler; a declined or failed handler behaves as it would for the callback. The
 * router needs no change and @tender/k2 does not depend on @tender/webhooks: anything with
 * `receive(WebhookRequest)` will do.
 */
import {
  isFinalStatus,
  type Operation,
  ValidationError,
  type WebhookAnswer,
  type WebhookRequest,
} from '@tender/core';
import { K2_SIGNATURE_HEADER, signK2Body } from '../webhooks/signature.ts';
import { type K2ReconcilerOptions, parseReconcilerOptions } from './options.ts';

/**
 * What one look at a tracked operation came to.
 *
 * - `delivered`: K2 says it is final and the router answered 2xx (handled now, handled before by its
 *   callback, or declined): the operation is no longer tracked.
 * - `pending`: K2 says it is not final yet: asked again after `recheckMs`.
 * - `failed`: `status()` threw or the router did not answer 2xx (a handler failed): asked again after
 *   `recheckMs`. `error` is what was thrown, `answer` the router's answer.
 * - `abandoned`: still pending or failing `giveUpAfterMs` after it was tracked: no longer tracked (`error`
 *   or `answer` say what failed last, if anything did).
 *
 * @example
 * ```ts
 * const results: K2ReconcileResult[] = await reconciler.reconcile();
 * for (const result of results) if (result.outcome === 'failed') logger.warn(result.operation.id);
 * ```
 */
export type K2ReconcileResult =
  | { readonly outcome: 'delivered'; readonly operation: Operation; readonly answer: WebhookAnswer }
  | { readonly outcome: 'pending'; readonly operation: Operation }
  | {
      readonly outcome: 'failed';
      readonly operation: Operation;
      readonly error?: unknown;
      readonly answer?: WebhookAnswer;
    }
  | {
      readonly outcome: 'abandoned';
      readonly operation: Operation;
      readonly error?: unknown;
      readonly answer?: WebhookAnswer;
    };

/**
 * A running reconciler: track the operations you start, then let `start()` look at them periodically, or
 * call `reconcile()` yourself (from a cron job, a queue worker, a test).
 *
 * @example
 * ```ts
 * const operation = await k2.collect(request);
 * reconciler.track(operation);
 * ```
 */
export interface K2Reconciler {
  /**
   * Remembers a pending K2 operation; it is first looked at `delayMs` after this call. Tracking an
   * operation again (same `id`) replaces it. A final operation needs no recovery and is ignored.
   *
   * @example
   * ```ts
   * reconciler.track(await k2.collect(request));
   * ```
   */
  track(operation: Operation): void;
  /**
   * Stops tracking an operation (by the operation or its `id`); whether it was tracked.
   *
   * @example
   * ```ts
   * router.on('payment.succeeded', (event) => { reconciler.forget(event.raw.data.id); });
   * ```
   */
  forget(operation: Operation | string): boolean;
  /**
   * The operations tracked now, as last read. In memory only: after a restart, `track()` your own pending
   * records again.
   *
   * @example
   * ```ts
   * console.log(`${reconciler.tracked().length} operations wait for a result`);
   * ```
   */
  tracked(): Operation[];
  /**
   * One pass: asks K2 about every tracked operation that is due (at most `maxPerPass`, oldest due
   * first, one at a time) and delivers the final ones to the router. Never rejects; a call while a pass
   * runs returns that pass.
   *
   * @example
   * ```ts
   * const results = await reconciler.reconcile();
   * ```
   */
  reconcile(): Promise<K2ReconcileResult[]>;
  /**
   * Runs `reconcile()` every `intervalMs` (default 30 s) until `stop()`. The timer does not keep the
   * process alive.
   *
   * @example
   * ```ts
   * reconciler.start({ intervalMs: 60_000 });
   * ```
   */
  start(options?: { readonly intervalMs?: number }): void;
  /**
   * Stops the timer and waits for a pass in progress.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', async () => { await reconciler.stop(); await router.close(); });
   * ```
   */
  stop(): Promise<void>;
}

interface Entry {
  operation: Operation;
  readonly trackedAt: number;
  dueAt: number;
}

const ENCODER = new TextEncoder();

/**
 * Creates a {@link K2Reconciler}: for K2 operations still pending `delayMs` after you tracked them, it
 * reads their status from K2 and, once final, delivers K2's status document, signed with your API key,
 * to your router at the K2 source's path. The router decodes it into the same events, with the same
 * event ids, as the result callback, so a handler runs once whichever arrives first. Options are checked
 * at once (a `ValidationError` lists every problem).
 *
 * @example
 * ```ts
 * const reconciler = createK2Reconciler({
 *   provider: k2,
 *   router,
 *   path: '/webhooks/k2',
 *   apiKey: process.env.K2_API_KEY!,
 *   delayMs: 5 * 60_000,
 * });
 * reconciler.start({ intervalMs: 60_000 });
 * reconciler.track(await k2.collect({ amount: parseMoney('250', 'KES'), payer: { phone: '0711000111' } }));
 * ```
 */
export function createK2Reconciler(options: K2ReconcilerOptions): K2Reconciler {
  const settings = parseReconcilerOptions(options);
  const { provider, router, path, apiKey, delayMs, recheckMs, giveUpAfterMs, maxPerPass, now } = settings;
  const entries = new Map<string, Entry>();
  let running: Promise<K2ReconcileResult[]> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function deliver(operation: Operation): Promise<WebhookAnswer> {
    const body = ENCODER.encode(JSON.stringify(operation.raw));
    const request: WebhookRequest = {
      method: 'POST',
      path,
      query: new URLSearchParams(),
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.byteLength),
        [K2_SIGNATURE_HEADER]: signK2Body(apiKey, body),
      },
      rawBody: body,
    };
    return router.receive(request);
  }

  async function look(entry: Entry): Promise<K2ReconcileResult> {
    const key = entry.operation.id;
    /** Not done this time: asked again after `recheckMs`, or given up once `giveUpAfterMs` has passed. */
    const notYet = (result: K2ReconcileResult & { outcome: 'pending' | 'failed' }): K2ReconcileResult => {
      if (now() - entry.trackedAt >= giveUpAfterMs) {
        entries.delete(key);
        const { outcome: _outcome, ...rest } = result;
        return { ...rest, outcome: 'abandoned' };
      }
      entry.dueAt = now() + recheckMs;
      return result;
    };
    let latest: Operation;
    try {
      latest = await provider.status(entry.operation);
    } catch (error) {
      return notYet({ outcome: 'failed', operation: entry.operation, error });
    }
    entry.operation = latest;
    if (!isFinalStatus(latest.status)) return notYet({ outcome: 'pending', operation: latest });
    let answer: WebhookAnswer;
    try {
      answer = await deliver(latest);
    } catch (error) {
      return notYet({ outcome: 'failed', operation: latest, error });
    }
    if (answer.status < 200 || answer.status > 299) {
      return notYet({ outcome: 'failed', operation: latest, answer });
    }
    entries.delete(key);
    return { outcome: 'delivered', operation: latest, answer };
  }

  async function pass(): Promise<K2ReconcileResult[]> {
    const at = now();
    const due = [...entries.values()]
      .filter((entry) => entry.dueAt <= at)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, maxPerPass);
    const results: K2ReconcileResult[] = [];
    // One at a time: a backlog after an outage must not become a burst of status requests against K2.
    for (const entry of due) {
      // forget() may have removed it while an earlier look was in progress.
      if (entries.get(entry.operation.id) === entry) results.push(await look(entry));
    }
    return results;
  }

  function reconcile(): Promise<K2ReconcileResult[]> {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    track(operation) {
      if (operation?.provider !== 'k2') {
        throw new ValidationError(
          'Invalid operation to reconcile',
          [{ path: 'provider', message: `must be "k2", got ${JSON.stringify(operation?.provider)}` }],
          { provider: 'k2', operation: 'reconcile' },
        );
      }
      if (isFinalStatus(operation.status)) return;
      const at = now();
      entries.set(operation.id, { operation, trackedAt: at, dueAt: at + delayMs });
    },
    forget(operation) {
      return entries.delete(typeof operation === 'string' ? operation : operation.id);
    },
    tracked: () => [...entries.values()].map((entry) => entry.operation),
    reconcile,
    start(startOptions = {}) {
      const intervalMs = startOptions.intervalMs ?? 30_000;
      if (!Number.isInteger(intervalMs) || intervalMs < 1 || intervalMs > 2_147_483_647) {
        throw new ValidationError(
          'Invalid reconciler.start() call',
          [{ path: 'intervalMs', message: 'must be a whole number of milliseconds from 1 to 2147483647' }],
          { provider: 'k2', operation: 'reconcile' },
        );
      }
      clearInterval(timer);
      timer = setInterval(() => void reconcile(), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
