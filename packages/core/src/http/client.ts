import ky, { isHTTPError, isTimeoutError, type KyInstance, type Options } from 'ky';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.ts';
import { ProviderError } from '../errors/provider-error.ts';
import { TenderError } from '../errors/tender-error.ts';
import { ValidationError } from '../errors/validation-error.ts';
import { parseOrThrow } from '../validation/parse.ts';
import { defaultErrorBody, parseJsonBody, readErrorBody } from './error-body.ts';
import { type CallContext, errorForAnswer, errorWithoutAnswer } from './errors.ts';
import { notify, type RetryReason } from './events.ts';
import * as o from './options.ts';
import { readBody } from './read-body.ts';
import { parseRetryAfter } from './retry-after.ts';
import { createHttpTelemetry } from './telemetry.ts';

/** Statuses that mean "try again later" to a call that cannot move money twice. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Creates the HTTP client an adapter talks to its provider with: one ky instance (base URL, timeout, user
 * agent, injectable `fetch`, hooks) and, on top, only what is tender's own:
 *
 * - Retries only where a repeat cannot move money twice: a call with `movesMoney: false` (GETs, status
 *   queries, token requests) is repeated after no answer and after 408/429/5xx, waiting what `Retry-After`
 *   says up to `retry.maxRetryAfterMs`, else backing off from `retry.backoffMs`. A call that moves money is
 *   never re-sent, whatever the answer: a proxy's 503 may come after it forwarded the payment.
 * - A refused bearer token (401) is dropped and the call sent once more with a fresh one: nothing was done.
 * - Credentials never follow a redirect; a body is read up to `maxResponseBytes`; a money-moving call whose
 *   2xx body breaks off keeps its answer; every failure is a TenderError naming the call, secrets redacted.
 *
 * @example
 * ```ts
 * const http = createHttpClient({ provider: 'k2', baseUrl: 'https://sandbox.kopokopo.com', auth: tokens, events });
 * const { location } = await http.request({ method: 'POST', path: '/api/v2/incoming_payments', json, operation: 'collect', movesMoney: true });
 * ```
 */
export function createHttpClient(options: o.HttpClientOptions): o.HttpClient {
  const config = parseOrThrow(o.HttpClientOptionsSchema, options, 'Invalid HTTP client options');
  const api = ky.create({
    prefix: config.baseUrl,
    timeout: config.timeoutMs,
    headers: { accept: 'application/json', 'user-agent': config.userAgent },
    // No afterResponse hook: ky copies every answer for each one. The 401 and "not now" answers reach
    // `shouldRetry` as HTTPErrors instead, and a 2xx comes back whole, its body read here with a cap.
    hooks: {
      beforeRequest: [({ request, options }) => beforeSend(request, options.context.call as Call)],
      beforeRetry: [({ request, options }) => beforeSend(request, options.context.call as Call)],
    },
  });
  const origin = new URL(config.baseUrl).origin;
  // The global fetch is looked up at each call, so fetch mocks installed after creation still apply.
  const fetchFunction: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Spans and debug lines listen to the call's events (telemetry.ts), which it forwards to `config.events`.
  const telemetry = createHttpTelemetry(config);
  const observed = { ...config, events: telemetry.events };
  return {
    provider: config.provider,
    baseUrl: config.baseUrl,
    request: (request) =>
      telemetry.call(request, (id) => send(api, observed, origin, fetchFunction, request, id)),
  };
}

/** One call on its way, shared by the hooks of all its sends through ky's `context`. */
interface Call {
  readonly config: o.ResolvedHttpClientOptions;
  readonly request: o.ResolvedHttpRequest;
  readonly auth: o.TokenSource | undefined;
  readonly event: { requestId: string; operation: string; method: string; url: string; attempt: number };
  path: string;
  token?: string;
  retries: number;
  tokenRefreshed?: boolean;
  sentAt?: number;
  delayMs: number;
  /** What a hook threw that is not about the answer (a token that could not be fetched). */
  hookError?: unknown;
}

async function send<T>(
  api: KyInstance,
  config: o.ResolvedHttpClientOptions,
  origin: string,
  fetchFunction: typeof fetch,
  input: o.HttpRequest,
  requestId: string,
): Promise<o.HttpResponse<T>> {
  const { provider } = config;
  const request = parseOrThrow(o.HttpRequestSchema, input, 'Invalid HTTP request', { provider });
  const { method, operation, movesMoney, json, form, multipart } = request;
  const invalid = (path: string, message: string) =>
    new ValidationError('Invalid HTTP request', [{ path, message }], { provider, operation });
  const target = request.url === undefined ? (request.path ?? '') : new URL(request.url);
  const auth = (request.auth ?? true) ? config.auth : undefined;
  if (request.auth && !auth)
    throw invalid('auth', 'asks for a bearer token but the client has no auth source');
  if (auth && typeof target !== 'string' && target.origin !== origin) {
    throw invalid('url', `is not on ${origin}; the bearer token is only sent there`);
  }
  let body: string | FormData | undefined = multipart ?? request.text;
  const headers: Record<string, string> = {};
  // A multipart body gets its Content-Type (with the boundary) from fetch itself.
  if (request.text !== undefined) headers['content-type'] = 'text/plain';
  else if (multipart === undefined) {
    try {
      body = form ? new URLSearchParams(form).toString() : JSON.stringify(json);
      if (body === undefined && json !== undefined) throw new Error('has no JSON form');
    } catch (error) {
      throw invalid('json', `cannot be sent as JSON: ${(error as Error).message}`);
    }
    if (body !== undefined)
      headers['content-type'] = `application/${form ? 'x-www-form-urlencoded' : 'json'}`;
  }
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const event = { requestId, operation, method, url: '', attempt: 0 };
  const call: Call = { config, request, auth, event, path: request.path ?? '', retries: 0, delayMs: 0 };
  const options: Options = {
    method,
    headers,
    // A redirect would repeat a body (a token request holds the client secret) or a bearer token to wherever
    // it points, or turn a POST into a GET: such calls see the redirect instead of following it.
    redirect: body !== undefined || movesMoney || auth ? 'manual' : 'follow',
    // ky asks `shouldRetry` about every failure (its own limit is never the one that stops a call), and
    // waits what it decided.
    retry: {
      limit: config.retry.limit + 2,
      methods: [method.toLowerCase()],
      shouldRetry: ({ error }) => shouldRetry(call, error),
      delay: () => call.delayMs,
    },
    context: { call },
    // ky's Request goes to fetch as its URL and a plain init with the body text: handed a Request, undici
    // copies it, and the copy ky keeps for a retry turns the body into a stream sent chunked.
    fetch: (input) => {
      const request = input as Request; // ky always calls fetch with its Request
      return fetchFunction(request.url, {
        method,
        headers: request.headers,
        body: body ?? null,
        redirect: request.redirect,
        signal: request.signal,
      });
    },
    ...(request.searchParams && { searchParams: request.searchParams }),
  };
  let response: Response;
  try {
    response = await api(target, options);
  } catch (error) {
    if (error instanceof TenderError || error === call.hookError) throw error;
    if (isHTTPError(error)) throw errorAnswer(call, error.response, error.data);
    throw noAnswer(call, isTimeoutError(error) ? 'timeout' : 'network', error);
  }
  const read = await readBody(response, config.maxResponseBytes, config.timeoutMs);
  notifyAnswer(call, response.status);
  // The provider said yes (a 201 with its Location, say) and only the body broke off or ran over: status and
  // headers are the answer; "no answer" would hide a payment that was accepted.
  let text = '';
  if (read.kind === 'text') text = read.text;
  else if (!movesMoney) {
    if (read.kind === 'too_large') throw tooLarge(call, response.status);
    throw noAnswer(call, read.kind, read.kind === 'network' ? read.error : undefined);
  }
  const { status, headers: answerHeaders } = response;
  const location = answerHeaders.get('location');
  return {
    status,
    headers: answerHeaders,
    body: parseJsonBody(text) as T,
    text,
    ...(location && { location }),
  };
}

/** An error answer (its body as ky read it) as the TenderError the caller gets. */
function errorAnswer(call: Call, response: Response, data: unknown): TenderError {
  const { status } = response;
  const text = typeof data === 'string' ? data : data === undefined ? '' : JSON.stringify(data);
  const parser = call.request.parseErrorBody ?? call.config.parseErrorBody ?? defaultErrorBody;
  const { code, message } = readErrorBody(parser, text);
  const retryAfterMs = retryAfterOf(response);
  const { tokenRefreshed = false } = call;
  return errorForAnswer(contextOf(call), {
    status,
    providerCode: code,
    providerMessage: message,
    retryAfterMs,
    tokenRefreshed,
  });
}

function retryAfterOf({ status, headers }: Response): number | undefined {
  return status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after')) : undefined;
}

/** Before every send: the current bearer token, and the `request` event. */
async function beforeSend(request: Request, call: Call): Promise<void> {
  if (call.auth !== undefined) {
    try {
      call.token = await call.auth.getToken();
    } catch (error) {
      call.hookError = error;
      throw error;
    }
    request.headers.set('authorization', `Bearer ${call.token}`);
  }
  if (call.event.attempt === 0) {
    const url = new URL(request.url);
    call.path = url.pathname;
    call.event.url = `${url.origin}${url.pathname}`;
  }
  call.event.attempt += 1;
  if (call.config.events === undefined) return;
  notify(call.config.events, 'request', { ...call.event });
  call.sentAt = performance.now();
}

/**
 * Whether to send a failed call again: once with a fresh token after a 401, and, for a call that moves no
 * money, after a "not now" status or no answer. When so, the delay is set and the `retry` event emitted.
 */
function shouldRetry(call: Call, error: Error): boolean {
  if (!isHTTPError(error)) return retryWithoutAnswer(call, isTimeoutError(error) ? 'timeout' : 'network');
  const { status } = error.response;
  notifyAnswer(call, status);
  if (status === 401 && call.token !== undefined && !call.tokenRefreshed) {
    call.auth?.invalidate(call.token);
    call.tokenRefreshed = true;
    notifyRetry(call, 0, { reason: 'token_rejected', status });
    return true;
  }
  const delayMs = RETRYABLE_STATUSES.has(status) ? retryDelay(call, retryAfterOf(error.response)) : undefined;
  if (delayMs !== undefined) notifyRetry(call, delayMs, { reason: 'status', status });
  return delayMs !== undefined;
}

function notifyAnswer(call: Call, status: number): void {
  if (call.config.events === undefined) return;
  const durationMs = Math.round(performance.now() - (call.sentAt ?? 0));
  notify(call.config.events, 'response', { ...call.event, status, durationMs });
}

/** Whether to send again after no answer; if so, the delay is set and the `retry` event emitted. */
function retryWithoutAnswer(call: Call, reason: 'timeout' | 'network'): boolean {
  const delayMs = retryDelay(call, undefined);
  if (delayMs !== undefined) notifyRetry(call, delayMs, { reason });
  return delayMs !== undefined;
}

function notifyRetry(call: Call, delayMs: number, why: { reason: RetryReason; status?: number }): void {
  if (why.reason !== 'token_rejected') call.retries += 1;
  call.delayMs = delayMs;
  notify(call.config.events, 'retry', { ...call.event, delayMs, ...why });
}

/** The wait before repeating a call that moves no money, or `undefined` not to repeat it. */
function retryDelay(call: Call, retryAfterMs: number | undefined): number | undefined {
  const { limit, maxRetryAfterMs, backoffMs } = call.config.retry;
  if (call.request.movesMoney || call.retries >= limit) return undefined;
  if (retryAfterMs !== undefined) return retryAfterMs <= maxRetryAfterMs ? retryAfterMs : undefined;
  return Math.min(backoffMs * 2 ** call.retries, maxRetryAfterMs);
}

function noAnswer(call: Call, kind: 'timeout' | 'network', cause: unknown): TenderError {
  const error = errorWithoutAnswer(contextOf(call), kind, cause);
  if (error instanceof OutcomeUnknownError)
    notify(call.config.events, 'outcome.unknown', { ...call.event, reason: kind });
  return error;
}

function tooLarge({ config: { provider, maxResponseBytes: max }, request, path }: Call, status: number) {
  const message = `${provider} answered ${status} to ${request.method} ${path} (${request.operation}) with a body over maxResponseBytes (${max} bytes), left unread; raise maxResponseBytes if such answers are expected.`;
  return new ProviderError(message, { provider, operation: request.operation, status });
}

function contextOf({ config, request, path, event, token }: Call): CallContext {
  return {
    ...request,
    provider: config.provider,
    path,
    timeoutMs: config.timeoutMs,
    maxRetryAfterMs: config.retry.maxRetryAfterMs,
    attempts: event.attempt,
    secrets: [...config.secrets, ...(request.secrets ?? []), token],
  };
}
