import ky, { type KyInstance, type Options } from 'ky';
import { ValidationError } from '../errors/validation-error.ts';
import { parseOrThrow } from '../validation/parse.ts';
import { sendAttempt } from './attempt.ts';
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
 * Creates the HTTP client an adapter talks to its provider with: one ky instance with a timeout, a user
 * agent and an injectable `fetch`; bearer tokens from `auth` with one fresh-token retry on 401; retries only
 * where a repeat cannot move money twice (see retry-policy.ts); every failure mapped to a TenderError whose
 * message names the method and path and says what to do, with secrets redacted.
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
  // The global fetch is looked up at each call, so fetch mocks installed after creation still apply.
  const fetchFunction = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const instance = ky.create({
    timeout: config.timeoutMs,
    // ky never retries on its own: the loop in `call` applies tender's policy, so nothing is repeated twice.
    retry: 0,
    // Error answers come back as responses and are mapped by tender, so no ky error type ever escapes.
    throwHttpErrors: false,
    fetch: fetchFunction,
    headers: { accept: 'application/json', 'user-agent': config.userAgent },
  });
  return {
    provider: config.provider,
    baseUrl: config.baseUrl,
    request: <T>(request: HttpRequest) => call<T>(instance, config, request),
  };
}

async function call<T>(
  instance: KyInstance,
  config: ResolvedHttpClientOptions,
  input: HttpRequest,
): Promise<HttpResponse<T>> {
  const request = parseOrThrow(HttpRequestSchema, input, 'Invalid HTTP request', {
    provider: config.provider,
  });
  const url = targetUrl(config.baseUrl, request);
  const auth = authFor(config, request, url);
  const init = requestInit(request);
  const shown = publicUrl(url);
  const policy = config.retry;
  const parseErrorBody = request.parseErrorBody ?? config.parseErrorBody ?? defaultErrorBody;
  const { method, movesMoney } = request;

  let attempt = 0;
  let retries = 0;
  let tokenRefreshed = false;
  for (;;) {
    attempt += 1;
    const token = auth === undefined ? undefined : await auth.getToken();
    const headers = new Headers(init.headers);
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    notify(config.events, 'request', { method, url: shown, attempt });
    const started = performance.now();
    const outcome = await sendAttempt(instance, url, { ...init, headers }, config.timeoutMs);
    const context: CallContext = {
      provider: config.provider,
      operation: request.operation,
      method,
      path: url.pathname,
      movesMoney,
      timeoutMs: config.timeoutMs,
      maxRetryAfterMs: policy.maxRetryAfterMs,
      attempts: attempt,
      secrets: [...config.secrets, ...(request.secrets ?? []), token],
    };

    if (outcome.kind !== 'answer') {
      const delayMs = retryDelayWithoutAnswer(movesMoney, retries + 1, policy);
      if (delayMs === undefined) throw errorWithoutAnswer(context, outcome);
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
      const parsed = readErrorBody(parseErrorBody, parseJsonBody(text), text);
      throw errorForAnswer(context, {
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

/**
 * The token source for this call, if it sends one. A bearer token goes only to the base URL's origin: an
 * absolute `url` elsewhere (a Location pointing to another host) would hand the token to that host.
 */
function authFor(config: ResolvedHttpClientOptions, request: ResolvedHttpRequest, url: URL) {
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
  if (url.origin !== new URL(config.baseUrl).origin) {
    throw new ValidationError(
      'Invalid HTTP request',
      [
        {
          path: 'url',
          message: `is not on ${new URL(config.baseUrl).origin}; the bearer token is only sent there`,
        },
      ],
      context,
    );
  }
  return config.auth;
}

/** The parts of the ky options that stay the same across attempts. */
function requestInit(request: ResolvedHttpRequest): Omit<Options, 'signal'> & { headers: Headers } {
  const headers = new Headers();
  const init: Omit<Options, 'signal'> & { headers: Headers } = {
    method: request.method,
    headers,
    // A redirect would turn a POST into a GET behind the caller's back; calls that move money see it instead.
    redirect: request.movesMoney ? 'manual' : 'follow',
  };
  if (request.json !== undefined) {
    headers.set('content-type', 'application/json');
    init.json = request.json;
  } else if (request.form !== undefined) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    init.body = new URLSearchParams(request.form).toString();
  }
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
  if (request.searchParams !== undefined) init.searchParams = request.searchParams;
  return init;
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
