import { type TenderEventType, ValidationError, type WebhookAnswer, type WebhookRequest } from '@tender/core';
import { createEventRunner } from './event-runner.ts';
import { type ErrorHandler, type EventHandler, HandlerRegistry } from './handlers.ts';
import { isPromiseLike } from './maybe-async.ts';
import { DEFAULT_LEASE_MS, parseRouterOptions, type RouterOptions } from './options.ts';
import { createPipeline } from './pipeline.ts';
import { declaredLength, normalizePath, type Route, type WebhookRequestHead } from './screening.ts';
import { createMemoryStore } from './stores/memory.ts';
import type { WebhookError } from './webhook-error.ts';

/**
 * A webhook router: sources at paths, typed handlers, one framework-free {@link WebhookRouter.receive}.
 * Serve it with `toNodeHandler`, `toFetchHandler` or `toExpressMiddleware`, or call `receive` yourself.
 *
 * @example
 * ```ts
 * const router = createRouter({ sources: [{ name: 'k2', path: '/webhooks/k2', source }] })
 *   .on('payment.succeeded', async (event) => ledger.credit(event.amount))
 *   .onError((error) => logger.error(error.toJSON()));
 * ```
 */
export interface WebhookRouter {
  /**
   * Handles events of one type, or of each type in a list; the handler's event is narrowed to them.
   *
   * @example
   * ```ts
   * router.on(['payout.succeeded', 'payout.failed'], (event) => payouts.settle(event.merchantReference, event.type));
   * ```
   */
  on<const TType extends TenderEventType>(
    types: TType | readonly TType[],
    handler: EventHandler<TType>,
  ): WebhookRouter;
  /**
   * Handles every event (after the type handlers of the same event have started).
   *
   * @example
   * ```ts
   * router.onAny((event) => audit.record(event.id, event.type));
   * ```
   */
  onAny(handler: EventHandler): WebhookRouter;
  /**
   * Hears about errors the router recovered from: handlers, stores or sources that threw, handler timeouts.
   *
   * @example
   * ```ts
   * router.onError((error) => logger.error(error.toJSON()));
   * ```
   */
  onError(handler: ErrorHandler): WebhookRouter;
  /**
   * Processes one delivery and resolves with the answer to send. It never rejects.
   *
   * @example
   * ```ts
   * const answer = await router.receive({ method: 'POST', path: '/webhooks/k2', query, headers, rawBody });
   * ```
   */
  receive(request: WebhookRequest): Promise<WebhookAnswer>;
  /**
   * For adapter authors: the answer to a request that can be refused from its head alone (unknown path,
   * wrong method, unsupported content type, a body over the limit), or `undefined`. `bodyLength` defaults to
   * the declared `Content-Length`; an adapter that stopped reading past the limit passes the bytes it read.
   *
   * @example
   * ```ts
   * const early = router.screen(head);
   * if (early) return send(early);
   * ```
   */
  screen(head: WebhookRequestHead, bodyLength?: number): WebhookAnswer | undefined;
  /**
   * For adapter authors: whether a source is registered at `path` (Connect-style adapters pass other
   * paths on to `next()`).
   *
   * @example
   * ```ts
   * if (!router.handles(url.pathname)) return next();
   * ```
   */
  handles(path: string): boolean;
  /**
   * For adapter authors: hands an error to the `onError` handlers (a request the adapter had to refuse).
   *
   * @example
   * ```ts
   * await router.reportError(new WebhookError('body already parsed', { stage: 'adapter', status: 500, path }));
   * ```
   */
  reportError(error: WebhookError): Promise<void>;
  /** The body size limit in bytes, for adapters that read bodies. */
  readonly maxBodyBytes: number;
  /**
   * Stops taking deliveries (new ones are answered 503), waits for those in progress and for handlers still
   * running after their delivery timed out (`handlerTimeoutMs`; their `signal` is aborted), then closes the
   * store. With `timeoutMs`, it waits at most that long and then closes the store anyway: a handler that
   * ignores its signal cannot hold up a shutdown. Its late completion finds the store closed (SQLite
   * reports that to `onError` as a store error; the memory store is gone with the process), so the event
   * is delivered again and handled then. The first call decides; later calls return the same promise.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', async () => { server.close(); await router.close({ timeoutMs: 10_000 }); });
   * ```
   */
  close(options?: { readonly timeoutMs?: number }): Promise<void>;
}

/** The `timeoutMs` of `close()`, checked: a whole number of milliseconds a timer can wait, or none. */
function closeTimeout(options: { readonly timeoutMs?: number }): number | undefined {
  const { timeoutMs } = options ?? {};
  if (timeoutMs === undefined) return undefined;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > 2_147_483_647) {
    throw new ValidationError('Invalid router.close() call', [
      { path: 'timeoutMs', message: 'must be a whole number of milliseconds from 0 to 2147483647' },
    ]);
  }
  return timeoutMs;
}

/** Resolves when `work` settles or `ms` have passed, whichever is first. */
async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates a {@link WebhookRouter}. Options are checked at once: a `ValidationError` lists every problem.
 *
 * The provider is told "received" only after every handler of every event in the delivery succeeded; a
 * handler that throws makes the answer `failed` (the provider delivers again) and releases the event so the
 * next delivery runs the handlers again. A handler that throws `PaymentDeclinedError` makes the answer
 * `declined`, and that decision is stored with the event, so a redelivery gets the same answer.
 *
 * @example
 * ```ts
 * import { createK2WebhookSource } from '@tender/k2';
 * import { createRouter, toNodeHandler } from '@tender/webhooks';
 *
 * const router = createRouter({
 *   sources: [{ name: 'k2', path: '/webhooks/k2', source: createK2WebhookSource({ apiKeys: process.env.K2_API_KEY! }) }],
 * });
 * router.on('payment.succeeded', async (event) => orders.markPaid(event.merchantReference, event.amount));
 * createServer(toNodeHandler(router)).listen(8080);
 * ```
 */
export function createRouter(options: RouterOptions): WebhookRouter {
  const parsed = parseRouterOptions(options);
  const store = parsed.store ?? createMemoryStore();
  const maxBodyBytes = parsed.maxBodyBytes ?? 1_048_576;
  const routes = new Map<string, Route>(parsed.sources.map((route) => [route.path, route]));
  const registry = new HandlerRegistry();
  const report = (error: WebhookError) => registry.report(error);
  const runner = createEventRunner({
    store,
    registry,
    leaseMs: parsed.leaseMs ?? DEFAULT_LEASE_MS,
    ttlMs: parsed.dedupTtlMs ?? 72 * 3_600_000,
    handlerTimeoutMs: parsed.handlerTimeoutMs,
    report,
  });
  let closing: Promise<void> | undefined;
  const pipeline = createPipeline({
    routes,
    maxBodyBytes,
    runEvent: runner.run,
    report,
    logger: parsed.logger,
    isClosed: () => closing !== undefined,
  });
  const inProgress = new Set<Promise<WebhookAnswer>>();
  /** Keeps `answer` in `inProgress` until it settles (`close` waits for them), without a `.finally` chain. */
  async function tracked(answer: Promise<WebhookAnswer>): Promise<WebhookAnswer> {
    inProgress.add(answer);
    try {
      return await answer;
    } finally {
      inProgress.delete(answer);
    }
  }

  const router: WebhookRouter = {
    maxBodyBytes,
    on(types, handler) {
      registry.on(types, handler);
      return router;
    },
    onAny(handler) {
      registry.onAny(handler);
      return router;
    },
    onError(handler) {
      registry.onError(handler);
      return router;
    },
    receive(request) {
      const answer = pipeline.receive(request);
      // A delivery answered synchronously is over already: only those still running are tracked for close().
      return isPromiseLike(answer) ? tracked(answer) : Promise.resolve(answer);
    },
    screen(head, bodyLength = declaredLength(head.headers)) {
      return pipeline.screen(head, bodyLength);
    },
    handles(path) {
      return routes.has(normalizePath(path));
    },
    reportError: report,
    close(options = {}) {
      const timeoutMs = closeTimeout(options);
      closing ??= (async () => {
        const drained = (async () => {
          await Promise.allSettled(inProgress);
          // Handlers a delivery stopped waiting for (handlerTimeoutMs) still complete or release their claim.
          await runner.settled();
        })();
        await (timeoutMs === undefined ? drained : withinMs(drained, timeoutMs));
        await store.close?.();
      })();
      return closing;
    },
  };
  return router;
}
