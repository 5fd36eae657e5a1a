import { textAnswer, type WebhookAnswer } from '@tender/core';
import { WebhookError } from '../webhook-error.ts';
import type { WebhookRouter } from '../webhook-router.ts';
import type { BodyRead } from './node-io.ts';
import { parseTarget } from './node-io.ts';

/**
 * A Fetch API handler: `Request` in, `Response` out.
 *
 * @example
 * ```ts
 * const handler: FetchWebhookHandler = toFetchHandler(router);
 * ```
 */
export type FetchWebhookHandler = (request: Request) => Promise<Response>;

const USED =
  'tender webhooks: the Request body was already read (request.bodyUsed is true), so its signature cannot be ' +
  'checked over the raw bytes. Pass the Request to the tender handler before reading it (in Hono: ' +
  'handler(c.req.raw) before c.req.json()), or pass request.clone().';

/** Statuses whose responses must not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function toResponse(answer: WebhookAnswer): Response {
  return new Response(NULL_BODY.has(answer.status) ? null : answer.body, {
    status: answer.status,
    headers: answer.headers,
  });
}

/** Reads a Fetch body, cancelling the stream as soon as it grows past `maxBytes`. */
async function readFetchBody(request: Request, maxBytes: number): Promise<BodyRead> {
  if (request.body === null) return { kind: 'complete', bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return { kind: 'too_large', bytesRead: size };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'failed' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'complete', bytes };
}

/**
 * Serves `router` with the Fetch API, for Hono, Next.js route handlers, Bun, Deno and Cloudflare Workers.
 * The body is read raw from `request.body` and reading stops as soon as it passes `maxBodyBytes` (413).
 * Hand over the Request before anything reads its body; an already read one is refused with 500 and a
 * message saying so.
 *
 * @example
 * ```ts
 * const handle = toFetchHandler(router);
 * export const POST = (request: Request) => handle(request); // Next.js app/webhooks/[source]/route.ts
 * Bun.serve({ fetch: handle });
 * app.post('/webhooks/*', (c) => handle(c.req.raw)); // Hono
 * ```
 */
export function toFetchHandler(router: WebhookRouter): FetchWebhookHandler {
  return async (request) => {
    const { path, query } = parseTarget(request.url);
    const head = { method: request.method, path, query, headers: Object.fromEntries(request.headers) };
    try {
      const early = router.screen(head);
      if (early) return toResponse(early);
      if (request.bodyUsed) {
        await router.reportError(new WebhookError(USED, { stage: 'adapter', status: 500, path }));
        return toResponse(textAnswer(500, USED));
      }
      const read = await readFetchBody(request, router.maxBodyBytes);
      if (read.kind === 'failed') return toResponse(textAnswer(400, 'the request body could not be read'));
      if (read.kind === 'too_large') {
        return toResponse(router.screen(head, read.bytesRead) ?? textAnswer(413, 'body is too large'));
      }
      return toResponse(await router.receive({ ...head, rawBody: read.bytes }));
    } catch (error) {
      await router.reportError(
        new WebhookError('the Fetch adapter failed', { stage: 'adapter', status: 500, path, cause: error }),
      );
      return toResponse(textAnswer(500, 'internal error'));
    }
  };
}
