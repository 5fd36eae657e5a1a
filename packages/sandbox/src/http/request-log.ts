/**
 * The requests a sandbox received, for tests to inspect. Bodies are kept as sent, except that the values of
 * `client_secret` and `token` in OAuth bodies read `[redacted]`; the `authorization` header is kept only up
 * to its scheme (`Bearer [redacted]`). So no secret or token ends up in a test's output, while the encoding
 * and the fields a client sent stay visible.
 */
import type { IncomingMessage } from 'node:http';

/**
 * One received request and the status it was answered with.
 *
 * @example
 * ```ts
 * sandbox.requests().find((request) => request.path === '/api/v2/incoming_payments')?.json;
 * ```
 */
export interface ReceivedRequest {
  readonly at: Date;
  readonly method: string;
  /** Path and query as received, e.g. `/api/v2/send_money`. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body text as sent (OAuth secrets and tokens redacted). */
  readonly body: string;
  /** The body parsed as JSON, when it was JSON. */
  readonly json?: unknown;
  status?: number;
}

const FORM_SECRET = /(^|&)(client_secret|token)=[^&]*/g;
const JSON_SECRET = /"(client_secret|token)"(\s*:\s*)"(?:[^"\\]|\\.)*"/g;

function redactOAuthBody(body: string): string {
  return body.replace(FORM_SECRET, '$1$2=[redacted]').replace(JSON_SECRET, '"$1"$2"[redacted]"');
}

function redactAuthorization(value: string): string {
  const scheme = value.split(' ')[0] ?? '';
  return `${scheme} [redacted]`;
}

/**
 * Builds the log record of `request` with its body text.
 *
 * @example
 * ```ts
 * log.push(receivedRequest(request, bodyText, new Date()));
 * ```
 */
export function receivedRequest(request: IncomingMessage, rawBody: string, at: Date): ReceivedRequest {
  const body = (request.url ?? '').startsWith('/oauth/') ? redactOAuthBody(rawBody) : rawBody;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = name === 'authorization' ? redactAuthorization(text) : text;
  }
  let json: unknown;
  try {
    json = body === '' ? undefined : (JSON.parse(body) as unknown);
  } catch {
    json = undefined;
  }
  return {
    at,
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers,
    body,
    ...(json === undefined ? {} : { json }),
  };
}
