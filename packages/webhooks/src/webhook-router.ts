import type { TenderEventType, WebhookAnswer, WebhookRequest } from '@tender/core';
import type { ErrorHandler, EventHandler } from './handlers.ts';
import type { WebhookError } from './webhook-error.ts';

/**
 * The part of a request known before its body is read.
 *
 * @example
 * ```ts
 * const head: WebhookRequestHead = { method: 'POST', path: '/webhooks/k2', query: new URLSearchParams(), headers: {} };
 * ```
 */
export type WebhookRequestHead = Omit<WebhookRequest, 'rawBody'>;

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
   * Hears about deliveries to a registered source that were refused after reading them: verification
   * failed (`status` 401: a forged request, or an API key or password that differs between you and the
   * provider, which otherwise fails every delivery without a trace but the provider's retries), or the
   * verified body could not be decoded (`status` 400: the provider sent something this source cannot
   * read). The error's `stage` is `rejected`; its message is the refusal's, with no secret in it. Refusals
   * from the request head alone (404, 405, 413, 415) are not reported here; the `logger` sees every one.
   *
   * @example
   * ```ts
   * router.onRejected((rejection) => alerts.warn(`${rejection.source}: ${rejection.message}`));
   * ```
   */
  onRejected(handler: ErrorHandler): WebhookRouter;
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
