import type { WebhookRequest, WebhookSource } from '@tender/core';

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
 * A registered source as the pipeline sees it.
 *
 * @example
 * ```ts
 * const route: Route = { name: 'k2', path: '/webhooks/k2', source };
 * ```
 */
export interface Route {
  readonly name: string;
  readonly path: string;
  readonly source: WebhookSource;
}

/**
 * Why a delivery is refused before verification, with the status to answer and any header the answer
 * must carry (`Allow` for 405).
 *
 * @example
 * ```ts
 * const refusal: Refusal = { status: 405, message: 'method GET is not allowed; use POST', headers: { allow: 'POST' } };
 * ```
 */
export interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The path a source is registered under or a request is routed by: trailing slashes do not count, so
 * `/webhooks/k2/` reaches the source registered at `/webhooks/k2`.
 *
 * @example
 * ```ts
 * normalizePath('/webhooks/k2/'); // '/webhooks/k2'
 * ```
 */
export function normalizePath(path: string): string {
  if (path.length > 1 && !path.endsWith('/')) return path;
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * The body length a request declares in `Content-Length`, or `undefined` when it declares none (chunked)
 * or an unreadable one (the body is then measured as it is read).
 *
 * @example
 * ```ts
 * declaredLength({ 'content-length': '42' }); // 42
 * ```
 */
export function declaredLength(headers: WebhookRequestHead['headers']): number | undefined {
  const value = headers['content-length'];
  return value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function tooLarge(maxBodyBytes: number): Refusal {
  return { status: 413, message: `body is larger than ${maxBodyBytes} bytes` };
}

/** `type/subtype` in lower case, without parameters; `undefined` for a missing or blank header. */
function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Media types are echoed in refusals only when they look like one, so no header junk is reflected. */
function quoted(type: string): string {
  return /^[\w!#$&^.+-]{1,64}\/[\w!#$&^.+-]{1,64}$/.test(type) ? ` "${type}"` : '';
}

/**
 * The checks that need no verification, in the order they are answered: wrong method (405), unsupported
 * content type (415), body over the limit (413). `bodyLength` is the body's size when known: the real size
 * once read, the declared one before. A missing `Content-Type` is accepted only for an empty body, because
 * some providers (legacy K2) send their fields in the query string with no body at all.
 *
 * @example
 * ```ts
 * screenDelivery(route, head, 2_000_000, 1_048_576); // { status: 413, message: 'body is larger than 1048576 bytes' }
 * ```
 */
export function screenDelivery(
  route: Route,
  head: WebhookRequestHead,
  bodyLength: number | undefined,
  maxBodyBytes: number,
): Refusal | undefined {
  if (head.method !== 'POST' && head.method.toUpperCase() !== 'POST') {
    return {
      status: 405,
      message: `method ${head.method.toUpperCase().slice(0, 16)} is not allowed; use POST`,
      headers: { allow: 'POST' },
    };
  }
  const header = head.headers['content-type'];
  const accepted = route.source.contentTypes;
  // The usual delivery names an accepted type exactly as the source lists it: nothing to parse.
  if (header !== undefined && accepted.includes(header)) {
    return bodyLength !== undefined && bodyLength > maxBodyBytes ? tooLarge(maxBodyBytes) : undefined;
  }
  const acceptedTypes = accepted.map((type) => type.toLowerCase());
  const type = mediaType(header);
  if (type === undefined ? bodyLength !== undefined && bodyLength > 0 : !acceptedTypes.includes(type)) {
    const problem = type === undefined ? 'missing Content-Type' : `unsupported Content-Type${quoted(type)}`;
    return { status: 415, message: `${problem}; send ${acceptedTypes.join(' or ')}` };
  }
  return bodyLength !== undefined && bodyLength > maxBodyBytes ? tooLarge(maxBodyBytes) : undefined;
}
