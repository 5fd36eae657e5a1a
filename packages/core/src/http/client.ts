import { ValidationError } from '../errors/validation-error.ts';
import { parseOrThrow } from '../validation/parse.ts';
import { type AttemptInit, sendAttempt } from './attempt.ts';
import { defaultErrorBody, parseJsonBody, readErrorBody } from './error-body.ts';
import { type CallContext, errorForAnswer, errorWithoutAnswer } from './errors.ts';
import { notify } from './events.ts';
import {
  type HttpClient,
  type HttpClientOptions,
  HttpClientOptionsSchema,
  type HttpRequest,
  HttpRequestSchema,
  type HttpResponse,
  type ResolvedHttpClientOptions,
  type ResolvedHttpRequest,
} from './options.ts';
import { parseRetryAfter } from './retry-after.ts';
import { honoursRetryAfter, retryDelayAfterAnswer, retryDelayWithoutAnswer } from './retry-policy.ts';
import { publicUrl, targetUrl } from './url.ts';

/**
 * Creates the HTTP client an adapter talks to its provider with: `fetch` (the global one, or an injected
 * one) with a per-attempt timeout and a user agent; bearer tokens from `auth` with one fresh-token retry on
 * 401; retries only where a repeat cannot move money twice (see retry-policy.ts); every failure mapped to a
 * TenderError whose message names the method and path and says what to do, with secrets redacted.
 *
 * Calls go to `fetch` directly rather than through ky: measured against a local server, ky 2.1 cost about
 * a quarter of a plain `fetch`'s throughput per call (it builds a `Request` for each call, which undici then
 * copies again, deep-merges options and headers, and races its own timeout with `AbortSignal.any`), while
 * tender used none of what it adds: its retries, error types and body shortcuts were all turned off or
 * replaced by tender's own policy and errors.
 *
 * @example
 * ```ts
 * const events = createHttpEvents();
 * const tokens = createTokenManager({ fetchToken: clientCredentialsFetcher({ http: oauth, ...credentials }), events });
 * const http = createHttpClient({
 *   provider: 'k2',
 *   baseUrl: 'https://sandbox.kopokopo.com',
 *   auth: tokens,
 *   events,
 *   parseErrorBody: parseK2ErrorBody,
 *   secrets: [clientSecret],
 * });
 * const { location } = await http.request({
 *   method: 'POST',
 *   path: '/api/v2/incoming_payments',
 *   json: payload,
 *   operation: 'collect',
 *   movesMoney: true,
 * });
 * ```
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const config = parseOrThrow(HttpClientOptionsSchema, options, 'Invalid HTTP client options');
  const client: PreparedClient = {
    config,
    // The global fetch is looked up at each call, so fetch mocks installed after creation still apply.
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    origin: new URL(config.baseUrl).origin,
    defaultHeaders: { accept: 'application/json', 'user-agent': config.userAgent },
  };
  return {
    provider: config.provider,
    baseUrl: config.baseUrl,
    request: <T>(request: HttpRequest) => call<T>(client, request),
  };
}

/** What every call of one client shares, worked out once when the client is created. */
interface PreparedClient {
  readonly config: ResolvedHttpClientOptions;
  readonly fetch: typeof fetch;
  /** The base URL's origin, the only one the bearer token is sent to. */
  readonly origin: string;
  /** Sent with every call unless the call's own headers replace them; names in lower case. */
  readonly defaultHeaders: Readonly<Record<string, string>>;
}

async function call<T>(client: PreparedClient, input: HttpRequest): Promise<HttpResponse<T>> {
  const { config } = client;
  const request = checkRequest(input, config.provider);
  const url = targetUrl(config.baseUrl, request);
  const auth = authFor(client, request, url);
  const init = requestInit(client, request);
  const baseHeaders = requestHeaders(client, request);
  const href = url.href;
  const shown = publicUrl(url);
  const policy = config.retry;
  const { method, movesMoney } = request;

  let attempt = 0;
  let retries = 0;
  let tokenRefreshed = false;
  for (;;) {
    attempt += 1;
    const token = auth === undefined ? undefined : await auth.getToken();
    const headers = token === undefined ? baseHeaders : { ...baseHeaders, authorization: `Bearer ${token}` };
    notify(config.events, 'request', { method, url: shown, attempt });
    const started = performance.now();
    const outcome = await sendAttempt(client.fetch, href, init, headers, config.timeoutMs);

    if (outcome.kind !== 'answer') {
      const delayMs = retryDelayWithoutAnswer(movesMoney, retries + 1, policy);
      if (delayMs === undefined) {
        throw errorWithoutAnswer(callContext(config, request, url, attempt, token), outcome);
      }
      retries += 1;
      notify(config.events, 'retry', { method, url: shown, attempt, delayMs, reason: outcome.kind });
      await sleep(delayMs);
      continue;
    }

    const { response, text } = outcome;
    const { status } = response;
    notify(config.events, 'response', {
      method,
      url: shown,
      status,
      durationMs: Math.round(performance.now() - started),
    });
    if (status >= 200 && status < 300) return toHttpResponse<T>(response, text);

    // A refused token means the provider did nothing, whatever the call: one retry with a fresh token.
    if (status === 401 && auth !== undefined && token !== undefined && !tokenRefreshed) {
      auth.invalidate(token);
      tokenRefreshed = true;
      notify(config.events, 'retry', {
        method,
        url: shown,
        attempt,
        delayMs: 0,
        reason: 'token_rejected',
        status,
      });
      continue;
    }

    const retryAfterMs = honoursRetryAfter(status)
      ? parseRetryAfter(response.headers.get('retry-after'))
      : undefined;
    const delayMs = retryDelayAfterAnswer({ status, retryAfterMs, movesMoney }, retries + 1, policy);
    if (delayMs === undefined) {
      const parseErrorBody = request.parseErrorBody ?? config.parseErrorBody ?? defaultErrorBody;
      const parsed = readErrorBody(parseErrorBody, parseJsonBody(text), text);
      throw errorForAnswer(callContext(config, request, url, attempt, token), {
        status,
        providerCode: parsed.code,
        providerMessage: parsed.message,
        retryAfterMs,
        tokenRefreshed,
      });
    }
    retries += 1;
    notify(config.events, 'retry', { method, url: shown, attempt, delayMs, reason: 'status', status });
    await sleep(delayMs);
  }
}

/** What the error of a failed call says about it; built only when the call fails. */
function callContext(
  config: ResolvedHttpClientOptions,
  request: ResolvedHttpRequest,
  url: URL,
  attempts: number,
  token: string | undefined,
): CallContext {
  return {
    provider: config.provider,
    operation: request.operation,
    method: request.method,
    path: url.pathname,
    movesMoney: request.movesMoney,
    timeoutMs: config.timeoutMs,
    maxRetryAfterMs: config.retry.maxRetryAfterMs,
    attempts,
    secrets: [...config.secrets, ...(request.secrets ?? []), token],
  };
}

/**
 * The token source for this call, if it sends one. A bearer token goes only to the base URL's origin: an
 * absolute `url` elsewhere (a Location pointing to another host) would hand the token to that host.
 */
function authFor(client: PreparedClient, request: ResolvedHttpRequest, url: URL) {
  const { config } = client;
  const wanted = request.auth ?? config.auth !== undefined;
  if (!wanted) return undefined;
  const context = { provider: config.provider, operation: request.operation };
  if (config.auth === undefined) {
    throw new ValidationError(
      'Invalid HTTP request',
      [{ path: 'auth', message: 'asks for a bearer token but the client has no auth source' }],
      context,
    );
  }
  if (url.origin !== client.origin) {
    throw new ValidationError(
      'Invalid HTTP request',
      [{ path: 'url', message: `is not on ${client.origin}; the bearer token is only sent there` }],
      context,
    );
  }
  return config.auth;
}

/** The checked request: valibot's copy, since the adapter's own object is no plain JSON of ours. */
function checkRequest(input: HttpRequest, provider: string): ResolvedHttpRequest {
  return parseOrThrow(HttpRequestSchema, input, 'Invalid HTTP request', { provider });
}

/** The parts of the `fetch` init that stay the same across attempts, the body serialised once. */
function requestInit(client: PreparedClient, request: ResolvedHttpRequest): AttemptInit {
  let body: string | null = null;
  if (request.json !== undefined) body = jsonBody(client, request);
  else if (request.form !== undefined) body = new URLSearchParams(request.form).toString();
  return {
    method: request.method,
    body,
    // A redirect would turn a POST into a GET behind the caller's back, or repeat its body (a token request
    // holds the client secret) to wherever the redirect points: calls with a body, and calls that move
    // money, see the redirect instead of following it.
    redirect: request.movesMoney || body !== null ? 'manual' : 'follow',
    successNeedsNoBody: request.movesMoney,
  };
}

/**
 * The headers of every attempt but the bearer token. Names are lower-cased so that a call's own header
 * replaces a default whatever its letter case, as `Headers#set` would.
 */
function requestHeaders(client: PreparedClient, request: ResolvedHttpRequest): Record<string, string> {
  const headers: Record<string, string> = { ...client.defaultHeaders };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  else if (request.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (request.headers !== undefined) {
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** The JSON text of the call's `json`, or a ValidationError (before anything is sent) when it has none. */
function jsonBody(client: PreparedClient, request: ResolvedHttpRequest): string {
  let text: string | undefined;
  let reason = 'has no JSON form';
  try {
    text = JSON.stringify(request.json);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (text !== undefined) return text;
  throw new ValidationError(
    'Invalid HTTP request',
    [{ path: 'json', message: `cannot be sent as JSON: ${reason}` }],
    { provider: client.config.provider, operation: request.operation },
  );
}

function toHttpResponse<T>(response: Response, text: string): HttpResponse<T> {
  const location = response.headers.get('location');
  const body = parseJsonBody(text) as T | undefined;
  const base = { status: response.status, headers: response.headers, body, text };
  return location === null ? base : { ...base, location };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
