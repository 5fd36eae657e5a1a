import type { IncomingMessage, ServerResponse } from 'node:http';
import { textAnswer, type WebhookAnswer } from '@tender/core';
import { WebhookError } from '../webhook-error.ts';
import type { WebhookRequestHead, WebhookRouter } from '../webhook-router.ts';

/**
 * What reading a body came to: all of it, too much of it (reading stopped past the limit), or nothing
 * usable because the client went away or the stream failed.
 *
 * @example
 * ```ts
 * const read: BodyRead = { kind: 'too_large', bytesRead: 1_114_112 };
 * ```
 */
export type BodyRead =
  | { readonly kind: 'complete'; readonly bytes: Uint8Array }
  | { readonly kind: 'too_large'; readonly bytesRead: number }
  | { readonly kind: 'failed' };

/**
 * The path and query of a request target (`/webhooks/k2?x=1`, or an absolute URL from a proxy). A target
 * that is not a URL yields an empty path, which no source is registered at (404).
 *
 * @example
 * ```ts
 * parseTarget('/webhooks/k2-legacy?amount=10').path; // '/webhooks/k2-legacy'
 * ```
 */
export function parseTarget(target: string | undefined): { path: string; query: URLSearchParams } {
  try {
    const url = new URL(target ?? '/', 'http://localhost');
    return { path: decodeURIComponent(url.pathname), query: url.searchParams };
  } catch {
    return { path: '', query: new URLSearchParams() };
  }
}

/**
 * The framework-free head of a Node request: method, path, query and headers with lower-case names
 * (repeated headers joined with `, `, as Node and the Fetch API do).
 *
 * @example
 * ```ts
 * const head = headOf(req, req.url);
 * ```
 */
export function headOf(req: IncomingMessage, target: string | undefined): WebhookRequestHead {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method ?? 'GET', ...parseTarget(target), headers };
}

/**
 * Reads a request body, stopping as soon as it grows past `maxBytes`: the stream is paused and left
 * unread, so an endless or huge body costs at most the limit plus one chunk of memory.
 *
 * @example
 * ```ts
 * const read = await readBody(req, router.maxBodyBytes);
 * if (read.kind === 'complete') console.log(read.bytes.length);
 * ```
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  // A stream that already ended or was destroyed emits nothing more: waiting for it would hang.
  if (req.readableEnded || req.destroyed) return Promise.resolve({ kind: 'failed' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (read: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onFailure).off('close', onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.pause();
      settle({ kind: 'too_large', bytesRead: size });
    };
    const onEnd = () => settle({ kind: 'complete', bytes: Buffer.concat(chunks, size) });
    const onFailure = () => settle({ kind: 'failed' });
    const onClose = () => {
      if (!req.complete) settle({ kind: 'failed' });
    };
    req.on('data', onData).on('end', onEnd).on('error', onFailure).on('close', onClose);
  });
}

/**
 * Writes an answer. `closeConnection` adds `Connection: close`, used when a request body is left unread
 * (a refusal before reading, a body over the limit), so Node closes the socket instead of reading the
 * rest of the body to keep the connection alive.
 *
 * @example
 * ```ts
 * sendAnswer(res, answer, false);
 * ```
 */
export function sendAnswer(res: ServerResponse, answer: WebhookAnswer, closeConnection: boolean): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-length': Buffer.byteLength(answer.body),
    ...(closeConnection ? { connection: 'close' } : {}),
  });
  res.end(answer.body);
}

/**
 * Whether a request announces a body (a non-zero `Content-Length`, or chunked transfer).
 *
 * @example
 * ```ts
 * announcesBody(req); // true for `Transfer-Encoding: chunked`
 * ```
 */
export function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
}

const STREAM_ALREADY_READ =
  'tender webhooks: the request stream was already read by another middleware, so the raw bytes are gone. ' +
  "Mount the tender middleware before any body parser, or use express.raw({ type: '*/*' }) on this path.";

/**
 * Serves one Node request with `router`: refuses from the head when possible (before reading anything),
 * reads the body with the size limit unless `rawBody` is given (a framework already read it raw), receives
 * and answers. Never rejects: an unexpected error answers 500 and is reported to `onError`.
 *
 * @example
 * ```ts
 * await serveNodeRequest(router, req, res, { target: req.url });
 * ```
 */
export async function serveNodeRequest(
  router: WebhookRouter,
  req: IncomingMessage,
  res: ServerResponse,
  input: { readonly target: string | undefined; readonly rawBody?: Uint8Array },
): Promise<void> {
  const head = headOf(req, input.target);
  try {
    const early = router.screen(head, input.rawBody?.length);
    if (early) {
      sendAnswer(res, early, input.rawBody === undefined && announcesBody(req));
      return;
    }
    if (input.rawBody === undefined && (req.readableDidRead || req.readableEnded)) {
      // Connect-style middleware mounted after a body reader: the bytes the signature covers are gone.
      await router.reportError(
        new WebhookError(STREAM_ALREADY_READ, { stage: 'adapter', status: 500, path: head.path }),
      );
      sendAnswer(res, textAnswer(500, STREAM_ALREADY_READ), false);
      return;
    }
    const read = input.rawBody
      ? { kind: 'complete' as const, bytes: input.rawBody }
      : await readBody(req, router.maxBodyBytes);
    if (read.kind === 'failed') {
      res.destroy();
      return;
    }
    if (read.kind === 'too_large') {
      const refusal = router.screen(head, read.bytesRead) ?? textAnswer(413, 'body is too large');
      sendAnswer(res, refusal, true);
      return;
    }
    sendAnswer(res, await router.receive({ ...head, rawBody: read.bytes }), false);
  } catch (error) {
    await router.reportError(
      new WebhookError('the Node adapter failed', {
        stage: 'adapter',
        status: 500,
        path: head.path,
        cause: error,
      }),
    );
    sendAnswer(res, textAnswer(500, 'internal error'), true);
  }
}
