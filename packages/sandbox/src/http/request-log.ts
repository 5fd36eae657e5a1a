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

/** OAuth fields whose values are secrets, as the sandbox reads them (after decoding the key). */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['client_secret', 'token']);

/**
 * The body with secret values replaced. Keys are compared decoded, as the sandbox's own parser reads them,
 * so `client%5Fsecret=` in a form or `"client\u005fsecret"` in JSON is caught too. A JSON body holding a
 * secret is written out again (its spacing may change); a form keeps every other pair exactly as sent.
 */
function redactOAuthBody(body: string): string {
  const json = parsedObject(body);
  if (json !== undefined) {
    if (!Object.keys(json).some((key) => SECRET_FIELDS.has(key))) return body;
    const redacted = Object.fromEntries(
      Object.entries(json).map(([key, value]) => [key, SECRET_FIELDS.has(key) ? '[redacted]' : value]),
    );
    return JSON.stringify(redacted);
  }
  return body
    .split('&')
    .map((pair) => {
      const rawKey = pair.split('=', 1)[0] ?? '';
      return SECRET_FIELDS.has(decodeFormKey(rawKey)) ? `${rawKey}=[redacted]` : pair;
    })
    .join('&');
}

function parsedObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function decodeFormKey(rawKey: string): string {
  try {
    return decodeURIComponent(rawKey.replaceAll('+', ' '));
  } catch {
    return rawKey;
  }
}

function redactAuthorization(value: string): string {
  const scheme = value.split(' ')[0] ?? '';
  return `${scheme} [redacted]`;
}

/**
 * Whether the sandbox serves `target` as an OAuth endpoint. It is read the way the sandbox's router reads
 * it (dot segments resolved, an absolute form reduced to its path), so `/x/../oauth/token` counts too.
 */
function isOAuthPath(target: string | undefined): boolean {
  try {
    return new URL(target ?? '/', 'http://sandbox.invalid').pathname.startsWith('/oauth/');
  } catch {
    return true;
  }
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
  const body = isOAuthPath(request.url) ? redactOAuthBody(rawBody) : rawBody;
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
