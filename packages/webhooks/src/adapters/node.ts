import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookRouter } from '../webhook-router.ts';
import { parseTarget, serveNodeRequest } from './node-io.ts';

/**
 * A `node:http` request listener, also usable as Connect-style middleware.
 *
 * @example
 * ```ts
 * const handler: NodeWebhookHandler = toNodeHandler(router);
 * ```
 */
export type NodeWebhookHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/**
 * Serves `router` with `node:http` (or `https`, `http2` compatibility mode). The body is read raw, and
 * reading stops as soon as it passes `maxBodyBytes` (413). Requests to paths with no source get 404, or
 * are passed to `next` when the handler is used as Connect-style middleware.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeHandler(router)).listen(8080, '127.0.0.1');
 * ```
 */
export function toNodeHandler(router: WebhookRouter): NodeWebhookHandler {
  return async (req, res, next) => {
    // Connect strips a mount prefix from `url` (`app.use('/hooks', handler)`) and keeps the whole path in
    // `originalUrl`; sources are registered under whole paths.
    const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
    if (next !== undefined && !router.handles(parseTarget(target).path)) {
      next();
      return;
    }
    await serveNodeRequest(router, req, res, { target });
  };
}
