/**
 * @tender/webhooks: one router for every provider's webhooks. A delivery is verified over its raw bytes,
 * decoded into typed events, de-duplicated, handed to your handlers and answered in the provider's dialect
 * only after they succeeded, through Node `http`, the Fetch API or Express.
 *
 * @example
 * ```ts
 * import { createRouter, toNodeHandler } from '@tender/webhooks';
 * const router = createRouter({ sources: [{ name: 'k2', path: '/webhooks/k2', source }] });
 * router.on('payment.succeeded', (event) => console.log(event.amount));
 * createServer(toNodeHandler(router)).listen(8080);
 * ```
 * @module
 */
export {
  type ExpressLikeRequest,
  type ExpressWebhookMiddleware,
  toExpressMiddleware,
} from './adapters/express.ts';
export { type FetchWebhookHandler, toFetchHandler } from './adapters/fetch.ts';
export { type NodeWebhookHandler, toNodeHandler } from './adapters/node.ts';
export type { ErrorHandler, EventHandler, HandlerContext } from './handlers.ts';
export type { WebhookLogEntry, WebhookLogger } from './logger.ts';
export type { RouterOptions, SourceRegistration } from './options.ts';
export { createRouter } from './router.ts';
export { createMemoryStore, type MemoryDedupStore, type MemoryStoreOptions } from './stores/memory.ts';
export { createSqliteStore, type SqliteDedupStore, type SqliteStoreOptions } from './stores/sqlite.ts';
export {
  type ClaimResult,
  type Clock,
  type DedupStore,
  type HandledOutcome,
  HandledOutcomeSchema,
} from './stores/store.ts';
export { WebhookError, type WebhookErrorContext, type WebhookErrorStage } from './webhook-error.ts';
export type { WebhookRequestHead, WebhookRouter } from './webhook-router.ts';
