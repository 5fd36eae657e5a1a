import type { IncomingMessage, ServerResponse } from 'node:http';
import { textAnswer } from '@tender/core';
import { WebhookError } from '../webhook-error.ts';
import type { WebhookRouter } from '../webhook-router.ts';
import { parseTarget, sendAnswer, serveNodeRequest } from './node-io.ts';

/**
 * The parts of an Express (or Connect) request the middleware uses: Node's request, plus `body` when a
 * body parser ran and `originalUrl` when the middleware is mounted below a prefix.
 *
 * @example
 * ```ts
 * const request: ExpressLikeRequest = req; // an express.Request
 * ```
 */
export type ExpressLikeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/**
 * Express / Connect middleware.
 *
 * @example
 * ```ts
 * const middleware: ExpressWebhookMiddleware = toExpressMiddleware(router);
 * ```
 */
export type ExpressWebhookMiddleware = (
  req: ExpressLikeRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => Promise<void>;

const PARSED =
  'tender webhooks: the request body was already parsed by another middleware (req.body is an object), ' +
  'so its signature cannot be checked over the raw bytes. Mount the tender middleware before express.json() ' +
  "and express.urlencoded(), or use express.raw({ type: '*/*' }) on this path.";

/**
 * Serves `router` as Express 4/5 (or Connect) middleware. Paths with no source go to `next()`, so it can be
 * mounted app-wide. Signatures are computed over the raw body, so:
 * - mount it before `express.json()` / `express.urlencoded()` (it reads the body itself), or
 * - put `express.raw({ type: '*\/*' })` (a Buffer) or `express.text()` (a string, re-encoded as UTF-8)
 *   in front of it on its paths.
 * A body a parser already turned into an object, or a stream another middleware read, is refused with 500
 * and a message that says how to fix the mounting (and reported to `onError`).
 *
 * @example
 * ```ts
 * const app = express();
 * app.use(toExpressMiddleware(router)); // before app.use(express.json())
 * app.use(express.json());
 * ```
 */
export function toExpressMiddleware(router: WebhookRouter): ExpressWebhookMiddleware {
  return async (req, res, next) => {
    const target = req.originalUrl ?? req.url;
    const { path } = parseTarget(target);
    if (!router.handles(path)) {
      next();
      return;
    }
    const { body } = req;
    if (body instanceof Uint8Array) return serveNodeRequest(router, req, res, { target, rawBody: body });
    if (typeof body === 'string') {
      return serveNodeRequest(router, req, res, { target, rawBody: new TextEncoder().encode(body) });
    }
    if (body === undefined) return serveNodeRequest(router, req, res, { target });
    await router.reportError(new WebhookError(PARSED, { stage: 'adapter', status: 500, path }));
    sendAnswer(res, textAnswer(500, PARSED), false);
  };
}
